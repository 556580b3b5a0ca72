package org.tributary.gateway.web;

import java.util.List;
import java.util.Locale;
import org.springframework.http.server.PathContainer;
import org.springframework.web.server.ServerWebExchange;

/**
 * A request path as the decoded segments a backend will match on (percent-decoding applied, matrix parameters and
 * empty segments dropped), so that rules cannot be dodged with {@code %66ederation} or {@code federation;x=1}.
 */
public record GatewayPaths(List<String> segments) {

    public static GatewayPaths of(ServerWebExchange exchange) {
        return of(exchange.getRequest().getPath().pathWithinApplication());
    }

    public static GatewayPaths of(PathContainer path) {
        List<String> segments = path.elements().stream()
                .filter(e -> e instanceof PathContainer.PathSegment)
                .map(e -> ((PathContainer.PathSegment) e).valueToMatch())
                .filter(s -> !s.isEmpty())
                .toList();
        return new GatewayPaths(segments);
    }

    public static GatewayPaths parse(String rawPath) {
        return of(PathContainer.parsePath(rawPath));
    }

    /** {@code /api/nodes/{country}/...}: the country segment in upper case, or null for other paths. */
    public String nodeCountry() {
        if (segments.size() >= 3
                && segments.get(0).equals("api")
                && segments.get(1).equals("nodes")) {
            return segments.get(2).toUpperCase(Locale.ROOT);
        }
        return null;
    }

    /** The path the node sees: the segments after {@code /api/nodes/{country}}. */
    public List<String> nodePath() {
        return nodeCountry() == null ? List.of() : segments.subList(3, segments.size());
    }

    /**
     * The national-staff APIs of a node that the gateway forwards (everything else under a node — the federation
     * API, API documents, Swagger UI, actuator — is not forwarded): {@code /api/<one of these>[/...]}, exact case.
     */
    public static final java.util.Set<String> NODE_APIS =
            java.util.Set.of("cases", "imports", "policy", "budget", "release-periods", "catalogue-release", "audit");

    /** Whether the path under {@code /api/nodes/{country}} is one of {@link #NODE_APIS}. */
    public boolean isAllowedNodeApi() {
        List<String> rest = nodePath();
        return rest.size() >= 2 && rest.get(0).equals("api") && NODE_APIS.contains(rest.get(1));
    }

    public boolean isNodeFederation() {
        List<String> rest = nodePath();
        return !rest.isEmpty() && rest.get(0).equalsIgnoreCase("federation");
    }

    public boolean isNodeAudit() {
        List<String> rest = nodePath();
        return rest.size() >= 2
                && rest.get(0).equalsIgnoreCase("api")
                && rest.get(1).equalsIgnoreCase("audit");
    }

    public boolean isNodeImport() {
        List<String> rest = nodePath();
        return rest.size() >= 2
                && rest.get(0).equalsIgnoreCase("api")
                && rest.get(1).equalsIgnoreCase("imports");
    }
}
