package org.tributary.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The README's run command: {@code up} starts a whole local federation (Keycloak with the committed realm and demo
 * users, the country nodes with generated sample cases, the aggregator, the gateway) with no Docker and nothing
 * installed by hand; {@code status} shows each service's health; {@code down} stops exactly what {@code up} started
 * (PID files), keeping the data unless {@code --wipe}.
 *
 * <pre>
 * java -cp deploy/target/tributary-deploy-*.jar org.tributary.deploy.LocalFederation up [--countries KH,TH,VN]
 *     [--cases 20000] [--run-dir run/local]
 * </pre>
 */
public final class LocalFederation {

    static final List<String> DEFAULT_COUNTRIES = List.of("KH", "TH", "VN");
    static final List<String> DEMO_USERS = List.of(
            "kh-caseworker",
            "kh-supervisor",
            "kh-operator",
            "th-caseworker",
            "th-supervisor",
            "th-operator",
            "vn-caseworker",
            "analyst",
            "analyst2",
            "security");

    private LocalFederation() {}

    public static void main(String[] args) {
        if (args.length == 0) {
            usage();
            System.exit(2);
        }
        Options options = Options.parse(Arrays.copyOfRange(args, 1, args.length));
        int code = switch (args[0]) {
            case "up" -> up(options);
            case "status" -> status(options);
            case "down" -> down(options);
            case "plan" -> plan(options);
            default -> {
                usage();
                yield 2;
            }
        };
        System.exit(code);
    }

    static void usage() {
        System.err.println("usage: LocalFederation up|status|down|plan [--countries KH,TH,VN] [--cases 20000]"
                + " [--run-dir run/local] [--home deploy/target/federation] [--realm-dir deploy/keycloak] [--wipe]");
    }

    record Options(List<String> countries, int cases, Path runDir, Path home, Path realmDir, boolean wipe) {

        static Options parse(String[] args) {
            List<String> countries = DEFAULT_COUNTRIES;
            int cases = 20_000;
            Path runDir = Path.of("run", "local");
            Path home = Path.of("deploy", "target", "federation");
            Path realmDir = Path.of("deploy", "keycloak");
            boolean wipe = false;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--countries" -> countries = List.of(args[++i].split(","));
                    case "--cases" -> cases = Integer.parseInt(args[++i]);
                    case "--run-dir" -> runDir = Path.of(args[++i]);
                    case "--home" -> home = Path.of(args[++i]);
                    case "--realm-dir" -> realmDir = Path.of(args[++i]);
                    case "--wipe" -> wipe = true;
                    default -> throw new IllegalArgumentException("Unknown option " + args[i]);
                }
            }
            if (countries.isEmpty() || countries.size() > 6) {
                throw new IllegalArgumentException("Between one and six countries, e.g. --countries KH,TH,VN");
            }
            return new Options(countries, cases, runDir.toAbsolutePath(), home.toAbsolutePath(), realmDir, wipe);
        }
    }

    static int up(Options options) {
        for (String name : serviceNames(options.countries())) {
            if (ManagedProcess.running(options.runDir(), name).isPresent()) {
                System.err.println(name + " is already running from " + options.runDir() + ": run `down` first.");
                return 1;
            }
        }
        if (options.wipe()) {
            wipe(options.runDir());
        }
        String redis = RedisProbe.answers("127.0.0.1", 6379) ? "127.0.0.1" : null;
        var plan = plan(options, redis);
        long started = System.nanoTime();
        System.out.printf(
                "Starting Keycloak, %d country nodes (%,d sample cases each), the aggregator and the gateway;"
                        + " logs in %s%n",
                plan.countries().size(), plan.cases(), plan.runDir().resolve("logs"));
        Federation federation;
        try {
            federation = Federation.start(plan, Duration.ofMinutes(5));
        } catch (RuntimeException e) {
            System.err.println("The federation did not start: " + e.getMessage());
            return 1;
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        writeState(plan);
        System.out.println();
        System.out.printf("%-12s %-6s %-8s %-52s%n", "service", "port", "RSS MB", "URL");
        long maxRss = 0;
        for (ManagedProcess p : federation.processes().values()) {
            long rssMb = p.residentKb() / 1024;
            maxRss = Math.max(maxRss, rssMb);
            System.out.printf("%-12s %-6d %-8d %-52s%n", p.name(), port(plan, p.name()), rssMb, url(plan, p.name()));
        }
        System.out.printf(
                "%nReady in %.1f s; largest service %d MB RSS. Redis rate limiter: %s.%n",
                seconds, maxRss, redis != null ? "127.0.0.1:6379" : "none answered, in-memory limiter");
        System.out.println();
        System.out.println("Demo logins (DEMO passwords, local federation only): user / demo-password-<user>");
        System.out.println("  " + String.join(", ", DEMO_USERS));
        System.out.println("  Keycloak admin console: " + plan.keycloakUrl() + "/admin (admin / "
                + KeycloakServer.DEMO_ADMIN_PASSWORD + ")");
        System.out.println();
        System.out.println("Try it (a regional analyst reads a catalogue indicator through the gateway, then asks an"
                + " ad-hoc question under differential privacy and sees what remains of the budget):");
        System.out.println(
                "  TOKEN=$(curl -s -d grant_type=password -d client_id=tributary-web -d username=analyst \\");
        System.out.println("    -d password=demo-password-analyst " + plan.tokenUri()
                + " | sed 's/.*\"access_token\":\"\\([^\"]*\\)\".*/\\1/')");
        System.out.println("  curl -s -H \"Authorization: Bearer $TOKEN\" '" + plan.gatewayUrl()
                + "/api/regional/indicators/identified-victims-by-sex?breakdown=year'");
        System.out.println("  curl -s -H \"Authorization: Bearer $TOKEN\" -H 'Content-Type: application/json' -d"
                + " '{\"dimensions\":[\"gender\",\"ageBand\"]}' " + plan.gatewayUrl() + "/api/regional/queries");
        System.out.println(
                "  curl -s -H \"Authorization: Bearer $TOKEN\" " + plan.gatewayUrl() + "/api/regional/budget");
        System.out.println();
        System.out.println("Stop with: deploy/federation.sh down   (add --wipe to delete the data)");
        return 0;
    }

    static FederationPlan plan(Options options, String redis) {
        return new FederationPlan(
                options.home(),
                List.of(
                        options.realmDir().resolve("tributary-realm.json"),
                        options.realmDir().resolve("tributary-users-0.json")),
                options.runDir(),
                options.countries(),
                options.cases(),
                8180,
                8080,
                8090,
                8081,
                false,
                redis,
                2);
    }

    /**
     * What {@code up} would start, without starting it: each service, its port and URL, and the DEMO public key each
     * node signs with (which the aggregator is given). Needs every class {@code up} needs.
     */
    static int plan(Options options) {
        FederationPlan plan = plan(options, null);
        System.out.printf("%-12s %-6s %s%n", "service", "port", "URL");
        for (String name : serviceNames(options.countries())) {
            System.out.printf("%-12s %-6d %s%n", name, port(plan, name), url(plan, name));
        }
        for (String country : plan.countries()) {
            String node = Federation.nodeName(country);
            System.out.printf(
                    "%s signs with the DEMO key %s%n",
                    node, org.tributary.common.integrity.SigningKey.demo(node).publicKey());
        }
        return 0;
    }

    static int status(Options options) {
        Properties state = readState(options.runDir());
        if (state == null) {
            System.out.println("No local federation in " + options.runDir());
            return 1;
        }
        boolean allUp = true;
        System.out.printf("%-12s %-8s %-8s %-10s %s%n", "service", "pid", "RSS MB", "health", "URL");
        for (String name : state.getProperty("services").split(",")) {
            var handle = ManagedProcess.running(options.runDir(), name);
            String url = state.getProperty(name + ".url");
            String health = handle.isEmpty()
                    ? "stopped"
                    : ManagedProcess.answers(URI.create(state.getProperty(name + ".ready"))) ? "UP" : "not ready";
            allUp &= health.equals("UP");
            System.out.printf(
                    "%-12s %-8s %-8s %-10s %s%n",
                    name,
                    handle.map(h -> Long.toString(h.pid())).orElse("-"),
                    handle.map(h -> Long.toString(ManagedProcess.residentKb(h) / 1024))
                            .orElse("-"),
                    health,
                    url);
        }
        return allUp ? 0 : 1;
    }

    static int down(Options options) {
        Properties state = readState(options.runDir());
        List<String> names = state != null
                ? new ArrayList<>(List.of(state.getProperty("services").split(",")))
                : serviceNames(options.countries());
        java.util.Collections.reverse(names);
        names.parallelStream().forEach(name -> {
            if (ManagedProcess.stop(options.runDir(), name)) {
                System.out.println("stopped " + name);
            }
        });
        if (options.wipe()) {
            wipe(options.runDir());
            System.out.println("deleted " + options.runDir());
        } else {
            System.out.println("data kept in " + options.runDir().resolve("data") + " (down --wipe deletes it)");
        }
        return 0;
    }

    static List<String> serviceNames(List<String> countries) {
        List<String> names = new ArrayList<>(List.of("keycloak"));
        countries.forEach(c -> names.add(Federation.nodeName(c.toUpperCase(Locale.ROOT))));
        names.addAll(List.of("aggregator", "gateway"));
        return names;
    }

    static int port(FederationPlan plan, String name) {
        return switch (name) {
            case "keycloak" -> plan.keycloakPort();
            case "gateway" -> plan.gatewayPort();
            case "aggregator" -> plan.aggregatorPort();
            default -> plan.nodePort(name.substring(5).toUpperCase(Locale.ROOT));
        };
    }

    static String url(FederationPlan plan, String name) {
        return switch (name) {
            case "keycloak" -> plan.issuer();
            case "gateway" -> plan.gatewayUrl() + "/api/...";
            case "aggregator" -> plan.aggregatorUrl() + "/api/regional/...";
            default ->
                plan.nodeUrl(name.substring(5).toUpperCase(Locale.ROOT)) + " (via gateway: /api/nodes/"
                        + name.substring(5) + "/...)";
        };
    }

    static void writeState(FederationPlan plan) {
        Properties state = new Properties();
        List<String> names = serviceNames(plan.countries());
        state.setProperty("services", String.join(",", names));
        for (String name : names) {
            String base = "http://127.0.0.1:" + port(plan, name);
            state.setProperty(name + ".url", url(plan, name));
            state.setProperty(
                    name + ".ready",
                    name.equals("keycloak")
                            ? plan.issuer() + "/.well-known/openid-configuration"
                            : base + "/actuator/health/readiness");
        }
        try (var out = Files.newBufferedWriter(plan.runDir().resolve("federation.properties"))) {
            state.store(out, "the local federation started by LocalFederation up");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Properties readState(Path runDir) {
        Path file = runDir.resolve("federation.properties");
        if (!Files.isRegularFile(file)) {
            return null;
        }
        Properties state = new Properties();
        try (var in = Files.newBufferedReader(file)) {
            state.load(in);
            return state;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void wipe(Path runDir) {
        if (!Files.isDirectory(runDir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(runDir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + runDir, e);
        }
    }
}
