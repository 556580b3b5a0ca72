package org.tributary.support.docs;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.info.Contact;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.OAuthFlow;
import io.swagger.v3.oas.models.security.OAuthFlows;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.tags.Tag;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.springdoc.core.customizers.OpenApiCustomizer;

/**
 * What every Tributary OpenAPI document says besides its endpoints: who it is for, that every call needs a Keycloak
 * token (an OAuth2 authorization-code scheme with PKCE for people in Swagger UI, a bearer scheme for service
 * accounts), and the RFC 9457 problem details each operation can answer with. Every operation gets a summary, and
 * every tag a description, so that the document passes {@code redocly lint} with the {@code recommended} rules.
 */
public final class ApiDocs {

    public static final String OAUTH2 = "keycloak";
    public static final String BEARER = "bearer";
    static final String PROBLEM = "Problem";

    private ApiDocs() {}

    /**
     * The document's info and security schemes.
     *
     * @param issuer the realm's issuer URL: its authorization and token endpoints are the OAuth2 flow's
     */
    public static OpenAPI openApi(String title, String description, String issuer) {
        String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
        var flow = new OAuthFlow()
                .authorizationUrl(base + "/protocol/openid-connect/auth")
                .tokenUrl(base + "/protocol/openid-connect/token")
                .scopes(new io.swagger.v3.oas.models.security.Scopes().addString("openid", "Sign in"));
        return new OpenAPI()
                .info(new Info()
                        .title(title)
                        .version("0.1.0")
                        .description(description)
                        .contact(new Contact().name("Tributary"))
                        .license(new License().name("Apache-2.0").url("https://www.apache.org/licenses/LICENSE-2.0")))
                .components(new Components()
                        .addSecuritySchemes(
                                OAUTH2,
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.OAUTH2)
                                        .description("Keycloak realm tributary: sign in (authorization code + PKCE)")
                                        .flows(new OAuthFlows().authorizationCode(flow)))
                        .addSecuritySchemes(
                                BEARER,
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .bearerFormat("JWT")
                                        .description("A Keycloak access token (service accounts: client credentials)")))
                .addSecurityItem(new SecurityRequirement().addList(OAUTH2))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }

    /**
     * Fills in what a generated document lacks: a summary per operation (from its id), the problem responses it can
     * give (400 and 404 where it takes input or a path id, 401, 403, 500 everywhere, 503 where it calls on), a
     * description per tag.
     */
    public static OpenApiCustomizer completing(Map<String, String> tagDescriptions) {
        return openApi -> {
            // springdoc replaces the components' schemas with the ones it generates: the problem schema goes in here.
            if (openApi.getComponents() == null) {
                openApi.setComponents(new Components());
            }
            openApi.getComponents().addSchemas(PROBLEM, problemSchema());
            Map<String, String> tags = new TreeMap<>();
            if (openApi.getPaths() == null) {
                return;
            }
            openApi.getPaths()
                    .forEach((path, item) -> item.readOperationsMap().forEach((method, op) -> {
                        if (op.getSummary() == null || op.getSummary().isBlank()) {
                            op.setSummary(summary(op.getOperationId()));
                        }
                        ApiResponses responses = op.getResponses() == null ? new ApiResponses() : op.getResponses();
                        boolean input = op.getRequestBody() != null
                                || (op.getParameters() != null
                                        && !op.getParameters().isEmpty());
                        if (input) {
                            problem(responses, "400", "The request is not valid: every bad field is listed in errors");
                        }
                        problem(responses, "401", "No valid token: sign in");
                        problem(responses, "403", "The token's roles or country do not allow this");
                        if (path.contains("{")) {
                            problem(responses, "404", "No such resource, or not one this caller may see");
                        }
                        problem(responses, "500", "An unexpected failure; nothing was changed");
                        op.setResponses(responses);
                        if (op.getTags() != null) {
                            op.getTags()
                                    .forEach(t -> tags.putIfAbsent(t, tagDescriptions.getOrDefault(t, describe(t))));
                        }
                    }));
            tags.forEach((name, text) -> {
                Tag existing = openApi.getTags() == null
                        ? null
                        : openApi.getTags().stream()
                                .filter(t -> t.getName().equals(name))
                                .findFirst()
                                .orElse(null);
                if (existing == null) {
                    openApi.addTagsItem(new Tag().name(name).description(text));
                } else if (existing.getDescription() == null) {
                    existing.setDescription(text);
                }
            });
        };
    }

    /** {@code countQuery_1} as "Count query". */
    static String summary(String operationId) {
        if (operationId == null || operationId.isBlank()) {
            return "Operation";
        }
        String base = operationId.replaceAll("_\\d+$", "");
        String words = base.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    /** {@code case-controller} as "Case controller endpoints". */
    static String describe(String tag) {
        String words = tag.replace('-', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1) + " endpoints";
    }

    private static void problem(ApiResponses responses, String status, String description) {
        if (responses.containsKey(status)) {
            return;
        }
        responses.addApiResponse(
                status,
                new ApiResponse()
                        .description(description)
                        .content(new Content()
                                .addMediaType(
                                        "application/problem+json",
                                        new MediaType()
                                                .schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM)))));
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Schema problemSchema() {
        Schema error = new ObjectSchema()
                .addProperty("row", new IntegerSchema().format("int64"))
                .addProperty("field", new StringSchema())
                .addProperty("value", new StringSchema().description("cut to 64 characters; never personal data"))
                .addProperty("reason", new StringSchema());
        return new ObjectSchema()
                .description("RFC 9457 problem details: a fixed sentence, never an echo of the request's personal data")
                .addProperty("type", new StringSchema().format("uri").example("urn:tributary:problem:validation"))
                .addProperty("title", new StringSchema())
                .addProperty("status", new IntegerSchema())
                .addProperty("detail", new StringSchema())
                .addProperty("instance", new StringSchema())
                .addProperty("traceId", new StringSchema().description("the W3C trace id, as in the services' logs"))
                .addProperty("errors", new ArraySchema().items(error));
    }

    /** An operation's id as springdoc made it, for tests. */
    static String id(Operation op) {
        return op.getOperationId();
    }
}
