package org.tributary.aggregator.releases;

import java.time.Instant;
import java.util.List;

/** A stored release as listed: its number, when and why it was made, and how complete it is. */
public record ReleaseSummary(
        long number,
        Instant createdAt,
        String trigger,
        String requestedBy,
        boolean partial,
        int nodesAsked,
        int nodesAnswered,
        List<String> indicators) {}
