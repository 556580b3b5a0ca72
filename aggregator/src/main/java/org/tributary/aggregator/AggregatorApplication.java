package org.tributary.aggregator;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The regional aggregator: asks every country node the same protected question and keeps the region's figures. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class AggregatorApplication {

    public static void main(String[] args) {
        // verify-release <release.json> <keys.json>: the offline verifier, without starting the service.
        if (args.length > 0 && args[0].equals("verify-release")) {
            System.exit(org.tributary.aggregator.verification.VerifyRelease.run(
                    java.util.Arrays.copyOfRange(args, 1, args.length)));
        }
        // TRIBUTARY_MIGRATE_ONLY=true: apply the migrations as the database's owner and exit (an init step).
        if (org.tributary.support.db.MigrateOnly.runIfAsked(args)) {
            return;
        }
        SpringApplication.run(AggregatorApplication.class, args);
    }
}
