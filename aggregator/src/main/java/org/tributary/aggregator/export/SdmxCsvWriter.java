package org.tributary.aggregator.export;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.tributary.aggregator.regional.Dataset;
import org.tributary.aggregator.regional.Observation;

/**
 * SDMX-CSV 2.0: {@code STRUCTURE}, {@code STRUCTURE_ID} and {@code ACTION}, then every dimension, {@code OBS_VALUE}
 * and every attribute by its id, one row per observation, with the codes the SDMX-JSON message uses (the same
 * {@link SdmxJsonWriter} components). The data-set attribute {@code COMMENT_DSET} (how the values were protected) is
 * repeated on each of its rows. Several datasets share one header: the union of their columns, empty where a
 * dataset has no such component.
 */
final class SdmxCsvWriter {

    static final String AGENCY = "TRIBUTARY";
    static final String VERSION = "1.0";

    private SdmxCsvWriter() {}

    /** The {@code STRUCTURE_ID} of a dataset: its dataflow, as {@code AGENCY:ID(VERSION)}. */
    static String structureId(Dataset dataset) {
        return AGENCY + ":" + SdmxJsonWriter.sdmxId(dataset.id()) + "(" + VERSION + ")";
    }

    static byte[] write(List<Dataset> datasets, Long release) {
        Set<String> dimensionIds = new LinkedHashSet<>();
        Set<String> attributeIds = new LinkedHashSet<>();
        for (Dataset d : datasets) {
            SdmxJsonWriter.dimensions(d).forEach(c -> dimensionIds.add(c.id));
            SdmxJsonWriter.attributes(d).forEach(c -> attributeIds.add(c.id));
        }
        List<String> header = new ArrayList<>(List.of("STRUCTURE", "STRUCTURE_ID", "ACTION"));
        header.addAll(dimensionIds);
        header.add("OBS_VALUE");
        header.addAll(attributeIds);
        header.add("COMMENT_DSET");
        var out = new ByteArrayOutputStream();
        try (var printer = new CSVPrinter(new OutputStreamWriter(out, StandardCharsets.UTF_8), CSVFormat.RFC4180)) {
            printer.printRecord(header);
            for (Dataset d : datasets) {
                List<SdmxJsonWriter.Component> dims = SdmxJsonWriter.dimensions(d);
                List<SdmxJsonWriter.Component> attrs = SdmxJsonWriter.attributes(d);
                String note = Protection.of(d, release).note();
                for (Observation o : d.observations()) {
                    List<String> row = new ArrayList<>(List.of("dataflow", structureId(d), "I"));
                    for (String id : dimensionIds) {
                        row.add(text(find(dims, id), o));
                    }
                    BigDecimal value = o.value();
                    row.add(value == null ? "" : (value.scale() < 0 ? value.setScale(0) : value).toPlainString());
                    for (String id : attributeIds) {
                        row.add(text(find(attrs, id), o));
                    }
                    row.add(FormulaGuard.escape(note));
                    printer.printRecord(row);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static SdmxJsonWriter.Component find(List<SdmxJsonWriter.Component> components, String id) {
        for (SdmxJsonWriter.Component c : components) {
            if (c.id.equals(id)) {
                return c;
            }
        }
        return null;
    }

    /** A component's value for an observation: its code, or its text (formula-guarded); empty when it has none. */
    private static String text(SdmxJsonWriter.Component component, Observation o) {
        if (component == null) {
            return "";
        }
        SdmxJsonWriter.Value value = component.valueOf.apply(o);
        if (value == null) {
            return "";
        }
        return value.id() != null ? value.id() : FormulaGuard.escape(value.text());
    }
}
