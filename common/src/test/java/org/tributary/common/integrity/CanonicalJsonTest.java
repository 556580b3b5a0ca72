package org.tributary.common.integrity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 8785's own test values (Appendix B and sections 3.2.2, 3.2.3), and its laws on random values. */
class CanonicalJsonTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "0000000000000000, 0",
        "8000000000000000, 0",
        "0000000000000001, 5e-324",
        "8000000000000001, -5e-324",
        "7fefffffffffffff, 1.7976931348623157e+308",
        "ffefffffffffffff, -1.7976931348623157e+308",
        "4340000000000000, 9007199254740992",
        "c340000000000000, -9007199254740992",
        "4430000000000000, 295147905179352830000",
        "44b52d02c7e14af5, 9.999999999999997e+22",
        "44b52d02c7e14af6, 1e+23",
        "44b52d02c7e14af7, 1.0000000000000001e+23",
        "444b1ae4d6e2ef4e, 999999999999999700000",
        "444b1ae4d6e2ef4f, 999999999999999900000",
        "444b1ae4d6e2ef50, 1e+21",
        "3eb0c6f7a0b5ed8c, 9.999999999999997e-7",
        "3eb0c6f7a0b5ed8d, 0.000001",
        "41b3de4355555553, 333333333.3333332",
        "41b3de4355555554, 333333333.33333325",
        "41b3de4355555555, 333333333.3333333",
        "41b3de4355555556, 333333333.3333334",
        "41b3de4355555557, 333333333.33333343",
        "becbf647612f3696, -0.0000033333333333333333",
        "43143ff3c1cb0959, 1424953923781206.2"
    })
    void numbersAsRfc8785AppendixB(String bits, String expected) {
        double d = Double.longBitsToDouble(Long.parseUnsignedLong(bits, 16));
        assertThat(CanonicalJson.number(d)).isEqualTo(expected);
    }

    @Test
    void theRfcsExampleObject() {
        Map<String, Object> in = new LinkedHashMap<>();
        in.put(
                "numbers",
                List.of(333333333.33333329, 1E30, new BigDecimal("4.50"), 2e-3, 0.000000000000000000000000001));
        in.put("string", "\u20ac$" + (char) 0x0F + "\nA'B\"\\\\\"/");
        in.put("literals", Arrays.asList(null, true, false));
        assertThat(CanonicalJson.text(in))
                .isEqualTo("{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],"
                        + "\"string\":\"\u20ac$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}");
    }

    @Test
    void keysSortByUtf16CodeUnits() {
        Map<String, Object> in = new LinkedHashMap<>();
        for (String k : List.of("\u20ac", "\r", "\ufb33", "1", "\ud83d\ude00", "\u0080", "\u00f6")) {
            in.put(k, k.length());
        }
        assertThat(CanonicalJson.text(in))
                .isEqualTo(
                        "{\"\\r\":1,\"1\":1,\"\u0080\":1,\"\u00f6\":1,\"\u20ac\":1,\"\ud83d\ude00\":2,\"\ufb33\":1}");
    }

    @Test
    void integersOfEveryJavaTypeAreOneNumber() {
        assertThat(CanonicalJson.text(List.of(1, 1L, 1.0, new BigDecimal("1.000"), java.math.BigInteger.ONE)))
                .isEqualTo("[1,1,1,1,1]");
    }

    @Test
    void whatJsonCannotSayIsRefused() {
        assertThatThrownBy(() -> CanonicalJson.text(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CanonicalJson.text(Map.of(1, 2))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CanonicalJson.text(new Object())).isInstanceOf(IllegalArgumentException.class);
    }

    /** Law: the written number reads back as the same double, and nothing shorter would. */
    @Test
    void everyNumberReadsBackAndIsShortest() {
        Random random = new Random(8785);
        for (int i = 0; i < 20_000; i++) {
            double d = i % 3 == 0
                    ? Double.longBitsToDouble(random.nextLong())
                    : random.nextGaussian() * Math.pow(10, random.nextInt(40) - 20);
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                continue;
            }
            String written = CanonicalJson.number(d);
            assertThat(Double.parseDouble(written)).as(written).isEqualTo(d == 0 ? 0.0 : d);
            String digits = written.replaceFirst("^-", "")
                    .replaceFirst("e.*$", "")
                    .replace(".", "")
                    .replaceFirst("^0+", "")
                    .replaceFirst("0+$", "");
            int shorter = digits.length() - 1;
            if (shorter >= 1) {
                BigDecimal fewer = new BigDecimal(d).round(new java.math.MathContext(shorter));
                assertThat(fewer.doubleValue())
                        .as("%s has a shorter form", written)
                        .isNotEqualTo(d);
            }
        }
    }

    /** Law: the canonical form does not depend on the order members were put in. */
    @Test
    void memberOrderDoesNotMatter() {
        Random random = new Random(1);
        for (int i = 0; i < 500; i++) {
            List<String> keys = new java.util.ArrayList<>();
            for (int k = 0; k < 8; k++) {
                keys.add(Integer.toString(random.nextInt(1000), 36));
            }
            Map<String, Object> a = new LinkedHashMap<>();
            keys.forEach(k -> a.put(k, k.hashCode()));
            java.util.Collections.shuffle(keys, random);
            Map<String, Object> b = new LinkedHashMap<>();
            keys.forEach(k -> b.put(k, k.hashCode()));
            assertThat(CanonicalJson.text(b)).isEqualTo(CanonicalJson.text(a));
        }
    }
}
