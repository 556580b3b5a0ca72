package org.tributary.aggregator.federation;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The W3C {@code traceparent} of the request being answered, for the calls to the nodes: read on the request's own
 * thread when a question enters the fan-out (the node calls then run on the fan-out's and the bulkheads' threads,
 * where the request's span is not current), so that the nodes log the same trace id as the gateway and the
 * aggregator.
 */
@Component
public class TraceContext {

    public static final String HEADER = "traceparent";

    private final ObjectProvider<Tracer> tracer;

    TraceContext(ObjectProvider<Tracer> tracer) {
        this.tracer = tracer;
    }

    /** {@code 00-<trace id>-<span id>-<flags>} of the current span, or null outside a trace. */
    public String traceparent() {
        Tracer t = tracer.getIfAvailable();
        Span span = t == null ? null : t.currentSpan();
        if (span == null) {
            return null;
        }
        var context = span.context();
        String traceId = context.traceId();
        if (traceId.length() == 16) {
            traceId = "0000000000000000" + traceId;
        }
        return "00-" + traceId + "-" + context.spanId() + "-" + (Boolean.TRUE.equals(context.sampled()) ? "01" : "00");
    }
}
