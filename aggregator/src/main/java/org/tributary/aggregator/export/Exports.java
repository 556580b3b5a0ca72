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
        };
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
        List<String> dimensions = Table.dimensionUnion(datasets);
        var out = new ByteArrayOutputStream();
        try (var printer = new CSVPrinter(new OutputStreamWriter(out, StandardCharsets.UTF_8), CSVFormat.RFC4180)) {
            printer.printRecord(Table.header(dimensions, true).stream()
                    .map(FormulaGuard::escape)
                    .toList());
            for (Dataset dataset : datasets) {
                for (Observation o : dataset.observations()) {
                    printer.printRecord(Table.row(dataset, o, dimensions, true).stream()
                            .map(Exports::csvCell)
                            .toList());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A workbook: one sheet per dataset, then a {@code provenance} sheet. */
    public byte[] xlsx(List<Dataset> datasets) {
        return XlsxWriter.write(datasets);
    }

    /** A workbook with a signed release's signature sheet. */
    public byte[] xlsx(List<Dataset> datasets, ExportSignature signature) {
        return XlsxWriter.write(datasets, signature);
    }

    /** An SDMX-JSON message whose data sets carry a signed release's signature. */
    public byte[] sdmxJson(List<Dataset> datasets, Instant prepared, ExportSignature signature) {
        return sdmx.write(datasets, Objects.requireNonNull(prepared, "prepared"), signature);
    }

    /** An SDMX-JSON 2.0.0 data message: one structure and one data set per dataset. */
    public byte[] sdmxJson(List<Dataset> datasets, Instant prepared) {
        return sdmx.write(datasets, Objects.requireNonNull(prepared, "prepared"));
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
