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

    DatasetResponses(JsonMapper json, Clock clock) {
        this.exports = new Exports(json);
        this.clock = clock;
    }

    /** The format to answer in; 400 for an unknown {@code format}, 406 when nothing acceptable is offered. */
    public ExportFormat negotiate(String format, List<String> accept) {
        try {
            return ExportFormat.negotiate(format, accept == null ? List.of() : accept)
                    .orElseThrow(() -> new ProblemException(
                            ProblemType.NOT_ACCEPTABLE,
                            "None of the accepted media types can be produced; use application/json, text/csv, "
                                    + "the XLSX media type or application/vnd.sdmx.data+json, or ?format=."));
        } catch (IllegalArgumentException unknown) {
            throw new ProblemException(
                    ProblemType.VALIDATION,
                    "Unknown export format.",
                    List.of(FieldError.of("format", format, "must be one of json, csv, xlsx, sdmx")));
        }
    }

    public ResponseEntity<?> render(List<Dataset> datasets, ExportFormat format, String basename) {
        return render(datasets, format, basename, null);
    }

    /** A signed release's datasets: XLSX and SDMX carry its signature and the nodes' receipts. */
    public ResponseEntity<?> render(
            List<Dataset> datasets,
            ExportFormat format,
            String basename,
            org.tributary.aggregator.export.ExportSignature signature) {
        return switch (format) {
            case JSON ->
                ResponseEntity.ok()
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(datasets.size() == 1 ? datasets.get(0) : Map.of("datasets", datasets));
            case CSV -> file(exports.csv(datasets), "text/csv;charset=UTF-8", basename + ".csv");
            case XLSX ->
                file(
                        signature == null ? exports.xlsx(datasets) : exports.xlsx(datasets, signature),
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                        basename + ".xlsx");
            case SDMX ->
                file(
                        signature == null
                                ? exports.sdmxJson(datasets, clock.instant())
                                : exports.sdmxJson(datasets, clock.instant(), signature),
                        "application/vnd.sdmx.data+json;version=2.0.0",
                        basename + ".sdmx.json");
        };
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
