package org.tributary.node.policy;

import java.math.BigDecimal;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.tributary.common.disclosure.PeriodLength;
import org.tributary.common.disclosure.ReleaseMode;

/**
 * The policy a node starts with when its database holds none; afterwards only {@code PUT /api/policy} changes it.
 *
 * @param mode how catalogue releases are protected ({@code ROUNDING} or {@code SUPPRESSION_ONLY})
 * @param adHocMode {@code DIFFERENTIAL_PRIVACY} answers ad-hoc queries; any other mode refuses them
 */
@ConfigurationProperties("tributary.policy")
public record PolicyProperties(
        int threshold,
        int roundingBase,
        ReleaseMode mode,
        int minPopulation,
        List<String> allowedDimensions,
        int maxDimensions,
        boolean killSwitch,
        boolean suppressZeros,
        @DefaultValue("DIFFERENTIAL_PRIVACY") ReleaseMode adHocMode,
        @DefaultValue("QUARTER") PeriodLength periodLength,
        @DefaultValue("20") int minShareBase,
        @DefaultValue Dp dp) {

    /**
     * @param requesterBudget ρ (zCDP) one person may spend per period on this node
     * @param globalBudget ρ all persons together may spend per period on this node
     */
    public record Dp(
            @DefaultValue("20") int sigma,
            @DefaultValue("2") int multiResponseBound,
            @DefaultValue("0.015625") BigDecimal requesterBudget,
            @DefaultValue("0.0625") BigDecimal globalBudget,
            @DefaultValue("2000") int maxGridCells,
            @DefaultValue("15") int yearWindow) {}
}
