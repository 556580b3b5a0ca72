package org.tributary.common.codes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AgeBandTest {

    @Test
    void everyAgeFallsInExactlyTheBandThatContainsIt() {
        for (int age = 0; age <= 130; age++) {
            AgeBand band = AgeBand.of(age);
            assertThat(age).isBetween(band.from(), band.to());
            assertThat(band.isChild()).isEqualTo(age < 18);
            int inBands = 0;
            for (AgeBand b : AgeBand.values()) {
                inBands += age >= b.from() && age <= b.to() ? 1 : 0;
            }
            assertThat(inBands).as("bands holding age %d", age).isEqualTo(1);
        }
    }

    @Test
    void bandsAreLabelledAsCtdcPublishesThem() {
        assertThat(AgeBand.of(9).label()).isEqualTo("9-17");
        assertThat(AgeBand.of(17)).isEqualTo(AgeBand.AGE_9_17);
        assertThat(AgeBand.of(18)).isEqualTo(AgeBand.AGE_18_20);
        assertThat(AgeBand.of(90).label()).isEqualTo("48+");
    }

    @Test
    void impossibleAgesAreRefused() {
        assertThatThrownBy(() -> AgeBand.of(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AgeBand.of(131)).isInstanceOf(IllegalArgumentException.class);
    }
}
