package org.tributary.common.codes;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CountriesTest {

    @ParameterizedTest
    @CsvSource({"KH,KHM,116", "LA,LAO,418", "MM,MMR,104", "TH,THA,764", "VN,VNM,704", "CN,CHN,156"})
    void greaterMekongCountriesMapBetweenAllThreeCodings(String alpha2, String alpha3, int m49) {
        Country c = Countries.byAlpha2(alpha2).orElseThrow();
        assertThat(c.alpha3()).isEqualTo(alpha3);
        assertThat(c.m49()).isEqualTo(m49);
        assertThat(Countries.byAlpha3(alpha3)).contains(c);
        assertThat(Countries.byM49(m49)).contains(c);
        assertThat(Countries.byAnyCode(String.valueOf(m49))).contains(c);
        assertThat(Countries.byAnyCode(alpha2.toLowerCase())).contains(c);
    }

    @org.junit.jupiter.api.Test
    void everyCountryRoundTripsAndUnknownCodesAreEmpty() {
        assertThat(Countries.all()).hasSizeGreaterThan(240);
        for (Country c : Countries.all()) {
            assertThat(Countries.byAlpha3(c.alpha3())).contains(c);
            assertThat(Countries.byM49(c.m49())).contains(c);
        }
        assertThat(Countries.byAlpha2("XX")).isEmpty();
        assertThat(Countries.byAnyCode("Cambodia")).isEmpty();
        assertThat(Countries.isAlpha2("kh")).isFalse();
    }
}
