package org.tributary.deploy.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** deploy/docker: the image recipes, read as text (no Docker engine here to build them). */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class DockerfileTest {

    private static final Path DOCKER = Manifests.deployDir().resolve("docker");

    /** The instructions of a Dockerfile, continuation lines joined, comments dropped. */
    static List<String> instructions(Path dockerfile) {
        String joined = Manifests.read(dockerfile).replaceAll("\\\\\\n", " ");
        return joined.lines()
                .map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .toList();
    }

    static List<String> withKeyword(Path dockerfile, String keyword) {
        return instructions(dockerfile).stream()
                .filter(l -> l.startsWith(keyword + " "))
                .toList();
    }

    @Test
    void the_service_image_runs_the_jar_on_a_java_17_jre_as_a_numeric_non_root_user() {
        Path dockerfile = DOCKER.resolve("Dockerfile");
        assertThat(withKeyword(dockerfile, "FROM")).containsExactly("FROM eclipse-temurin:17-jre");
        List<String> users = withKeyword(dockerfile, "USER");
        assertThat(users).hasSize(1);
        String user = users.get(0).substring("USER ".length()).strip();
        assertThat(user).matches("\\d+(:\\d+)?");
        assertThat(Integer.parseInt(user.split(":")[0])).isGreaterThanOrEqualTo(1000);
        List<String> instructions = instructions(dockerfile);
        assertThat(instructions.indexOf(users.get(0)))
                .as("USER comes after every RUN and COPY")
                .isGreaterThan(instructions.stream()
                        .filter(l -> l.startsWith("RUN ") || l.startsWith("COPY "))
                        .mapToInt(instructions::indexOf)
                        .max()
                        .orElseThrow());
    }

    @Test
    void the_service_image_holds_only_the_exec_jar_and_sizes_the_heap_from_the_container_limit() {
        Path dockerfile = DOCKER.resolve("Dockerfile");
        assertThat(withKeyword(dockerfile, "ARG")).anyMatch(a -> a.equals("ARG JAR"));
        assertThat(withKeyword(dockerfile, "COPY"))
                .singleElement()
                .satisfies(
                        copy -> assertThat(copy).contains("${JAR} /app/app.jar").contains("--chmod=0444"));
        assertThat(withKeyword(dockerfile, "ADD")).isEmpty();
        assertThat(withKeyword(dockerfile, "ENTRYPOINT"))
                .singleElement()
                .satisfies(
                        e -> assertThat(e).contains("-XX:MaxRAMPercentage=", "-Djava.io.tmpdir=/tmp", "/app/app.jar"));
        assertThat(withKeyword(dockerfile, "HEALTHCHECK"))
                .singleElement()
                .satisfies(h ->
                        assertThat(h).contains("/actuator/health/readiness").doesNotContain("curl"));
        List<String> ignore = Manifests.read(DOCKER.resolve("Dockerfile.dockerignore"))
                .lines()
                .filter(l -> !l.isBlank() && !l.startsWith("#"))
                .toList();
        assertThat(ignore.get(0)).as("everything is ignored first").isEqualTo("*");
        assertThat(ignore.subList(1, ignore.size())).allMatch(l -> l.startsWith("!") && l.endsWith("-exec.jar"));
    }

    @Test
    void deployedServicesLogJsonLinesWithTheirTraceIds() {
        assertThat(withKeyword(DOCKER.resolve("Dockerfile"), "ENV"))
                .contains("ENV LOGGING_STRUCTURED_FORMAT_CONSOLE=ecs");
    }

    @Test
    void the_keycloak_image_is_built_from_the_pinned_official_image_and_runs_as_its_non_root_user() {
        Path dockerfile = DOCKER.resolve("keycloak/Dockerfile");
        assertThat(withKeyword(dockerfile, "FROM"))
                .allMatch(f -> f.startsWith("FROM quay.io/keycloak/keycloak:26.5.6"))
                .hasSize(2);
        assertThat(withKeyword(dockerfile, "USER")).containsExactly("USER 1000");
    }
}
