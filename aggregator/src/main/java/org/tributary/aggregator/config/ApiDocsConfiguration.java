package org.tributary.aggregator.config;

import io.swagger.v3.oas.models.OpenAPI;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.tributary.support.auth.SecurityProperties;
import org.tributary.support.docs.ApiDocs;

/** The aggregator's OpenAPI document (served where {@code TRIBUTARY_API_DOCS_ENABLED}: ADR 37). */
@Configuration
class ApiDocsConfiguration {

    @Bean
    OpenAPI aggregatorApi(SecurityProperties security) {
        return ApiDocs.openApi(
                "Tributary regional aggregator",
                "Disclosure-protected regional figures from the country nodes (regional analysts): the indicator"
                        + " catalogue, ad-hoc cross-tabs, signed releases and their verification, the SDG 16.2.2"
                        + " series; and the security officer's console. Every answer is RFC 9457 problem details on"
                        + " failure.",
                security.issuer().toString());
    }

    @Bean
    OpenApiCustomizer aggregatorApiCompleted() {
        return ApiDocs.completing(Map.of(
                "indicator-controller",
                        "The regional indicator catalogue, each indicator computed from released counts",
                "regional-query-controller", "Ad-hoc regional cross-tabs under differential privacy",
                "release-controller", "Signed, numbered regional releases and their verification",
                "sdg-controller", "The SDG 16.2.2 series of detected victims",
                "security-console-controller", "Access review, access events and audit chains (security officers)",
                "integrity-controller", "The witness of the nodes' audit chains (security officers)"));
    }
}
