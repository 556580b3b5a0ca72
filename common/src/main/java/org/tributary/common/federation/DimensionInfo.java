package org.tributary.common.federation;

import java.util.List;

/** A dimension a node lets queries group or filter by, with its codes. */
public record DimensionInfo(String id, boolean multiResponse, List<String> codes) {

    public DimensionInfo {
        codes = codes == null ? List.of() : List.copyOf(codes);
    }
}
