package org.tributary.node.config;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;
import org.tributary.common.codes.Countries;

/**
 * Who this node is. {@code country} is the ISO 3166-1 alpha-2 code of the country whose agency runs it.
 *
 * @param country alpha-2 code, e.g. {@code KH}
 * @param name the node's display name, e.g. "Cambodia national node"
 * @param dataDir where the embedded PostgreSQL keeps its files when no datasource URL is set
 */
@Validated
@ConfigurationProperties("tributary.node")
public record NodeProperties(
        @NotBlank @Pattern(regexp = "[A-Z]{2}") String country,
        @NotBlank String name,
        Path dataDir) {

    public NodeProperties {
        if (dataDir == null && country != null) {
            dataDir = Path.of("data", country.toLowerCase(java.util.Locale.ROOT));
        }
    }

    @AssertTrue(message = "must be an ISO 3166-1 alpha-2 country code")
    boolean isCountryKnown() {
        return Countries.isAlpha2(country);
    }
}
