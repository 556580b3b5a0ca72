package org.tributary.deploy.manifests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tributary.deploy.manifests.Manifests.at;
import static org.tributary.deploy.manifests.Manifests.list;
import static org.tributary.deploy.manifests.Manifests.map;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** deploy/compose: structure and secret hygiene of the compose file, checked without a Docker engine. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ComposeFileTest {

    static final Set<String> SERVICES = Set.of(
            "keycloak",
            "keycloak-db",
            "redis",
            "gateway",
            "aggregator",
            "aggregator-db",
            "node-kh",
            "node-kh-db",
            "node-th",
            "node-th-db",
            "node-vn",
            "node-vn-db",
            "node-kh-migrate",
            "node-th-migrate",
            "node-vn-migrate",
            "aggregator-migrate",
            "prometheus",
            "grafana");

    /** One-shot services: the migrations, run to completion before their service starts. */
    static boolean oneShot(String name) {
        return name.endsWith("-migrate");
    }

    static final Set<String> NODES = Set.of("node-kh", "node-th", "node-vn");

    /** Names of variables that hold secrets: passwords, client secrets, keys. */
    static final Pattern SECRET_NAME = Pattern.compile(".*(PASSWORD|SECRET|_KEY|_TOKEN)$");

    /** A value taken from the environment and required: {@code ${NAME:?message}}. */
    static final Pattern REQUIRED_VARIABLE = Pattern.compile("^\\$\\{[A-Z][A-Z0-9_]*:\\?[^}]+}$");

    private static final Path DIR = Manifests.deployDir().resolve("compose");

    static Map<String, Object> compose() {
        return Manifests.load(DIR.resolve("compose.yaml"));
    }

    static Map<String, Object> services() {
        return map(compose().get("services"));
    }

    static Map<String, Object> service(String name) {
        return map(services().get(name));
    }

    /** A service's environment as a map, whether written as a map or as a list of NAME=value. */
    static Map<String, String> environment(Map<String, Object> service) {
        Map<String, String> env = new LinkedHashMap<>();
        Object raw = service.get("environment");
        if (raw instanceof Map<?, ?> m) {
            m.forEach((k, v) -> env.put(String.valueOf(k), v == null ? "" : String.valueOf(v)));
        } else {
            for (Object entry : list(raw)) {
                String s = String.valueOf(entry);
                int eq = s.indexOf('=');
                env.put(eq < 0 ? s : s.substring(0, eq), eq < 0 ? "" : s.substring(eq + 1));
            }
        }
        return env;
    }

    @Test
    void the_compose_file_parses_and_names_every_service_of_the_federation() {
        assertThat(services().keySet()).containsExactlyInAnyOrderElementsOf(SERVICES);
    }

    @Test
    void every_service_has_a_healthcheck_with_a_test_command() {
        services().forEach((name, s) -> {
            if (oneShot(name)) {
                assertThat(map(s).get("restart")).as(name).isEqualTo("no");
                return;
            }
            Object test = at(s, "healthcheck", "test");
            assertThat(test).as("healthcheck.test of %s", name).isInstanceOf(List.class);
            assertThat(list(test)).as("healthcheck.test of %s", name).hasSizeGreaterThan(1);
            assertThat(at(s, "healthcheck", "disable")).as(name).isNotEqualTo(true);
        });
    }

    @Test
    void the_spring_services_check_their_own_readiness_endpoint_on_their_own_port() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        NODES.forEach(n -> ports.put(n, 8081));
        ports.put("aggregator", 8090);
        ports.put("gateway", 8080);
        ports.forEach((name, port) -> {
            String test = String.join(
                    " ",
                    list(at(service(name), "healthcheck", "test")).stream()
                            .map(String::valueOf)
                            .toList());
            assertThat(test)
                    .as(name)
                    .contains("/dev/tcp/127.0.0.1/" + port + " ")
                    .contains("GET /actuator/health/readiness ")
                    .contains("\"status\":\"UP\"")
                    .doesNotContain("curl", "wget");
        });
        assertThat(String.valueOf(at(service("keycloak"), "healthcheck", "test")))
                .contains("/dev/tcp/127.0.0.1/9000", "/health/ready");
    }

    @Test
    void every_dependency_waits_for_the_other_service_to_be_healthy() {
        int dependencies = 0;
        for (Map.Entry<String, Object> s : services().entrySet()) {
            Object dependsOn = map(s.getValue()).get("depends_on");
            if (dependsOn == null) {
                continue;
            }
            assertThat(dependsOn)
                    .as("depends_on of %s must be a map with conditions, not a bare list", s.getKey())
                    .isInstanceOf(Map.class);
            for (Map.Entry<String, Object> d : map(dependsOn).entrySet()) {
                assertThat(services())
                        .as("%s depends on a service that exists", s.getKey())
                        .containsKey(d.getKey());
                assertThat(at(d.getValue(), "condition"))
                        .as("%s -> %s", s.getKey(), d.getKey())
                        .isEqualTo(oneShot(d.getKey()) ? "service_completed_successfully" : "service_healthy");
                dependencies++;
            }
        }
        assertThat(dependencies).isGreaterThanOrEqualTo(10);
        assertThat(map(service("gateway").get("depends_on"))).containsKeys("keycloak", "redis", "aggregator");
        for (String node : NODES) {
            assertThat(map(service(node).get("depends_on"))).containsKeys(node + "-db", "keycloak");
        }
    }

    @Test
    void every_secret_like_variable_is_a_required_variable_from_the_env_file_and_never_a_literal() {
        Set<String> checked = new TreeSet<>();
        services()
                .forEach((name, s) -> environment(map(s)).forEach((key, value) -> {
                    if (SECRET_NAME.matcher(key).matches()) {
                        assertThat(value)
                                .as("%s of %s must be ${VAR:?message}", key, name)
                                .matches(REQUIRED_VARIABLE);
                        checked.add(name + "." + key);
                    }
                }));
        assertThat(checked)
                .contains(
                        "node-kh.TRIBUTARY_NODE_PII_KEY",
                        "node-vn.TRIBUTARY_NODE_RELEASE_SECRET",
                        "aggregator.TRIBUTARY_AGGREGATOR_CLIENT_SECRET",
                        "keycloak.KC_BOOTSTRAP_ADMIN_PASSWORD",
                        "gateway.SPRING_DATA_REDIS_PASSWORD");
    }

    @Test
    void the_env_example_leaves_every_secret_empty_and_covers_every_required_variable() {
        Map<String, String> example = new LinkedHashMap<>();
        for (String line : Manifests.read(DIR.resolve(".env.example")).split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            assertThat(eq).as("line %s", line).isPositive();
            example.put(line.substring(0, eq), line.substring(eq + 1));
        }
        example.forEach((key, value) -> {
            if (SECRET_NAME.matcher(key).matches()) {
                assertThat(value).as("%s in .env.example", key).isEmpty();
            }
        });
        assertThat(Manifests.read(DIR.resolve(".env.example"))).contains("openssl rand -base64 32");

        Set<String> required = new TreeSet<>();
        Matcher m = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(:[?-])")
                .matcher(Manifests.read(DIR.resolve("compose.yaml"))
                        .lines()
                        .filter(l -> !l.strip().startsWith("#"))
                        .collect(java.util.stream.Collectors.joining("\n")));
        while (m.find()) {
            required.add(m.group(1));
        }
        assertThat(example.keySet()).containsAll(required);
        assertThat(Manifests.read(DIR.resolve(".gitignore")).lines()).contains(".env");
    }

    @Test
    void only_the_gateway_and_keycloak_publish_ports() {
        Set<String> publishing = new TreeSet<>();
        services().forEach((name, s) -> {
            if (map(s).containsKey("ports")) {
                publishing.add(name);
            }
        });
        assertThat(publishing).containsExactly("gateway", "grafana", "keycloak");
        // Grafana on the host's loopback only.
        assertThat(list(service("grafana").get("ports")))
                .allSatisfy(p -> assertThat(String.valueOf(p)).startsWith("127.0.0.1:"));
    }

    @Test
    void prometheusScrapesEveryServiceWithTheMonitoringClientsTokenAndGrafanaShowsTheDashboard() {
        String prometheus = Manifests.read(DIR.resolve("../observability/prometheus.yml"));
        Map<String, Object> config = Manifests.load(DIR.resolve("../observability/prometheus.yml"));
        Map<String, Object> job = map(list(config.get("scrape_configs")).get(0));
        assertThat(job.get("metrics_path")).isEqualTo("/actuator/prometheus");
        assertThat(at(job, "oauth2", "client_id")).isEqualTo("tributary-monitoring");
        assertThat(at(job, "oauth2", "client_secret_file")).isEqualTo("/run/secrets/monitoring-client-secret");
        assertThat(prometheus).doesNotContainPattern("client_secret:\\s");
        Set<String> targets = new TreeSet<>();
        for (Object sc : list(job.get("static_configs"))) {
            list(map(sc).get("targets")).forEach(t -> targets.add(String.valueOf(t)));
        }
        assertThat(targets)
                .containsExactlyInAnyOrder(
                        "gateway:8080", "aggregator:8090", "node-kh:8081", "node-th:8081", "node-vn:8081");
        assertThat(list(service("prometheus").get("secrets"))).contains("monitoring-client-secret");
        assertThat(list(service("prometheus").get("volumes")))
                .anySatisfy(v -> assertThat(String.valueOf(v)).startsWith("../observability/prometheus.yml:"));
        // The dashboard is valid JSON that queries only the metrics the services write.
        var dashboard = tools.jackson.databind.json.JsonMapper.builder()
                .build()
                .readTree(Manifests.read(DIR.resolve("../observability/grafana/dashboards/tributary.json")));
        assertThat(dashboard.path("uid").asString()).isEqualTo("tributary-federation");
        List<String> expressions = new java.util.ArrayList<>();
        dashboard
                .path("panels")
                .forEach(p -> p.path("targets")
                        .forEach(t -> expressions.add(t.path("expr").asString())));
        assertThat(String.join("\n", expressions))
                .contains(
                        "tributary_queries_total",
                        "tributary_budget_spent_nanorho_total",
                        "tributary_node_calls_seconds",
                        "tributary_node_circuit",
                        "tributary_import_rows_total",
                        "tributary_release_seconds");
        assertThat(list(service("grafana").get("volumes")))
                .anySatisfy(v -> assertThat(String.valueOf(v)).startsWith("../observability/grafana/dashboards:"));
    }

    @Test
    void nodes_and_databases_sit_only_on_internal_networks() {
        Map<String, Object> networks = map(compose().get("networks"));
        networks.forEach((name, n) -> {
            if (!name.equals("edge")) {
                assertThat(at(n, "internal")).as("network %s", name).isEqualTo(true);
            }
        });
        services().forEach((name, s) -> {
            List<Object> joined = list(map(s).get("networks"));
            assertThat(joined).as("networks of %s", name).isNotEmpty();
            assertThat(networks.keySet())
                    .containsAll(joined.stream().map(String::valueOf).toList());
            if (!name.equals("gateway") && !name.equals("keycloak") && !name.equals("grafana")) {
                assertThat(joined)
                        .as("%s must not be on the edge network", name)
                        .doesNotContain("edge");
            }
            if (name.equals("grafana")) {
                // Published on the host's loopback; it reaches only Prometheus, never a service.
                assertThat(joined).as("grafana's networks").containsExactlyInAnyOrder("edge", "monitoring");
            }
        });
        for (String node : NODES) {
            String data = node + "-data";
            assertThat(list(service(node + "-db").get("networks"))).containsExactly(data);
            services().forEach((name, s) -> {
                if (!name.equals(node) && !name.equals(node + "-db") && !name.equals(node + "-migrate")) {
                    assertThat(list(map(s).get("networks"))).as(name).doesNotContain(data);
                }
            });
        }
    }

    @Test
    void the_spring_services_run_read_only_with_a_tmpfs_tmp_and_no_capabilities() {
        for (String name : List.of("node-kh", "node-th", "node-vn", "aggregator", "gateway")) {
            Map<String, Object> s = service(name);
            assertThat(s.get("read_only")).as(name).isEqualTo(true);
            assertThat(list(s.get("tmpfs")).stream().map(String::valueOf))
                    .as(name)
                    .anyMatch(t -> t.startsWith("/tmp"));
            assertThat(list(s.get("cap_drop"))).as(name).contains("ALL");
            assertThat(list(s.get("security_opt"))).as(name).contains("no-new-privileges:true");
        }
    }

    @Test
    void the_images_are_built_from_the_shared_dockerfile_and_an_existing_module() {
        for (String name : List.of("node-kh", "aggregator", "gateway")) {
            Map<String, Object> build = map(service(name).get("build"));
            assertThat(build.get("dockerfile")).isEqualTo("deploy/docker/Dockerfile");
            Path context = DIR.resolve(String.valueOf(build.get("context"))).normalize();
            assertThat(context).isEqualTo(Manifests.repositoryRoot().normalize());
            assertThat(Files.isRegularFile(context.resolve(String.valueOf(build.get("dockerfile")))))
                    .isTrue();
            String jar = String.valueOf(at(build, "args", "JAR"));
            assertThat(jar).matches("[a-z-]+/target/tributary-[a-z-]+-0\\.1\\.0-SNAPSHOT-exec\\.jar");
            assertThat(context.resolve(jar.substring(0, jar.indexOf('/')) + "/pom.xml"))
                    .exists();
        }
    }

    @Test
    void keycloak_imports_the_realm_read_only_and_the_demo_users_only_in_the_demo_file() {
        Map<String, Object> keycloak = service("keycloak");
        assertThat(String.valueOf(keycloak.get("image"))).isEqualTo("quay.io/keycloak/keycloak:26.5.6");
        assertThat(list(keycloak.get("command"))).contains("start", "--import-realm");
        List<String> volumes =
                list(keycloak.get("volumes")).stream().map(String::valueOf).toList();
        assertThat(volumes)
                .containsExactly("../keycloak/tributary-realm.json:/opt/keycloak/data/import/tributary-realm.json:ro");
        assertThat(DIR.resolve("../keycloak/tributary-realm.json").normalize()).exists();
        assertThat(Manifests.read(DIR.resolve("compose.yaml"))).doesNotContain("tributary-users-0.json");

        Map<String, Object> demo =
                map(Manifests.load(DIR.resolve("compose.demo.yaml")).get("services"));
        assertThat(services().keySet()).containsAll(demo.keySet());
        assertThat(list(at(demo, "keycloak", "volumes")).stream().map(String::valueOf))
                .anyMatch(v -> v.contains("tributary-users-0.json") && v.endsWith(":ro"));
    }

    @Test
    void the_aggregator_asks_every_node_and_the_gateway_routes_to_every_node() {
        Map<String, String> aggregator = environment(service("aggregator"));
        Map<String, String> gateway = environment(service("gateway"));
        int i = 0;
        for (String node : List.of("node-kh", "node-th", "node-vn")) {
            String country = node.substring(5);
            assertThat(aggregator)
                    .containsEntry("TRIBUTARY_AGGREGATOR_NODES_" + i + "_ID", country)
                    .containsEntry("TRIBUTARY_AGGREGATOR_NODES_" + i + "_COUNTRY", country.toUpperCase())
                    .containsEntry("TRIBUTARY_AGGREGATOR_NODES_" + i + "_BASE_URL", "http://" + node + ":8081");
            assertThat(gateway)
                    .containsEntry("TRIBUTARY_NODE_" + country.toUpperCase() + "_URL", "http://" + node + ":8081");
            assertThat(environment(service(node))).containsEntry("TRIBUTARY_NODE_COUNTRY", country.toUpperCase());
            i++;
        }
    }

    @Test
    void every_service_accepts_tokens_of_the_same_public_issuer_and_fetches_keys_inside() {
        String issuer = "${KEYCLOAK_PUBLIC_URL:-http://localhost:8180}/realms/tributary";
        String certs = "http://keycloak:8080/realms/tributary/protocol/openid-connect/certs";
        assertThat(environment(service("keycloak")))
                .containsEntry("KC_HOSTNAME", "${KEYCLOAK_PUBLIC_URL:-http://localhost:8180}");
        for (String name : List.of("node-kh", "node-th", "node-vn", "aggregator")) {
            assertThat(environment(service(name)))
                    .as(name)
                    .containsEntry("TRIBUTARY_OIDC_ISSUER", issuer)
                    .containsEntry("TRIBUTARY_SECURITY_JWK_SET_URI", certs);
        }
        assertThat(environment(service("gateway")))
                .containsEntry("TRIBUTARY_OIDC_ISSUER", issuer)
                .containsEntry("TRIBUTARY_OIDC_JWKS_URI", certs);
    }

    @Test
    void nodesAndTheAggregatorConnectAsARoleThatOwnsNothingAndMigrateAsTheOwnerInAOneShotStep() {
        for (String name : List.of("node-kh", "node-th", "node-vn", "aggregator")) {
            Map<String, String> env = environment(service(name));
            assertThat(env).as(name).containsEntry("SPRING_DATASOURCE_USERNAME", "tributary_app");
            assertThat(env).as(name).doesNotContainKeys("SPRING_FLYWAY_USER", "SPRING_FLYWAY_PASSWORD");
            Map<String, String> migrate = environment(service(name + "-migrate"));
            assertThat(migrate).as(name).containsEntry("TRIBUTARY_MIGRATE_ONLY", "true");
            assertThat(migrate).as(name).containsEntry("TRIBUTARY_DB_APP_ROLE", "tributary_app");
            assertThat(migrate.get("SPRING_DATASOURCE_URL")).isEqualTo(env.get("SPRING_DATASOURCE_URL"));
            assertThat(at(service(name), "depends_on", name + "-migrate", "condition"))
                    .isEqualTo("service_completed_successfully");
            Map<String, String> db = environment(service(name + "-db"));
            assertThat(db.get("POSTGRES_USER")).as(name).isEqualTo(migrate.get("SPRING_FLYWAY_USER"));
            assertThat(db.get("POSTGRES_PASSWORD")).as(name).isEqualTo(migrate.get("SPRING_FLYWAY_PASSWORD"));
            assertThat(db.get("TRIBUTARY_APP_PASSWORD")).as(name).isEqualTo(env.get("SPRING_DATASOURCE_PASSWORD"));
            assertThat(list(service(name + "-db").get("volumes")).stream().map(String::valueOf))
                    .as(name)
                    .anyMatch(v -> v.endsWith("-db/initdb:/docker-entrypoint-initdb.d:ro"));
        }
    }
}
