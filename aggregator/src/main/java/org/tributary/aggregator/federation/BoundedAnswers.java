package org.tributary.aggregator.federation;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hc.client5.http.HttpRequestRetryStrategy;
import org.apache.hc.client5.http.classic.ExecChain;
import org.apache.hc.client5.http.classic.ExecChainHandler;
import org.apache.hc.client5.http.impl.DefaultHttpRequestRetryStrategy;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.io.entity.HttpEntityWrapper;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.util.TimeValue;

/**
 * Bounds on every node call, in the HTTP client itself: the whole call — connecting, sending, the status line,
 * headers and the last byte of the body — within {@code deadline}, and at most {@code maxBytes} of body. The socket
 * timeout alone lets a node that sends one byte a second hold a call (and its thread) for as long as it likes; here
 * a timer closes the connection at the deadline, and a body over the limit closes it as soon as the limit is passed
 * (a declared {@code Content-Length} over it before a byte is read). Either way the call ends with
 * {@link Exceeded}, which is never retried, by Camel or by the client ({@link #retryStrategy()}).
 */
final class BoundedAnswers implements ExecChainHandler {

    private final Duration deadline;
    private final long maxBytes;
    private final ScheduledExecutorService timers;

    BoundedAnswers(Duration deadline, long maxBytes, ScheduledExecutorService timers) {
        this.deadline = deadline;
        this.maxBytes = maxBytes;
        this.timers = timers;
    }

    /** The call broke a bound; the connection is closed. */
    static final class Exceeded extends IOException {

        enum Bound {
            DEADLINE,
            SIZE
        }

        private final Bound bound;

        Exceeded(Bound bound) {
            super(bound == Bound.DEADLINE ? "the node's answer did not end in time" : "the node's answer is too large");
            this.bound = bound;
        }

        Bound bound() {
            return bound;
        }
    }

    private static final String EXPIRED = "tributary.deadline-expired";

    /** True once the call's deadline passed: no retry of it may start. */
    static boolean expired(HttpContext context) {
        return context.getAttribute(EXPIRED) instanceof AtomicBoolean flag && flag.get();
    }

    /**
     * The HTTP client's own retry (once, at once, on a stale connection of an idempotent request), never after the
     * deadline, and never on a status: a node's 429 or 503 is an answer, and Camel decides what to retry.
     */
    static HttpRequestRetryStrategy retryStrategy() {
        return new DefaultHttpRequestRetryStrategy(1, TimeValue.ZERO_MILLISECONDS) {
            @Override
            public boolean retryRequest(
                    HttpRequest request, IOException exception, int execCount, HttpContext context) {
                return !expired(context) && super.retryRequest(request, exception, execCount, context);
            }

            @Override
            public boolean retryRequest(HttpResponse response, int execCount, HttpContext context) {
                return false;
            }
        };
    }

    @Override
    public ClassicHttpResponse execute(ClassicHttpRequest request, ExecChain.Scope scope, ExecChain chain)
            throws IOException, HttpException {
        AtomicBoolean expired = new AtomicBoolean();
        // Set here, on the calling thread: the context is no concurrent map; the timer only flips the flag.
        scope.clientContext.setAttribute(EXPIRED, expired);
        ScheduledFuture<?> timer = timers.schedule(
                () -> {
                    expired.set(true);
                    scope.execRuntime.discardEndpoint();
                },
                deadline.toMillis(),
                TimeUnit.MILLISECONDS);
        ClassicHttpResponse response;
        try {
            response = chain.proceed(request, scope);
        } catch (IOException | HttpException | RuntimeException e) {
            timer.cancel(false);
            if (expired.get()) {
                throw new Exceeded(Exceeded.Bound.DEADLINE);
            }
            throw e;
        }
        HttpEntity entity = response.getEntity();
        if (entity == null) {
            timer.cancel(false);
            return response;
        }
        if (entity.getContentLength() > maxBytes) {
            timer.cancel(false);
            scope.execRuntime.discardEndpoint();
            throw new Exceeded(Exceeded.Bound.SIZE);
        }
        response.setEntity(new HttpEntityWrapper(entity) {
            @Override
            public InputStream getContent() throws IOException {
                return new Counted(super.getContent(), timer, expired, scope);
            }

            @Override
            public boolean isStreaming() {
                return true;
            }
        });
        return response;
    }

    private final class Counted extends FilterInputStream {
        private final ScheduledFuture<?> timer;
        private final AtomicBoolean expired;
        private final ExecChain.Scope scope;
        private long read;

        Counted(InputStream in, ScheduledFuture<?> timer, AtomicBoolean expired, ExecChain.Scope scope) {
            super(in);
            this.timer = timer;
            this.expired = expired;
            this.scope = scope;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n == -1 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n;
            try {
                n = super.read(b, off, len);
            } catch (IOException e) {
                timer.cancel(false);
                throw expired.get() ? new Exceeded(Exceeded.Bound.DEADLINE) : e;
            }
            if (n == -1) {
                timer.cancel(false);
                return n;
            }
            read += n;
            if (read > maxBytes) {
                timer.cancel(false);
                scope.execRuntime.discardEndpoint();
                throw new Exceeded(Exceeded.Bound.SIZE);
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            timer.cancel(false);
            super.close();
        }
    }
}
