package org.tributary.deploy;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What a federation run starts, and where.
 *
 * @param home the build's federation directory: {@code lib/*.jar} and the unpacked {@code keycloak}
 * @param realmFiles the realm export (and demo users) Keycloak imports
 * @param runDir where logs, PID files and data go
 * @param countries the country nodes, ISO alpha-2 (KH, TH, VN by default)
 * @param cases generated sample cases per node (deterministic, seeded by the node's position)
 * @param keycloakPort Keycloak's port
 * @param gatewayPort the gateway's port
 * @param aggregatorPort the aggregator's port
 * @param firstNodePort the first node's port; the others follow
 * @param keycloakInMemory whether Keycloak keeps its database in memory (tests) or in the run directory
 * @param redisHost Redis for the gateway's rate limiter, or null for the in-memory limiter
 * @param minContributingNodes the aggregator's publication floor
 */
public record FederationPlan(
        Path home,
        List<Path> realmFiles,
        Path runDir,
        List<String> countries,
        int cases,
        int keycloakPort,
        int gatewayPort,
        int aggregatorPort,
        int firstNodePort,
        boolean keycloakInMemory,
        String redisHost,
        int minContributingNodes) {

    public FederationPlan {
        countries = countries.stream().map(c -> c.toUpperCase(Locale.ROOT)).toList();
        for (String c : countries) {
            if (!c.matches("[A-Z]{2}")) {
                throw new IllegalArgumentException("Not an ISO 3166-1 alpha-2 country code: " + c);
            }
        }
    }

    public int nodePort(String country) {
        return firstNodePort + countries.indexOf(country);
    }

    public String nodeUrl(String country) {
        return "http://127.0.0.1:" + nodePort(country);
    }

    public String aggregatorUrl() {
        return "http://127.0.0.1:" + aggregatorPort;
    }

    public String gatewayUrl() {
        return "http://127.0.0.1:" + gatewayPort;
    }

    public String keycloakUrl() {
        return "http://127.0.0.1:" + keycloakPort;
    }

    public String issuer() {
        return KeycloakServer.issuer(keycloakPort).toString();
    }

    public String tokenUri() {
        return issuer() + "/protocol/openid-connect/token";
    }

    Path jar(String service) {
        return home.resolve("lib").resolve(service + ".jar");
    }

    /** The unpacked {@code keycloak-<version>} directory in the federation home. */
    Path keycloakDistribution() {
        try (var entries = java.nio.file.Files.list(home)) {
            return entries.filter(p -> p.getFileName().toString().startsWith("keycloak-"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("No Keycloak distribution under " + home
                            + ": build the project first (./mvnw -B install -DskipTests)"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
