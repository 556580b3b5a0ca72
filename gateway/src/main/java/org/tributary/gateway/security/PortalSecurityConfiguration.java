package org.tributary.gateway.security;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.core.ReactiveRedisTemplate;
import org.springframework.data.redis.serializer.JdkSerializationRedisSerializer;
import org.springframework.data.redis.serializer.RedisSerializationContext;
import org.springframework.data.redis.serializer.StringRedisSerializer;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.web.server.logout.OidcClientInitiatedServerLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.userinfo.ReactiveOAuth2UserService;
import org.springframework.security.oauth2.client.web.DefaultReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.server.DefaultServerOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.server.ServerOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.server.ServerOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.server.WebSessionServerOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.DelegatingServerAuthenticationEntryPoint;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationSuccessHandler;
import org.springframework.security.web.server.authentication.logout.DelegatingServerLogoutHandler;
import org.springframework.security.web.server.authentication.logout.SecurityContextServerLogoutHandler;
import org.springframework.security.web.server.authentication.logout.WebSessionServerLogoutHandler;
import org.springframework.security.web.server.csrf.CookieServerCsrfTokenRepository;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.security.web.server.csrf.ServerCsrfTokenRequestAttributeHandler;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.session.data.redis.ReactiveRedisSessionRepository;
import org.springframework.session.web.server.session.SpringSessionWebSessionStore;
import org.springframework.util.StringUtils;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;
import org.springframework.web.server.session.CookieWebSessionIdResolver;
import org.springframework.web.server.session.DefaultWebSessionManager;
import org.springframework.web.server.session.InMemoryWebSessionStore;
import org.springframework.web.server.session.WebSessionManager;
import org.tributary.gateway.config.GatewayProperties;
import reactor.core.publisher.Mono;

/**
 * The web application's sign-in (ADR 39): the gateway is a confidential OAuth2 client of Keycloak (authorization code
 * + PKCE), keeps each person's tokens in their server-side session, and gives the browser only an {@code HttpOnly},
 * {@code SameSite=Lax} session cookie. Pages, their assets and the sign-in/sign-out endpoints have their own filter
 * chain, ahead of the API chain; the API chain relays a signed-in person's access token to the services
 * ({@link SessionTokenRelayFilter}) and asks for the CSRF token on every state-changing request that came with the
 * session cookie instead of a bearer token. Only where {@code TRIBUTARY_PORTAL_CLIENT_SECRET} is set.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression(
        "T(org.springframework.util.StringUtils).hasText('${tributary.gateway.portal.client-secret:}')")
class PortalSecurityConfiguration {

    static final String REGISTRATION = "keycloak";
    static final String CSRF_HEADER = "X-XSRF-TOKEN";

    /** How long a session that has not (yet) signed anyone in is kept: enough to come back from Keycloak's page. */
    static final Duration SIGN_IN_WINDOW = Duration.ofMinutes(5);

    /** The paths of the web application: pages, assets, the person's own details, signing in and out. */
    static final ServerWebExchangeMatcher PORTAL_PATHS = ServerWebExchangeMatchers.pathMatchers(
            "/", "/app", "/app/**", "/assets/**", "/portal/**", "/oauth2/**", "/login/**", "/logout");

    @Bean
    ReactiveClientRegistrationRepository portalClientRegistrations(GatewayProperties properties) {
        String issuer = trimmed(properties.oidc().issuer());
        GatewayProperties.Portal portal = properties.portal();
        ClientRegistration keycloak = ClientRegistration.withRegistrationId(REGISTRATION)
                .clientName("Keycloak")
                .clientId(portal.clientId())
                .clientSecret(portal.clientSecret())
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
                .scope("openid")
                // Fixed endpoints, not discovery: the gateway starts (and its APIs work) while Keycloak is still
                // starting or away.
                .issuerUri(issuer)
                .authorizationUri(issuer + "/protocol/openid-connect/auth")
                .tokenUri(issuer + "/protocol/openid-connect/token")
                .jwkSetUri(properties.oidc().effectiveJwksUri().toString())
                .userNameAttributeName("sub")
                .providerConfigurationMetadata(
                        Map.of("end_session_endpoint", issuer + "/protocol/openid-connect/logout"))
                .build();
        return new InMemoryReactiveClientRegistrationRepository(keycloak);
    }

    /** Tokens live in the person's session (so a second gateway instance sharing sessions shares them too). */
    @Bean
    ServerOAuth2AuthorizedClientRepository portalAuthorizedClients() {
        return new WebSessionServerOAuth2AuthorizedClientRepository();
    }

    /** Hands out the session's access token, refreshing it (refresh token) shortly before it expires. */
    @Bean
    ReactiveOAuth2AuthorizedClientManager portalAuthorizedClientManager(
            ReactiveClientRegistrationRepository registrations, ServerOAuth2AuthorizedClientRepository clients) {
        var manager = new DefaultReactiveOAuth2AuthorizedClientManager(registrations, clients);
        manager.setAuthorizedClientProvider(ReactiveOAuth2AuthorizedClientProviderBuilder.builder()
                .authorizationCode()
                .refreshToken(refresh -> refresh.clockSkew(Duration.ofSeconds(30)))
                .build());
        return manager;
    }

    /**
     * The session store: Redis where Redis is configured ({@code spring.data.redis.host} or {@code .url}, as for the
     * rate limiter), so that every gateway instance sees every session; in memory otherwise (bounded). The session
     * cookie is {@code HttpOnly}, {@code SameSite=Lax} (Keycloak's redirect back is a top-level navigation from
     * another site, which {@code Strict} would strip of the cookie) and {@code Secure} with the {@code __Host-} prefix
     * unless switched off for plain-HTTP local use.
     */
    @Bean(WebHttpHandlerBuilder.WEB_SESSION_MANAGER_BEAN_NAME)
    WebSessionManager webSessionManager(
            GatewayProperties properties,
            org.springframework.core.env.Environment environment,
            ObjectProvider<ReactiveRedisConnectionFactory> redis) {
        GatewayProperties.Portal portal = properties.portal();
        var ids = new CookieWebSessionIdResolver();
        ids.setCookieName(PortalCookies.session(portal.secureCookie()));
        ids.addCookieInitializer(cookie -> cookie.httpOnly(true)
                .secure(portal.secureCookie())
                .sameSite("Lax")
                .path("/"));
        var manager = new DefaultWebSessionManager();
        manager.setSessionIdResolver(ids);
        ReactiveRedisConnectionFactory connections = redis.getIfAvailable();
        if (redisConfigured(environment) && connections != null) {
            manager.setSessionStore(new SpringSessionWebSessionStore<>(redisSessions(connections)));
        } else {
            var store = new InMemoryWebSessionStore();
            store.setMaxSessions(portal.maxSessions());
            manager.setSessionStore(store);
        }
        return new ShortUntilSignedIn(manager);
    }

    /** Where the sessions live in Redis: {@value #REDIS_NAMESPACE}{@code :sessions:<id>}, each with its own expiry. */
    static final String REDIS_NAMESPACE = "tributary:gateway:sessions";

    static ReactiveRedisSessionRepository redisSessions(ReactiveRedisConnectionFactory connections) {
        var values = new JdkSerializationRedisSerializer(PortalSecurityConfiguration.class.getClassLoader());
        RedisSerializationContext<String, Object> serialization =
                RedisSerializationContext.<String, Object>newSerializationContext(new StringRedisSerializer())
                        .value(values)
                        .hashKey(new StringRedisSerializer())
                        .hashValue(values)
                        .build();
        var repository = new ReactiveRedisSessionRepository(new ReactiveRedisTemplate<>(connections, serialization));
        repository.setRedisKeyNamespace(REDIS_NAMESPACE);
        repository.setDefaultMaxInactiveInterval(SIGN_IN_WINDOW);
        return repository;
    }

    static boolean redisConfigured(org.springframework.core.env.Environment environment) {
        return StringUtils.hasText(environment.getProperty("spring.data.redis.host"))
                || StringUtils.hasText(environment.getProperty("spring.data.redis.url"));
    }

    /**
     * Double-submit CSRF token: a cookie the page's script reads and echoes in {@value #CSRF_HEADER};
     * {@code __Host-} over HTTPS, so that no sibling host can plant a known one.
     */
    static CookieServerCsrfTokenRepository csrfTokens(boolean secure) {
        CookieServerCsrfTokenRepository tokens = CookieServerCsrfTokenRepository.withHttpOnlyFalse();
        tokens.setCookieName(PortalCookies.csrf(secure));
        tokens.setHeaderName(CSRF_HEADER);
        tokens.setCookieCustomizer(cookie -> cookie.secure(secure).sameSite("Strict"));
        return tokens;
    }

    @Bean
    @Order(1)
    SecurityWebFilterChain portalFilterChain(
            ServerHttpSecurity http,
            GatewayProperties properties,
            ReactiveClientRegistrationRepository registrations,
            ServerOAuth2AuthorizedClientRepository clients,
            ReactiveJwtDecoder jwtDecoder) {
        ProblemSecurityHandlers problems = new ProblemSecurityHandlers();
        var pkce = new DefaultServerOAuth2AuthorizationRequestResolver(registrations);
        pkce.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
        var resolver = new LocalisedAuthorizationRequests(pkce);
        Duration signedIn = properties.portal().sessionTimeout();
        var logoutSuccess = new OidcClientInitiatedServerLogoutSuccessHandler(registrations);
        logoutSuccess.setPostLogoutRedirectUri("{baseUrl}/app/");
        // Pages send a person to Keycloak; the page's own calls (/portal/**) get the 401 problem instead.
        var entryPoint =
                new DelegatingServerAuthenticationEntryPoint(new DelegatingServerAuthenticationEntryPoint.DelegateEntry(
                        ServerWebExchangeMatchers.pathMatchers("/portal/**"), problems));
        entryPoint.setDefaultEntryPoint(
                new RedirectServerAuthenticationEntryPoint("/oauth2/authorization/" + REGISTRATION));
        return http.securityMatcher(PORTAL_PATHS)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .anonymous(ServerHttpSecurity.AnonymousSpec::disable)
                .headers(ServerHttpSecurity.HeaderSpec::disable)
                .csrf(csrf -> csrf.csrfTokenRepository(
                                csrfTokens(properties.portal().secureCookie()))
                        .csrfTokenRequestHandler(new ServerCsrfTokenRequestAttributeHandler()))
                .authorizeExchange(
                        rules -> rules.pathMatchers("/", "/assets/**", "/oauth2/**", "/login/**", "/portal/locale/*")
                                .permitAll()
                                .pathMatchers(HttpMethod.POST, "/logout")
                                .permitAll()
                                .anyExchange()
                                .authenticated())
                .oauth2Login(login -> login.clientRegistrationRepository(registrations)
                        .authorizedClientRepository(clients)
                        .authorizationRequestResolver(resolver)
                        // Signed in: the session now lives the configured idle time (before: the sign-in window),
                        // then on to the page first asked for (the request cache keeps its path and query only).
                        .authenticationSuccessHandler((filterExchange, authentication) -> filterExchange
                                .getExchange()
                                .getSession()
                                .doOnNext(session -> session.setMaxIdleTime(signedIn))
                                .then(new RedirectServerAuthenticationSuccessHandler("/app/")
                                        .onAuthenticationSuccess(filterExchange, authentication))))
                // Signing out ends the gateway's session (and the tokens in it) and Keycloak's.
                .logout(logout -> logout.logoutUrl("/logout")
                        .logoutHandler(new DelegatingServerLogoutHandler(
                                new SecurityContextServerLogoutHandler(), new WebSessionServerLogoutHandler()))
                        .logoutSuccessHandler(logoutSuccess))
                .exceptionHandling(handling ->
                        handling.authenticationEntryPoint(entryPoint).accessDeniedHandler(problems))
                .addFilterAfter(writeCsrfCookie(), SecurityWebFiltersOrder.CSRF)
                .addFilterAfter(new IdentityCaptureFilter(), SecurityWebFiltersOrder.AUTHENTICATION)
                .build();
    }

    /**
     * The person's roles and country come from the access token (checked like any bearer token: issuer, audience,
     * signature), not from the ID token, so the web application and the APIs grant exactly the same.
     */
    @Bean
    ReactiveOAuth2UserService<OidcUserRequest, OidcUser> portalUserService(ReactiveJwtDecoder jwtDecoder) {
        return request -> jwtDecoder
                .decode(request.getAccessToken().getTokenValue())
                .map(jwt -> {
                    List<GrantedAuthority> authorities = new ArrayList<>(Roles.authorities(jwt));
                    Map<String, Object> claims = new HashMap<>();
                    claims.put("sub", jwt.getSubject());
                    putIfPresent(claims, "preferred_username", jwt.getClaimAsString("preferred_username"));
                    putIfPresent(claims, "name", jwt.getClaimAsString("name"));
                    putIfPresent(claims, Roles.COUNTRY_CLAIM, jwt.getClaimAsString(Roles.COUNTRY_CLAIM));
                    return new DefaultOidcUser(authorities, request.getIdToken(), new OidcUserInfo(claims), "sub");
                });
    }

    /** The application's languages that Keycloak's login page has too (it has no Khmer, Lao, Burmese or Vietnamese). */
    static final Map<String, String> KEYCLOAK_LOCALES = Map.of("en", "en", "th", "th", "zh-CN", "zh-Hans");

    static final String LOCALE_COOKIE = "TRIBUTARY_LOCALE";

    /** Asks Keycloak for its login page in the language the person chose in the application, where it has it. */
    record LocalisedAuthorizationRequests(ServerOAuth2AuthorizationRequestResolver delegate)
            implements ServerOAuth2AuthorizationRequestResolver {

        @Override
        public Mono<OAuth2AuthorizationRequest> resolve(ServerWebExchange exchange) {
            return delegate.resolve(exchange).map(request -> localised(request, exchange));
        }

        @Override
        public Mono<OAuth2AuthorizationRequest> resolve(ServerWebExchange exchange, String clientRegistrationId) {
            return delegate.resolve(exchange, clientRegistrationId).map(request -> localised(request, exchange));
        }

        static OAuth2AuthorizationRequest localised(OAuth2AuthorizationRequest request, ServerWebExchange exchange) {
            var chosen = exchange.getRequest().getCookies().getFirst(LOCALE_COOKIE);
            String keycloak = chosen == null ? null : KEYCLOAK_LOCALES.get(chosen.getValue());
            if (keycloak == null) {
                return request;
            }
            return OAuth2AuthorizationRequest.from(request)
                    .additionalParameters(parameters -> parameters.put("ui_locales", keycloak))
                    .build();
        }
    }

    /**
     * Subscribes to the CSRF token so that its cookie is written with the page shell and the person's details — never
     * with the (cacheable) assets.
     */
    private static WebFilter writeCsrfCookie() {
        return (exchange, chain) -> {
            String path = exchange.getRequest().getPath().value();
            if (!(path.equals("/app") || path.startsWith("/app/") || path.equals("/portal/me"))) {
                return chain.filter(exchange);
            }
            Mono<CsrfToken> token = exchange.getAttribute(CsrfToken.class.getName());
            return (token == null ? Mono.<CsrfToken>empty() : token).then(chain.filter(exchange));
        };
    }

    private static void putIfPresent(Map<String, Object> claims, String name, String value) {
        if (value != null && !value.isBlank()) {
            claims.put(name, value);
        }
    }

    private static String trimmed(String issuer) {
        return issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
    }

    /**
     * New sessions live {@link #SIGN_IN_WINDOW} unused (one is made for every visit that is sent to sign in, so that a
     * flood of visits cannot hold the store full for long); signing in extends a session to the configured idle time.
     */
    private record ShortUntilSignedIn(DefaultWebSessionManager delegate) implements WebSessionManager {
        @Override
        public Mono<org.springframework.web.server.WebSession> getSession(ServerWebExchange exchange) {
            return delegate.getSession(exchange).doOnNext(session -> {
                if (!session.isStarted()) {
                    session.setMaxIdleTime(SIGN_IN_WINDOW);
                }
            });
        }
    }
}
