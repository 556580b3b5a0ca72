package org.tributary.common.problem;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FieldErrorTest {

    @Test
    void longValuesAreCutSoThatAHugeCellNeverTravelsBack() {
        var error = new FieldError(3, "vic_TypeOfExploitation", "x".repeat(10_000_000), "too long");
        assertThat(error.value()).hasSize(FieldError.MAX_VALUE_CHARS + 1);
    }

    @Test
    void everyProblemTypeHasAStableUrn() {
        for (ProblemType t : ProblemType.values()) {
            assertThat(t.type().toString()).startsWith("urn:tributary:problem:");
            assertThat(t.status()).isBetween(400, 599);
        }
    }
}
