package org.tributary.aggregator.verification;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tributary.common.integrity.PublicKeys;
import tools.jackson.databind.json.JsonMapper;

/**
 * The verifier as a command, offline: {@code java -jar tributary-aggregator-*-exec.jar verify-release <release.json> <keys.json>},
 * where the release file is {@code GET /api/regional/releases/{n}} and the keys file is {@code GET
 * /api/regional/keys} (or the keys the agencies published themselves). Prints every check; exits 0 when the
 * release verifies, 1 when it does not, 2 on a usage error.
 */
public final class VerifyRelease {

    private VerifyRelease() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    @SuppressWarnings("unchecked")
    public static int run(String[] args) {
        if (args.length != 2) {
            System.err.println(
                    "usage: java -jar tributary-aggregator-exec.jar verify-release <release.json> <keys.json>");
            return 2;
        }
        // A key twice in an object is refused: a reader that takes the first would see another file than this one.
        JsonMapper json = JsonMapper.builder()
                .enable(tools.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        Map<String, Object> file;
        ReleaseVerifier.TrustedKeys keys;
        try {
            file = json.readValue(Files.readString(Path.of(args[0])), Map.class);
            keys = keys(json.readValue(Files.readString(Path.of(args[1])), Map.class));
        } catch (Exception e) {
            System.err.println("cannot read the files: " + e.getClass().getSimpleName());
            return 2;
        }
        var report = new ReleaseVerifier(json).verify(file, keys);
        for (var check : report.checks()) {
            System.out.printf(
                    "%-12s %-40s %s%n",
                    check.outcome().toUpperCase(java.util.Locale.ROOT), check.name(), check.detail());
        }
        System.out.printf(
                "release %d: %s (%.1f ms)%n",
                report.number(), report.valid() ? "VERIFIED" : "NOT VERIFIED", report.millis());
        return report.valid() ? 0 : 1;
    }

    /** The keys of a {@code GET /api/regional/keys} answer. */
    @SuppressWarnings("unchecked")
    public static ReleaseVerifier.TrustedKeys keys(Map<String, Object> published) {
        Map<String, PublicKey> aggregator = new LinkedHashMap<>();
        Map<String, Object> own = (Map<String, Object>) published.get("aggregator");
        PublicKey key = PublicKeys.parse((String) own.get("publicKey"));
        aggregator.put(PublicKeys.keyId(key), key);
        Map<String, PublicKey> nodes = new LinkedHashMap<>();
        for (Object o : (List<Object>) published.getOrDefault("nodes", List.of())) {
            Map<String, Object> node = (Map<String, Object>) o;
            if ("pinned".equals(node.get("source"))) {
                System.err.println("note: the key of node " + node.get("id") + " was pinned by the aggregator at first"
                        + " contact, not configured: confirm it with the node's agency");
            }
            if (node.get("publicKey") != null) {
                nodes.put((String) node.get("id"), PublicKeys.parse((String) node.get("publicKey")));
            }
        }
        return new ReleaseVerifier.TrustedKeys(aggregator, nodes);
    }
}
