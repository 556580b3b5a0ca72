package org.tributary.node.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tributary.node.support.Json.texts;
import static org.tributary.node.support.Samples.caseJson;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tributary.node.sample.SampleCaseGenerator;
import org.tributary.node.sample.SampleCsvWriter;
import org.tributary.node.support.Http;
import org.tributary.node.support.NodeIntegrationTest;

@NodeIntegrationTest
class ImportIT {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    static final String HEADER = "ext_ExternalRef,vic_TraffickingStatus,cas_Status,prs_Gender,prs_Citizenship,"
            + "vic_TypeOfExploitation,ext_RegisteredOn,ext_AgeAtIdentification,cas_OutgoingReferralDetails\n";

    @Autowired
    Environment environment;

    @Autowired
    JdbcClient jdbc;

    Http http;

    @BeforeEach
    void client() {
        http = new Http(environment.getRequiredProperty("local.server.port", Integer.class));
    }

    long cases() {
        return jdbc.sql("select count(*) from cases").query(Long.class).single();
    }

    String idOf(String externalRef) {
        return jdbc.sql("select id::text from cases where external_ref = ?")
                .param(externalRef)
                .query(String.class)
                .single();
    }

    Http.Response csv(String body, String query) {
        return http.post("/api/imports" + query, "text/csv", body.getBytes(StandardCharsets.UTF_8));
    }

    // --- the latest jobs ------------------------------------------------------------------------------------

    @Test
    void theLatestJobsAreEveryonesForAnOperatorAndACaseWorkersOwnOtherwiseWithoutRowErrors() {
        Http anna = http.as(org.tributary.node.support.Tokens.builder("KH", "case-worker")
                .username("kh-jobs-anna")
                .subject("sub-jobs-anna")
                .sign());
        Http bopha = http.as(org.tributary.node.support.Tokens.builder("KH", "case-worker")
                .username("kh-jobs-bopha")
                .subject("sub-jobs-bopha")
                .sign());
        Http operator = http.as(org.tributary.node.support.Tokens.builder("KH", "node-operator")
                .username("kh-jobs-operator")
                .subject("sub-jobs-operator")
                .sign());
        String row = ",ActualVictimOfTrafficking,Active,Feminine,KH,ForcedLabour,2023-01-05,17,\n";
        var good = anna.post("/api/imports", "text/csv", (HEADER + "JOBS-A1" + row).getBytes(StandardCharsets.UTF_8));
        assertThat(good.status()).as(good.body()).isEqualTo(200);
        var bad = bopha.post(
                "/api/imports",
                "text/csv",
                (HEADER + "JOBS-B1,ActualVictimOfTrafficking,Active,Alien,KH,ForcedLabour,2023-01-05,17,\n")
                        .getBytes(StandardCharsets.UTF_8));
        assertThat(bad.status()).as(bad.body()).isEqualTo(422);

        var annas = anna.get("/api/imports?limit=100");
        assertThat(annas.status()).isEqualTo(200);
        java.util.List<String> annaIds = new java.util.ArrayList<>();
        annas.json().forEach(j -> annaIds.add(j.get("id").asText()));
        assertThat(annaIds)
                .contains(good.json().get("id").asText())
                .doesNotContain(bad.json().get("jobId").asText());

        var all = operator.get("/api/imports?limit=100");
        java.util.List<String> allIds = new java.util.ArrayList<>();
        all.json().forEach(j -> {
            allIds.add(j.get("id").asText());
            assertThat(j.get("errors").size()).as("no row errors in the list").isZero();
        });
        assertThat(allIds)
                .contains(
                        good.json().get("id").asText(), bad.json().get("jobId").asText());
        assertThat(all.json().get(0).get("createdAt").asText())
                .as("newest first")
                .isGreaterThanOrEqualTo(
                        all.json().get(all.json().size() - 1).get("createdAt").asText());

        assertThat(operator.get("/api/imports?limit=0").status()).isEqualTo(400);
        assertThat(operator.get("/api/imports?limit=101").status()).isEqualTo(400);
    }

    // --- the real HTCDS templates -------------------------------------------------------------------------

    @Test
    void theRealHtcdsTemplateFilledUnderItsVisibleLabelsImportsWithDatesMultiSelectsAndTheMailingAddress()
            throws IOException {
        byte[] file;
        try (var template = new HtcdsTemplate(HtcdsTemplate.PLAIN)) {
            template.extensionColumn("ext_ExternalRef", "Case number")
                    .extensionColumn("ext_CountryOfExploitation", "Country of exploitation")
                    .row(withCountryOfExploitation(
                            person("TPL-1", "Feminine", "KH", "ForcedLabour;SexualExploitation")))
                    .row(withCountryOfExploitation(person("TPL-2", "Masculine", "LA;MM", "ForcedLabour")));
            file = template.bytes();
        }
        var response = http.post("/api/imports", XLSX, file);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(response.json().get("rowsInserted").asLong()).isEqualTo(2);

        var read = http.get("/api/cases/" + idOf("TPL-1")).json();
        assertThat(read.get("traffickingStatus").asText()).isEqualTo("ActualVictimOfTrafficking");
        assertThat(read.get("statusDecidedBy").asText()).isEqualTo("Police");
        assertThat(read.get("exploitationTypes").toString()).isEqualTo("[\"ForcedLabour\",\"SexualExploitation\"]");
        assertThat(read.get("countryOfExploitation").asText()).isEqualTo("TH");
        assertThat(read.get("consentToAggregateUse").asBoolean()).isTrue();
        // The template's hidden names and visible labels disagree for the mailing address: labels win.
        assertThat(read.get("personal").get("mailingStreet").asText()).isEqualTo("12 Street 271");
        assertThat(read.get("personal").get("mailingCity").asText()).isEqualTo("Phnom Penh");
        assertThat(read.get("personal").get("birthDate").asText()).isEqualTo("2007-05-17");
        assertThat(read.get("birthYear").asInt()).isEqualTo(2007);
        // Column AJ has a label but no field name.
        var outgoing = read.get("referrals").get(0);
        assertThat(outgoing.get("reason").asText()).isEqualTo("AdditionalServicesRequired");
        assertThat(outgoing.get("date").asText()).isEqualTo("2024-02-01");
        assertThat(http.get("/api/cases/" + idOf("TPL-2"))
                        .json()
                        .get("citizenship")
                        .toString())
                .isEqualTo("[\"LA\",\"MM\"]");
    }

    @Test
    void theSingleSelectTemplateWithoutACaseNumberColumnGetsStablePseudonymousRefsSoReimportUpdates()
            throws IOException {
        byte[] file;
        try (var template = new HtcdsTemplate(HtcdsTemplate.SINGLE_SELECT)) {
            template.row(person(null, "Feminine", "VN", "ForcedMarriage"));
            file = template.bytes();
        }
        long before = cases();
        var first = http.post("/api/imports", XLSX, file);
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.json().get("rowsInserted").asLong()).isEqualTo(1);
        var again = http.post("/api/imports", XLSX, file);
        assertThat(again.json().get("rowsInserted").asLong()).isZero();
        assertThat(again.json().get("rowsUpdated").asLong()).isEqualTo(1);
        assertThat(cases()).isEqualTo(before + 1);
        String ref = jdbc.sql(
                        "select external_ref from cases where external_ref like 'htcds-%' and citizenship = '{VN}'")
                .query(String.class)
                .single();
        assertThat(ref).startsWith("htcds-").doesNotContain("Srey");
    }

    /**
     * The single-select template filled the way it is meant to be: every dropdown column from the template's own
     * list (its {@code validation} sheet, read here from the official file), the citizenship by country name, dates
     * typed day first. Every row imports, and each label is stored as its code.
     */
    @Test
    void theSingleSelectTemplateFilledFromItsOwnDropdownsImportsEveryRow() throws IOException {
        byte[] file;
        Map<String, java.util.List<String>> dropdowns;
        int rows;
        try (var template = new HtcdsTemplate(HtcdsTemplate.SINGLE_SELECT)) {
            dropdowns = template.dropdowns();
            var countries = dropdowns.get("Country");
            assertThat(countries).hasSizeGreaterThan(200);
            assertThat(countries)
                    .as("every country name of the dropdown is known")
                    .allSatisfy(name -> assertThat(org.tributary.common.codes.Countries.byName(name))
                            .as(name)
                            .isPresent());
            var filled = new java.util.TreeSet<>(template.labels());
            filled.retainAll(dropdowns.keySet());
            assertThat(filled)
                    .as("the case sheet's dropdown columns")
                    .contains("Gender", "Trafficking Status", "Type of Exploitation", "Methods of Control", "Status");
            rows = filled.stream().mapToInt(l -> dropdowns.get(l).size()).max().orElseThrow();
            template.extensionColumn("ext_ExternalRef", "Case number");
            String[] dateForms = {"%02d/%02d/%d", "%d-%d-%d", "%02d.%02d.%d"};
            for (int i = 0; i < rows; i++) {
                Map<String, Object> row = person("DROPDOWN-" + i, "Feminine", "KH", "ForcedLabour");
                for (String label : filled) {
                    var values = dropdowns.get(label);
                    row.put(label, values.get(i % values.size()));
                }
                row.put("Citizenship", countries.get((i * 37) % countries.size()));
                row.put("Birthdate", String.format(dateForms[i % 3], 1 + i, 1 + i % 12, 1990 + i));
                row.put("Outgoing Referral Date", String.format(dateForms[(i + 1) % 3], 28, 2, 2024));
                template.row(row);
            }
            file = template.bytes();
        }
        var response = http.post("/api/imports", XLSX, file);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().get("rowsRejected").asLong()).isZero();
        assertThat(response.json().get("rowsInserted").asLong()
                        + response.json().get("rowsUpdated").asLong())
                .isEqualTo(rows);
        var one = http.get("/api/cases/" + idOf("DROPDOWN-1")).json();
        assertThat(one.get("traffickingStatus").asText()).isEqualTo("ActualVictimOfTrafficking");
        assertThat(one.get("caseStatus").asText()).isEqualTo("FollowUp");
        assertThat(one.toString())
                .as("the day-first date 28-2-2024 read as the 28th of February")
                .contains("2024-02-28");
        String citizenship = org.tributary.common.codes.Countries.byName(
                        dropdowns.get("Country").get(37))
                .orElseThrow()
                .alpha2();
        assertThat(one.get("citizenship").toString()).contains(citizenship);
        System.out.printf(
                "single-select template from its own dropdowns: %d rows, %d lists, every row imported%n",
                rows, dropdowns.size());
    }

    /** The sample file shipped under docs/ (what the README points at) imports as it is, and is what it says. */
    @Test
    void theShippedSampleFileImports() throws IOException {
        byte[] shipped = java.nio.file.Files.readAllBytes(SampleFile.SHIPPED);
        var response = http.post("/api/imports", XLSX, shipped);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().get("rowsRejected").asLong()).isZero();
        var first = http.get("/api/cases/" + idOf("KH-2024-0001")).json();
        assertThat(first.get("assistance")).hasSize(3);
        assertThat(first.get("followUps")).hasSize(1);
        assertThat(first.get("countryOfExploitation").asText()).isEqualTo("TH");
        try (var generated = new org.apache.poi.xssf.usermodel.XSSFWorkbook(
                        new java.io.ByteArrayInputStream(SampleFile.filled()));
                var file = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(shipped))) {
            var formatter = new org.apache.poi.ss.usermodel.DataFormatter();
            for (String sheet : List.of("Cases", "Assistance", "Follow-ups")) {
                for (int r = 0; r <= generated.getSheet(sheet).getLastRowNum(); r++) {
                    var expected = generated.getSheet(sheet).getRow(r);
                    var actual = file.getSheet(sheet).getRow(r);
                    for (var cell : expected) {
                        assertThat(formatter.formatCellValue(actual.getCell(cell.getColumnIndex())))
                                .as("docs sample %s!%s: regenerate it with SampleFile", sheet, cell.getAddress())
                                .isEqualTo(formatter.formatCellValue(cell));
                    }
                }
            }
        }
    }

    /** The node's own template: dropdowns of labels, and assistance and follow-ups on sheets of their own. */
    @Test
    void theNodesTemplateHasDropdownsAndTakesAssistanceAndFollowUpsOnTheirOwnSheets() throws IOException {
        var download = http.get("/api/imports/template");
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.header("Content-Disposition")).contains("tributary-import-template.xlsx");
        byte[] filled;
        try (var workbook = new org.apache.poi.xssf.usermodel.XSSFWorkbook(
                new java.io.ByteArrayInputStream(http.getBytes("/api/imports/template")))) {
            var cases = workbook.getSheet("Cases");
            Map<String, Integer> column = new LinkedHashMap<>();
            cases.getRow(0).forEach(c -> column.put(c.getStringCellValue(), c.getColumnIndex()));
            assertThat(column).containsKeys("ext_ExternalRef", "vic_TraffickingStatus", "prs_Citizenship");
            assertThat(column).doesNotContainKeys("ext_Assistance", "ext_FollowUps");
            var validated = new java.util.HashSet<Integer>();
            for (var v : cases.getDataValidations()) {
                for (var r : v.getRegions().getCellRangeAddresses()) {
                    validated.add(r.getFirstColumn());
                }
            }
            assertThat(validated)
                    .as("coded columns have dropdowns")
                    .contains(column.get("vic_TraffickingStatus"), column.get("prs_Gender"), column.get("cas_Status"));
            var row = cases.createRow(2);
            row.createCell(column.get("ext_ExternalRef")).setCellValue("TEMPLATE-1");
            row.createCell(column.get("vic_TraffickingStatus")).setCellValue("Actual victim of trafficking");
            row.createCell(column.get("prs_Gender")).setCellValue("Feminine");
            row.createCell(column.get("prs_Citizenship")).setCellValue("Cambodia");
            row.createCell(column.get("ext_RegisteredOn")).setCellValue("14/02/2024");
            row.createCell(column.get("cas_Status")).setCellValue("Follow up");
            var assistance = workbook.getSheet("Assistance");
            assertThat(assistance.getRow(0).getCell(0).getStringCellValue()).isEqualTo("ext_ExternalRef");
            for (int i = 0; i < 2; i++) {
                var a = assistance.createRow(2 + i);
                a.createCell(0).setCellValue("TEMPLATE-1");
                a.createCell(1).setCellValue(i == 0 ? "Shelter" : "Health");
                a.createCell(2).setCellValue(i == 0 ? "Destination" : "Origin");
                a.createCell(3).setCellValue("Completed");
                a.createCell(4).setCellValue("01/03/2024");
            }
            var followUps = workbook.getSheet("Follow-ups");
            var f = followUps.createRow(2);
            f.createCell(0).setCellValue("TEMPLATE-1");
            f.createCell(1).setCellValue("2024-09-01");
            f.createCell(2).setCellValue("back at school; working part-time");
            f.createCell(3).setCellValue("0.5");
            var out = new java.io.ByteArrayOutputStream();
            workbook.write(out);
            filled = out.toByteArray();
        }
        var imported = http.post("/api/imports", XLSX, filled);
        assertThat(imported.status()).as(imported.body()).isEqualTo(200);
        var stored = http.get("/api/cases/" + idOf("TEMPLATE-1")).json();
        assertThat(stored.get("assistance")).hasSize(2);
        assertThat(stored.get("followUps")).hasSize(1);
        assertThat(stored.get("followUps").get(0).get("outcome").asText())
                .as("a ';' in a cell of its own sheet is text, not a separator")
                .isEqualTo("back at school; working part-time");
        assertThat(stored.get("registeredOn").asText()).isEqualTo("2024-02-14");

        // A follow-up for a case the case sheet does not have: a clear problem, and nothing is written.
        long before = cases();
        byte[] orphan;
        try (var workbook = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(filled))) {
            workbook.getSheet("Cases").getRow(2).getCell(0).setCellValue("TEMPLATE-2");
            var r = workbook.getSheet("Follow-ups").createRow(3);
            r.createCell(0).setCellValue("NO-SUCH-CASE");
            r.createCell(1).setCellValue("2024-09-02");
            var out = new java.io.ByteArrayOutputStream();
            workbook.write(out);
            orphan = out.toByteArray();
        }
        var refused = http.post("/api/imports", XLSX, orphan);
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.json().get("type").asText()).isEqualTo("urn:tributary:problem:file-unreadable");
        assertThat(refused.body()).contains("no row of the case sheet has");
        assertThat(cases()).isEqualTo(before);
    }

    @Test
    void aFormulaInATemplateCellIsImportedAsItsValueNeverAsAFormula() throws IOException {
        byte[] file;
        try (var template = new HtcdsTemplate(HtcdsTemplate.PLAIN)) {
            Map<String, Object> row = person("FORMULA-X", "Feminine", "KH", "ForcedLabour");
            row.put("Outgoing Referral Details", new HtcdsTemplate.Formula("\"=cmd|\"&\"calc\""));
            template.extensionColumn("ext_ExternalRef", "Case number").row(row);
            file = template.bytes();
        }
        var response = http.post("/api/imports", XLSX, file);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        String details = http.get("/api/cases/" + idOf("FORMULA-X"))
                .json()
                .get("referrals")
                .get(0)
                .get("details")
                .asText();
        assertThat(details).isEqualTo("=cmd|calc");
    }

    static Map<String, Object> withCountryOfExploitation(Map<String, Object> row) {
        row.put("Country of exploitation", "TH");
        return row;
    }

    static Map<String, Object> person(String ref, String gender, String citizenship, String exploitation) {
        Map<String, Object> row = new LinkedHashMap<>();
        if (ref != null) {
            row.put("Case number", ref);
        }
        row.put("Case Owner", "case worker 7");
        row.put("First Name", "Srey");
        row.put("Second Name", "Mom");
        row.put("Consent", "TRUE");
        row.put("Birthdate", LocalDate.of(2007, 5, 17));
        row.put("Gender", gender);
        row.put("Citizenship", citizenship);
        row.put("Mailing Street", "12 Street 271");
        row.put("Mailing City", "Phnom Penh");
        row.put("Mailing Country", "KH");
        row.put("Trafficking Status", "ActualVictimOfTrafficking");
        row.put("Trafficking Status Decision Making Organization", "Police");
        row.put("Methods of Control", "DebtBondage;WithholdsDocuments");
        row.put("Type of Exploitation", exploitation);
        row.put("Status", "Active");
        row.put("Reason for Outgoing Referral", "AdditionalServicesRequired");
        row.put("Outgoing Referral Date", LocalDate.of(2024, 2, 1));
        row.put("Referred Organisation", "Partner NGO");
        return row;
    }

    // --- CSV and JSON ---------------------------------------------------------------------------------------

    @Test
    void reimportingTheSameExternalRefUpdatesInsteadOfDuplicatingAndKeepsTheRecordKey() {
        String file = HEADER + "RE-1,ActualVictimOfTrafficking,Active,Feminine,KH,ForcedLabour,2023-01-05,17,\n";
        assertThat(csv(file, "").json().get("rowsInserted").asLong()).isEqualTo(1);
        int key = jdbc.sql("select record_key from cases where external_ref = 'RE-1'")
                .query(Integer.class)
                .single();
        var again = csv(file.replace(",Active,", ",Closed,"), "");
        assertThat(again.json().get("rowsUpdated").asLong()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from cases where external_ref = 'RE-1'")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        assertThat(jdbc.sql("select record_key from cases where external_ref = 'RE-1'")
                        .query(Integer.class)
                        .single())
                .isEqualTo(key);
        var read = http.get("/api/cases/" + idOf("RE-1"));
        assertThat(read.json().get("caseStatus").asText()).isEqualTo("Closed");
        assertThat(read.json().get("version").asLong()).isEqualTo(1);
    }

    @Test
    void oneBadRowRejectsTheWholeFileWithEveryBadRowListed() {
        long before = cases();
        var response = csv(
                HEADER
                        + "ALL-1,ActualVictimOfTrafficking,Active,Feminine,KH,ForcedLabour,2023-01-05,17,\n"
                        + "ALL-2,Victim,Active,Female,XX,Fishing,2023-01-05,17,\n"
                        + "ALL-3,ActualVictimOfTrafficking,,Feminine,KH,ForcedLabour,2999-01-01,abc,\n",
                "");
        assertThat(response.status()).isEqualTo(422);
        assertThat(response.json().get("type").asText()).isEqualTo("urn:tributary:problem:import-rejected");
        assertThat(response.json().get("rowsRejected").asLong()).isEqualTo(2);
        var errors = response.json().get("errors");
        assertThat(texts(errors, "field"))
                .containsExactly(
                        "prs_Citizenship",
                        "prs_Gender",
                        "vic_TraffickingStatus",
                        "vic_TypeOfExploitation",
                        "cas_Status",
                        "ext_AgeAtIdentification",
                        "ext_RegisteredOn");
        assertThat(errors.get(0).get("row").asLong()).isEqualTo(3);
        assertThat(errors.get(0).get("value").asText()).isEqualTo("XX");
        assertThat(errors.get(6).get("row").asLong()).isEqualTo(4);
        assertThat(cases()).isEqualTo(before);
    }

    @Test
    void partialModeWritesTheGoodRowsAndReportsTheBadOnes() {
        long before = cases();
        var response = csv(
                HEADER
                        + "PART-1,ActualVictimOfTrafficking,Active,Feminine,KH,ForcedLabour,2023-01-05,17,\n"
                        + "PART-2,Victim,Active,Feminine,KH,ForcedLabour,2023-01-05,17,\n",
                "?mode=partial");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("status").asText()).isEqualTo("SUCCEEDED_WITH_ERRORS");
        assertThat(response.json().get("rowsInserted").asLong()).isEqualTo(1);
        assertThat(response.json().get("errors").get(0).get("row").asLong()).isEqualTo(3);
        assertThat(cases()).isEqualTo(before + 1);
        assertThat(csv(HEADER, "?mode=sometimes").status()).isEqualTo(400);
    }

    @Test
    void aDuplicateExternalRefInsideOneFileIsABadRow() {
        long before = cases();
        var response = csv(
                HEADER
                        + "TWICE-1,ActualVictimOfTrafficking,Active,Feminine,KH,ForcedLabour,2023-01-05,17,\n"
                        + "TWICE-1,ActualVictimOfTrafficking,Active,Feminine,KH,ForcedLabour,2023-01-05,17,\n",
                "");
        assertThat(response.status()).isEqualTo(422);
        assertThat(response.json().get("errors").get(0).get("reason").asText()).contains("appears also in row 2");
        assertThat(cases()).isEqualTo(before);
    }

    @Test
    void formulaLikeTextIsStoredAsPlainTextAndACodedFieldRefusesIt() {
        var ok = csv(
                HEADER + "INJ-1,ActualVictimOfTrafficking,Active,Feminine,KH,ForcedLabour,2023-01-05,17,"
                        + "\"=HYPERLINK(\"\"http://x\"\",\"\"click\"\")\"\n",
                "");
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        var details = http.get("/api/cases/" + idOf("INJ-1"))
                .json()
                .get("referrals")
                .get(0)
                .get("details")
                .asText();
        assertThat(details).isEqualTo("=HYPERLINK(\"http://x\",\"click\")");

        long before = cases();
        var refused = csv(HEADER + "INJ-2,ActualVictimOfTrafficking,Active,Feminine,KH,@SUM(A1),2023-01-05,17,\n", "");
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().get("errors").get(0).get("field").asText()).isEqualTo("vic_TypeOfExploitation");
        assertThat(cases()).isEqualTo(before);
    }

    @Test
    void aTenMegabyteCellIsRefusedWithoutEchoingIt() {
        long before = cases();
        String huge = "x".repeat(10 * 1024 * 1024);
        var response = csv(
                HEADER + "BIG-1,ActualVictimOfTrafficking,Active,Feminine,KH,ForcedLabour,2023-01-05,17," + huge + "\n",
                "");
        assertThat(response.status()).isIn(202, 422);
        var job = response.status() == 202 ? awaitJob(response.json().get("id").asText()) : response.json();
        assertThat(job.toString()).contains("cas_OutgoingReferralDetails").contains("longer than 32767");
        assertThat(job.toString().length()).isLessThan(10_000);
        assertThat(cases()).isEqualTo(before);
    }

    @Test
    void aLatin1CsvIsRefusedWithAClearSentenceAndNothingWritten() {
        long before = cases();
        byte[] latin1 = (HEADER + "LAT-1,ActualVictimOfTrafficking,Active,Feminine,KH,ForcedLabour,2023-01-05,17,"
                        + "Référé à l'ONG\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        var response = http.post("/api/imports", "text/csv", latin1);
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("type").asText()).isEqualTo("urn:tributary:problem:file-unreadable");
        assertThat(response.json().get("detail").asText()).contains("not UTF-8");
        assertThat(cases()).isEqualTo(before);
    }

    @Test
    void emptyFilesWrongFileTypesAndTruncatedWorkbooksAreRefused() throws IOException {
        long before = cases();
        assertThat(csv("", "").status()).isEqualTo(400);
        assertThat(csv("   \n", "").status()).isEqualTo(400);
        assertThat(csv(HEADER, "").status()).isEqualTo(400);
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13};
        assertThat(http.post("/api/imports", "text/csv", png).status()).isEqualTo(415);
        assertThat(http.post("/api/imports", XLSX, png).status()).isEqualTo(415);
        assertThat(http.post("/api/imports", "application/pdf", png).status()).isEqualTo(415);
        assertThat(http.post("/api/imports", "application/json", "name,age\n".getBytes())
                        .status())
                .isEqualTo(415);

        byte[] whole;
        try (var template = new HtcdsTemplate(HtcdsTemplate.PLAIN)) {
            whole = template.extensionColumn("ext_ExternalRef", "Case number")
                    .row(person("TRUNC-1", "Feminine", "KH", "ForcedLabour"))
                    .bytes();
        }
        var truncated = http.post("/api/imports", XLSX, Arrays.copyOf(whole, whole.length / 2));
        assertThat(truncated.status()).isEqualTo(400);
        assertThat(truncated.json().get("detail").asText()).contains("not a complete .xlsx");
        assertThat(cases()).isEqualTo(before);
    }

    @Test
    void aJsonArrayOfCasesImportsAndABadElementIsReportedByIndex() {
        long before = cases();
        String json =
                "[" + caseJson("JSON-1") + "," + caseJson("JSON-2").replace("\"Feminine\"", "\"Female\"") + "," + "42]";
        var all = http.post("/api/imports", "application/json", json.getBytes(StandardCharsets.UTF_8));
        assertThat(all.status()).as(all.body()).isEqualTo(422);
        assertThat(texts(all.json().get("errors"), "row")).containsExactly("2", "3");
        assertThat(cases()).isEqualTo(before);

        var partial = http.post("/api/imports?mode=partial", "application/json", json.getBytes(StandardCharsets.UTF_8));
        assertThat(partial.status()).isEqualTo(200);
        assertThat(partial.json().get("rowsInserted").asLong()).isEqualTo(1);
        assertThat(http.get("/api/cases/" + idOf("JSON-1"))
                        .json()
                        .get("personal")
                        .get("firstName")
                        .asText())
                .isEqualTo("Srey");
        assertThat(http.post("/api/imports", "application/json", "[{\"externalRef\":".getBytes())
                        .status())
                .isEqualTo(400);
    }

    @Test
    void aLargeFileRunsAsAJobWhoseProgressCanBePolled() throws IOException {
        var generator = new SampleCaseGenerator("TH", 42);
        var out = new StringWriter();
        try (var writer = new SampleCsvWriter(out)) {
            for (int i = 0; i < 3000; i++) {
                writer.write(generator.generate(i));
            }
        }
        var response = csv(out.toString(), "");
        assertThat(response.status()).isEqualTo(202);
        String id = response.json().get("id").asText();
        assertThat(response.header("Location")).isEqualTo("/api/imports/" + id);
        var job = awaitJob(id);
        assertThat(job.get("status").asText()).as(job.toString()).isEqualTo("SUCCEEDED");
        assertThat(job.get("rowsTotal").asLong()).isEqualTo(3000);
        assertThat(job.get("rowsProcessed").asLong()).isEqualTo(3000);
        assertThat(job.get("rowsInserted").asLong() + job.get("rowsUpdated").asLong())
                .isEqualTo(3000);
        assertThat(jdbc.sql("select count(*) from cases where external_ref like 'TH-%'")
                        .query(Long.class)
                        .single())
                .isGreaterThanOrEqualTo(3000);
        assertThat(http.get("/api/imports/00000000-0000-0000-0000-000000000000").status())
                .isEqualTo(404);
    }

    tools.jackson.databind.JsonNode awaitJob(String id) {
        for (int i = 0; i < 600; i++) {
            var job = http.get("/api/imports/" + id).json();
            if (!job.get("status").asText().matches("QUEUED|RUNNING")) {
                return job;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("import job " + id + " did not finish in 60 s");
    }
}
