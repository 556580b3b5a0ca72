package org.tributary.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** A federation for the end-to-end tests: free ports, in-memory Keycloak, the committed realm plus a test client. */
final class TestFederation {

    /** A public client that only the tests' realm copy has: tokens that expire after one second. */
    static final String SHORT_LIVED_CLIENT = "e2e-short-lived";

    private TestFederation() {}

    static Federation start(List<String> countries, int cases, int minContributingNodes) {
        Path home = Path.of(required("tributary.federation.home"));
        Path realmDir = Path.of(required("tributary.realm.dir"));
        Path runDir =
                Path.of("target", "e2e-runs", UUID.randomUUID().toString()).toAbsolutePath();
        Path realm = testRealm(realmDir.resolve("tributary-realm.json"), runDir.resolve("realm"));
        var plan = new FederationPlan(
                home,
                List.of(realm, realmDir.resolve("tributary-users-0.json")),
                runDir,
                countries,
                cases,
                freePort(),
                freePort(),
                freePort(),
                consecutiveFreePorts(countries.size()),
                true,
                null,
                minContributingNodes);
        return Federation.start(plan, Duration.ofMinutes(4));
    }

    /** The committed realm with one more client whose tokens live one second (to test expired real tokens). */
    static Path testRealm(Path committed, Path dir) {
        try {
            ObjectNode realm = (ObjectNode) Keycloak.JSON.readTree(committed.toFile());
            ArrayNode clients = (ArrayNode) realm.get("clients");
            ObjectNode web = null;
            for (var c : clients) {
                if ("tributary-web".equals(c.path("clientId").asString())) {
                    web = (ObjectNode) c;
                }
            }
            ObjectNode shortLived = web.deepCopy();
            shortLived.put("clientId", SHORT_LIVED_CLIENT);
            shortLived.put("directAccessGrantsEnabled", true);
            ((ObjectNode) shortLived.get("attributes")).put("access.token.lifespan", "1");
            clients.add(shortLived);
            Files.createDirectories(dir);
            Path out = dir.resolve("tributary-realm.json");
            Keycloak.JSON.writeValue(out.toFile(), realm);
            return out;
        } catch (tools.jackson.core.JacksonException e) {
            throw new IllegalStateException("The committed realm cannot be read", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until the aggregator holds every node's catalogue (it asks with its client-credentials token). */
    static void awaitCatalogues(Federation federation, String analystToken) {
        var http = java.net.http.HttpClient.newHttpClient();
        var request = java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(federation.plan().aggregatorUrl() + "/api/regional/nodes"))
                .header("Authorization", "Bearer " + analystToken)
                .build();
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < until) {
            try {
                var nodes =
                        Keycloak.JSON.readTree(http.send(request, java.net.http.HttpResponse.BodyHandlers.ofString())
                                .body());
                boolean all = nodes.size() == federation.plan().countries().size();
                for (var n : nodes) {
                    all &= n.path("catalogueDimensions").asInt(0) > 0;
                }
                if (all) {
                    return;
                }
            } catch (IOException | RuntimeException e) {
                // not yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            ManagedProcess.sleep(500);
        }
        throw new IllegalStateException("The aggregator did not get every node's catalogue within 60 s");
    }

    static String required(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalStateException("System property " + property + " is not set: run through Maven");
        }
        return value;
    }

    private static final java.util.Random PORTS = new java.security.SecureRandom();

    /**
     * A free port below the kernel's ephemeral range (32768 and up): a port picked from that range can be taken by
     * any outgoing connection of this busy machine before the service binds it.
     */
    static int freePort() {
        for (int attempt = 0; attempt < 200; attempt++) {
            int candidate = 20_000 + PORTS.nextInt(12_000);
            try (ServerSocket socket = new ServerSocket(candidate)) {
                return socket.getLocalPort();
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IllegalStateException("No free port between 20000 and 32000");
    }

    /** The first of n consecutive free ports (the nodes' ports follow one another). */
    static int consecutiveFreePorts(int n) {
        for (int attempt = 0; attempt < 50; attempt++) {
            int first = freePort();
            boolean allFree = true;
            for (int i = 1; i < n && allFree; i++) {
                try (ServerSocket ignored = new ServerSocket(first + i)) {
                    // free
                } catch (IOException e) {
                    allFree = false;
                }
            }
            if (allFree) {
                return first;
            }
        }
        throw new IllegalStateException("No " + n + " consecutive free ports");
    }
}
