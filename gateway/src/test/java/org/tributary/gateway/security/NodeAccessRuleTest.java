package org.tributary.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tributary.gateway.web.GatewayPaths;

class NodeAccessRuleTest {

    private static boolean allows(String path, String country, String... roles) {
        return NodeAccessRule.allows(GatewayPaths.parse(path), Set.of(roles), country);
    }

    @Test
    void nationalStaffReachOnlyTheirOwnCountry() {
        assertThat(allows("/api/nodes/kh/api/cases", "KH", "case-worker")).isTrue();
        assertThat(allows("/api/nodes/KH/api/cases", "kh", "node-operator")).isTrue();
        assertThat(allows("/api/nodes/kh/api/cases/1/assignment", "KH", "case-supervisor"))
                .isTrue();
        assertThat(allows("/api/nodes/th/api/cases", "KH", "case-supervisor")).isFalse();
        assertThat(allows("/api/nodes/th/api/cases", "KH", "case-worker")).isFalse();
        assertThat(allows("/api/nodes/kh/api/cases", null, "case-worker")).isFalse();
    }

    @Test
    void securityOfficersReachOnlyTheAuditApiOfAnyNode() {
        assertThat(allows("/api/nodes/vn/api/audit/events", null, "security-officer"))
                .isTrue();
        assertThat(allows("/api/nodes/vn/api/cases", null, "security-officer")).isFalse();
        assertThat(allows("/api/nodes/vn/api/auditx", null, "security-officer")).isFalse();
    }

    @Test
    void otherRolesReachNoNode() {
        assertThat(allows("/api/nodes/kh/api/cases", "KH", "regional-analyst", "federation-aggregator"))
                .isFalse();
    }

    @Test
    void theFederationApiIsRefusedHoweverItIsSpelt() {
        assertThat(allows("/api/nodes/kh/federation/count", "KH", "node-operator", "federation-aggregator"))
                .isFalse();
        assertThat(GatewayPaths.parse("/api/nodes/kh/%66ederation/x").isNodeFederation())
                .isTrue();
        assertThat(GatewayPaths.parse("/api/nodes/kh/federation;v=1/x").isNodeFederation())
                .isTrue();
        assertThat(GatewayPaths.parse("/api/nodes/kh//FEDERATION").isNodeFederation())
                .isTrue();
    }
}
