package org.tributary.node.ingest;

import java.util.Optional;

/** What happens to the good rows of a file that also has bad ones. */
enum ImportMode {
    /** The default: one bad row and nothing is written. */
    ALL_OR_NOTHING("all-or-nothing"),
    /** The good rows are written and the bad ones reported. */
    PARTIAL("partial");

    private final String parameter;

    ImportMode(String parameter) {
        this.parameter = parameter;
    }

    String parameter() {
        return parameter;
    }

    static Optional<ImportMode> of(String parameter) {
        if (parameter == null || parameter.isBlank()) {
            return Optional.of(ALL_OR_NOTHING);
        }
        for (ImportMode m : values()) {
            if (m.parameter.equalsIgnoreCase(parameter.strip())) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
