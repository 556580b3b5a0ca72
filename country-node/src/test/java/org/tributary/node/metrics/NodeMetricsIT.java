package org.tributary.node.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tributary.node.support.Samples.caseJson;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.tributary.node.support.Http;
import org.tributary.node.support.NodeIntegrationTest;
import org.tributary.node.support.Tokens;

/**
 * The node's metrics at {@code /actuator/prometheus}: for the monitoring account only; questions answered and refused
 * by reason, import rows; every tag of a Tributary metric from a fixed set (never a code, value or id from a request
 * or a case).
 */
@NodeIntegrationTest
class NodeMetricsIT {

    /** Every tag value a tributary_* metric may carry on the node. */
    static final Set<String> ALLOWED_TAG_VALUES =
            Set.of("catalogue", "ad-hoc", "answered", "refused", "none", "accepted", "rejected", "country-node");

    static final Pattern TAG = Pattern.compile("(\\w+)=\"([^\"]*)\"");

    @Autowired
    Environment environment;

    Http http;

    @BeforeEach
    void client() {
        http = new Http(environment.getRequiredProperty("local.server.port", Integer.class));
    }

    String scrape() {
        var response = http.as(Tokens.user(null, "metrics-reader")).get("/actuator/prometheus");
        assertThat(response.status()).isEqualTo(200);
        return response.body();
    }

    @Test
    void onlyTheMonitoringAccountReadsTheMetrics() {
        assertThat(http.as(null).get("/actuator/prometheus").status()).isEqualTo(401);
        assertThat(http.as(Tokens.user("KH", "node-operator"))
                        .get("/actuator/prometheus")
                        .status())
                .isEqualTo(403);
        assertThat(http.as(Tokens.aggregator()).get("/actuator/prometheus").status())
                .isEqualTo(403);
        // And the monitoring account reads nothing else.
        assertThat(http.as(Tokens.user(null, "metrics-reader"))
                        .get("/api/cases")
                        .status())
                .isEqualTo(403);
        assertThat(http.as(Tokens.user(null, "metrics-reader"))
                        .get("/federation/v2/catalogue-release")
                        .status())
                .isEqualTo(403);
    }

    @Test
    void questionsAndImportRowsAreCountedWithFixedTagsOnly() {
        var aggregator = http.as(Tokens.aggregator());
        assertThat(aggregator.get("/federation/v2/catalogue-release").status()).isEqualTo(200);
        // An ad-hoc question without the analyst's own token: refused.
        assertThat(aggregator
                        .postJson("/federation/v2/count-queries", "{\"dimensions\":[\"gender\"]}")
                        .status())
                .isEqualTo(403);
        String file =
                "[" + caseJson("METRICS-1") + "," + caseJson("METRICS-2").replace("\"Feminine\"", "\"Nope\"") + "]";
        assertThat(http.post("/api/imports?mode=partial", "application/json", file.getBytes(StandardCharsets.UTF_8))
                        .status())
                .isEqualTo(200);

        String metrics = scrape();
        assertThat(counter(metrics, "tributary_queries_total", "kind=\"catalogue\"", "outcome=\"answered\""))
                .isPositive();
        assertThat(counter(
                        metrics,
                        "tributary_queries_total",
                        "kind=\"ad-hoc\"",
                        "outcome=\"refused\"",
                        "reason=\"requester_unverified\""))
                .isPositive();
        assertThat(counter(metrics, "tributary_import_rows_total", "outcome=\"accepted\""))
                .isPositive();
        assertThat(counter(metrics, "tributary_import_rows_total", "outcome=\"rejected\""))
                .isPositive();
        assertThat(metrics).contains("tributary_budget_spent_nanorho_total");

        Set<String> unexpected = new TreeSet<>();
        metrics.lines().filter(l -> l.startsWith("tributary_")).forEach(line -> {
            Matcher m = TAG.matcher(line);
            while (m.find()) {
                if (!m.group(1).equals("reason") && !ALLOWED_TAG_VALUES.contains(m.group(2))) {
                    unexpected.add(m.group(1) + "=" + m.group(2));
                }
                if (m.group(1).equals("reason") && !m.group(2).matches("none|[a-z_]+")) {
                    unexpected.add(m.group(1) + "=" + m.group(2));
                }
            }
        });
        assertThat(unexpected).isEmpty();
        assertThat(metrics).doesNotContain("METRICS-1", "Srey", "KH-");
        System.out.printf(
                "node metrics: %d tributary_* series, tags from fixed sets only%n",
                metrics.lines().filter(l -> l.startsWith("tributary_")).count());
    }

    /** The value of the first series of {@code name} carrying every one of {@code tags}; 0 when there is none. */
    static double counter(String metrics, String name, String... tags) {
        return metrics.lines()
                .filter(l -> l.startsWith(name + "{"))
                .filter(l -> {
                    for (String t : tags) {
                        if (!l.contains(t)) {
                            return false;
                        }
                    }
                    return true;
                })
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .findFirst()
                .orElse(0);
    }
}
