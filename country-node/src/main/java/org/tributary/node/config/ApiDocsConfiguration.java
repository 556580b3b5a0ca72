package org.tributary.node.config;

import io.swagger.v3.oas.models.OpenAPI;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.tributary.support.auth.SecurityProperties;
import org.tributary.support.docs.ApiDocs;

/** The node's OpenAPI document (served where {@code TRIBUTARY_API_DOCS_ENABLED}: ADR 37). */
@Configuration
class ApiDocsConfiguration {

    @Bean
    OpenAPI nodeApi(SecurityProperties security, NodeProperties node) {
        return ApiDocs.openApi(
                "Tributary country node (" + node.country() + ")",
                "A country's case records (case workers and supervisors, need-to-know), its imports, sharing policy,"
                        + " budget and audit log (node operators), and the federation release API (the aggregator's"
                        + " service account only). Every answer is RFC 9457 problem details on failure.",
                security.issuer().toString());
    }

    @Bean
    OpenApiCustomizer nodeApiCompleted() {
        return ApiDocs.completing(Map.of(
                "case-controller", "Case records: read, create, change, close, erase, history, assignment",
                "import-controller", "Imports of the HTCDS template, CSV and JSON, and their jobs",
                "federation-controller", "The federation release API: protected counts only, for the aggregator",
                "policy-controller", "The sharing policy and its kill switch",
                "audit-controller", "The hash-chained audit log and its verification",
                "budget-controller", "The privacy budget ledger"));
    }
}
