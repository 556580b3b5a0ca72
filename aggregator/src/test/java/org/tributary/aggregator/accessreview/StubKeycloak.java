package org.tributary.aggregator.accessreview;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.json.JsonMapper;

/**
 * A stand-in for Keycloak 26's token endpoint and the admin REST calls the access review makes, answering JSON
 * shaped like the real server's (captured from Keycloak 26.5), so that the real {@code keycloak-admin-client}
 * code path runs. Admin calls without the token it issued are answered 401. It records what it was asked.
 */
final class StubKeycloak implements AutoCloseable {

    static final String REALM = "tributary";
    static final String ADMIN_TOKEN = "stub-admin-token";
    static final String SECRET = "stub-console-secret";

    record Seen(String method, String path, String body) {}

    private static final Pattern USER = Pattern.compile("/admin/realms/" + REALM + "/users/([^/]+)(/.*)?");
    private static final Pattern SERVICE_ACCOUNT =
            Pattern.compile("/admin/realms/" + REALM + "/clients/([^/]+)/service-account-user");

    private final HttpServer server;
    private final JsonMapper json = JsonMapper.builder().build();
    /** Users by id, in insertion order, as Keycloak's full representation. */
    final Map<String, Map<String, Object>> users = java.util.Collections.synchronizedMap(new LinkedHashMap<>());

    final Map<String, List<String>> realmRoles = new ConcurrentHashMap<>();
    final Map<String, Map<String, List<String>>> clientRoles = new ConcurrentHashMap<>();
    final Map<String, List<Long>> sessions = new ConcurrentHashMap<>();
    final List<Map<String, Object>> clients = new CopyOnWriteArrayList<>();
    final Map<String, String> serviceAccounts = new ConcurrentHashMap<>();
    final List<Seen> seen = new CopyOnWriteArrayList<>();

    StubKeycloak() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "stub-keycloak");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Adds a user with its effective realm roles and the lastAccess (epoch ms) of each active session. */
    void user(String id, String username, String country, boolean enabled, List<String> roles, Long... lastAccess) {
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("id", id);
        user.put("username", username);
        user.put("firstName", "First " + username);
        user.put("lastName", "Last " + username);
        user.put("email", username + "@demo.tributary.invalid");
        user.put("emailVerified", true);
        if (country != null) {
            user.put("attributes", Map.of("country", List.of(country)));
        }
        user.put("enabled", enabled);
        user.put("createdTimestamp", 1_795_987_410_479L);
        user.put("totp", false);
        user.put("disableableCredentialTypes", List.of());
        user.put("requiredActions", List.of());
        user.put("notBefore", 0);
        user.put("access", Map.of("manage", true));
        // A field the 26.0 client does not know: the lenient mapper must ignore it.
        user.put("userProfileMetadata", Map.of("attributes", List.of(), "groups", List.of()));
        users.put(id, user);
        List<String> effective = new ArrayList<>(roles);
        effective.addAll(List.of("default-roles-tributary", "offline_access", "uma_authorization"));
        realmRoles.put(id, effective);
        sessions.put(id, new CopyOnWriteArrayList<>(List.of(lastAccess)));
    }

    /** Adds a client; a confidential one carries a secret, as Keycloak answers it to view-clients. */
    void client(String id, String clientId, boolean publicClient, String serviceAccountUserId) {
        Map<String, Object> client = new LinkedHashMap<>();
        client.put("id", id);
        client.put("clientId", clientId);
        client.put("enabled", true);
        client.put("clientAuthenticatorType", "client-secret");
        if (!publicClient) {
            client.put("secret", "SECRET-OF-" + clientId);
        }
        client.put("bearerOnly", false);
        client.put("publicClient", publicClient);
        client.put("serviceAccountsEnabled", serviceAccountUserId != null);
        client.put("protocol", "openid-connect");
        client.put("attributes", Map.of("client.secret.creation.time", "1795987410"));
        client.put("access", Map.of("view", true, "configure", true, "manage", true));
        clients.add(client);
        if (serviceAccountUserId != null) {
            serviceAccounts.put(id, serviceAccountUserId);
        }
    }

    List<Seen> seen(String method, String pathSuffix) {
        return seen.stream()
                .filter(s -> s.method().equals(method) && s.path().endsWith(pathSuffix))
                .toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            seen.add(new Seen(method, path, body));
            if (path.equals("/realms/" + REALM + "/protocol/openid-connect/token")) {
                token(exchange, body, exchange.getRequestHeaders().getFirst("Authorization"));
                return;
            }
            if (!("Bearer " + ADMIN_TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                send(exchange, 401, Map.of("error", "HTTP 401 Unauthorized"));
                return;
            }
            admin(exchange, method, path, body);
        }
    }

    /** Client authentication either way Keycloak accepts it: in the form or as HTTP Basic. */
    private void token(HttpExchange exchange, String form, String authorization) throws IOException {
        String basic = "Basic "
                + java.util.Base64.getEncoder()
                        .encodeToString(("tributary-security-console:" + SECRET).getBytes(StandardCharsets.UTF_8));
        boolean authenticated = form.contains("client_secret=" + SECRET) || basic.equals(authorization);
        if (!form.contains("grant_type=client_credentials") || !authenticated) {
            send(exchange, 401, Map.of("error", "unauthorized_client", "error_description", "Invalid client"));
            return;
        }
        send(
                exchange,
                200,
                Map.of(
                        "access_token",
                        ADMIN_TOKEN,
                        "expires_in",
                        300,
                        "refresh_expires_in",
                        0,
                        "token_type",
                        "Bearer",
                        "not-before-policy",
                        0,
                        "scope",
                        "profile email"));
    }

    private void admin(HttpExchange exchange, String method, String path, String body) throws IOException {
        String users = "/admin/realms/" + REALM + "/users";
        if (method.equals("GET") && path.equals(users)) {
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            int first = Integer.parseInt(query.getOrDefault("first", "0"));
            int max = Integer.parseInt(query.getOrDefault("max", "100"));
            List<Map<String, Object>> all;
            synchronized (this.users) {
                all = new ArrayList<>(this.users.values());
            }
            send(exchange, 200, all.subList(Math.min(first, all.size()), Math.min(first + max, all.size())));
            return;
        }
        if (method.equals("GET") && path.equals("/admin/realms/" + REALM + "/clients")) {
            send(exchange, 200, clients);
            return;
        }
        Matcher serviceAccount = SERVICE_ACCOUNT.matcher(path);
        if (method.equals("GET") && serviceAccount.matches()) {
            String userId = serviceAccounts.get(serviceAccount.group(1));
            Map<String, Object> user = new LinkedHashMap<>();
            user.put("id", userId);
            user.put("username", "service-account-" + userId);
            user.put("enabled", true);
            send(exchange, 200, user);
            return;
        }
        Matcher user = USER.matcher(path);
        if (!user.matches()) {
            send(exchange, 404, Map.of("error", "HTTP 404 Not Found"));
            return;
        }
        String id = user.group(1);
        String rest = user.group(2) == null ? "" : user.group(2);
        Map<String, Object> found = this.users.get(id);
        boolean serviceAccountUser = serviceAccounts.containsValue(id);
        if (found == null && !serviceAccountUser) {
            send(exchange, 404, Map.of("error", "User not found"));
            return;
        }
        switch (method + " " + rest) {
            case "GET " -> send(exchange, 200, found);
            case "PUT " -> {
                Map<?, ?> update = json.readValue(body, Map.class);
                if (update.get("enabled") instanceof Boolean enabled) {
                    found.put("enabled", enabled);
                }
                send(exchange, 204, null);
            }
            case "POST /logout" -> {
                sessions.getOrDefault(id, new ArrayList<>()).clear();
                send(exchange, 204, null);
            }
            case "GET /role-mappings/realm/composite" ->
                send(
                        exchange,
                        200,
                        realmRoles.getOrDefault(id, List.of()).stream()
                                .map(StubKeycloak::role)
                                .toList());
            case "GET /role-mappings" -> {
                Map<String, Object> clientMappings = new LinkedHashMap<>();
                clientRoles
                        .getOrDefault(id, Map.of())
                        .forEach((client, names) -> clientMappings.put(
                                client,
                                Map.of(
                                        "id",
                                        "id-" + client,
                                        "client",
                                        client,
                                        "mappings",
                                        names.stream().map(StubKeycloak::role).toList())));
                send(
                        exchange,
                        200,
                        Map.of(
                                "realmMappings",
                                realmRoles.getOrDefault(id, List.of()).stream()
                                        .map(StubKeycloak::role)
                                        .toList(),
                                "clientMappings",
                                clientMappings));
            }
            case "GET /sessions" ->
                send(
                        exchange,
                        200,
                        sessions.getOrDefault(id, List.of()).stream()
                                .map(lastAccess -> Map.of(
                                        "id",
                                        "session-" + lastAccess,
                                        "username",
                                        found == null ? "service" : found.get("username"),
                                        "userId",
                                        id,
                                        "ipAddress",
                                        "127.0.0.1",
                                        "start",
                                        lastAccess - 60_000,
                                        "lastAccess",
                                        lastAccess,
                                        "rememberMe",
                                        false,
                                        "clients",
                                        Map.of("c", "tributary-web"),
                                        "transientUser",
                                        false))
                                .toList());
            default -> send(exchange, 404, Map.of("error", "HTTP 404 Not Found"));
        }
    }

    private static Map<String, Object> role(String name) {
        return Map.of(
                "id",
                "role-" + name,
                "name",
                name,
                "composite",
                name.startsWith("default-roles"),
                "clientRole",
                false,
                "containerId",
                "realm-id");
    }

    private void send(HttpExchange exchange, int status, Object body) throws IOException {
        if (body == null) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        byte[] bytes = json.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    out.put(pair.substring(0, eq), pair.substring(eq + 1));
                }
            }
        }
        return out;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
