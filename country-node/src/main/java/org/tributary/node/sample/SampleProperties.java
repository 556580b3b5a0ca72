package org.tributary.node.sample;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * @param cases how many synthetic cases to load at start-up into an empty node (0: none)
 * @param seed the generator's seed; the same seed gives the same cases
 */
@Validated
@ConfigurationProperties("tributary.sample")
public record SampleProperties(@Min(0) @Max(5_000_000) int cases, long seed) {}
