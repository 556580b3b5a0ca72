package org.tributary.common.federation;

import java.util.List;

/**
 * A dimension a node lets queries group or filter by, with its codes.
 *
 * @param exclusiveCodes for a multi-response dimension, the codes a person has only alone ("not recorded", "no
 *     service"): what the linked-table audit knows about it
 */
public record DimensionInfo(String id, boolean multiResponse, List<String> codes, List<String> exclusiveCodes) {

    public DimensionInfo {
        codes = codes == null ? List.of() : List.copyOf(codes);
        exclusiveCodes = exclusiveCodes == null ? List.of() : List.copyOf(exclusiveCodes);
    }
}
