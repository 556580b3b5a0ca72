package org.tributary.common.disclosure;

import java.util.List;

/** The outcome of the release pipeline: protected cells with metadata, or a refusal. */
public sealed interface Release permits Release.Table, Release.Refusal {

    record Table(List<ReleasedCell> cells, ReleaseMetadata metadata) implements Release {}

    record Refusal(RefusalReason reason, String detail) implements Release {}
}
