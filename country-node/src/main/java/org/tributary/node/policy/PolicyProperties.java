package org.tributary.node.policy;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.tributary.common.disclosure.ReleaseMode;

/**
 * The policy a node starts with when its database holds none; afterwards only {@code PUT /api/policy} changes it.
 */
@ConfigurationProperties("tributary.policy")
public record PolicyProperties(
        int threshold,
        int roundingBase,
        ReleaseMode mode,
        int minPopulation,
        List<String> allowedDimensions,
        int maxDimensions,
        boolean killSwitch,
        boolean suppressZeros) {}
