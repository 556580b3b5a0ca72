package org.tributary.aggregator.indicators;

import java.util.List;

/** How an indicator series turns protected counts into its figures. */
sealed interface Measure {

    /** The released counts themselves. */
    record Count() implements Measure {}

    /**
     * A share: persons with {@code dimension} in one of {@code codes} over all persons of the same breakdown cell
     * (the dimension's total). With {@code complementOf}, the numerator is the total less the persons with that code
     * (e.g. "any service" as all but {@code None}), still from released values only.
     *
     * @param codes the codes to give a share for; empty with {@code complementOf} set
     * @param outputName the name the dimension gets in the observations ({@code null}: drop it)
     * @param complementLabel the code the complement share is labelled with
     */
    record Share(String dimension, List<String> codes, String complementOf, String outputName, String complementLabel)
            implements Measure {

        static Share of(String dimension, String... codes) {
            return new Share(dimension, List.of(codes), null, dimension, null);
        }

        static Share each(String dimension, String outputName) {
            return new Share(dimension, List.of(), null, outputName, null);
        }

        static Share allBut(String dimension, String code, String outputName, String label) {
            return new Share(dimension, List.of(), code, outputName, label);
        }

        boolean eachCode() {
            return codes.isEmpty() && complementOf == null;
        }
    }
}
