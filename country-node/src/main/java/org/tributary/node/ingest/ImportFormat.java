package org.tributary.node.ingest;

import java.util.Locale;
import java.util.Optional;

/** The file formats an import accepts. */
enum ImportFormat {
    CSV("text/csv"),
    XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    JSON("application/json");

    private final String mediaType;

    ImportFormat(String mediaType) {
        this.mediaType = mediaType;
    }

    /** From an explicit {@code format} parameter, else the file name's extension, else the content type. */
    static Optional<ImportFormat> detect(String formatParam, String filename, String contentType) {
        if (formatParam != null && !formatParam.isBlank()) {
            try {
                return Optional.of(valueOf(formatParam.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        if (filename != null) {
            String lower = filename.toLowerCase(Locale.ROOT);
            if (lower.endsWith(".csv")) {
                return Optional.of(CSV);
            }
            if (lower.endsWith(".xlsx")) {
                return Optional.of(XLSX);
            }
            if (lower.endsWith(".json")) {
                return Optional.of(JSON);
            }
        }
        if (contentType != null) {
            String type = contentType.toLowerCase(Locale.ROOT);
            for (ImportFormat f : values()) {
                if (type.startsWith(f.mediaType)) {
                    return Optional.of(f);
                }
            }
        }
        return Optional.empty();
    }
}
