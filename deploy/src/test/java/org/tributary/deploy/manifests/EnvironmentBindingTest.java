package org.tributary.deploy.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * The environment variables the compose file and the Kubernetes ConfigMaps set must be ones the services read:
 * either a {@code ${NAME:...}} placeholder in the service's application.yml, or a property Spring's relaxed binding
 * maps the name to — checked with Spring Boot's own binder, as the services would see them.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class EnvironmentBindingTest {

    /** A node entry as the aggregator binds {@code tributary.aggregator.nodes[i]}. */
    record NodeEntry(String id, String country, String baseUrl) {}

    private static final Path K8S = Manifests.deployDir().resolve("k8s");
    private static final Pattern NODE_ENTRY =
            Pattern.compile("TRIBUTARY_AGGREGATOR_NODES_(\\d+)_(ID|COUNTRY|BASE_URL|PUBLIC_KEY)");

    /** Properties the services read without a placeholder of their own (Spring Boot's, or record components). */
    private static final Map<String, List<String>> RELAXED = Map.of(
            "country-node",
            List.of(
                    "spring.datasource.url",
                    "spring.datasource.username",
                    "spring.datasource.password",
                    "spring.flyway.user",
                    "spring.flyway.password",
                    "tributary.security.jwk-set-uri"),
            "aggregator",
            List.of(
                    "spring.datasource.url",
                    "spring.datasource.username",
                    "spring.datasource.password",
                    "spring.flyway.user",
                    "spring.flyway.password",
                    "tributary.security.jwk-set-uri"),
            "gateway",
            List.of("spring.data.redis.host", "spring.data.redis.port", "spring.data.redis.password"));

    private static ConfigurationPropertySource environmentSource(Map<String, String> env) {
        Map<String, Object> values = new LinkedHashMap<>(env);
        return ConfigurationPropertySources.from(new SystemEnvironmentPropertySource(
                        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, values))
                .iterator()
                .next();
    }

    private static Binder binder(Map<String, String> env) {
        return new Binder(environmentSource(env));
    }

    /** True when {@code name} reaches the service: a placeholder in its application.yml or a relaxed binding. */
    static boolean readBy(String module, String name) {
        String yml = Manifests.read(
                Manifests.repositoryRoot().resolve(module).resolve("src/main/resources/application.yml"));
        if (yml.contains("${" + name + ":") || yml.contains("${" + name + "}")) {
            return true;
        }
        ConfigurationPropertySource source = environmentSource(Map.of(name, "x"));
        Matcher node = NODE_ENTRY.matcher(name);
        if (module.equals("aggregator") && node.matches()) {
            String field = node.group(2).toLowerCase(java.util.Locale.ROOT).replace('_', '-');
            return source.getConfigurationProperty(
                            ConfigurationPropertyName.of("tributary.aggregator.nodes[" + node.group(1) + "]." + field))
                    != null;
        }
        return RELAXED.get(module).stream()
                .anyMatch(p -> source.getConfigurationProperty(ConfigurationPropertyName.of(p)) != null);
    }

    private static void assertEveryVariableIsRead(String module, Map<String, String> env, String where) {
        assertThat(env).as(where).isNotEmpty();
        env.keySet().stream()
                .filter(k -> k.startsWith("TRIBUTARY_") || k.startsWith("SPRING_") || k.equals("PORT"))
                .forEach(k -> assertThat(readBy(module, k))
                        .as("%s sets %s, which %s does not read", where, k, module)
                        .isTrue());
    }

    @Test
    void every_variable_compose_gives_a_spring_service_is_read_by_that_service() {
        Map<String, String> modules = Map.of(
                "node-kh", "country-node",
                "node-th", "country-node",
                "node-vn", "country-node",
                "aggregator", "aggregator",
                "gateway", "gateway");
        modules.forEach((service, module) -> assertEveryVariableIsRead(
                module, ComposeFileTest.environment(ComposeFileTest.service(service)), "compose " + service));
    }

    @Test
    void every_variable_of_the_kubernetes_config_maps_is_read_by_its_service() {
        assertEveryVariableIsRead("country-node", nodeConfig(), "k8s node-config (base + national overlay)");
        assertEveryVariableIsRead("aggregator", aggregatorConfig(), "k8s aggregator-config (base + regional)");
        assertEveryVariableIsRead("gateway", gatewayConfig(), "k8s gateway-config (base + regional)");
    }

    @Test
    void an_unknown_variable_is_caught_by_the_same_check() {
        assertThat(readBy("aggregator", "TRIBUTARY_AGGREGATOR_NODE_0_BASE_URL")).isFalse();
        assertThat(readBy("country-node", "TRIBUTARY_NODE_PII")).isFalse();
        assertThat(readBy("gateway", "TRIBUTARY_SECURITY_JWK_SET_URI")).isFalse();
    }

    @Test
    void the_aggregator_binds_the_three_nodes_of_the_compose_file_from_its_environment() {
        Map<String, String> env = ComposeFileTest.environment(ComposeFileTest.service("aggregator"));
        List<NodeEntry> nodes = binder(env)
                .bind("tributary.aggregator.nodes", Bindable.listOf(NodeEntry.class))
                .get();
        assertThat(nodes)
                .containsExactly(
                        new NodeEntry("kh", "KH", "http://node-kh:8081"),
                        new NodeEntry("th", "TH", "http://node-th:8081"),
                        new NodeEntry("vn", "VN", "http://node-vn:8081"));
    }

    @Test
    void the_regional_aggregator_binds_the_nodes_of_the_overlay_and_not_the_base_placeholder() {
        List<NodeEntry> nodes = binder(aggregatorConfig())
                .bind("tributary.aggregator.nodes", Bindable.listOf(NodeEntry.class))
                .get();
        assertThat(nodes).extracting(NodeEntry::country).containsExactly("KH", "TH", "VN");
        assertThat(nodes).extracting(NodeEntry::baseUrl).allMatch(u -> u.startsWith("https://"));
    }

    @Test
    void the_node_and_the_aggregator_read_the_internal_key_set_address() {
        for (String service : List.of("node-kh", "aggregator")) {
            URI jwks = binder(ComposeFileTest.environment(ComposeFileTest.service(service)))
                    .bind("tributary.security.jwk-set-uri", URI.class)
                    .get();
            assertThat(jwks).hasHost("keycloak").hasPath("/realms/tributary/protocol/openid-connect/certs");
        }
    }

    static Map<String, String> nodeConfig() {
        Map<String, String> merged =
                Manifests.configMapLiterals(K8S.resolve("base/node/kustomization.yaml"), "node-config");
        merged.putAll(Manifests.configMapLiterals(K8S.resolve("overlays/national/kustomization.yaml"), "node-config"));
        return merged;
    }

    static Map<String, String> aggregatorConfig() {
        Map<String, String> merged =
                Manifests.configMapLiterals(K8S.resolve("base/aggregator/kustomization.yaml"), "aggregator-config");
        merged.putAll(
                Manifests.configMapLiterals(K8S.resolve("overlays/regional/kustomization.yaml"), "aggregator-config"));
        return merged;
    }

    static Map<String, String> gatewayConfig() {
        Map<String, String> merged =
                Manifests.configMapLiterals(K8S.resolve("base/gateway/kustomization.yaml"), "gateway-config");
        merged.putAll(
                Manifests.configMapLiterals(K8S.resolve("overlays/regional/kustomization.yaml"), "gateway-config"));
        return merged;
    }
}
