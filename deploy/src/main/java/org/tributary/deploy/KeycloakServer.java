package org.tributary.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The real Keycloak (the {@code keycloak-quarkus-dist} zip from Maven Central, unpacked by the build) in dev mode,
 * importing realm {@code tributary} from {@code deploy/keycloak}. Each run directory gets its own Keycloak home
 * (scripts and configuration copied, the large {@code lib}, {@code providers} and {@code themes} linked) so that its
 * database and imports are its own.
 */
public final class KeycloakServer {

    /** Demo values, public in the repository, used only by the local federation and the tests. */
    public static final String DEMO_ADMIN_PASSWORD = "demo-admin-password";

    public static final String DEMO_AGGREGATOR_SECRET = "demo-aggregator-secret";
    public static final String DEMO_CONSOLE_SECRET = "demo-console-secret";
    /** The DEMO secret of the monitoring client (Prometheus) in the local federation and the tests. */
    public static final String DEMO_MONITORING_SECRET = "demo-monitoring-secret";
    /** The DEMO secret of the web application's client (the gateway) in the local federation and the tests. */
    public static final String DEMO_PORTAL_SECRET = "demo-portal-secret";

    private KeycloakServer() {}

    /** The realm's issuer URL on this port. */
    public static URI issuer(int port) {
        return URI.create("http://127.0.0.1:" + port + "/realms/tributary");
    }

    /**
     * Starts Keycloak on {@code port}; {@code inMemory} keeps its database in memory (tests), else in the run
     * directory (kept between runs). {@code gatewayUrl}: where the web application's sign-in returns to.
     */
    public static ManagedProcess start(
            Path distribution, List<Path> realmFiles, Path runDir, int port, boolean inMemory, String gatewayUrl) {
        Path home = prepareHome(distribution, realmFiles, runDir.resolve("keycloak"));
        List<String> command = new ArrayList<>(List.of(
                home.resolve("bin/kc.sh").toString(),
                "start-dev",
                "--import-realm",
                "--http-host=127.0.0.1",
                "--http-port=" + port,
                "--hostname-strict=false",
                "--cache=local",
                "--db=" + (inMemory ? "dev-mem" : "dev-file"),
                "--log-level=WARN,org.keycloak.services:INFO,io.quarkus:INFO"));
        Map<String, String> env = Map.ofEntries(
                Map.entry("JAVA_HOME", System.getProperty("java.home")),
                Map.entry("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx384m -XX:MaxMetaspaceSize=256m"),
                Map.entry("KC_BOOTSTRAP_ADMIN_USERNAME", "admin"),
                Map.entry("KC_BOOTSTRAP_ADMIN_PASSWORD", DEMO_ADMIN_PASSWORD),
                Map.entry("TRIBUTARY_DEMO_PASSWORD_GRANT", "true"),
                Map.entry("TRIBUTARY_AGGREGATOR_CLIENT_SECRET", DEMO_AGGREGATOR_SECRET),
                Map.entry("TRIBUTARY_SECURITY_CONSOLE_CLIENT_SECRET", DEMO_CONSOLE_SECRET),
                Map.entry("TRIBUTARY_MONITORING_CLIENT_SECRET", DEMO_MONITORING_SECRET),
                // The web application signs in through the gateway: its address here and as localhost.
                Map.entry("TRIBUTARY_PORTAL_CLIENT_SECRET", DEMO_PORTAL_SECRET),
                Map.entry("TRIBUTARY_PORTAL_REDIRECT_URI", gatewayUrl + "/login/oauth2/code/keycloak"),
                Map.entry(
                        "TRIBUTARY_PORTAL_REDIRECT_URI_ALT",
                        gatewayUrl.replace("127.0.0.1", "localhost") + "/login/oauth2/code/keycloak"),
                Map.entry(
                        "TRIBUTARY_PORTAL_POST_LOGOUT_URIS",
                        gatewayUrl + "/app/##" + gatewayUrl.replace("127.0.0.1", "localhost") + "/app/"));
        URI readiness = URI.create(issuer(port) + "/.well-known/openid-configuration");
        return ManagedProcess.start("keycloak", command, env, readiness, runDir);
    }

    static Path prepareHome(Path distribution, List<Path> realmFiles, Path home) {
        try {
            if (!Files.isRegularFile(distribution.resolve("bin/kc.sh"))) {
                throw new IllegalStateException("No Keycloak distribution at " + distribution
                        + ": build the project first (./mvnw -B install -DskipTests)");
            }
            Files.createDirectories(home);
            for (String linked : List.of("lib", "providers", "themes")) {
                Path link = home.resolve(linked);
                if (!Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    Files.createSymbolicLink(link, distribution.resolve(linked).toAbsolutePath());
                }
            }
            for (String copied : List.of("bin", "conf")) {
                copyTree(distribution.resolve(copied), home.resolve(copied));
            }
            home.resolve("bin/kc.sh").toFile().setExecutable(true);
            Path imports = home.resolve("data/import");
            Files.createDirectories(imports);
            try (Stream<Path> old = Files.list(imports)) {
                for (Path p : old.toList()) {
                    Files.delete(p);
                }
            }
            for (Path realmFile : realmFiles) {
                Files.copy(realmFile, imports.resolve(realmFile.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
            return home;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the Keycloak home " + home, e);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : files.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }
}
