package org.tributary.aggregator.web;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.tributary.aggregator.export.ExportFormat;
import org.tributary.aggregator.export.Exports;
import org.tributary.aggregator.regional.Dataset;
import org.tributary.common.problem.FieldError;
import org.tributary.common.problem.ProblemType;
import org.tributary.support.web.ProblemException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers with datasets in the format asked for: {@code ?format=} first, else the {@code Accept} header; JSON by
 * default. Files come with a download name.
 */
@Component
public class DatasetResponses {

    private final Exports exports;
    private final Clock clock;
    private final JsonMapper json;

    DatasetResponses(JsonMapper json, Clock clock) {
        this.json = json;
        this.exports = new Exports(json);
        this.clock = clock;
    }

    /** The format to answer in; 400 for an unknown {@code format}, 406 when nothing acceptable is offered. */
    public ExportFormat negotiate(String format, List<String> accept) {
        try {
            return ExportFormat.negotiate(format, accept == null ? List.of() : accept)
                    .orElseThrow(
                            () -> new ProblemException(
                                    ProblemType.NOT_ACCEPTABLE,
                                    "None of the accepted media types can be produced; use application/json, text/csv, "
                                            + "the XLSX media type, application/vnd.sdmx.data+json or application/vnd.sdmx.data+csv, or ?format=."));
        } catch (IllegalArgumentException unknown) {
            throw new ProblemException(
                    ProblemType.VALIDATION,
                    "Unknown export format.",
                    List.of(FieldError.of("format", format, "must be one of json, csv, xlsx, sdmx, sdmx-csv")));
        }
    }

    public ResponseEntity<?> render(List<Dataset> datasets, ExportFormat format, String basename) {
        return render(datasets, format, basename, null, null);
    }

    /**
     * A regional release's datasets: every format names the release; XLSX and SDMX carry its signature and the nodes'
     * receipts when it is signed.
     */
    public ResponseEntity<?> render(
            List<Dataset> datasets,
            ExportFormat format,
            String basename,
            org.tributary.aggregator.export.ExportSignature signature,
            Long release) {
        return switch (format) {
            case JSON ->
                ResponseEntity.ok()
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(
                                datasets.size() == 1
                                        ? withProtection(datasets.get(0), release)
                                        : Map.of(
                                                "datasets",
                                                datasets.stream()
                                                        .map(d -> withProtection(d, release))
                                                        .toList()));
            case CSV -> file(exports.csv(datasets, release), "text/csv;charset=UTF-8", basename + ".csv");
            case XLSX ->
                file(
                        exports.xlsx(datasets, signature, release),
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                        basename + ".xlsx");
            case SDMX ->
                file(
                        exports.sdmxJson(datasets, clock.instant(), signature, release),
                        "application/vnd.sdmx.data+json;version=2.0.0",
                        basename + ".sdmx.json");
            case SDMX_CSV ->
                file(
                        exports.sdmxCsv(datasets, release),
                        "application/vnd.sdmx.data+csv;version=2.0.0",
                        basename + ".sdmx.csv");
        };
    }

    /** A dataset as JSON with its {@code protection} beside it (derived from the dataset, never signed itself). */
    private tools.jackson.databind.JsonNode withProtection(Dataset dataset, Long release) {
        var node = (tools.jackson.databind.node.ObjectNode) json.valueToTree(dataset);
        node.set("protection", json.valueToTree(org.tributary.aggregator.export.Protection.of(dataset, release)));
        return node;
    }

    private static ResponseEntity<byte[]> file(byte[] body, String mediaType, String filename) {
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(mediaType))
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(filename)
                                .build()
                                .toString())
                .body(body);
    }
}
