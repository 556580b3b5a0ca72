package org.tributary.common.federation;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;

/**
 * An ad-hoc count query: persons grouped by up to {@code maxDimensions} dimensions, restricted by equality / IN
 * filters and an optional year range. No negation, no free-form predicate. The same record is the regional
 * question the aggregator receives and the question it puts to every node.
 */
public record CountQueryRequest(
        @NotNull @Size(max = 10) List<@NotNull @Pattern(regexp = FederationContract.WORD) String> dimensions,

        @Size(max = 20)
        Map<
                        @NotNull @Pattern(regexp = FederationContract.WORD) String,
                        @NotNull @Size(min = 1, max = 300) List<
                                @NotNull @Pattern(regexp = FederationContract.WORD) String>>
                filters,

        Integer yearFrom,
        Integer yearTo) {}
