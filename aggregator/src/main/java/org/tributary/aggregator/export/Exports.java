package org.tributary.aggregator.export;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.tributary.aggregator.regional.Dataset;
import org.tributary.aggregator.regional.Observation;
import tools.jackson.databind.json.JsonMapper;

/** Regional results as downloads: JSON, CSV, XLSX and SDMX-JSON. Stateless; one instance serves every request. */
public final class Exports {

    private final JsonMapper mapper;
    private final SdmxJsonWriter sdmx;

    public Exports(JsonMapper mapper) {
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.sdmx = new SdmxJsonWriter(mapper);
    }

    /** The bytes of the datasets in a format; SDMX messages are stamped with {@code prepared}. */
    public byte[] write(ExportFormat format, List<Dataset> datasets, Instant prepared) {
        return switch (format) {
            case JSON -> json(datasets);
            case CSV -> csv(datasets);
            case XLSX -> xlsx(datasets);
            case SDMX -> sdmxJson(datasets, prepared);
            case SDMX_CSV -> sdmxCsv(datasets, null);
        };
    }

    /** SDMX-CSV 2.0: one row per observation, dimensions and attributes as the SDMX-JSON message has them. */
    public byte[] sdmxCsv(List<Dataset> datasets, Long release) {
        return SdmxCsvWriter.write(datasets, release);
    }

    /** One dataset as itself; several as {@code {"datasets": [...]}}. */
    public byte[] json(List<Dataset> datasets) {
        return datasets.size() == 1
                ? mapper.writeValueAsBytes(datasets.get(0))
                : mapper.writeValueAsBytes(Map.of("datasets", datasets));
    }

    /**
     * RFC 4180 CSV in UTF-8, one row per observation of every dataset, the columns being the union of the datasets'
     * dimensions. Formula-like text is prefixed with an apostrophe.
     */
    public byte[] csv(List<Dataset> datasets) {
        return csv(datasets, null);
    }

    /**
     * As {@link #csv(List)}, each row ending with its dataset's protection: the regional release (if any), each
     * node's mode, {@code k}, {@code b} and policy version, and the note in plain words.
     */
    public byte[] csv(List<Dataset> datasets, Long release) {
        List<String> dimensions = Table.dimensionUnion(datasets);
        var out = new ByteArrayOutputStream();
        try (var printer = new CSVPrinter(new OutputStreamWriter(out, StandardCharsets.UTF_8), CSVFormat.RFC4180)) {
            List<String> header = new java.util.ArrayList<>(Table.header(dimensions, true));
            header.addAll(Table.PROTECTION);
            printer.printRecord(header.stream().map(FormulaGuard::escape).toList());
            for (Dataset dataset : datasets) {
                Protection protection = Protection.of(dataset, release);
                for (Observation o : dataset.observations()) {
                    List<Object> row = new java.util.ArrayList<>(Table.row(dataset, o, dimensions, true));
                    row.add(release);
                    row.add(protection.nodesLine());
                    row.add(protection.note());
                    printer.printRecord(row.stream().map(Exports::csvCell).toList());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A workbook: one sheet per dataset, then a {@code protection} and a {@code provenance} sheet. */
    public byte[] xlsx(List<Dataset> datasets) {
        return XlsxWriter.write(datasets, null, null);
    }

    /** A workbook of a regional release, with its signature sheet when it is signed. */
    public byte[] xlsx(List<Dataset> datasets, ExportSignature signature, Long release) {
        return XlsxWriter.write(datasets, signature, release);
    }

    /** An SDMX-JSON message of a regional release, its data sets carrying its signature when it is signed. */
    public byte[] sdmxJson(List<Dataset> datasets, Instant prepared, ExportSignature signature, Long release) {
        return sdmx.write(datasets, Objects.requireNonNull(prepared, "prepared"), signature, release);
    }

    /** An SDMX-JSON 2.0.0 data message: one structure and one data set per dataset. */
    public byte[] sdmxJson(List<Dataset> datasets, Instant prepared) {
        return sdmx.write(datasets, Objects.requireNonNull(prepared, "prepared"), null, null);
    }

    private static String csvCell(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        return FormulaGuard.escape(value.toString());
    }
}
