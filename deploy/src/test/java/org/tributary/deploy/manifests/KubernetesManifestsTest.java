package org.tributary.deploy.manifests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tributary.deploy.manifests.Manifests.at;
import static org.tributary.deploy.manifests.Manifests.list;
import static org.tributary.deploy.manifests.Manifests.map;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** deploy/k8s: the kustomize base and overlays, checked as files (no cluster here). */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class KubernetesManifestsTest {

    private static final Path K8S = Manifests.deployDir().resolve("k8s");
    private static final Set<String> SPRING_IMAGES =
            Set.of("tributary/country-node", "tributary/aggregator", "tributary/gateway");

    /** A parsed manifest and the file it came from. */
    record Manifest(Path file, Map<String, Object> doc) {
        String kind() {
            return String.valueOf(doc.get("kind"));
        }

        String name() {
            return String.valueOf(at(doc, "metadata", "name"));
        }
    }

    static List<Manifest> manifests() {
        List<Manifest> all = new ArrayList<>();
        for (Path file : Manifests.yamlFiles(K8S)) {
            if (file.getFileName().toString().endsWith("-patch.yaml")) {
                continue; // JSON 6902 patches: a list of operations, not a manifest
            }
            for (Map<String, Object> doc : Manifests.loadAll(file)) {
                all.add(new Manifest(file, doc));
            }
        }
        return all;
    }

    static List<Manifest> ofKind(String... kinds) {
        Set<String> wanted = Set.of(kinds);
        return manifests().stream().filter(m -> wanted.contains(m.kind())).toList();
    }

    static List<Map<String, Object>> containers(Manifest workload) {
        return list(at(workload.doc(), "spec", "template", "spec", "containers")).stream()
                .map(Manifests::map)
                .toList();
    }

    static String imageName(Map<String, Object> container) {
        String image = String.valueOf(container.get("image"));
        return image.substring(0, image.lastIndexOf(':'));
    }

    @Test
    void every_kubernetes_file_parses_and_each_document_names_its_kind_or_is_a_patch() {
        List<Path> files = Manifests.yamlFiles(K8S);
        assertThat(files).hasSizeGreaterThan(25);
        for (Path file : files) {
            if (file.getFileName().toString().endsWith("-patch.yaml")) {
                assertThat(Manifests.read(file)).contains("op:");
                continue;
            }
            List<Map<String, Object>> docs = Manifests.loadAll(file);
            assertThat(docs).as(file.toString()).isNotEmpty();
            for (Map<String, Object> doc : docs) {
                assertThat(doc).as(file.toString()).containsKeys("apiVersion", "kind");
                if (!doc.get("kind").equals("Kustomization")) {
                    assertThat(at(doc, "metadata", "name")).as(file.toString()).isNotNull();
                }
            }
        }
        assertThat(ofKind("Deployment"))
                .extracting(Manifest::name)
                .containsExactlyInAnyOrder("node", "aggregator", "gateway", "keycloak", "redis");
    }

    @Test
    void every_workload_has_readiness_and_liveness_probes_and_spring_services_probe_actuator() {
        List<Manifest> workloads = ofKind("Deployment", "StatefulSet");
        assertThat(workloads).hasSize(8);
        for (Manifest w : workloads) {
            for (Map<String, Object> c : containers(w)) {
                assertThat(c).as(w.name()).containsKeys("readinessProbe", "livenessProbe");
                if (SPRING_IMAGES.contains(imageName(c))) {
                    assertThat(at(c, "readinessProbe", "httpGet", "path"))
                            .as(w.name())
                            .isEqualTo("/actuator/health/readiness");
                    assertThat(at(c, "livenessProbe", "httpGet", "path"))
                            .as(w.name())
                            .isEqualTo("/actuator/health/liveness");
                    assertThat(at(c, "readinessProbe", "httpGet", "port")).isEqualTo("http");
                } else if (w.name().equals("keycloak")) {
                    assertThat(at(c, "readinessProbe", "httpGet", "path")).isEqualTo("/health/ready");
                    assertThat(at(c, "livenessProbe", "httpGet", "path")).isEqualTo("/health/live");
                    assertThat(at(c, "readinessProbe", "httpGet", "port")).isEqualTo("management");
                } else {
                    assertThat(at(c, "readinessProbe", "exec", "command"))
                            .as(w.name())
                            .isNotNull();
                }
            }
        }
    }

    @Test
    void every_container_has_cpu_and_memory_requests_and_limits() {
        for (Manifest w : ofKind("Deployment", "StatefulSet")) {
            for (Map<String, Object> c : containers(w)) {
                for (String kind : List.of("requests", "limits")) {
                    assertThat(map(at(c, "resources", kind)))
                            .as("%s resources.%s", w.name(), kind)
                            .containsKeys("cpu", "memory");
                }
                String memory = String.valueOf(at(c, "resources", "limits", "memory"));
                assertThat(memory).as(w.name()).matches("\\d+(Mi|Gi)");
            }
        }
    }

    @Test
    void every_pod_runs_as_non_root_read_only_without_privilege_escalation_or_capabilities() {
        for (Manifest w : ofKind("Deployment", "StatefulSet")) {
            Map<String, Object> pod = map(at(w.doc(), "spec", "template", "spec"));
            assertThat(at(pod, "securityContext", "runAsNonRoot")).as(w.name()).isEqualTo(true);
            assertThat(at(pod, "securityContext", "runAsUser")).as(w.name()).isInstanceOf(Integer.class);
            assertThat((Integer) at(pod, "securityContext", "runAsUser"))
                    .as(w.name())
                    .isPositive();
            assertThat(at(pod, "securityContext", "seccompProfile", "type")).isEqualTo("RuntimeDefault");
            assertThat(pod.get("automountServiceAccountToken")).as(w.name()).isEqualTo(false);
            for (Map<String, Object> c : containers(w)) {
                assertThat(at(c, "securityContext", "runAsNonRoot"))
                        .as(w.name())
                        .isEqualTo(true);
                assertThat(at(c, "securityContext", "readOnlyRootFilesystem"))
                        .as(w.name())
                        .isEqualTo(true);
                assertThat(at(c, "securityContext", "allowPrivilegeEscalation"))
                        .as(w.name())
                        .isEqualTo(false);
                assertThat(list(at(c, "securityContext", "capabilities", "drop")))
                        .as(w.name())
                        .containsExactly("ALL");
                assertThat(c).as(w.name()).doesNotContainKey("privileged");
            }
        }
    }

    @Test
    void every_workload_gets_a_writable_tmp_from_an_empty_dir() {
        for (Manifest w : ofKind("Deployment", "StatefulSet")) {
            Map<String, Object> pod = map(at(w.doc(), "spec", "template", "spec"));
            for (Map<String, Object> c : containers(w)) {
                String volume = list(c.get("volumeMounts")).stream()
                        .filter(m -> "/tmp".equals(at(m, "mountPath")))
                        .map(m -> String.valueOf(at(m, "name")))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError(w.name() + " mounts nothing at /tmp"));
                assertThat(list(pod.get("volumes")))
                        .as(w.name())
                        .anyMatch(v -> volume.equals(at(v, "name")) && map(v).containsKey("emptyDir"));
            }
        }
    }

    @Test
    void no_secret_value_is_committed_and_every_referenced_secret_is_documented() {
        assertThat(ofKind("Secret")).isEmpty();
        for (Path file : Manifests.yamlFiles(K8S)) {
            assertThat(Manifests.read(file)).as(file.toString()).doesNotContain("secretGenerator", "kind: Secret");
        }
        Set<String> referenced = new TreeSet<>();
        for (Manifest w : ofKind("Deployment", "StatefulSet")) {
            for (Map<String, Object> c : containers(w)) {
                list(c.get("envFrom")).forEach(e -> {
                    if (at(e, "secretRef", "name") != null) {
                        referenced.add(String.valueOf(at(e, "secretRef", "name")));
                    }
                });
                list(c.get("env")).forEach(e -> {
                    Object name = at(e, "valueFrom", "secretKeyRef", "name");
                    if (name != null) {
                        referenced.add(String.valueOf(name));
                    }
                });
            }
        }
        assertThat(referenced)
                .contains("node-keys", "node-db-credentials", "tributary-client-secrets", "keycloak-admin", "redis");
        String docs = Manifests.read(Manifests.repositoryRoot().resolve("docs/deployment.md"));
        for (String secret : referenced) {
            assertThat(docs)
                    .as("docs/deployment.md explains how to create Secret %s", secret)
                    .containsPattern("kubectl( -n [a-z-]+)? create secret generic " + secret + "\\s");
        }
    }

    @Test
    void a_network_policy_lets_only_the_gateway_and_the_aggregator_reach_the_nodes() {
        List<Manifest> nodePolicies = ofKind("NetworkPolicy").stream()
                .filter(p -> K8S.resolve("base").equals(p.file().getParent().getParent()))
                .filter(p -> "node".equals(at(p.doc(), "spec", "podSelector", "matchLabels", "app.kubernetes.io/name")))
                .toList();
        assertThat(nodePolicies).hasSize(1);
        Map<String, Object> spec = map(nodePolicies.get(0).doc().get("spec"));
        assertThat(list(spec.get("policyTypes"))).contains("Ingress", "Egress");
        List<Object> ingress = list(spec.get("ingress"));
        assertThat(ingress).hasSize(1);
        Set<String> from = new TreeSet<>();
        for (Object peer : list(at(ingress.get(0), "from"))) {
            assertThat(map(peer))
                    .as("only pod selectors, no namespace or IP block")
                    .containsOnlyKeys("podSelector");
            from.add(String.valueOf(at(peer, "podSelector", "matchLabels", "app.kubernetes.io/name")));
        }
        assertThat(from).containsExactly("aggregator", "gateway");
        assertThat(list(at(ingress.get(0), "ports")))
                .extracting(p -> at(p, "port"))
                .containsExactly(8081);
    }

    @Test
    void every_namespace_starts_from_default_deny_and_allows_dns() {
        Map<String, Object> deny = ofKind("NetworkPolicy").stream()
                .filter(p -> p.name().equals("default-deny-all"))
                .findFirst()
                .orElseThrow()
                .doc();
        assertThat(map(at(deny, "spec", "podSelector"))).isEmpty();
        assertThat(list(at(deny, "spec", "policyTypes"))).containsExactlyInAnyOrder("Ingress", "Egress");
        assertThat(at(deny, "spec"))
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .doesNotContainKeys("ingress", "egress");
        for (String overlay : List.of("regional", "national")) {
            assertThat(resources(K8S.resolve("overlays").resolve(overlay))).contains("../../base/policies");
        }
    }

    @Test
    void every_pod_selected_by_a_policy_peer_or_a_service_exists() {
        Set<String> podNames = new TreeSet<>();
        for (Manifest w : ofKind("Deployment", "StatefulSet")) {
            podNames.add(
                    String.valueOf(at(w.doc(), "spec", "template", "metadata", "labels", "app.kubernetes.io/name")));
            assertThat(at(w.doc(), "spec", "selector", "matchLabels", "app.kubernetes.io/name"))
                    .isEqualTo(at(w.doc(), "spec", "template", "metadata", "labels", "app.kubernetes.io/name"));
        }
        for (Manifest s : ofKind("Service")) {
            assertThat(podNames)
                    .as("Service %s", s.name())
                    .contains(String.valueOf(at(s.doc(), "spec", "selector", "app.kubernetes.io/name")));
        }
        for (Manifest p : ofKind("NetworkPolicy")) {
            Object target = at(p.doc(), "spec", "podSelector", "matchLabels", "app.kubernetes.io/name");
            if (target != null) {
                assertThat(podNames).as("NetworkPolicy %s", p.name()).contains(String.valueOf(target));
            }
            for (String direction : List.of("ingress", "egress")) {
                for (Object rule : list(at(p.doc(), "spec", direction))) {
                    for (Object peer : list(at(rule, direction.equals("ingress") ? "from" : "to"))) {
                        Object name = at(peer, "podSelector", "matchLabels", "app.kubernetes.io/name");
                        if (name != null) {
                            assertThat(podNames)
                                    .as("NetworkPolicy %s", p.name())
                                    .contains(String.valueOf(name));
                        }
                    }
                }
            }
        }
    }

    static List<String> resources(Path dir) {
        return list(Manifests.load(dir.resolve("kustomization.yaml")).get("resources")).stream()
                .map(String::valueOf)
                .toList();
    }

    @Test
    void every_kustomization_lists_only_files_and_directories_that_exist() {
        List<Path> kustomizations = Manifests.yamlFiles(K8S).stream()
                .filter(p -> p.getFileName().toString().equals("kustomization.yaml"))
                .toList();
        assertThat(kustomizations).hasSize(11);
        for (Path k : kustomizations) {
            Path dir = k.getParent();
            Map<String, Object> doc = Manifests.load(k);
            List<String> referenced = new ArrayList<>(resources(dir));
            list(doc.get("patches")).forEach(p -> referenced.add(String.valueOf(at(p, "path"))));
            list(doc.get("configMapGenerator"))
                    .forEach(g -> list(at(g, "files")).forEach(f -> referenced.add(String.valueOf(f))));
            assertThat(referenced).as(k.toString()).isNotEmpty();
            for (String r : referenced) {
                Path target = dir.resolve(r).normalize();
                assertThat(target).as("%s lists %s", k, r).exists();
                if (Files.isDirectory(target)) {
                    assertThat(target.resolve("kustomization.yaml")).exists();
                } else {
                    assertThat(target)
                            .as("%s stays inside its directory tree", r)
                            .startsWith(K8S);
                }
            }
            Set<String> listed = new TreeSet<>(referenced);
            try (var files = Files.list(dir)) {
                files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".json"))
                        .map(f -> f.getFileName().toString())
                        .filter(f -> !f.equals("kustomization.yaml"))
                        .forEach(f -> assertThat(listed)
                                .as("%s is listed in %s", f, k)
                                .contains(f));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    @Test
    void the_regional_overlay_runs_the_regional_services_and_the_national_overlay_one_node() {
        List<String> regional = resources(K8S.resolve("overlays/regional"));
        assertThat(regional)
                .contains("../../base/gateway", "../../base/aggregator", "../../base/keycloak", "../../base/redis")
                .doesNotContain("../../base/node", "../../base/node-db");
        List<String> national = resources(K8S.resolve("overlays/national"));
        assertThat(national)
                .contains("../../base/node", "../../base/node-db")
                .doesNotContain("../../base/gateway", "../../base/aggregator", "../../base/keycloak");
        Map<String, Object> k = Manifests.load(K8S.resolve("overlays/national/kustomization.yaml"));
        assertThat(k.get("namespace")).isEqualTo("tributary-kh");
        assertThat(Manifests.configMapLiterals(K8S.resolve("overlays/national/kustomization.yaml"), "node-config"))
                .containsEntry("TRIBUTARY_NODE_COUNTRY", "KH")
                .containsEntry("TRIBUTARY_NODE_ID", "kh");
        assertThat(list(k.get("configMapGenerator"))).allMatch(g -> "merge".equals(at(g, "behavior")));
    }

    @Test
    void in_a_national_cluster_the_node_is_reached_only_through_the_allow_listed_ingress() {
        Manifest fromIngress = ofKind("NetworkPolicy").stream()
                .filter(p -> p.name().equals("node-from-ingress"))
                .findFirst()
                .orElseThrow();
        List<Object> peers =
                list(at(list(at(fromIngress.doc(), "spec", "ingress")).get(0), "from"));
        assertThat(peers)
                .singleElement()
                .satisfies(
                        peer -> assertThat(at(peer, "namespaceSelector", "matchLabels", "kubernetes.io/metadata.name"))
                                .isEqualTo("ingress-nginx"));
        Manifest ingress = ofKind("Ingress").stream()
                .filter(i -> i.file().startsWith(K8S.resolve("overlays/national")))
                .findFirst()
                .orElseThrow();
        assertThat(at(ingress.doc(), "metadata", "annotations", "nginx.ingress.kubernetes.io/whitelist-source-range"))
                .isNotNull();
        assertThat(list(at(ingress.doc(), "spec", "tls"))).isNotEmpty();
        assertThat(Manifests.read(K8S.resolve("overlays/national/ingress-patch.yaml")))
                .contains("node-kh.");
    }

    @Test
    void the_realm_in_the_keycloak_config_map_is_the_same_file_as_deploy_keycloak() {
        assertThat(Manifests.read(K8S.resolve("base/keycloak/tributary-realm.json")))
                .isEqualTo(Manifests.read(Manifests.deployDir().resolve("keycloak/tributary-realm.json")));
        assertThat(Manifests.yamlFiles(K8S).stream().map(Manifests::read))
                .noneMatch(s -> s.contains("tributary-users-0.json"));
    }

    @Test
    void keycloak_runs_the_optimized_image_on_a_read_only_root_with_a_writable_data_dir() {
        Manifest keycloak = ofKind("Deployment").stream()
                .filter(d -> d.name().equals("keycloak"))
                .findFirst()
                .orElseThrow();
        Map<String, Object> c = containers(keycloak).get(0);
        assertThat(imageName(c)).isEqualTo("tributary/keycloak");
        assertThat(list(c.get("args"))).containsExactly("start", "--optimized", "--import-realm");
        assertThat(list(c.get("volumeMounts")).stream().map(m -> String.valueOf(at(m, "mountPath"))))
                .contains("/opt/keycloak/data", "/opt/keycloak/data/import", "/tmp");
        assertThat(Manifests.read(Manifests.deployDir().resolve("docker/keycloak/Dockerfile")))
                .contains("FROM quay.io/keycloak/keycloak:26.5.6", "kc.sh build", "KC_DB=postgres");
    }

    @Test
    void keycloaks_password_and_login_endpoints_are_rate_limited_per_address_at_the_proxy() {
        Manifest login = ofKind("Ingress").stream()
                .filter(i -> i.name().equals("keycloak-login"))
                .findFirst()
                .orElseThrow();
        assertThat(at(login.doc(), "metadata", "annotations", "nginx.ingress.kubernetes.io/limit-rpm"))
                .isEqualTo("20");
        List<Object> paths = list(at(list(at(login.doc(), "spec", "rules")).get(0), "http", "paths"));
        assertThat(paths.stream().map(p -> String.valueOf(at(p, "path"))))
                .containsExactlyInAnyOrder(
                        "/realms/tributary/protocol/openid-connect/token", "/realms/tributary/login-actions/");
        Manifest general = ofKind("Ingress").stream()
                .filter(i -> i.name().equals("keycloak"))
                .findFirst()
                .orElseThrow();
        assertThat(at(login.doc(), "spec", "rules")).isNotNull();
        assertThat(at(list(at(login.doc(), "spec", "rules")).get(0), "host"))
                .isEqualTo(at(list(at(general.doc(), "spec", "rules")).get(0), "host"));
    }

    @Test
    void the_realm_imports_into_keycloaks_columns_and_its_web_application_client_is_confidential_with_pkce()
            throws Exception {
        var realm = tools.jackson.databind.json.JsonMapper.builder()
                .build()
                .readTree(Manifests.read(Manifests.deployDir().resolve("keycloak/tributary-realm.json")));
        tools.jackson.databind.JsonNode portal = null;
        for (var client : realm.path("clients")) {
            // Keycloak stores descriptions in a VARCHAR(255): a longer one stops the import, and Keycloak with it.
            assertThat(client.path("description").asString().length())
                    .as(client.path("clientId").asString())
                    .isLessThanOrEqualTo(255);
            if (client.path("clientId").asString().equals("tributary-portal")) {
                portal = client;
            }
        }
        assertThat(portal).as("the web application's client (ADR 39)").isNotNull();
        assertThat(portal.path("publicClient").asBoolean()).isFalse();
        assertThat(portal.path("secret").asString()).isEqualTo("${TRIBUTARY_PORTAL_CLIENT_SECRET}");
        assertThat(portal.path("directAccessGrantsEnabled").asBoolean()).isFalse();
        assertThat(portal.path("implicitFlowEnabled").asBoolean()).isFalse();
        assertThat(portal.path("attributes").path("pkce.code.challenge.method").asString())
                .isEqualTo("S256");
        assertThat(portal.path("redirectUris").toString()).doesNotContain("*");
        // In a deployment Keycloak sends people back to the gateway's public address, never to the local defaults.
        String keycloakConfig = Manifests.read(K8S.resolve("base/keycloak/kustomization.yaml"));
        assertThat(keycloakConfig)
                .contains("TRIBUTARY_PORTAL_REDIRECT_URI=https://", "TRIBUTARY_PORTAL_REDIRECT_URI_ALT=https://")
                .contains("TRIBUTARY_PORTAL_POST_LOGOUT_URIS=https://");
        assertThat(realm.path("internationalizationEnabled").asBoolean()).isTrue();
        assertThat(realm.path("supportedLocales").toString()).contains("\"en\"", "\"th\"", "\"zh-Hans\"");
    }

    @Test
    void the_realm_locks_out_only_on_quick_failures_and_never_for_good() throws Exception {
        var realm = tools.jackson.databind.json.JsonMapper.builder()
                .build()
                .readTree(Manifests.read(Manifests.deployDir().resolve("keycloak/tributary-realm.json")));
        assertThat(realm.path("bruteForceProtected").asBoolean()).isTrue();
        assertThat(realm.path("permanentLockout").asBoolean()).isFalse();
        // Failures more than maxDeltaTimeSeconds apart never add up: two a minute cannot lock anyone out.
        assertThat(realm.path("maxDeltaTimeSeconds").asInt()).isLessThan(30);
        // No lock for two quick failures (Keycloak's quick-login check is off) ...
        assertThat(realm.path("quickLoginCheckMilliSeconds").asInt()).isZero();
        // ... but ten quick failures lock for a minute, longer each time after, up to 15 minutes.
        assertThat(realm.path("failureFactor").asInt()).isEqualTo(10);
        assertThat(realm.path("waitIncrementSeconds").asInt()).isEqualTo(60);
        assertThat(realm.path("maxFailureWaitSeconds").asInt()).isEqualTo(900);
    }

    @Test
    void the_demo_databases_create_the_services_role_and_make_the_migrations_role_their_owner() {
        assertThat(Manifests.read(K8S.resolve("base/aggregator-db/initdb/10-application-role.sh")))
                .isEqualTo(Manifests.read(K8S.resolve("base/node-db/initdb/10-application-role.sh")))
                .contains("create role :\"app_user\" login password :'app_password'");
        for (String db : List.of("node-db", "aggregator-db")) {
            Manifest set = ofKind("StatefulSet").stream()
                    .filter(m -> m.name().equals(db))
                    .findFirst()
                    .orElseThrow();
            Map<String, Object> c = containers(set).get(0);
            Map<String, String> keys = new java.util.HashMap<>();
            for (Object e : list(c.get("env"))) {
                Object key = at(e, "valueFrom", "secretKeyRef", "key");
                if (key != null) {
                    keys.put(String.valueOf(at(e, "name")), String.valueOf(key));
                }
            }
            assertThat(keys)
                    .as(db)
                    .containsEntry("POSTGRES_USER", "SPRING_FLYWAY_USER")
                    .containsEntry("POSTGRES_PASSWORD", "SPRING_FLYWAY_PASSWORD")
                    .containsEntry("TRIBUTARY_APP_USER", "SPRING_DATASOURCE_USERNAME")
                    .containsEntry("TRIBUTARY_APP_PASSWORD", "SPRING_DATASOURCE_PASSWORD");
            assertThat(list(c.get("volumeMounts")).stream().map(m -> String.valueOf(at(m, "mountPath"))))
                    .as(db)
                    .contains("/docker-entrypoint-initdb.d");
        }
        // The service never holds the owner's password: an init container migrates with it.
        for (String service : List.of("node", "aggregator")) {
            Manifest deployment = ofKind("Deployment").stream()
                    .filter(m -> m.name().equals(service))
                    .findFirst()
                    .orElseThrow();
            List<Object> init = list(at(deployment.doc(), "spec", "template", "spec", "initContainers"));
            assertThat(init).as(service).hasSize(1);
            assertThat(String.valueOf(init.get(0))).contains("TRIBUTARY_MIGRATE_ONLY", service + "-db-owner");
            assertThat(String.valueOf(containers(deployment))).as(service).doesNotContain(service + "-db-owner");
        }
        assertThat(Manifests.configMapLiterals(K8S.resolve("base/node/kustomization.yaml"), "node-config"))
                .doesNotContainKey("TRIBUTARY_DB_APP_ROLE");
    }
}
