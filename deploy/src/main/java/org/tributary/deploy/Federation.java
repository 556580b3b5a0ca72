package org.tributary.deploy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A whole federation on one machine: Keycloak, the country nodes (each on its own embedded PostgreSQL with generated
 * sample cases), the aggregator and the gateway, as processes. Used by the local-federation command and by the
 * end-to-end tests.
 */
public final class Federation implements AutoCloseable {

    /** JVM options of each Spring service: a small heap so that a laptop holds the whole federation. */
    static final List<String> SERVICE_JVM = List.of(
            "-Xmx256m", "-XX:MaxMetaspaceSize=192m", "-XX:+UseSerialGC", "-Xss512k", "-XX:ReservedCodeCacheSize=64m");

    private final FederationPlan plan;
    private final Map<String, ManagedProcess> processes = new LinkedHashMap<>();

    private Federation(FederationPlan plan) {
        this.plan = plan;
    }

    /** Starts every service at once and waits until each is ready. */
    public static Federation start(FederationPlan plan, Duration within) {
        Federation federation = new Federation(plan);
        try {
            federation.startAll();
            federation.awaitAll(within);
            return federation;
        } catch (RuntimeException e) {
            federation.close();
            throw e;
        }
    }

    private void startAll() {
        processes.put(
                "keycloak",
                KeycloakServer.start(
                        plan.keycloakDistribution(),
                        plan.realmFiles(),
                        plan.runDir(),
                        plan.keycloakPort(),
                        plan.keycloakInMemory(),
                        plan.gatewayUrl()));
        for (int i = 0; i < plan.countries().size(); i++) {
            String country = plan.countries().get(i);
            processes.put(nodeName(country), startNode(country, i + 1));
        }
        processes.put("aggregator", startAggregator());
        processes.put("gateway", startGateway());
    }

    private void awaitAll(Duration within) {
        List<CompletableFuture<ManagedProcess>> waits = new ArrayList<>();
        for (ManagedProcess p : processes.values()) {
            waits.add(CompletableFuture.supplyAsync(() -> p.awaitReady(within)));
        }
        try {
            CompletableFuture.allOf(waits.toArray(CompletableFuture[]::new)).join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    public static String nodeName(String country) {
        return "node-" + country.toLowerCase(Locale.ROOT);
    }

    private ManagedProcess startNode(String country, int seed) {
        String lc = country.toLowerCase(Locale.ROOT);
        List<String> command = javaCommand("country-node");
        command.addAll(List.of(
                "--spring.profiles.active=local",
                "--server.port=" + plan.nodePort(country),
                "--tributary.node.country=" + country,
                "--tributary.node.name=" + country + " national node (demo)",
                "--tributary.node.data-dir="
                        + plan.runDir().resolve("data").resolve(lc).toAbsolutePath(),
                "--tributary.sample.cases=" + plan.cases(),
                "--tributary.sample.seed=" + seed));
        return ManagedProcess.start(
                nodeName(country),
                command,
                Map.of("TRIBUTARY_OIDC_ISSUER", plan.issuer()),
                readiness(plan.nodeUrl(country)),
                plan.runDir());
    }

    private ManagedProcess startAggregator() {
        List<String> command = javaCommand("aggregator");
        // The local federation documents its API (Swagger UI, /v3/api-docs) as the nodes' local profile does.
        command.add("--springdoc.api-docs.enabled=true");
        command.add("--springdoc.swagger-ui.enabled=true");
        command.add("--tributary.api-docs.public=true");
        command.addAll(List.of(
                "--server.port=" + plan.aggregatorPort(),
                "--tributary.aggregator.data-dir="
                        + plan.runDir().resolve("data").resolve("aggregator").toAbsolutePath(),
                "--tributary.aggregator.min-contributing-nodes=" + plan.minContributingNodes(),
                "--tributary.aggregator.client.token-uri=" + plan.tokenUri(),
                "--tributary.security-console.keycloak-url=" + plan.keycloakUrl(),
                "--tributary.security-console.gateway-url=" + plan.gatewayUrl(),
                // DEMO signing key (anyone can derive it): the local federation only.
                "--tributary.aggregator.integrity.demo-key=true"));
        for (int i = 0; i < plan.countries().size(); i++) {
            String country = plan.countries().get(i);
            command.add("--tributary.aggregator.nodes[" + i + "].id=" + country.toLowerCase(Locale.ROOT));
            command.add("--tributary.aggregator.nodes[" + i + "].country=" + country);
            command.add("--tributary.aggregator.nodes[" + i + "].base-url=" + plan.nodeUrl(country));
            // Each node signs with its DEMO key (the local profile); the aggregator is told which, as a deployment
            // is told its nodes' real keys.
            command.add("--tributary.aggregator.nodes[" + i + "].public-key="
                    + org.tributary.common.integrity.SigningKey.demo("node-" + country.toLowerCase(Locale.ROOT))
                            .publicKey());
        }
        Map<String, String> env = Map.of(
                "TRIBUTARY_OIDC_ISSUER", plan.issuer(),
                "TRIBUTARY_AGGREGATOR_CLIENT_SECRET", KeycloakServer.DEMO_AGGREGATOR_SECRET,
                "TRIBUTARY_SECURITY_CONSOLE_CLIENT_SECRET", KeycloakServer.DEMO_CONSOLE_SECRET);
        return ManagedProcess.start("aggregator", command, env, readiness(plan.aggregatorUrl()), plan.runDir());
    }

    private ManagedProcess startGateway() {
        List<String> command = javaCommand("gateway");
        command.add("--server.port=" + plan.gatewayPort());
        Map<String, String> env = new HashMap<>();
        env.put("TRIBUTARY_OIDC_ISSUER", plan.issuer());
        env.put("TRIBUTARY_AGGREGATOR_URL", plan.aggregatorUrl());
        // The web application (ADR 39) with its DEMO client secret; plain HTTP on this machine, so the session
        // cookie cannot be Secure here (a deployment serves the gateway over HTTPS and keeps the default).
        env.put("TRIBUTARY_PORTAL_CLIENT_SECRET", KeycloakServer.DEMO_PORTAL_SECRET);
        env.put("TRIBUTARY_PORTAL_SECURE_COOKIE", "false");
        for (String country : plan.countries()) {
            env.put("TRIBUTARY_NODE_" + country + "_URL", plan.nodeUrl(country));
        }
        if (plan.redisHost() != null) {
            env.put("SPRING_DATA_REDIS_HOST", plan.redisHost());
        }
        return ManagedProcess.start("gateway", command, env, readiness(plan.gatewayUrl()), plan.runDir());
    }

    private List<String> javaCommand(String service) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(SERVICE_JVM);
        command.add("-jar");
        command.add(plan.jar(service).toString());
        return command;
    }

    private static URI readiness(String base) {
        return URI.create(base + "/actuator/health/readiness");
    }

    public FederationPlan plan() {
        return plan;
    }

    public Map<String, ManagedProcess> processes() {
        return processes;
    }

    /** Stops one service (a node, to see the region cope) and forgets it. */
    public void stop(String name) {
        ManagedProcess p = processes.remove(name);
        if (p != null) {
            p.stop();
        }
    }

    /** Starts a stopped node again, on its own data, and waits until it is ready. */
    public void restartNode(String country, Duration within) {
        int seed = plan.countries().indexOf(country) + 1;
        processes.put(nodeName(country), startNode(country, seed).awaitReady(within));
    }

    @Override
    public void close() {
        processes.values().parallelStream().forEach(ManagedProcess::stop);
        processes.clear();
    }
}
