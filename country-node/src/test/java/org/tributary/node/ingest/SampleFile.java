package org.tributary.node.ingest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Writes {@code docs/samples/tributary-sample-cases.xlsx}: the node's template filled with a few synthetic cases,
 * as a case worker would fill it (dropdown labels, day-first dates, assistance and follow-ups on their own sheets).
 * Every person in it is invented. Run: {@code java ... org.tributary.node.ingest.SampleFile <file>};
 * {@code ImportIT} imports the shipped file.
 */
public final class SampleFile {

    static final Path SHIPPED = Path.of("..", "docs", "samples", "tributary-sample-cases.xlsx");

    private SampleFile() {}

    public static void main(String[] args) throws IOException {
        Path out = args.length > 0 ? Path.of(args[0]) : SHIPPED;
        Files.createDirectories(out.getParent());
        Files.write(out, filled());
        System.out.println("wrote " + out);
    }

    static byte[] filled() throws IOException {
        try (var workbook = new XSSFWorkbook(new ByteArrayInputStream(ImportTemplate.workbook()))) {
            var cases = workbook.getSheet(ImportTemplate.CASES);
            Map<String, Integer> column = new HashMap<>();
            cases.getRow(0).forEach(c -> column.put(c.getStringCellValue(), c.getColumnIndex()));
            List<Map<String, String>> people = List.of(
                    Map.ofEntries(
                            Map.entry("ext_ExternalRef", "KH-2024-0001"),
                            Map.entry("ext_RegisteredOn", "14/02/2024"),
                            Map.entry("vic_TraffickingStatus", "Actual victim of trafficking"),
                            Map.entry("vic_TraffickingStatusDecisionMakingOrg", "Police"),
                            Map.entry("ext_IdentificationStage", "Destination"),
                            Map.entry("prs_Gender", "Feminine"),
                            Map.entry("ext_AgeAtIdentification", "17"),
                            Map.entry("prs_Citizenship", "Cambodia"),
                            Map.entry("ext_CountryOfExploitation", "Thailand"),
                            Map.entry("vic_TypeOfExploitation", "Forced labour"),
                            Map.entry("vic_ForcedLabourIndustry", "Agriculture, forestry and fishing"),
                            Map.entry("vic_MethodsOfControl", "Debt bondage;Withholds documents"),
                            Map.entry("ext_InformedOfEntitlements", "Yes"),
                            Map.entry("ext_ReturnedOn", "02/05/2024"),
                            Map.entry("ext_ReturnedTo", "Cambodia"),
                            Map.entry("cas_Status", "Follow up"),
                            Map.entry("con_Consent", "Yes"),
                            Map.entry("prs_FirstName", "Sample"),
                            Map.entry("prs_SecondName", "Person One")),
                    Map.ofEntries(
                            Map.entry("ext_ExternalRef", "KH-2024-0002"),
                            Map.entry("ext_RegisteredOn", "03.06.2024"),
                            Map.entry("vic_TraffickingStatus", "Possible victim of trafficking"),
                            Map.entry("ext_IdentificationStage", "OriginAfterReturn"),
                            Map.entry("prs_Gender", "Masculine"),
                            Map.entry("ext_AgeAtIdentification", "24"),
                            Map.entry("prs_Citizenship", "Cambodia"),
                            Map.entry("ext_CountryOfExploitation", "Malaysia"),
                            Map.entry("vic_TypeOfExploitation", "Forced labour"),
                            Map.entry("vic_ForcedLabourIndustry", "Construction"),
                            Map.entry("ext_InformedOfEntitlements", "No"),
                            Map.entry("cas_Status", "Active"),
                            Map.entry("con_Consent", "Yes")),
                    Map.ofEntries(
                            Map.entry("ext_ExternalRef", "KH-2024-0003"),
                            Map.entry("ext_RegisteredOn", "2024-09-21"),
                            Map.entry("vic_TraffickingStatus", "Actual victim of trafficking"),
                            Map.entry("ext_IdentificationStage", "Destination"),
                            Map.entry("prs_Gender", "Feminine"),
                            Map.entry("ext_AgeAtIdentification", "19"),
                            Map.entry("prs_Citizenship", "Viet Nam"),
                            Map.entry("ext_CountryOfExploitation", "Cambodia"),
                            Map.entry("vic_TypeOfExploitation", "Sexual exploitation"),
                            Map.entry("vic_TypeOfSexExploitation", "Prostitution"),
                            Map.entry("cas_Status", "Closed Referred"),
                            Map.entry("con_Consent", "Yes")));
            for (int i = 0; i < people.size(); i++) {
                var row = cases.createRow(2 + i);
                people.get(i)
                        .forEach((field, value) ->
                                row.createCell(column.get(field)).setCellValue(value));
            }
            var assistance = workbook.getSheet(ImportTemplate.ASSISTANCE_SHEET);
            String[][] services = {
                {"KH-2024-0001", "Shelter", "Destination", "Received", "15/02/2024", "30/04/2024", "NGO"},
                {"KH-2024-0001", "Counselling", "Origin", "Received", "10/05/2024", "", ""},
                {"KH-2024-0001", "VocationalTraining", "Origin", "Offered", "", "", ""},
                {"KH-2024-0003", "Health", "Destination", "Declined", "22/09/2024", "", ""}
            };
            for (int i = 0; i < services.length; i++) {
                var row = assistance.createRow(2 + i);
                for (int c = 0; c < services[i].length; c++) {
                    if (!services[i][c].isEmpty()) {
                        row.createCell(c).setCellValue(services[i][c]);
                    }
                }
            }
            var followUps = workbook.getSheet(ImportTemplate.FOLLOW_UP_SHEET);
            var f = followUps.createRow(2);
            f.createCell(0).setCellValue("KH-2024-0001");
            f.createCell(1).setCellValue("01/11/2024");
            f.createCell(2).setCellValue("living with family; working");
            f.createCell(3).setCellValue("0.6");
            var out = new java.io.ByteArrayOutputStream();
            workbook.write(out);
            return out.toByteArray();
        }
    }
}
