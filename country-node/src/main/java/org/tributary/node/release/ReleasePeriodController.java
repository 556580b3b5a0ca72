package org.tributary.node.release;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.tributary.common.federation.CatalogueRelease;
import org.tributary.node.budget.BudgetPeriods;
import org.tributary.node.web.CurrentActor;

/**
 * The node operator's release periods and catalogue release: see what the node publishes this period, and start a
 * new period (for instance after a large import), which is audited. Budgets are per calendar period and are not
 * refilled by it.
 */
@RestController
class ReleasePeriodController implements BudgetPeriods {

    private final ReleasePeriods periods;
    private final CatalogueReleases catalogue;
    private final CurrentActor actor;

    ReleasePeriodController(ReleasePeriods periods, CatalogueReleases catalogue, CurrentActor actor) {
        this.periods = periods;
        this.catalogue = catalogue;
        this.actor = actor;
    }

    record NewPeriod(@NotBlank @Size(max = 200) String reason) {}

    @GetMapping("/api/release-periods/current")
    ReleasePeriods.Period current() {
        return periods.current();
    }

    @PostMapping("/api/release-periods")
    ResponseEntity<ReleasePeriods.Period> start(@Valid @RequestBody NewPeriod request) {
        var period = periods.startNew(
                "requested by " + actor.name() + ": " + request.reason().replaceAll("[^\\p{L}\\p{N} .,;:()-]", " "));
        return ResponseEntity.status(201).body(period);
    }

    @GetMapping("/api/catalogue-release")
    CatalogueRelease catalogueRelease() {
        return catalogue.current();
    }

    @Override
    public String budgetPeriod() {
        return periods.budgetPeriod();
    }
}
