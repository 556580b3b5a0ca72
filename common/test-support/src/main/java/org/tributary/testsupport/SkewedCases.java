package org.tributary.testsupport;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Predicate;
import org.tributary.common.codes.AgeBand;

/**
 * Cases the federation tests import and then count themselves, for the truth the regional figures are checked
 * against: skewed on purpose, so that some age bands and the third gender code are small in some countries.
 * Deterministic by seed.
 */
public final class SkewedCases {

    public static final List<String> GENDERS =
            List.of("Feminine", "Feminine", "Feminine", "Masculine", "Masculine", "TransgenderFeminine");

    private SkewedCases() {}

    /** One generated case: what the tests write into a file and count. */
    public record TestCase(
            String ref,
            LocalDate registered,
            String status,
            String gender,
            int age,
            String citizenship,
            Boolean informed) {

        public boolean identified() {
            return !status.equals("NotAVictimOfTrafficking");
        }

        public String genderCode() {
            return switch (gender) {
                case "Feminine" -> "F";
                case "Masculine" -> "M";
                default -> "X";
            };
        }

        public String ageBand() {
            return AgeBand.of(age).label();
        }

        public int year() {
            return registered.getYear();
        }
    }

    /**
     * {@code n} cases of {@code country}, registered in three years from {@code firstYear}; with
     * {@code someForeigners}, one in six a citizen of Lao PDR.
     */
    public static List<TestCase> generate(
            String country, String refInfix, int n, long seed, int firstYear, boolean someForeigners) {
        Random r = new Random(seed);
        List<TestCase> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int age = r.nextInt(10) == 0 ? 5 + r.nextInt(60) : 16 + r.nextInt(18);
            String status = switch (r.nextInt(10)) {
                case 0 -> "NotAVictimOfTrafficking";
                case 1, 2, 3 -> "PossibleVictimOfTrafficking";
                default -> "ActualVictimOfTrafficking";
            };
            Boolean informed = r.nextInt(8) == 0 ? null : r.nextInt(3) == 0;
            String citizenship = someForeigners && r.nextInt(6) == 0 ? "LA" : country;
            LocalDate registered = LocalDate.of(firstYear + r.nextInt(3), 1 + r.nextInt(12), 1 + r.nextInt(28));
            out.add(new TestCase(
                    country + refInfix + i,
                    registered,
                    status,
                    GENDERS.get(r.nextInt(GENDERS.size())),
                    age,
                    citizenship,
                    informed));
        }
        return out;
    }

    /** How many of the cases match every coordinate ({@code _T}: any value) and the filter. */
    public static long count(List<TestCase> cases, Map<String, String> at, Predicate<TestCase> filter) {
        Map<String, Function<TestCase, String>> dims = Map.of(
                "gender",
                TestCase::genderCode,
                "ageBand",
                TestCase::ageBand,
                "year",
                c -> Integer.toString(c.year()),
                "citizenship",
                TestCase::citizenship,
                "informedOfEntitlements",
                c -> c.informed() == null ? "_U" : c.informed() ? "yes" : "no");
        return cases.stream()
                .filter(filter)
                .filter(c -> at.entrySet().stream()
                        .allMatch(e -> e.getValue().equals("_T")
                                || (dims.containsKey(e.getKey())
                                        && dims.get(e.getKey()).apply(c).equals(e.getValue()))))
                .count();
    }
}
