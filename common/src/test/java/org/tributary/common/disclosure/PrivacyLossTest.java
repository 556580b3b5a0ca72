package org.tributary.common.disclosure;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class PrivacyLossTest {

    @Test
    void aCountQueryCostsOneOverTwoSigmaSquaredRoundedUpToTheNextNanoRho() {
        assertThat(PrivacyLoss.cost(1, 20)).isEqualTo(1_250_000L); // 1/800
        assertThat(PrivacyLoss.cost(3, 20)).isEqualTo(3_750_000L);
        assertThat(PrivacyLoss.cost(1, 3)).isEqualTo(55_555_556L); // 1/18, rounded up
    }

    @Test
    void epsilonFollowsTheZcdpConversion() {
        // ρ = 1/64, δ = 1e-6: ε = ρ + 2√(ρ ln 1e6) = 0.015625 + 2·√(0.2158…) = 0.94487…
        assertThat(PrivacyLoss.epsilon(15_625_000L, 1e-6)).isEqualByComparingTo("0.9449");
    }

    @Test
    void rhoAndNanoRhoConvertWithoutGrowingABudget() {
        assertThat(PrivacyLoss.rho(15_625_000L)).isEqualByComparingTo("0.015625");
        assertThat(PrivacyLoss.nanoRho(new BigDecimal("0.0156259999"))).isEqualTo(15_625_999L);
    }
}
