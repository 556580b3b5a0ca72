package org.tributary.gateway.config;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Contact;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.OAuthFlow;
import io.swagger.v3.oas.models.security.OAuthFlows;
import io.swagger.v3.oas.models.security.Scopes;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.tags.Tag;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The gateway's own OpenAPI document (its access-event trail for security officers); Swagger UI at
 * {@code /swagger-ui.html} lists it beside the aggregator's and the nodes' (ADR 37). The same scheme as the others:
 * Keycloak's authorization code flow with PKCE, or a bearer token.
 */
@Configuration
class ApiDocsConfiguration {

    @Bean
    OpenAPI gatewayApi(GatewayProperties properties) {
        String issuer = properties.oidc().issuer().replaceAll("/$", "");
        return new OpenAPI()
                .info(new Info()
                        .title("Tributary gateway")
                        .version("0.1.0")
                        .description("The one door for people: routes to the aggregator's regional and security APIs"
                                + " and to each country node's staff API, checks every token, limits rates; and the"
                                + " access-event trail. Failures are RFC 9457 problem details.")
                        .contact(new Contact().name("Tributary"))
                        .license(new License().name("Apache-2.0").url("https://www.apache.org/licenses/LICENSE-2.0")))
                .components(new Components()
                        .addSecuritySchemes(
                                "keycloak",
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.OAUTH2)
                                        .description("Keycloak realm tributary: sign in (authorization code + PKCE)")
                                        .flows(new OAuthFlows()
                                                .authorizationCode(new OAuthFlow()
                                                        .authorizationUrl(issuer + "/protocol/openid-connect/auth")
                                                        .tokenUrl(issuer + "/protocol/openid-connect/token")
                                                        .scopes(new Scopes().addString("openid", "Sign in")))))
                        .addSecuritySchemes(
                                "bearer",
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .bearerFormat("JWT")
                                        .description("A Keycloak access token")))
                .addSecurityItem(new SecurityRequirement().addList("keycloak"))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }

    /** Summaries, problem responses and tag descriptions, as the other services' documents have them. */
    @Bean
    OpenApiCustomizer gatewayApiCompleted() {
        return openApi -> {
            // springdoc replaces the components' schemas with the ones it generates: the problem schema goes in here.
            openApi.getComponents()
                    .addSchemas(
                            "Problem",
                            new ObjectSchema()
                                    .description("RFC 9457 problem details")
                                    .addProperty("type", new StringSchema())
                                    .addProperty("title", new StringSchema())
                                    .addProperty("status", new io.swagger.v3.oas.models.media.IntegerSchema())
                                    .addProperty("detail", new StringSchema())
                                    .addProperty("traceId", new StringSchema()));
            if (openApi.getPaths() == null) {
                return;
            }
            openApi.getPaths()
                    .values()
                    .forEach(item -> item.readOperations().forEach(op -> {
                        if (op.getSummary() == null) {
                            op.setSummary("Access events");
                        }
                        for (String[] r : new String[][] {
                            {"400", "The filters are not valid"},
                            {"401", "No valid token: sign in"},
                            {"403", "Security officers only"}
                        }) {
                            op.getResponses()
                                    .putIfAbsent(
                                            r[0],
                                            new ApiResponse()
                                                    .description(r[1])
                                                    .content(
                                                            new Content()
                                                                    .addMediaType(
                                                                            "application/problem+json",
                                                                            new MediaType()
                                                                                    .schema(
                                                                                            new ObjectSchema()
                                                                                                    .$ref(
                                                                                                            "#/components/schemas/Problem")))));
                        }
                    }));
            openApi.addTagsItem(new Tag().name("access-event-controller").description("The gateway's access events"));
        };
    }
}
