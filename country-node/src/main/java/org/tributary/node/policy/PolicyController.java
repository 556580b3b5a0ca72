package org.tributary.node.policy;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.tributary.common.disclosure.DisclosurePolicy;
import org.tributary.common.disclosure.DpSettings;
import org.tributary.common.disclosure.PeriodLength;
import org.tributary.common.disclosure.PrivacyLoss;
import org.tributary.common.disclosure.ReleaseMode;
import org.tributary.node.web.CurrentActor;

/**
 * The node operator's sharing policy. Raising a budget (a top-up) is a policy change like any other: versioned and
 * written to the audit chain.
 */
@RestController
@RequestMapping("/api/policy")
class PolicyController {

    private final PolicyService policies;
    private final CurrentActor actor;

    PolicyController(PolicyService policies, CurrentActor actor) {
        this.policies = policies;
        this.actor = actor;
    }

    /** The differential-privacy settings; budgets in ρ (zCDP) per period. Absent: the current settings. */
    record DpRequest(
            @NotNull Integer sigma,
            @NotNull Integer multiResponseBound,
            @NotNull @DecimalMin("0") BigDecimal requesterBudget,
            @NotNull @DecimalMin("0") BigDecimal globalBudget,
            @NotNull Integer maxGridCells,
            @NotNull Integer yearWindow) {}

    /** A whole policy. The version-2 settings may be left out: they keep their current values. */
    record PolicyRequest(
            @NotNull Integer threshold,
            @NotNull Integer roundingBase,
            @NotNull ReleaseMode mode,
            @NotNull Integer minPopulation,
            @NotNull @Size(max = 100) Set<String> allowedDimensions,
            @NotNull Integer maxDimensions,
            boolean killSwitch,
            boolean suppressZeros,
            ReleaseMode adHocMode,
            PeriodLength periodLength,
            Integer minShareBase,
            @Valid DpRequest dp) {}

    record DpView(
            int sigma,
            int multiResponseBound,
            BigDecimal requesterBudget,
            BigDecimal globalBudget,
            int maxGridCells,
            int yearWindow) {}

    record PolicyView(
            long version,
            int threshold,
            int roundingBase,
            ReleaseMode mode,
            int minPopulation,
            List<String> allowedDimensions,
            int maxDimensions,
            boolean killSwitch,
            boolean suppressZeros,
            ReleaseMode adHocMode,
            PeriodLength periodLength,
            int minShareBase,
            DpView dp,
            Instant createdAt,
            String createdBy) {

        static PolicyView of(PolicyService.StoredPolicy stored) {
            DisclosurePolicy p = stored.policy();
            DpSettings dp = p.dp();
            return new PolicyView(
                    p.version(),
                    p.threshold(),
                    p.roundingBase(),
                    p.mode(),
                    p.minPopulation(),
                    List.copyOf(new TreeSet<>(p.allowedDimensions())),
                    p.maxDimensions(),
                    p.killSwitch(),
                    p.suppressZeros(),
                    p.adHocMode(),
                    p.periodLength(),
                    p.minShareBase(),
                    new DpView(
                            dp.sigma(),
                            dp.multiResponseBound(),
                            PrivacyLoss.rho(dp.requesterBudget()),
                            PrivacyLoss.rho(dp.globalBudget()),
                            dp.maxGridCells(),
                            dp.yearWindow()),
                    stored.createdAt(),
                    stored.createdBy());
        }
    }

    @GetMapping
    PolicyView current() {
        return PolicyView.of(policies.current());
    }

    @PutMapping
    PolicyView change(@Valid @RequestBody PolicyRequest request) {
        DisclosurePolicy now = policies.current().policy();
        DpSettings dp = request.dp() == null
                ? now.dp()
                : new DpSettings(
                        request.dp().sigma(),
                        request.dp().multiResponseBound(),
                        PrivacyLoss.nanoRho(request.dp().requesterBudget()),
                        PrivacyLoss.nanoRho(request.dp().globalBudget()),
                        request.dp().maxGridCells(),
                        request.dp().yearWindow());
        var proposed = new DisclosurePolicy(
                0,
                request.threshold(),
                request.roundingBase(),
                request.mode(),
                request.minPopulation(),
                request.allowedDimensions(),
                request.maxDimensions(),
                request.killSwitch(),
                request.suppressZeros(),
                request.adHocMode() == null ? now.adHocMode() : request.adHocMode(),
                request.periodLength() == null ? now.periodLength() : request.periodLength(),
                request.minShareBase() == null ? now.minShareBase() : request.minShareBase(),
                dp);
        return PolicyView.of(policies.change(proposed, actor.name()));
    }
}
