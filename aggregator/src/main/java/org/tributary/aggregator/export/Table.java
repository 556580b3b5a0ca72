package org.tributary.aggregator.export;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.tributary.aggregator.regional.Dataset;
import org.tributary.aggregator.regional.Observation;
import org.tributary.common.codes.Countries;
import org.tributary.common.codes.Country;

/** The flat table of observations that the CSV and the spreadsheet share: one row per observation. */
final class Table {

    static final String DATASET = "dataset";
    static final List<String> LEADING = List.of("area", "area_m49");
    static final List<String> TRAILING =
            List.of("unit", "value", "standard_error", "lower", "upper", "numerator", "denominator", "status", "note");

    /** The dataset's protection, repeated on each of its rows in a CSV (the workbook has a sheet for it). */
    static final List<String> PROTECTION = List.of("release", "node_protection", "protection_note");

    private Table() {}

    /** Every dimension of the datasets, in the order first seen, so that several datasets fit one header. */
    static List<String> dimensionUnion(List<Dataset> datasets) {
        Set<String> names = new LinkedHashSet<>();
        datasets.forEach(d -> names.addAll(d.dimensions()));
        return List.copyOf(names);
    }

    static List<String> header(List<String> dimensions, boolean withDataset) {
        List<String> header = new ArrayList<>();
        if (withDataset) {
            header.add(DATASET);
        }
        header.addAll(LEADING);
        header.addAll(dimensions);
        header.addAll(TRAILING);
        return header;
    }

    /**
     * One observation's cells, in the header's order: text as String, numbers as Integer, Long or BigDecimal,
     * absent ones as null.
     */
    static List<Object> row(Dataset dataset, Observation o, List<String> dimensions, boolean withDataset) {
        List<Object> row = new ArrayList<>();
        if (withDataset) {
            row.add(dataset.id());
        }
        row.add(o.area());
        row.add(
                isRegion(dataset, o.area())
                        ? null
                        : country(o.area()).map(Country::m49).orElse(null));
        for (String dimension : dimensions) {
            row.add(o.coordinates().get(dimension));
        }
        row.add(dataset.unit() == null ? null : dataset.unit().name().toLowerCase(Locale.ROOT));
        row.add(o.value());
        row.add(o.standardError());
        row.add(o.lower());
        row.add(o.upper());
        row.add(o.numerator());
        row.add(o.denominator());
        row.add(o.status() == null ? null : o.status().code());
        row.add(o.note());
        return row;
    }

    static boolean isRegion(Dataset dataset, String area) {
        return dataset.provenance() != null
                && area != null
                && area.equals(dataset.provenance().regionCode());
    }

    static Optional<Country> country(String alpha2) {
        return Countries.byAlpha2(alpha2);
    }
}
