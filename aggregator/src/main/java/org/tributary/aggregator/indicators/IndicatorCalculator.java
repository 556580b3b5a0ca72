package org.tributary.aggregator.indicators;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.tributary.aggregator.regional.AreaValue;
import org.tributary.aggregator.regional.Observation;

/**
 * Turns one series' combined answer into observations, per country and for the region. Counts are the released
 * values; a share is computed only from an exact released numerator and denominator of the same area, and is
 * {@code unavailable}, with the reason, when either is suppressed, an interval, or missing — never guessed.
 */
final class IndicatorCalculator {

    static final String TOTAL = org.tributary.common.federation.FederationContract.TOTAL;
    static final int SCALE = 4;

    private IndicatorCalculator() {}

    static List<Observation> observations(Series series, AreaValue.Lookup lookup) {
        return series.measure() instanceof Measure.Share share ? shares(series, share, lookup) : counts(series, lookup);
    }

    private static List<Observation> counts(Series series, AreaValue.Lookup lookup) {
        List<Observation> out = new ArrayList<>();
        for (Map<String, String> at : lookup.coordinates()) {
            Map<String, String> labelled = with(at, series.tags());
            for (int i = 0; i < lookup.countries().size(); i++) {
                out.add(lookup.country(i, at).toObservation(labelled));
            }
            out.add(lookup.region(at).toObservation(labelled));
        }
        return out;
    }

    private static List<Observation> shares(Series series, Measure.Share share, AreaValue.Lookup lookup) {
        String dim = share.dimension();
        // Breakdown cells (coordinates without the share's dimension) and the codes released within each.
        Map<Map<String, String>, TreeSet<String>> keys = new LinkedHashMap<>();
        for (Map<String, String> at : lookup.coordinates()) {
            Map<String, String> key = new LinkedHashMap<>(at);
            String code = key.remove(dim);
            keys.computeIfAbsent(key, k -> new TreeSet<>());
            if (code != null && !TOTAL.equals(code)) {
                keys.get(key).add(code);
            }
        }
        List<Observation> out = new ArrayList<>();
        keys.forEach((key, released) -> {
            Map<String, String> denominatorAt = with(key, Map.of(dim, TOTAL));
            List<String> codes = share.complementOf() != null
                    ? List.of(share.complementOf())
                    : share.eachCode() ? List.copyOf(released) : share.codes();
            for (String code : codes) {
                Map<String, String> numeratorAt = with(key, Map.of(dim, code));
                Map<String, String> labelled = new LinkedHashMap<>(key);
                if (share.outputName() != null) {
                    labelled.put(share.outputName(), share.complementOf() != null ? share.complementLabel() : code);
                }
                labelled.putAll(series.tags());
                boolean complement = share.complementOf() != null;
                int regionBase = 0;
                for (int i = 0; i < lookup.countries().size(); i++) {
                    int base = minShareBase(lookup.answered().get(i));
                    regionBase = Math.max(regionBase, base);
                    out.add(ratio(
                            lookup.country(i, numeratorAt),
                            lookup.country(i, denominatorAt),
                            complement,
                            labelled,
                            base));
                }
                out.add(ratio(
                        lookup.region(numeratorAt), lookup.region(denominatorAt), complement, labelled, regionBase));
            }
        });
        return out;
    }

    static int minShareBase(org.tributary.aggregator.regional.NodeAnswer answer) {
        return answer.minShareBase() == null ? 0 : answer.minShareBase();
    }

    static Observation ratio(AreaValue part, AreaValue whole, boolean complement, Map<String, String> at) {
        return ratio(part, whole, complement, at, 0);
    }

    /**
     * A share from released values of one area, or unavailable with the reason. A share of exactly 0 % or 100 % over
     * fewer persons than the node's {@code minShareBase} is not released: it would say something of every person of
     * the group (all of them, or none, have the attribute).
     */
    static Observation ratio(
            AreaValue part, AreaValue whole, boolean complement, Map<String, String> at, int minShareBase) {
        String area = whole.area();
        if (!whole.exact()) {
            return Observation.unavailable(area, at, "denominator " + why(whole));
        }
        if (!part.exact()) {
            return Observation.unavailable(area, at, "numerator " + why(part));
        }
        long denominator = whole.value();
        long numerator = complement ? denominator - part.value() : part.value();
        if (denominator == 0) {
            return Observation.unavailable(area, at, "no persons in the denominator");
        }
        if ((numerator <= 0 || numerator >= denominator) && denominator < minShareBase) {
            return Observation.unavailable(
                    area,
                    at,
                    "a share of 0 % or 100 % over fewer than " + minShareBase
                            + " persons is not released: it would describe every person of the group");
        }
        String note = null;
        if (numerator > denominator || numerator < 0) {
            // Numerator and denominator are rounded independently; the share is kept within [0, 1].
            numerator = Math.max(0, Math.min(numerator, denominator));
            note = "rounded counts crossed; share bounded to [0, 1]";
        }
        BigDecimal share =
                BigDecimal.valueOf(numerator).divide(BigDecimal.valueOf(denominator), SCALE, RoundingMode.HALF_EVEN);
        return Observation.ratio(
                area, at, share, numerator, denominator, part.status().combine(whole.status()), note);
    }

    private static String why(AreaValue v) {
        return switch (v.status()) {
            case SUPPRESSED -> "suppressed by the country's disclosure control";
            case INTERVAL -> "is an interval: some country's cell is suppressed";
            default -> v.note() == null ? "not available" : "not available: " + v.note();
        };
    }

    private static Map<String, String> with(Map<String, String> base, Map<String, String> more) {
        Map<String, String> out = new LinkedHashMap<>(base);
        out.putAll(more);
        return out;
    }
}
