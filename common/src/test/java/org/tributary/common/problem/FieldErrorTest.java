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
    void controlCharactersInValuesAreReplacedSoThatReportsCanBeStored() {
        assertThat(new FieldError(1, "f", "a\u0000b\u0007c", "bad").value()).isEqualTo("a\uFFFDb\uFFFDc");
    }

    @Test
    void everyProblemTypeHasAStableUrn() {
        for (ProblemType t : ProblemType.values()) {
            assertThat(t.type().toString()).startsWith("urn:tributary:problem:");
            assertThat(t.status()).isBetween(400, 599);
        }
    }

    @Test
    void bareStatusesMapToTheirOwnTypeAndOthersToAGenericOne() {
        assertThat(ProblemType.forStatus(404)).isEqualTo(ProblemType.NOT_FOUND);
        assertThat(ProblemType.forStatus(405)).isEqualTo(ProblemType.METHOD_NOT_ALLOWED);
        assertThat(ProblemType.forStatus(400)).isEqualTo(ProblemType.VALIDATION);
        assertThat(ProblemType.forStatus(418)).isEqualTo(ProblemType.VALIDATION);
        assertThat(ProblemType.forStatus(502)).isEqualTo(ProblemType.INTERNAL);
    }
}
