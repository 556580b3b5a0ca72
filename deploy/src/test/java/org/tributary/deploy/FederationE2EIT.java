package org.tributary.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.tributary.testsupport.SkewedCases.TestCase;
import tools.jackson.databind.JsonNode;

/**
 * The whole path, over real processes (Keycloak 26.5.6 with the committed realm, two country nodes on embedded
 * PostgreSQL, the aggregator, the gateway), always through the gateway and with real Keycloak tokens: national
 * staff import, a regional analyst reads numbers checked against the truth under the disclosure rules, a security
 * officer verifies the audit chains and takes access away, a node goes down and comes back, exports read back.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FederationE2EIT {

    static final int K = 5;
    static final int B = 5;
    static final Map<String, List<TestCase>> CASES = new LinkedHashMap<>();
    static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static Federation federation;
    static Keycloak keycloak;

    @BeforeAll
    static void federation() {
        federation = TestFederation.start(List.of("KH", "TH"), 0, 2);
        keycloak = new Keycloak(federation.plan().keycloakUrl());
        CASES.put("KH", CaseFiles.generate("KH", 900));
        CASES.put("TH", CaseFiles.generate("TH", 600));
    }

    @AfterAll
    static void stop() {
        if (federation != null) {
            federation.close();
        }
    }

    @Test
    @Order(1)
    void aCambodianCaseWorkerImportsAnHtcdsExcelFileIntoKhAndIsRefusedOnTh() throws Exception {
        String kh = keycloak.user("kh-caseworker");
        var imported = multipart("/api/nodes/kh/api/imports", kh, "kh.xlsx", CaseFiles.xlsx("KH", CASES.get("KH")));
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
        assertThat(json(imported).path("rowsInserted").asInt()).isEqualTo(900);

        var refused = multipart("/api/nodes/th/api/imports", kh, "th.xlsx", CaseFiles.xlsx("TH", CASES.get("TH")));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");

        String th = keycloak.user("th-caseworker");
        assertThat(get("/api/nodes/th/api/cases?size=1", th).body())
                .as("nothing reached TH from the refused import")
                .contains("\"total\":0");
        var thImport = multipart("/api/nodes/th/api/imports", th, "th.xlsx", CaseFiles.xlsx("TH", CASES.get("TH")));
        assertThat(thImport.statusCode()).as(thImport.body()).isEqualTo(200);
        assertThat(get("/api/nodes/kh/api/cases?size=1", th).statusCode())
                .as("a Thai case worker cannot read Cambodian cases")
                .isEqualTo(403);
        TestFederation.awaitCatalogues(federation, keycloak.user("analyst"));
    }

    @Test
    @Order(2)
    void aRegionalCatalogueIndicatorMatchesTheTruthUnderTheDisclosureRules() throws Exception {
        String analyst = keycloak.user("analyst");
        var response = get("/api/regional/indicators/identified-victims-by-age?breakdown=year", analyst);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode dataset = json(response);
        assertThat(dataset.path("provenance").path("partial").asBoolean()).isFalse();

        Map<Map<String, String>, List<JsonNode>> byCell = new LinkedHashMap<>();
        dataset.path("observations")
                .forEach(o -> byCell.computeIfAbsent(coordinates(o), c -> new ArrayList<>())
                        .add(o));
        int suppressedSeen = 0;
        for (var cell : byCell.entrySet()) {
            long truth = 0;
            long released = 0;
            int exact = 0;
            int suppressed = 0;
            JsonNode region = null;
            for (JsonNode o : cell.getValue()) {
                String area = o.path("area").asString();
                if (!CASES.containsKey(area)) {
                    region = o;
                    continue;
                }
                long n = CaseFiles.count(CASES.get(area), cell.getKey(), TestCase::identified);
                truth += n;
                assertReleased(o, n);
                if (o.path("status").asString().equals("suppressed")) {
                    suppressed++;
                } else {
                    released += o.path("value").asLong();
                    exact++;
                }
            }
            suppressedSeen += suppressed;
            assertThat(region).as("the region has cell %s", cell.getKey()).isNotNull();
            long slack = (long) exact * (B - 1);
            if (suppressed == 0) {
                assertThat(region.path("value").asLong()).isEqualTo(released);
            } else {
                assertThat(region.path("status").asString()).isEqualTo("interval");
                assertThat(truth)
                        .isBetween(
                                region.path("lower").asLong() - slack,
                                region.path("upper").asLong() + slack);
            }
        }
        assertThat(suppressedSeen).as("small cells exist and are suppressed").isPositive();
    }

    @Test
    @Order(3)
    void anAdHocQueryIsNoisyAndSpendsTheAnalystsBudgetOnEveryNodeWhichNamesTheAnalyst() throws Exception {
        String analyst = keycloak.user("analyst");
        var response = post("/api/regional/queries", analyst, "{\"dimensions\": [\"gender\", \"ageBand\"]}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode dataset = json(response);
        assertThat(dataset.path("provenance").path("partial").asBoolean())
                .as(response.body())
                .isFalse();
        for (JsonNode o : dataset.path("observations")) {
            assertThat(o.path("status").asString()).isEqualTo("noisy");
            assertThat(o.path("value").asLong()).matches(v -> v == 0 || v >= K);
        }
        for (JsonNode n : dataset.path("provenance").path("nodes")) {
            assertThat(n.path("budget").path("requesterSpent").decimalValue()).isPositive();
        }
        var budget = get("/api/regional/budget", analyst);
        assertThat(budget.statusCode()).as(budget.body()).isEqualTo(200);
        assertThat(json(budget).size()).isEqualTo(2);
        // The node's own audit names the analyst (the Keycloak subject of the token the aggregator relayed).
        String subject = Keycloak.JSON
                .readTree(java.util.Base64.getUrlDecoder().decode(analyst.split("\\.")[1]))
                .path("sub")
                .asString();
        var audit = get("/api/nodes/kh/api/audit?requester=" + subject + "&size=5", keycloak.user("kh-operator"));
        assertThat(audit.statusCode()).as(audit.body()).isEqualTo(200);
        assertThat(json(audit).path("items").size()).isPositive();
        assertThat(json(audit).path("items").get(0).path("client").asString()).isEqualTo("tributary-aggregator");
    }

    @Test
    @Order(4)
    void aRegionalIndicatorShareIsComputedFromProtectedCountsCloseToTheTruth() throws Exception {
        String analyst = keycloak.user("analyst");
        var response = get("/api/regional/indicators/informed-of-entitlements?breakdown=year", analyst);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        int checked = 0;
        for (JsonNode o : json(response).path("observations")) {
            String area = o.path("area").asString();
            if (!CASES.containsKey(area) || !o.path("status").asString().equals("rounded")) {
                continue;
            }
            Map<String, String> at = coordinates(o);
            long numerator = CaseFiles.count(CASES.get(area), at, TestCase::identified);
            Map<String, String> whole = new HashMap<>(at);
            whole.put("informedOfEntitlements", "_T");
            long denominator = CaseFiles.count(CASES.get(area), whole, TestCase::identified);
            assertThat(Math.abs(o.path("numerator").asLong() - numerator)).isLessThan(B);
            assertThat(Math.abs(o.path("denominator").asLong() - denominator)).isLessThan(B);
            assertThat(o.path("value").decimalValue().doubleValue())
                    .isCloseTo(
                            (double) o.path("numerator").asLong()
                                    / o.path("denominator").asLong(),
                            Offset.offset(0.0001));
            checked++;
        }
        assertThat(checked).isGreaterThanOrEqualTo(4);
    }

    @Test
    @Order(5)
    void aRegionalReleaseIsSignedAndVerifiesWithThePublishedKeysAndTheWitnessSeesNoAlarm() throws Exception {
        String analyst = keycloak.user("analyst");
        var made = post("/api/regional/releases", analyst, "");
        assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
        long number = json(made).path("number").asLong();
        var verification = json(get("/api/regional/releases/" + number + "/verification", analyst));
        assertThat(verification.path("valid").asBoolean())
                .as(verification.toString())
                .isTrue();
        List<String> checks = new ArrayList<>();
        for (JsonNode c : verification.path("checks")) {
            checks.add(c.path("name").asString() + "=" + c.path("outcome").asString());
        }
        assertThat(checks).contains("aggregator signature=pass", "values follow from the receipts' cells=pass");

        // Offline, as a reader of the release would: the file, the published keys and the verifier command.
        Path dir = Files.createTempDirectory("verify-release");
        Path releaseFile = dir.resolve("release.json");
        Path keysFile = dir.resolve("keys.json");
        Files.writeString(
                releaseFile, get("/api/regional/releases/" + number, analyst).body());
        Files.writeString(keysFile, get("/api/regional/keys", analyst).body());
        Process verifier = new ProcessBuilder(
                        ProcessHandle.current().info().command().orElse("java"),
                        "-jar",
                        federation.plan().jar("aggregator").toString(),
                        "verify-release",
                        releaseFile.toString(),
                        keysFile.toString())
                .redirectErrorStream(true)
                .start();
        String printed = new String(verifier.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(verifier.waitFor()).as(printed).isZero();
        assertThat(printed).contains("VERIFIED").doesNotContain("FAIL");
        System.out.printf(
                "signed release %d through the gateway: %s; the verifier command printed:%n%s",
                number, checks, printed);

        String officer = keycloak.user("security");
        var integrity = json(post("/api/security/integrity/checks", officer, ""));
        for (JsonNode n : integrity.path("nodes")) {
            assertThat(n.path("status").asString()).as(n.toString()).isNotEqualTo("alarm");
            assertThat(n.path("keySource").asString()).isEqualTo("configured");
        }
        assertThat(integrity.path("alarms").size()).isZero();
    }

    @Test
    @Order(5)
    void aSecurityOfficerVerifiesEveryAuditChainSeesAccessAndTakesItAway() throws Exception {
        String officer = keycloak.user("security");
        var chains = get("/api/security/audit-chains", officer);
        assertThat(chains.statusCode()).as(chains.body()).isEqualTo(200);
        List<String> intact = new ArrayList<>();
        for (JsonNode n : json(chains).path("nodes")) {
            if (n.path("status").asString().equals("intact")) {
                intact.add(n.path("country").asString());
            }
        }
        assertThat(intact).containsExactlyInAnyOrder("KH", "TH");

        var events = get("/api/security/access-events?limit=200", officer);
        assertThat(events.statusCode()).isEqualTo(200);
        assertThat(events.body()).contains("\"source\":\"gateway\"", "\"source\":\"aggregator\"");
        assertThat(events.body()).doesNotContain("Bearer", "demo-password");

        var users = json(get("/api/security/users?role=case-worker", officer));
        String vn = null;
        for (JsonNode u : users.path("users")) {
            if (u.path("username").asString().equals("vn-caseworker")) {
                vn = u.path("id").asString();
            }
        }
        assertThat(vn).as("the access review lists the Vietnamese case worker").isNotNull();
        keycloak.user("vn-caseworker");
        var disabled = post("/api/security/users/" + vn + "/disable", officer, "");
        assertThat(disabled.statusCode()).isEqualTo(204);
        assertThatLoginFails("vn-caseworker");
    }

    @Test
    @Order(6)
    void aStoppedNodeGivesAPartialAnswerNamingItWithinTheTimeoutAndItsReturnCompletesTheNext() throws Exception {
        String analyst = keycloak.user("analyst");
        String query = "{\"dimensions\": [\"gender\"]}";
        federation.stop(Federation.nodeName("TH"));
        long start = System.nanoTime();
        var partial = post("/api/regional/queries", analyst, query);
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        assertThat(partial.statusCode()).isEqualTo(200);
        assertThat(tookMs).as("within the 5 s node timeout + 1 s").isLessThan(6_000);
        JsonNode provenance = json(partial).path("provenance");
        assertThat(provenance.path("partial").asBoolean()).isTrue();
        Map<String, String> statuses = new HashMap<>();
        provenance
                .path("nodes")
                .forEach(n -> statuses.put(
                        n.path("country").asString(), n.path("status").asString()));
        assertThat(statuses).containsEntry("KH", "ok").containsEntry("TH", "unavailable");

        federation.restartNode("TH", Duration.ofMinutes(2));
        var complete = post("/api/regional/queries", analyst, query);
        assertThat(json(complete).path("provenance").path("partial").asBoolean())
                .as(complete.body())
                .isFalse();
    }

    @Test
    @Order(7)
    void anIndicatorExportedAsSdmxJsonAndXlsxReadsBackToTheSameNumbers() throws Exception {
        String analyst = keycloak.user("analyst");
        String path = "/api/regional/indicators/identified-victims-by-sex?breakdown=year";
        JsonNode dataset = json(get(path, analyst));
        List<BigDecimal> values = new ArrayList<>();
        dataset.path("observations").forEach(o -> {
            if (o.has("value")) {
                values.add(o.path("value").decimalValue().stripTrailingZeros());
            }
        });
        int observations = dataset.path("observations").size();
        assertThat(observations).isPositive();

        var sdmx = get(path + "&format=sdmx", analyst);
        assertThat(sdmx.statusCode()).isEqualTo(200);
        assertThat(sdmx.headers().firstValue("Content-Type").orElse("")).contains("sdmx");
        JsonNode message = Keycloak.JSON.readTree(sdmx.body());
        JsonNode sdmxObservations = message.path("data").path("dataSets").get(0).path("observations");
        assertThat(sdmxObservations.size()).isEqualTo(observations);
        List<BigDecimal> sdmxValues = new ArrayList<>();
        sdmxObservations.forEach(o -> {
            if (o.get(0) != null && o.get(0).isNumber()) {
                sdmxValues.add(o.get(0).decimalValue().stripTrailingZeros());
            }
        });
        assertThat(sdmxValues).containsExactlyInAnyOrderElementsOf(values);

        var xlsx = HTTP.send(
                request(path + "&format=xlsx", analyst).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(xlsx.statusCode()).isEqualTo(200);
        try (var workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
            var sheet = workbook.getSheetAt(0);
            int valueColumn = -1;
            for (Cell c : sheet.getRow(0)) {
                if (c.getStringCellValue().equals("value")) {
                    valueColumn = c.getColumnIndex();
                }
            }
            assertThat(valueColumn).isNotNegative();
            assertThat(sheet.getLastRowNum()).as("one row per observation").isEqualTo(observations);
            List<BigDecimal> xlsxValues = new ArrayList<>();
            for (int r = 1; r <= sheet.getLastRowNum(); r++) {
                Cell c = sheet.getRow(r).getCell(valueColumn);
                if (c != null && c.getCellType() == CellType.NUMERIC) {
                    xlsxValues.add(BigDecimal.valueOf(c.getNumericCellValue()).stripTrailingZeros());
                }
            }
            assertThat(xlsxValues).containsExactlyInAnyOrderElementsOf(values);
        }
    }

    // The web application (ADR 39), in a real headless Chromium, signing in on Keycloak's own login page.

    static final By DASHBOARD_VALUES = By.cssSelector("#values td[data-status]");

    @Test
    @Order(20)
    void anAnalystSignsInSeesEveryNumberWithItsProtectionAndDownloadsAnXlsx() throws Exception {
        String gateway = federation.plan().gatewayUrl();
        try (Browser browser = Browser.open(gateway, "en")) {
            browser.go("/app/");
            long firstPaint = browser.signIn("analyst", "demo-password-analyst", DASHBOARD_VALUES);
            browser.await(By.cssSelector("#trend-chart canvas"));
            assertThat(browser.driver.getCurrentUrl()).isEqualTo(gateway + "/app/dashboard");
            assertThat(browser.driver.findElement(By.id("who-role")).getText()).isEqualTo("Regional analyst");
            assertThat(browser.driver.findElements(By.cssSelector("header nav a")))
                    .extracting(WebElement::getText)
                    .as("a person sees only the menu entries they can use")
                    .containsExactly("Regional dashboard", "Releases");
            var cells = browser.driver.findElements(DASHBOARD_VALUES);
            assertThat(cells).isNotEmpty();
            for (WebElement cell : cells) {
                assertThat(cell.getAttribute("data-status"))
                        .isIn("exact", "rounded", "interval", "suppressed", "unavailable", "noisy");
                assertThat(cell.findElement(By.tagName("small")).getText())
                        .as("every number says how it was protected")
                        .isNotBlank();
            }
            // The budget per node, and the questions left shown before an ad-hoc question is sent.
            assertThat(browser.await(By.cssSelector("#budget td.queries-left")).getText())
                    .matches("\\d+");
            assertThat(browser.driver.findElement(By.id("cross-tab-budget")).getText())
                    .containsPattern("\\d+");
            String protection = browser.driver.findElement(By.id("protection")).getText();
            assertThat(protection).contains("Cambodia", "Thailand", "random rounding to base 5");

            String xlsx = browser.driver
                    .findElement(By.cssSelector("a.download-xlsx"))
                    .getAttribute("href");
            List<Object> download = browser.fetch(xlsx);
            assertThat(download.get(0))
                    .as("the XLSX through the session: %s", download)
                    .isEqualTo(200L);
            assertThat(download.get(1)).as("an XLSX is a zip").isEqualTo("504b0304");
            assertThat((String) download.get(3)).startsWith("application/vnd.openxmlformats");
            long weight = browser.transferredBytes();
            // The baseline in the same run: how long the indicator's own API call took inside that paint.
            double api = ((Number) browser.script("return Math.max(0, ...performance.getEntriesByType('resource')"
                            + ".filter(e => e.name.includes('/api/regional/indicators/')).map(e => e.duration))"))
                    .doubleValue();
            assertThat(browser.missingGlyphs()).isEmpty();
            browser.screenshot("dashboard-en");

            browser.language("km");
            browser.awaitText(By.tagName("h1"), message("km", "dashboard.title"));
            browser.await(DASHBOARD_VALUES);
            assertThat(browser.missingGlyphs())
                    .as("Khmer text with no missing glyph")
                    .isEmpty();
            browser.screenshot("dashboard-km");

            // An ad-hoc cross-tab under differential privacy: noisy values with their margin, in the table and as
            // error bars in the chart.
            browser.language("en");
            browser.go("/app/dashboard");
            browser.await(By.id("cross-tab"));
            browser.driver
                    .findElement(By.cssSelector("#cross-tab input[value=gender]"))
                    .click();
            browser.driver.findElement(By.id("ask")).click();
            browser.await(By.cssSelector("#cross-tab-chart canvas"));
            WebElement noisy = browser.await(By.cssSelector("#cross-tab-result td[data-status=noisy]"));
            assertThat(noisy.getText()).contains("±");
            browser.script("document.getElementById('cross-tab').scrollIntoView()");
            browser.screenshot("cross-tab-en");

            // Releases: the one made earlier in this run, downloaded as SDMX-JSON and verified from the page.
            browser.go("/app/releases");
            WebElement release = browser.await(By.cssSelector("#releases tbody tr"));
            List<Object> sdmx = browser.fetch(
                    release.findElement(By.cssSelector("a.download-sdmx-json")).getAttribute("href"));
            assertThat(sdmx.get(0)).as("a release as SDMX-JSON: %s", sdmx).isEqualTo(200L);
            release.findElement(By.cssSelector("button.verify-release")).click();
            assertThat(browser.await(By.cssSelector("#releases [data-valid]")).getAttribute("data-valid"))
                    .isEqualTo("true");
            browser.screenshot("releases-en");

            // Signing out ends the gateway's session and Keycloak's: the next visit is Keycloak's login page again.
            browser.driver.findElement(By.id("sign-out")).click();
            browser.await(By.id("username"));
            browser.go("/app/dashboard");
            browser.await(By.id("username"));
            assertThat(browser.driver.getCurrentUrl()).contains("/realms/tributary/protocol/openid-connect/auth");
            browser.go("/portal/me");
            assertThat(browser.driver.getPageSource())
                    .as("no session after signing out: who is signed in is the 401 problem")
                    .contains("urn:tributary:problem:unauthorized")
                    .doesNotContain("analyst");
            System.out.printf(
                    "web app: analyst signed in on Keycloak's page, dashboard painted %d ms after pressing sign-in"
                            + " (goal 1500; the indicator's API call alone %.0f ms); page weight %d kB on the wire"
                            + " (goal 500); %d values each with its protection; XLSX downloaded (%s bytes)%n",
                    firstPaint, api, weight / 1024, cells.size(), download.get(2));
        }
    }

    @Test
    @Order(21)
    void aCaseWorkerImportsABadHtcdsFileSeesTheRowErrorsAndCannotOpenAnotherCountrysCasesByUrl() throws Exception {
        try (Browser browser = Browser.open(federation.plan().gatewayUrl(), "en")) {
            browser.go("/app/");
            browser.signIn("kh-caseworker", "demo-password-kh-caseworker", By.id("cases"));
            assertThat(browser.menu()).containsExactly("Cases");
            assertThat(browser.driver.getCurrentUrl()).endsWith("/app/cases/kh");
            String total = browser.driver.findElement(By.id("case-total")).getText();
            browser.screenshot("cases-en");

            browser.driver
                    .findElement(By.id("import-file"))
                    .sendKeys(badHtcdsFile().toString());
            browser.driver.findElement(By.id("import-submit")).click();
            WebElement errors = browser.await(By.id("row-errors"));
            var rows = errors.findElements(By.cssSelector("tbody tr"));
            assertThat(rows).hasSizeGreaterThanOrEqualTo(2);
            assertThat(errors.getText()).contains("2", "3");
            assertThat(browser.driver.findElement(By.id("import-error")).getText())
                    .contains("Nothing was imported");
            browser.screenshot("import-errors-en");
            browser.go("/app/cases/kh");
            browser.await(By.id("cases"));
            assertThat(browser.driver.findElement(By.id("case-total")).getText())
                    .as("nothing of the bad file was written")
                    .isEqualTo(total);

            browser.driver.findElement(By.cssSelector("#cases tbody a")).click();
            browser.await(By.id("assistance"));
            browser.await(By.id("history"));
            browser.screenshot("case-en");

            // A new case through the form, then a change someone else saved first: the conflict is shown, not lost.
            browser.go("/app/cases/kh/new");
            WebElement form = browser.await(By.id("case-form"));
            form.findElement(By.name("externalRef")).sendKeys("KH-WEB-1");
            new org.openqa.selenium.support.ui.Select(form.findElement(By.name("gender"))).selectByValue("Feminine");
            new org.openqa.selenium.support.ui.Select(form.findElement(By.name("citizenship"))).selectByValue("KH");
            form.findElement(By.name("ageAtIdentification")).sendKeys("17");
            form.findElement(By.cssSelector("input[name=exploitationTypes][value=ForcedLabour]"))
                    .click();
            browser.screenshot("case-form-en");
            form.findElement(By.id("case-save")).click();
            browser.awaitText(By.tagName("h1"), "KH-WEB-1");
            String id = browser.driver.getCurrentUrl().replaceAll(".*/", "");
            String kh = keycloak.user("kh-caseworker");
            var elsewhere = HTTP.send(
                    request("/api/nodes/kh/api/cases/" + id + "/close", kh)
                            .header("Content-Type", "application/json")
                            .header("If-Match", "\"0\"")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"reason\": \"referred\"}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(elsewhere.statusCode()).as(elsewhere.body()).isEqualTo(200);
            browser.driver.findElement(By.cssSelector("#case-edit summary")).click();
            WebElement age = browser.driver.findElement(By.cssSelector("#case-edit input[name=ageAtIdentification]"));
            age.clear();
            age.sendKeys("18");
            browser.driver.findElement(By.cssSelector("#case-edit #case-save")).click();
            assertThat(browser.await(By.id("case-conflict")).getText())
                    .contains("changed this case since you opened it");

            browser.language("km");
            browser.go("/app/cases/kh");
            browser.await(By.id("cases"));
            assertThat(browser.missingGlyphs()).isEmpty();
            browser.screenshot("cases-km");

            browser.go("/app/cases/th");
            WebElement refusal = browser.await(By.id("refusal"));
            assertThat(refusal.getAttribute("data-status")).isEqualTo("403");
            assertThat(refusal.getText()).contains(message("km", "error.forbidden.title"));
            assertThat(browser.driver.getPageSource()).doesNotContain("\"type\":");
            browser.screenshot("refused-km");
        }
    }

    @Test
    @Order(22)
    void aNodeOperatorChangesThePolicyAsANewVersionAndVerifiesTheAuditChain() {
        try (Browser browser = Browser.open(federation.plan().gatewayUrl(), "en")) {
            browser.go("/app/");
            browser.signIn("kh-operator", "demo-password-kh-operator", By.id("policy"));
            assertThat(browser.menu()).containsExactly("Node console");
            String before = browser.driver.findElement(By.id("policy-version")).getText();
            WebElement population = browser.driver.findElement(By.name("minPopulation"));
            int value = Integer.parseInt(population.getAttribute("value"));
            population.clear();
            population.sendKeys(Integer.toString(value + 5));
            browser.driver.findElement(By.id("policy-save")).click();
            String saved = browser.await(By.id("policy-saved")).getText();
            assertThat(saved).startsWith("Saved: the policy is now version");
            assertThat(browser.driver.findElement(By.id("policy-version")).getText())
                    .isNotEqualTo(before);
            assertThat(browser.driver.findElement(By.name("minPopulation")).getAttribute("value"))
                    .isEqualTo(Integer.toString(value + 5));
            // The latest imports into the node, the bad file of the case worker's test among them, nothing written.
            assertThat(browser.driver.findElements(By.cssSelector("#import-jobs tr[data-status=REJECTED]")))
                    .isNotEmpty();
            assertThat(browser.driver.findElements(By.cssSelector("#import-jobs tr[data-status=SUCCEEDED]")))
                    .isNotEmpty();
            browser.driver.findElement(By.id("verify-chain")).click();
            assertThat(browser.await(By.cssSelector("#chain-result [data-intact]"))
                            .getAttribute("data-intact"))
                    .isEqualTo("true");
            browser.screenshot("node-en");
            browser.language("km");
            browser.go("/app/node/kh");
            browser.await(By.id("policy"));
            assertThat(browser.missingGlyphs()).isEmpty();
            browser.screenshot("node-km");
        }
    }

    @Test
    @Order(23)
    void aSecurityOfficerDisablesAUserWhoThenCannotSignIn() {
        try (Browser browser = Browser.open(federation.plan().gatewayUrl(), "en")) {
            browser.go("/app/");
            browser.signIn("security", "demo-password-security", By.id("users"));
            assertThat(browser.menu()).containsExactly("Security console");
            browser.screenshot("security-en");
            By row = By.cssSelector("tr[data-user='analyst2']");
            browser.driver
                    .findElement(row)
                    .findElement(By.cssSelector("button.disable-user"))
                    .click();
            browser.wait
                    .until(org.openqa.selenium.support.ui.ExpectedConditions.alertIsPresent())
                    .accept();
            browser.wait.until(d -> d.findElements(row).size() == 1
                    && d.findElement(row)
                            .findElements(By.cssSelector("button.disable-user"))
                            .isEmpty());
            assertThat(browser.driver.findElement(row).getText()).contains("no");
            browser.language("km");
            browser.go("/app/security");
            browser.await(By.id("users"));
            assertThat(browser.missingGlyphs()).isEmpty();
            browser.screenshot("security-km");
        }
        try (Browser browser = Browser.open(federation.plan().gatewayUrl(), "en")) {
            browser.go("/app/");
            browser.await(By.id("username")).sendKeys("analyst2");
            browser.driver.findElement(By.id("password")).sendKeys("demo-password-analyst2");
            browser.driver.findElement(By.id("kc-login")).click();
            browser.wait.until(d -> d.getPageSource().contains("disabled"));
            assertThat(browser.driver.getCurrentUrl()).doesNotContain("/app/");
        }
        assertThatLoginFails("analyst2");
    }

    /** An HTCDS file as agencies fill it, with two bad rows: a sex that is no HTCDS code and a date that is none. */
    static Path badHtcdsFile() throws IOException {
        byte[] good = CaseFiles.xlsx("KH", CaseFiles.generate("KH", 4));
        try (var workbook = new XSSFWorkbook(new ByteArrayInputStream(good))) {
            var sheet = workbook.getSheetAt(0);
            sheet.getRow(1).getCell(3).setCellValue("Alien");
            sheet.getRow(2).getCell(1).setCellValue("not a date");
            Path file = Files.createTempFile("bad-htcds", ".xlsx");
            try (var out = Files.newOutputStream(file)) {
                workbook.write(out);
            }
            return file;
        }
    }

    /** A label of the web application in one of its languages, as the build put it in the gateway. */
    static String message(String locale, String key) {
        Path file = Path.of("..", "gateway", "src", "main", "web", "messages", locale + ".json");
        return Keycloak.JSON.readTree(file.toFile()).path(key).asString();
    }

    static void assertReleased(JsonNode o, long n) {
        String status = o.path("status").asString();
        if (n > 0 && n < K) {
            assertThat(status).as("a true count in 1..k-1 is suppressed").isEqualTo("suppressed");
            assertThat(o.has("value")).isFalse();
            return;
        }
        assertThat(status).isEqualTo(n == 0 ? "exact" : "rounded");
        long v = o.path("value").asLong();
        assertThat(v % B).as("released values are multiples of b").isZero();
        assertThat(Math.abs(v - n)).as("within b of the truth").isLessThan(B);
        assertThat(v == 0 || v >= K).as("never a value in 1..k-1").isTrue();
    }

    void assertThatLoginFails(String username) {
        try {
            keycloak.user(username);
            throw new AssertionError(username + " could still sign in after being disabled");
        } catch (IllegalStateException expected) {
            assertThat(expected.getMessage()).contains("HTTP 400");
        }
    }

    static Map<String, String> coordinates(JsonNode observation) {
        Map<String, String> at = new LinkedHashMap<>();
        observation
                .path("coordinates")
                .properties()
                .forEach(e -> at.put(e.getKey(), e.getValue().asString()));
        return at;
    }

    static JsonNode json(HttpResponse<String> response) {
        return Keycloak.JSON.readTree(response.body());
    }

    static HttpRequest.Builder request(String path, String token) {
        return HttpRequest.newBuilder(URI.create(federation.plan().gatewayUrl() + path))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token);
    }

    static HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        return HTTP.send(request(path, token).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> post(String path, String token, String json) throws IOException, InterruptedException {
        return HTTP.send(
                request(path, token)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> multipart(String path, String token, String filename, byte[] file)
            throws IOException, InterruptedException {
        String boundary = "----tributary-" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
                        + "\"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                        + "\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        return HTTP.send(
                request(path, token)
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(HttpRequest.BodyPublishers.ofByteArrays(List.of(head, file, tail)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
