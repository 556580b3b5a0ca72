package org.tributary.node.ingest;

import static org.tributary.node.ingest.HtcdsColumns.*;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.poi.ss.usermodel.DataValidation;
import org.apache.poi.ss.usermodel.DataValidationHelper;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddressList;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.tributary.common.codes.AssistanceStage;
import org.tributary.common.codes.AssistanceStatus;
import org.tributary.common.codes.CaseStatus;
import org.tributary.common.codes.CodeLists;
import org.tributary.common.codes.Countries;
import org.tributary.common.codes.Country;
import org.tributary.common.codes.ExploitationType;
import org.tributary.common.codes.Gender;
import org.tributary.common.codes.IdentificationStage;
import org.tributary.common.codes.LabourIndustry;
import org.tributary.common.codes.MeansOfControl;
import org.tributary.common.codes.OrgType;
import org.tributary.common.codes.RecruitmentMethod;
import org.tributary.common.codes.ReferralReason;
import org.tributary.common.codes.RelationshipToTrafficker;
import org.tributary.common.codes.ServiceType;
import org.tributary.common.codes.SexExploitationType;
import org.tributary.common.codes.StatusDecisionOrg;
import org.tributary.common.codes.TraffickingStatus;

/**
 * The node's import template ({@code GET /api/imports/template}): the HTCDS 2.0 columns and Tributary's extension
 * columns on sheet {@value #CASES} (field names in row 1, labels in row 2, as the official templates), with a
 * dropdown of the HTCDS labels on every coded column (from a hidden {@value #LISTS} sheet); assistance and follow-ups
 * on their own sheets, one row per service or follow-up, keyed by the case number. The old encoded cells
 * ({@code ext_Assistance}, {@code ext_FollowUps}) still import.
 */
final class ImportTemplate {

    static final String CASES = "Cases";
    static final String ASSISTANCE_SHEET = "Assistance";
    static final String FOLLOW_UP_SHEET = "Follow-ups";
    static final String LISTS = "lists";
    static final int ROWS = 2000;

    /** The assistance sheet's columns, after the case number. */
    static final List<String> ASSISTANCE_COLUMNS =
            List.of("serviceType", "stage", "status", "startDate", "endDate", "providerType");
    /** The follow-up sheet's columns, after the case number. */
    static final List<String> FOLLOW_UP_COLUMNS =
            List.of("date", "outcome", "rssEconomic", "rssSocial", "rssPsychosocial", "rssComposite");

    private static final List<String> YES_NO = List.of("Yes", "No");

    /** Each coded column's dropdown: the HTCDS labels where the forms have them, else the codes. */
    private static Map<String, List<String>> dropdowns() {
        Map<String, List<String>> d = new LinkedHashMap<>();
        d.put(TRAFFICKING_STATUS, choices(TraffickingStatus.class));
        d.put(STATUS_DECIDED_BY, choices(StatusDecisionOrg.class));
        d.put(IDENTIFICATION_STAGE, choices(IdentificationStage.class));
        d.put(IDENTIFYING_ORG_TYPE, choices(OrgType.class));
        d.put(GENDER, choices(Gender.class));
        d.put(CITIZENSHIP, countryNames());
        d.put(COUNTRY_OF_EXPLOITATION, countryNames());
        d.put(RETURNED_TO, countryNames());
        d.put(EXPLOITATION_TYPES, choices(ExploitationType.class));
        d.put(LABOUR_INDUSTRY, choices(LabourIndustry.class));
        d.put(SEX_EXPLOITATION_TYPES, choices(SexExploitationType.class));
        d.put(MEANS_OF_CONTROL, choices(MeansOfControl.class));
        d.put(RECRUITMENT_METHODS, choices(RecruitmentMethod.class));
        d.put(RELATIONSHIP, choices(RelationshipToTrafficker.class));
        d.put(CASE_STATUS, choices(CaseStatus.class));
        d.put(IN_REASON, choices(ReferralReason.class));
        d.put(OUT_REASON, choices(ReferralReason.class));
        d.put(INFORMED, YES_NO);
        d.put(CONSENT, YES_NO);
        d.put(IN_CROSS_BORDER, YES_NO);
        d.put(OUT_CROSS_BORDER, YES_NO);
        return d;
    }

    /** Multi-select columns: the dropdown suggests, and "a; b" typed by hand is still accepted. */
    private static final List<String> MULTI =
            List.of(CITIZENSHIP, EXPLOITATION_TYPES, SEX_EXPLOITATION_TYPES, MEANS_OF_CONTROL, RECRUITMENT_METHODS);

    private ImportTemplate() {}

    static List<String> choices(Class<? extends Enum<?>> type) {
        List<String> labels = CodeLists.labels(type);
        return labels.isEmpty() ? CodeLists.codes(type) : labels;
    }

    private static List<String> countryNames() {
        return Countries.all().stream().map(Country::name).sorted().toList();
    }

    /** The columns of the case sheet: every column the import reads, but the encoded ones (their own sheets). */
    static List<String> caseColumns() {
        List<String> out = new ArrayList<>(ALL);
        out.remove(ASSISTANCE);
        out.remove(FOLLOW_UPS);
        return out;
    }

    /** A column's visible label: the official template's where it has one, else the field name in words. */
    static String label(String field) {
        for (var e : LABELS.entrySet()) {
            if (e.getValue().equals(field)) {
                String l = e.getKey();
                return Character.toUpperCase(l.charAt(0)) + l.substring(1);
            }
        }
        String bare = field.replaceFirst("^[a-z]+_", "");
        String words = bare.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    static byte[] workbook() {
        try (var workbook = new XSSFWorkbook()) {
            Sheet cases = workbook.createSheet(CASES);
            Sheet assistance = workbook.createSheet(ASSISTANCE_SHEET);
            Sheet followUps = workbook.createSheet(FOLLOW_UP_SHEET);
            Sheet about = workbook.createSheet("about");
            Sheet lists = workbook.createSheet(LISTS);
            workbook.setSheetHidden(workbook.getSheetIndex(lists), true);

            Map<String, String> ranges = new LinkedHashMap<>();
            int listColumn = 0;
            Map<String, List<String>> dropdowns = dropdowns();
            dropdowns.put("serviceType", choices(ServiceType.class));
            dropdowns.put("stage", choices(AssistanceStage.class));
            dropdowns.put("status", choices(AssistanceStatus.class));
            dropdowns.put("providerType", choices(OrgType.class));
            for (var e : dropdowns.entrySet()) {
                var values = e.getValue();
                for (int r = 0; r < values.size(); r++) {
                    var row = lists.getRow(r) != null ? lists.getRow(r) : lists.createRow(r);
                    row.createCell(listColumn).setCellValue(values.get(r));
                }
                String col = org.apache.poi.ss.util.CellReference.convertNumToColString(listColumn);
                ranges.put(e.getKey(), LISTS + "!$" + col + "$1:$" + col + "$" + values.size());
                listColumn++;
            }

            header(cases, caseColumns(), ImportTemplate::label);
            validations(cases, caseColumns(), ranges);
            List<String> assistanceColumns = new ArrayList<>(List.of(EXTERNAL_REF));
            assistanceColumns.addAll(ASSISTANCE_COLUMNS);
            header(assistance, assistanceColumns, ImportTemplate::auxLabel);
            validations(assistance, assistanceColumns, ranges);
            List<String> followUpColumns = new ArrayList<>(List.of(EXTERNAL_REF));
            followUpColumns.addAll(FOLLOW_UP_COLUMNS);
            header(followUps, followUpColumns, ImportTemplate::auxLabel);

            String[] notes = {
                "Tributary import template (HTCDS 2.0 with Tributary's extension columns).",
                "Row 1 holds the field names the import reads; row 2 the labels. Fill from row 3.",
                "Coded columns: pick from the dropdown (the HTCDS labels), or type the code; letter case and spacing"
                        + " do not matter. Several values in one cell: separate them with ';'.",
                "Dates: a date cell, YYYY-MM-DD, or day first as DD/MM/YYYY (also DD-MM-YYYY, DD.MM.YYYY).",
                "Assistance and follow-ups: one row each on their own sheets, with the case number"
                        + " (ext_ExternalRef) of the case they belong to.",
                "Personal details are encrypted on the node and never leave it; only protected counts do."
            };
            for (int i = 0; i < notes.length; i++) {
                about.createRow(i).createCell(0).setCellValue(notes[i]);
            }
            var out = new ByteArrayOutputStream();
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String auxLabel(String field) {
        return field.equals(EXTERNAL_REF)
                ? "Case number"
                : Character.toUpperCase(field.charAt(0))
                        + field.substring(1)
                                .replaceAll("([a-z])([A-Z])", "$1 $2")
                                .toLowerCase(Locale.ROOT);
    }

    private static void header(Sheet sheet, List<String> fields, java.util.function.UnaryOperator<String> label) {
        var names = sheet.createRow(0);
        var labels = sheet.createRow(1);
        for (int c = 0; c < fields.size(); c++) {
            names.createCell(c).setCellValue(fields.get(c));
            labels.createCell(c).setCellValue(label.apply(fields.get(c)));
            sheet.setColumnWidth(c, 22 * 256);
        }
        sheet.createFreezePane(0, 2);
    }

    private static void validations(Sheet sheet, List<String> fields, Map<String, String> ranges) {
        DataValidationHelper helper = sheet.getDataValidationHelper();
        for (int c = 0; c < fields.size(); c++) {
            String range = ranges.get(fields.get(c));
            if (range == null) {
                continue;
            }
            var constraint = helper.createFormulaListConstraint(range);
            DataValidation validation = helper.createValidation(constraint, new CellRangeAddressList(2, ROWS, c, c));
            boolean multi = MULTI.contains(fields.get(c));
            validation.setErrorStyle(multi ? DataValidation.ErrorStyle.WARNING : DataValidation.ErrorStyle.STOP);
            validation.setShowErrorBox(true);
            validation.createErrorBox(
                    "Not in the list",
                    multi
                            ? "Pick from the list; several values: separate them with ';'."
                            : "Pick a value from the list.");
            sheet.addValidationData(validation);
        }
    }
}
