package org.tributary.support.auth;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.OutageTolerantJWKSetSource;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * The token checks of the node and the aggregator: signature (RS256 only), issuer, audience, expiry and not-before
 * with a small clock skew; anything that is not three base64url parts (a JWE, garbage, an over-long value) is
 * refused before it is parsed.
 *
 * <p>The realm's key set is fetched with short timeouts (1 s to connect, 2 s to read, 50 KiB at most), cached for
 * {@code keysCachedFor} (5 minutes) and refreshed in the background a minute before it expires, so that no request waits for Keycloak while
 * it answers. When Keycloak cannot be reached the last key set fetched keeps being used for at most
 * {@code keysStaleFor} (a WARN each time a refresh fails), so that a hung or stopped identity provider does not turn
 * every valid token into a 401; past that, or before any key set was ever fetched, tokens cannot be verified and are
 * refused (401). {@link Verifier#state()} says which of these holds, for health.
 */
public final class TokenChecks {

    private static final Logger log = LoggerFactory.getLogger(TokenChecks.class);

    /** Keycloak's tokens of many roles stay under 3 KiB; the limit is well above that and below header limits. */
    public static final int MAX_LENGTH = 6144;

    private static final Pattern SIGNED_COMPACT = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");

    private TokenChecks() {}

    /**
     * @param publicKey a PEM public key to use instead of the key set (no identity provider reachable), or null
     * @param keysStaleFor how long the last key set fetched is used while the key set cannot be fetched
     */
    public record Settings(
            URI issuer,
            URI jwkSetUri,
            Resource publicKey,
            String audience,
            Duration clockSkew,
            Duration keysStaleFor,
            Duration keysCachedFor) {

        public Settings(
                URI issuer,
                URI jwkSetUri,
                Resource publicKey,
                String audience,
                Duration clockSkew,
                Duration keysStaleFor) {
            this(issuer, jwkSetUri, publicKey, audience, clockSkew, keysStaleFor, Duration.ofMinutes(5));
        }
    }

    /** Whether tokens can be verified: keys fresh, last known keys while the provider is out, or none. */
    public enum KeyState {
        /** A configured public key: nothing to fetch. */
        STATIC_KEY,
        /** Nothing fetched yet. */
        NOT_YET_FETCHED,
        /** The last fetch (or refresh) of the key set succeeded. */
        FRESH,
        /** The key set cannot be fetched; the last one known is being used. */
        STALE,
        /** No key set can be used (none ever fetched, or the last one is older than {@code keysStaleFor}): tokens fail. */
        UNAVAILABLE
    }

    /** A decoder whose key source can be closed (its refresh thread) and whose key state can be read. */
    public interface Verifier extends JwtDecoder, Closeable {

        /** The key state and when it last changed. */
        State state();

        @Override
        void close();
    }

    public record State(KeyState keys, Instant since) {}

    public static boolean wellFormed(String token) {
        return token != null
                && token.length() <= MAX_LENGTH
                && SIGNED_COMPACT.matcher(token).matches();
    }

    public static Verifier decoder(Settings settings) {
        NimbusJwtDecoder decoder;
        AtomicReference<State> state = new AtomicReference<>();
        Closeable source;
        if (settings.publicKey() != null) {
            log.info("Bearer tokens are checked against the configured public key, issuer {}", settings.issuer());
            decoder = NimbusJwtDecoder.withPublicKey(readPublicKey(settings.publicKey()))
                    .build();
            state.set(new State(KeyState.STATIC_KEY, Instant.now()));
            source = () -> {};
        } else {
            URI keys = settings.jwkSetUri();
            log.info("Bearer tokens are checked against the JWKS {}", keys);
            state.set(new State(KeyState.NOT_YET_FETCHED, Instant.now()));
            JWKSource<SecurityContext> jwks = keySource(keys, settings.keysCachedFor(), settings.keysStaleFor(), state);
            var processor = new DefaultJWTProcessor<SecurityContext>();
            processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, jwks));
            processor.setJWSTypeVerifier(
                    new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT, new JOSEObjectType("at+jwt"), null));
            // Spring's validators below check the claims.
            processor.setJWTClaimsSetVerifier((claims, context) -> {});
            decoder = new NimbusJwtDecoder(processor);
            source = jwks instanceof Closeable c ? c : () -> {};
        }
        decoder.setJwtValidator(validator(settings));
        return new Verifier() {
            @Override
            public Jwt decode(String token) {
                if (!wellFormed(token)) {
                    throw new BadJwtException("The token is not a signed JWT");
                }
                try {
                    return decoder.decode(token);
                } catch (BadJwtException e) {
                    throw e;
                } catch (JwtException e) {
                    // No key set could be read (and none is known): the token cannot be verified, so it is refused
                    // like any unverifiable token (401), never a 500.
                    log.warn("A bearer token could not be verified: the key set is unavailable");
                    state.updateAndGet(old ->
                            old.keys() == KeyState.UNAVAILABLE ? old : new State(KeyState.UNAVAILABLE, Instant.now()));
                    throw new BadJwtException("The token could not be verified", e);
                }
            }

            @Override
            public State state() {
                return state.get();
            }

            @Override
            public void close() {
                try {
                    source.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }

    private static JWKSource<SecurityContext> keySource(
            URI keys, Duration cachedFor, Duration staleFor, AtomicReference<State> state) {
        // A caller waits for a refresh in progress at most 5 s: longer than one fetch can take (1 s + 2 s).
        long refreshWait = Duration.ofSeconds(5).toMillis();
        long refreshAhead = Math.min(Duration.ofMinutes(1).toMillis(), cachedFor.toMillis() / 5);
        try {
            var http = new DefaultResourceRetriever(1000, 2000, 50 * 1024);
            // The key state follows the fetches themselves, whatever the caching layers above make of them.
            com.nimbusds.jose.util.ResourceRetriever watched = url -> {
                try {
                    var resource = http.retrieveResource(url);
                    state.updateAndGet(
                            old -> old.keys() == KeyState.FRESH ? old : new State(KeyState.FRESH, Instant.now()));
                    return resource;
                } catch (IOException | RuntimeException e) {
                    state.updateAndGet(
                            old -> old.keys() == KeyState.FRESH ? new State(KeyState.STALE, Instant.now()) : old);
                    throw e;
                }
            };
            return JWKSourceBuilder.<SecurityContext>create(keys.toURL(), watched)
                    .cache(cachedFor.toMillis(), refreshWait)
                    .refreshAheadCache(refreshAhead, true)
                    // At most one fetch per interval (an unknown key id in a forged token would otherwise make one).
                    .rateLimited(Math.min(Duration.ofSeconds(30).toMillis(), cachedFor.toMillis() / 4))
                    .retrying(false)
                    .outageTolerant(staleFor.toMillis(), event -> {
                        long minutes = event instanceof OutageTolerantJWKSetSource.OutageEvent<?> outage
                                ? outage.getRemainingTime() / 60_000
                                : -1;
                        log.warn(
                                "The identity provider's key set cannot be fetched; using the last one known (for at"
                                        + " most {} more minutes)",
                                minutes);
                    })
                    .build();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("The key set URI is not a URL: " + keys, e);
        }
    }

    public static OAuth2TokenValidator<Jwt> validator(Settings settings) {
        OAuth2TokenValidator<Jwt> audience =
                new JwtClaimValidator<List<String>>("aud", aud -> aud != null && aud.contains(settings.audience()));
        return new DelegatingOAuth2TokenValidator<>(
                new JwtTimestampValidator(settings.clockSkew()),
                new JwtIssuerValidator(settings.issuer().toString()),
                audience,
                TokenChecks::hasExpiry);
    }

    private static OAuth2TokenValidatorResult hasExpiry(Jwt jwt) {
        return jwt.getExpiresAt() != null
                ? OAuth2TokenValidatorResult.success()
                : OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "The token has no expiry", null));
    }

    private static RSAPublicKey readPublicKey(Resource publicKey) {
        try (var in = publicKey.getInputStream()) {
            String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII)
                    .replaceAll("-----[A-Z ]+-----", "")
                    .replaceAll("\\s", "");
            return (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(pem)));
        } catch (IOException e) {
            throw new UncheckedIOException("tributary.security.public-key cannot be read", e);
        } catch (java.security.GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("tributary.security.public-key is not an RSA public key (PEM)", e);
        }
    }
}
