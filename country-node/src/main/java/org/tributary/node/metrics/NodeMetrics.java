package org.tributary.node.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import org.springframework.stereotype.Component;
import org.tributary.common.disclosure.RefusalReason;

/**
 * The node's own metrics, for Prometheus: how many questions were answered or refused and why, how much privacy
 * budget was spent, how many import rows were accepted or rejected. Tags come from fixed sets only (a kind, an
 * outcome, a refusal reason's code), never from a request, a case or a released cell: no personal data and no
 * count of persons reaches a metric.
 */
@Component
public class NodeMetrics {

    /** What was asked: a catalogue release, or an ad-hoc count query. */
    public enum Kind {
        CATALOGUE,
        AD_HOC;

        String tag() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    private final MeterRegistry registry;
    private final Counter budgetSpent;
    private final Counter rowsAccepted;
    private final Counter rowsRejected;

    public NodeMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.budgetSpent = Counter.builder("tributary.budget.spent")
                .description("Privacy budget spent on ad-hoc answers (zCDP rho, in nano-rho)")
                .baseUnit("nanorho")
                .register(registry);
        this.rowsAccepted = Counter.builder("tributary.import.rows")
                .description("Import rows written or rejected")
                .tag("outcome", "accepted")
                .register(registry);
        this.rowsRejected = Counter.builder("tributary.import.rows")
                .description("Import rows written or rejected")
                .tag("outcome", "rejected")
                .register(registry);
    }

    /** A question answered with protected cells. */
    public void answered(Kind kind) {
        queries(kind, "answered", "none").increment();
    }

    /** A question refused, by the reason's code (a fixed set). */
    public void refused(Kind kind, RefusalReason reason) {
        queries(kind, "refused", reason.name().toLowerCase(Locale.ROOT)).increment();
    }

    public void budgetSpent(long nanoRho) {
        budgetSpent.increment(nanoRho);
    }

    public void importRows(long accepted, long rejected) {
        rowsAccepted.increment(accepted);
        rowsRejected.increment(rejected);
    }

    private Counter queries(Kind kind, String outcome, String reason) {
        return Counter.builder("tributary.queries")
                .description("Release API questions answered or refused, by kind, outcome and refusal reason")
                .tag("kind", kind.tag())
                .tag("outcome", outcome)
                .tag("reason", reason)
                .register(registry);
    }
}
