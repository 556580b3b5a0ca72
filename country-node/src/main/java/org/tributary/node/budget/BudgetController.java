package org.tributary.node.budget;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.math.BigDecimal;
import java.util.List;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.tributary.common.disclosure.DpSettings;
import org.tributary.common.disclosure.PrivacyLoss;
import org.tributary.node.policy.PolicyService;

/**
 * The node operator's view of the privacy budget ledger: who spent how much of this period's budget, and every
 * spend with its audit entry. A top-up is a policy change ({@code PUT /api/policy} with larger budgets).
 */
@RestController
@RequestMapping("/api/budget")
@Validated
class BudgetController {

    private final BudgetLedger ledger;
    private final PolicyService policies;
    private final BudgetPeriods periods;

    BudgetController(BudgetLedger ledger, PolicyService policies, BudgetPeriods periods) {
        this.ledger = ledger;
        this.policies = policies;
        this.periods = periods;
    }

    record RowView(String requester, BigDecimal spent, BigDecimal cap) {}

    record LedgerView(
            String period,
            BigDecimal requesterCap,
            BigDecimal globalCap,
            BigDecimal globalSpent,
            List<RowView> requesters) {}

    record SpendView(long id, java.time.Instant at, String requester, String client, BigDecimal rho, long auditSeq) {}

    @GetMapping
    LedgerView ledger(@RequestParam(required = false) @Pattern(regexp = "[0-9]{4}(-Q[1-4]|-[0-9]{2})?") String period) {
        String p = period == null ? periods.budgetPeriod() : period;
        DpSettings dp = policies.current().policy().dp();
        BigDecimal everyone = BigDecimal.ZERO;
        List<RowView> rows = new java.util.ArrayList<>();
        for (var row : ledger.rows(p)) {
            if (BudgetLedger.EVERYONE.equals(row.requester())) {
                everyone = PrivacyLoss.rho(row.spent());
            } else {
                rows.add(new RowView(
                        row.requester(), PrivacyLoss.rho(row.spent()), PrivacyLoss.rho(dp.requesterBudget())));
            }
        }
        return new LedgerView(
                p, PrivacyLoss.rho(dp.requesterBudget()), PrivacyLoss.rho(dp.globalBudget()), everyone, rows);
    }

    @GetMapping("/spends")
    List<SpendView> spends(
            @RequestParam(required = false) @Pattern(regexp = "[0-9]{4}(-Q[1-4]|-[0-9]{2})?") String period,
            @RequestParam(defaultValue = "0") @Min(0) @Max(1_000_000) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        String p = period == null ? periods.budgetPeriod() : period;
        return ledger.spends(p, page, size).stream()
                .map(s -> new SpendView(
                        s.id(), s.at(), s.requester(), s.client(), PrivacyLoss.rho(s.cost()), s.auditSeq()))
                .toList();
    }
}
