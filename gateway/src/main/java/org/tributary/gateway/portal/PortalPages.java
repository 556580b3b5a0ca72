package org.tributary.gateway.portal;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * The web application's pages (ADR 39): one HTML shell for every path under {@code /app/} (the script routes
 * within it), and {@code /portal/me}, who is signed in. The shell and its assets are built from
 * {@code src/main/web} by npm during the Maven build. Only where the web application is configured.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression(
        "T(org.springframework.util.StringUtils).hasText('${tributary.gateway.portal.client-secret:}')")
class PortalPages {

    /** The realm roles a page may know of (others are not told to the browser). */
    static final Set<String> ROLES =
            Set.of("case-worker", "case-supervisor", "node-operator", "regional-analyst", "security-officer");

    /**
     * The script and styles under {@code /assets/}: the build writes the script pre-compressed too ({@code app.js.gz}),
     * served as such to clients that accept gzip — no compression per request.
     */
    @Bean
    org.springframework.web.reactive.config.WebFluxConfigurer portalAssets() {
        return new org.springframework.web.reactive.config.WebFluxConfigurer() {
            @Override
            public void addResourceHandlers(org.springframework.web.reactive.config.ResourceHandlerRegistry registry) {
                registry.addResourceHandler("/assets/**")
                        .addResourceLocations("classpath:/static/assets/")
                        .resourceChain(true)
                        .addResolver(new org.springframework.web.reactive.resource.EncodedResourceResolver())
                        .addResolver(new org.springframework.web.reactive.resource.PathResourceResolver());
            }
        };
    }

    @Bean
    RouterFunction<ServerResponse> portalRoutes() {
        String shell = read("portal/index.html");
        return RouterFunctions.route(
                        GET("/"),
                        request -> ServerResponse.temporaryRedirect(URI.create("/app/"))
                                .build())
                .andRoute(
                        GET("/app").or(GET("/app/**")),
                        request -> ServerResponse.ok()
                                .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                                .bodyValue(shell))
                .andRoute(
                        GET("/portal/me"),
                        request -> request.principal()
                                .flatMap(principal -> ServerResponse.ok()
                                        .contentType(MediaType.APPLICATION_JSON)
                                        .bodyValue(me(principal)))
                                .switchIfEmpty(Mono.defer(
                                        () -> ServerResponse.status(401).build())))
                .andRoute(GET("/portal/locale/{language}"), request -> {
                    Map<String, Object> names = LOCALE_DATA.get(request.pathVariable("language"));
                    return names == null
                            ? ServerResponse.notFound().build()
                            : ServerResponse.ok()
                                    .contentType(MediaType.APPLICATION_JSON)
                                    .bodyValue(names);
                });
    }

    /** The application's languages (ADR 39). */
    static final List<String> LANGUAGES = List.of("en", "km", "lo", "my", "th", "vi", "zh-CN");

    /**
     * Per language: every ISO country's name and each of the application's languages named in itself, from the JDK's
     * locale data (CLDR) — never a hand-written list; the browser's own data lacks some of the region's languages.
     */
    static final Map<String, Map<String, Object>> LOCALE_DATA = localeData();

    private static Map<String, Map<String, Object>> localeData() {
        Map<String, Map<String, Object>> all = new LinkedHashMap<>();
        Map<String, String> languages = new LinkedHashMap<>();
        for (String language : LANGUAGES) {
            java.util.Locale locale = java.util.Locale.forLanguageTag(language);
            languages.put(language, locale.getDisplayLanguage(locale));
        }
        for (String language : LANGUAGES) {
            java.util.Locale locale = java.util.Locale.forLanguageTag(language);
            Map<String, String> countries = new java.util.TreeMap<>();
            for (String country : java.util.Locale.getISOCountries()) {
                countries.put(country, new java.util.Locale("", country).getDisplayCountry(locale));
            }
            all.put(language, Map.of("countries", countries, "languages", languages));
        }
        return Map.copyOf(all);
    }

    /** The signed-in person as the pages need them: name, country, roles of the contract. */
    static Map<String, Object> me(java.security.Principal principal) {
        Map<String, Object> me = new LinkedHashMap<>();
        if (principal instanceof org.springframework.security.core.Authentication authentication
                && authentication.getPrincipal() instanceof OidcUser person) {
            me.put("username", firstText(person.getClaimAsString("preferred_username"), person.getSubject()));
            me.put(
                    "name",
                    firstText(
                            person.getClaimAsString("name"), me.get("username").toString()));
            me.put("country", person.getClaimAsString("country"));
            Set<String> roles = new TreeSet<>();
            for (GrantedAuthority a : authentication.getAuthorities()) {
                String name = a.getAuthority();
                if (name != null && name.startsWith("ROLE_") && ROLES.contains(name.substring(5))) {
                    roles.add(name.substring(5));
                }
            }
            me.put("roles", List.copyOf(roles));
        }
        return me;
    }

    private static String firstText(String value, String otherwise) {
        return value == null || value.isBlank() ? otherwise : value;
    }

    private static String read(String path) {
        var resource = new ClassPathResource(path);
        if (!resource.exists()) {
            throw new IllegalStateException(
                    "The web application was not built into the gateway (" + path + " missing): build with Maven");
        }
        try (InputStream in = resource.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
