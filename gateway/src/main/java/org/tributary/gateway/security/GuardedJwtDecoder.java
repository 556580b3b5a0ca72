package org.tributary.gateway.security;

import java.io.IOException;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/**
 * The gateway's token decoder with every failure sorted into one of two answers:
 *
 * <ul>
 *   <li>the token is bad (401): anything that is not three non-empty base64url parts — a JWE (five parts), garbage,
 *       a token over {@value #MAX_LENGTH} characters — is refused before it is parsed at all, and every parsing or
 *       checking failure of the decoder becomes a {@link BadJwtException};
 *   <li>the identity provider cannot be reached (503): fetching the signing keys failed (connection refused, timeout,
 *       an error status), as {@link IdentityProviderUnavailableException}.
 * </ul>
 *
 * Before this, a JWE-shaped token came out of the Nimbus processor as a plain {@link JwtException}, which Spring
 * Security treats as a server error: a 500 with no account needed.
 */
final class GuardedJwtDecoder implements ReactiveJwtDecoder {

    /** Under the server's 8 KiB limit on all request headers, which answers a larger header with a bare 431. */
    static final int MAX_LENGTH = 6144;

    private static final Pattern SIGNED_COMPACT = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");

    /** How long checking a token may take, a key fetch included. */
    static final java.time.Duration KEY_FETCH_TIMEOUT = java.time.Duration.ofSeconds(3);

    private final ReactiveJwtDecoder delegate;

    GuardedJwtDecoder(ReactiveJwtDecoder delegate) {
        this.delegate = delegate;
    }

    @Override
    public Mono<Jwt> decode(String token) {
        if (!wellFormed(token)) {
            return Mono.error(new BadJwtException("The bearer token is not a signed JWT"));
        }
        // Bounded: a Keycloak that accepts connections and never answers must not hold the request (503 instead).
        return delegate.decode(token)
                .timeout(KEY_FETCH_TIMEOUT)
                .onErrorMap(e -> !(e instanceof BadJwtException), GuardedJwtDecoder::classify);
    }

    static boolean wellFormed(String token) {
        return token != null
                && token.length() <= MAX_LENGTH
                && SIGNED_COMPACT.matcher(token).matches();
    }

    private static Throwable classify(Throwable e) {
        if (keysUnreachable(e)) {
            return new IdentityProviderUnavailableException(e);
        }
        return new BadJwtException("The bearer token cannot be used", e);
    }

    static boolean keysUnreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String type = t.getClass().getName();
            if (t instanceof IOException
                    || t instanceof TimeoutException
                    || type.startsWith("org.springframework.web.reactive.function.client.WebClient")
                    || type.startsWith("io.netty.channel.")
                    || type.equals("com.nimbusds.jose.RemoteKeySourceException")
                    || type.equals("com.nimbusds.jose.KeySourceException")) {
                return true;
            }
            String message = String.valueOf(t.getMessage());
            if (message.contains("Couldn't retrieve remote JWK set")) {
                return true;
            }
        }
        return false;
    }

    /** The signing keys could not be fetched: not the caller's fault. */
    static final class IdentityProviderUnavailableException extends JwtException {
        IdentityProviderUnavailableException(Throwable cause) {
            super("The identity provider's signing keys cannot be fetched", cause);
        }
    }
}
