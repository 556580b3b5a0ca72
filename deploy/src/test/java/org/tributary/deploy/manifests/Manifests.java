package org.tributary.deploy.manifests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Finds and reads the deployment files (compose, Kubernetes, Dockerfiles) for the manifest tests. */
final class Manifests {

    private Manifests() {}

    /** The {@code deploy} module directory, whether the tests run from it (Maven) or from the repository root. */
    static Path deployDir() {
        Path here = Path.of("").toAbsolutePath();
        if (Files.isDirectory(here.resolve("compose")) && Files.isDirectory(here.resolve("k8s"))) {
            return here;
        }
        Path fromRoot = here.resolve("deploy");
        if (Files.isDirectory(fromRoot.resolve("compose"))) {
            return fromRoot;
        }
        throw new IllegalStateException("Cannot find the deploy directory from " + here);
    }

    static Path repositoryRoot() {
        return deployDir().getParent();
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Yaml yaml() {
        return new Yaml(new SafeConstructor(new LoaderOptions()));
    }

    /** One YAML document as a map. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> load(Path file) {
        Object doc = yaml().load(read(file));
        if (!(doc instanceof Map)) {
            throw new IllegalStateException(file + " is not a YAML mapping");
        }
        return (Map<String, Object>) doc;
    }

    /** Every non-empty document of a (possibly multi-document) YAML file. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> loadAll(Path file) {
        List<Map<String, Object>> docs = new ArrayList<>();
        for (Object doc : yaml().loadAll(read(file))) {
            if (doc == null) {
                continue;
            }
            if (!(doc instanceof Map)) {
                throw new IllegalStateException(file + " holds a document that is not a mapping");
            }
            docs.add((Map<String, Object>) doc);
        }
        return docs;
    }

    /** Every YAML file under a directory. */
    static List<Path> yamlFiles(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return o == null ? Map.of() : (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object o) {
        return o == null ? List.of() : (List<Object>) o;
    }

    /** Follows a path of keys through nested maps; null when any step is missing. */
    static Object at(Object root, String... keys) {
        Object current = root;
        for (String key : keys) {
            if (!(current instanceof Map<?, ?> m)) {
                return null;
            }
            current = m.get(key);
        }
        return current;
    }

    /** The {@code literals} of a configMapGenerator entry of a kustomization file, as a map (empty when absent). */
    static Map<String, String> configMapLiterals(Path kustomization, String name) {
        Map<String, String> literals = new java.util.LinkedHashMap<>();
        for (Object generator : list(load(kustomization).get("configMapGenerator"))) {
            if (name.equals(at(generator, "name"))) {
                for (Object literal : list(at(generator, "literals"))) {
                    String s = String.valueOf(literal);
                    int eq = s.indexOf('=');
                    literals.put(s.substring(0, eq), s.substring(eq + 1));
                }
            }
        }
        return literals;
    }
}
