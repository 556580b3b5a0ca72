package org.tributary.node.cases;

import java.util.List;

/** A page of the case list. {@code total} counts the cases matching the filters. */
public record CasePage(List<CaseSummary> items, int page, int size, long total) {}
