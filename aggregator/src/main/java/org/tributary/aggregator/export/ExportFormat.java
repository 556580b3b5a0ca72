package org.tributary.aggregator.export;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/** The formats a regional result can be downloaded in, and how a request picks one. */
public enum ExportFormat {
    JSON(MediaType.APPLICATION_JSON, "json"),
    CSV(MediaType.parseMediaType("text/csv;charset=UTF-8"), "csv"),
    XLSX(MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"), "xlsx"),
    SDMX(MediaType.parseMediaType("application/vnd.sdmx.data+json;version=2.0.0"), "json"),
    SDMX_CSV(MediaType.parseMediaType("application/vnd.sdmx.data+csv;version=2.0.0"), "csv");

    /** The message of the exception for an unknown {@code format}: fixed, so that no request text is echoed. */
    public static final String UNKNOWN_FORMAT = "Unknown format: use one of json, csv, xlsx, sdmx, sdmx-csv";

    private final MediaType mediaType;
    private final String extension;

    ExportFormat(MediaType mediaType, String extension) {
        this.mediaType = mediaType;
        this.extension = extension;
    }

    /** The Content-Type of a response in this format. */
    public MediaType mediaType() {
        return mediaType;
    }

    /** The file extension of a download, without the dot. */
    public String extension() {
        return extension;
    }

    /** The format a {@code format} parameter names: json, csv, xlsx, sdmx or sdmx-json, in any case. */
    public static Optional<ExportFormat> byName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        return switch (name.strip().toLowerCase(Locale.ROOT)) {
            case "json" -> Optional.of(JSON);
            case "csv" -> Optional.of(CSV);
            case "xlsx" -> Optional.of(XLSX);
            case "sdmx", "sdmx-json" -> Optional.of(SDMX);
            case "sdmx-csv" -> Optional.of(SDMX_CSV);
            default -> Optional.empty();
        };
    }

    /**
     * The format to answer in: the {@code format} parameter when given, else the first media range of the Accept
     * header (by quality, then in the client's order) that a format satisfies. No Accept header, or one with
     * {@code *}{@code /*} or {@code application/*}, gets JSON.
     *
     * @param formatParam the {@code format} query parameter, or null
     * @param acceptHeaderValues the Accept header values, possibly several, each possibly a list
     * @return empty when the Accept header names only types none of the formats is (the caller answers 406)
     * @throws IllegalArgumentException when {@code formatParam} names no format
     */
    public static Optional<ExportFormat> negotiate(String formatParam, List<String> acceptHeaderValues) {
        if (formatParam != null && !formatParam.isBlank()) {
            return Optional.of(byName(formatParam).orElseThrow(() -> new IllegalArgumentException(UNKNOWN_FORMAT)));
        }
        List<String> values = acceptHeaderValues == null
                ? List.of()
                : acceptHeaderValues.stream()
                        .filter(v -> v != null && !v.isBlank())
                        .toList();
        if (values.isEmpty()) {
            return Optional.of(JSON);
        }
        List<MediaType> ranges;
        try {
            ranges = new ArrayList<>(MediaType.parseMediaTypes(values));
        } catch (InvalidMediaTypeException e) {
            // As Spring MVC does with an unreadable Accept header: nothing is acceptable.
            return Optional.empty();
        }
        if (ranges.isEmpty()) {
            return Optional.of(JSON);
        }
        Map<ExportFormat, Boolean> refused = refusedByQualityZero(ranges);
        // List.sort is stable: ranges of equal quality keep the client's order.
        ranges.sort(Comparator.comparingDouble(MediaType::getQualityValue).reversed());
        for (MediaType range : ranges) {
            if (range.getQualityValue() <= 0) {
                break;
            }
            for (ExportFormat format : values()) {
                if (!refused.get(format) && format.satisfies(range)) {
                    return Optional.of(format);
                }
            }
        }
        return Optional.empty();
    }

    /** Whether a response in this format is one the media range accepts. */
    boolean satisfies(MediaType range) {
        if (!range.includes(mediaType)) {
            return false;
        }
        if ((this == SDMX || this == SDMX_CSV) && !range.isWildcardSubtype()) {
            // Only a version we write: 2.0.0, or none named.
            String version = range.getParameter("version");
            return version == null || version.equals("2") || version.startsWith("2.0");
        }
        return true;
    }

    /**
     * A format the most specific range naming it gives quality 0 ({@code application/json;q=0, *}{@code /*}) is
     * refused even though a wildcard would admit it, as RFC 9110 says.
     */
    private static Map<ExportFormat, Boolean> refusedByQualityZero(List<MediaType> ranges) {
        Map<ExportFormat, Boolean> refused = new EnumMap<>(ExportFormat.class);
        for (ExportFormat format : values()) {
            MediaType best = null;
            for (MediaType range : ranges) {
                if (format.satisfies(range) && (best == null || specificity(range) > specificity(best))) {
                    best = range;
                }
            }
            refused.put(format, best != null && best.getQualityValue() <= 0);
        }
        return refused;
    }

    private static int specificity(MediaType range) {
        if (range.isWildcardType()) {
            return 0;
        }
        return range.isWildcardSubtype() ? 1 : 2;
    }
}
