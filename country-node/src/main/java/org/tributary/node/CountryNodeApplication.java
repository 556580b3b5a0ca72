package org.tributary.node;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** A country node: the national agency's own case store and, later, its federation release API. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CountryNodeApplication {

    public static void main(String[] args) {
        // TRIBUTARY_MIGRATE_ONLY=true: apply the migrations as the database's owner and exit (an init step).
        if (org.tributary.support.db.MigrateOnly.runIfAsked(args)) {
            return;
        }
        SpringApplication.run(CountryNodeApplication.class, args);
    }
}
