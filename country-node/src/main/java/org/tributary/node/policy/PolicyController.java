package org.tributary.node.policy;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
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
import org.tributary.common.disclosure.ReleaseMode;
import org.tributary.node.web.CurrentActor;

/** The node operator's sharing policy. */
@RestController
@RequestMapping("/api/policy")
class PolicyController {

    private final PolicyService policies;
    private final CurrentActor actor;

    PolicyController(PolicyService policies, CurrentActor actor) {
        this.policies = policies;
        this.actor = actor;
    }

    record PolicyRequest(
            @NotNull Integer threshold,
            @NotNull Integer roundingBase,
            @NotNull ReleaseMode mode,
            @NotNull Integer minPopulation,
            @NotNull @Size(max = 100) Set<String> allowedDimensions,
            @NotNull Integer maxDimensions,
            boolean killSwitch,
            boolean suppressZeros) {}

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
            Instant createdAt,
            String createdBy) {

        static PolicyView of(PolicyService.StoredPolicy stored) {
            DisclosurePolicy p = stored.policy();
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
        var proposed = new DisclosurePolicy(
                0,
                request.threshold(),
                request.roundingBase(),
                request.mode(),
                request.minPopulation(),
                request.allowedDimensions(),
                request.maxDimensions(),
                request.killSwitch(),
                request.suppressZeros());
        return PolicyView.of(policies.change(proposed, actor.name()));
    }
}
