package org.tributary.node.ingest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Fills a real HTCDS template the way a case worker does: by the visible labels of row 2, one person per row
 * from row 3, dates as Excel dates. Extension columns are appended with their field name in hidden row 1.
 */
final class HtcdsTemplate implements AutoCloseable {

    static final String PLAIN = "/htcds/htcds-template-v2.0.xlsx";
    static final String SINGLE_SELECT = "/htcds/htcds-template-single-select-v2.0.xlsx";

    private final XSSFWorkbook workbook;
    private final Sheet sheet;
    private final Map<String, Integer> columnByLabel = new HashMap<>();
    private final CellStyle dateStyle;
    private int nextRow = 2;

    HtcdsTemplate(String resource) throws IOException {
        try (InputStream in = HtcdsTemplate.class.getResourceAsStream(resource)) {
            workbook = new XSSFWorkbook(in);
        }
        sheet = workbook.getSheetAt(0);
        Row labels = sheet.getRow(1);
        labels.forEach(cell -> columnByLabel.put(cell.getStringCellValue(), cell.getColumnIndex()));
        dateStyle = workbook.createCellStyle();
        dateStyle.setDataFormat(workbook.getCreationHelper().createDataFormat().getFormat("d/m/yyyy"));
    }

    /**
     * The template's own dropdown lists (its {@code validation} sheet): each list's header (row 2), as the case
     * sheet's column labels name them, to its values in order.
     */
    Map<String, java.util.List<String>> dropdowns() {
        Sheet validation = workbook.getSheet("validation");
        Map<String, java.util.List<String>> out = new java.util.LinkedHashMap<>();
        // The row of headers ("Gender", "Trafficking Status", ...) under the sheet's title.
        Row headers = null;
        for (int r = 0; r <= 10 && headers == null; r++) {
            Row row = validation.getRow(r);
            if (row != null) {
                for (var cell : row) {
                    if (cell.getCellType() == org.apache.poi.ss.usermodel.CellType.STRING
                            && cell.getStringCellValue().strip().equals("Gender")) {
                        headers = row;
                    }
                }
            }
        }
        if (headers == null) {
            throw new IllegalStateException("the template's validation sheet has no row of list headers");
        }
        int firstValueRow = headers.getRowNum() + 1;
        for (var header : headers) {
            if (header.getCellType() != org.apache.poi.ss.usermodel.CellType.STRING
                    || header.getStringCellValue().isBlank()) {
                continue;
            }
            java.util.List<String> values = new java.util.ArrayList<>();
            for (int r = firstValueRow; r <= validation.getLastRowNum(); r++) {
                Row row = validation.getRow(r);
                var cell = row == null ? null : row.getCell(header.getColumnIndex());
                if (cell != null
                        && cell.getCellType() == org.apache.poi.ss.usermodel.CellType.STRING
                        && !cell.getStringCellValue().isBlank()) {
                    values.add(cell.getStringCellValue());
                }
            }
            out.put(header.getStringCellValue().strip(), values);
        }
        return out;
    }

    /** The case sheet's column labels (row 2). */
    java.util.Set<String> labels() {
        return columnByLabel.keySet();
    }

    /** Adds an extension column, e.g. {@code ext_ExternalRef}, after the template's last column. */
    HtcdsTemplate extensionColumn(String fieldName, String label) {
        int col = sheet.getRow(1).getLastCellNum();
        sheet.getRow(0).createCell(col).setCellValue(fieldName);
        sheet.getRow(1).createCell(col).setCellValue(label);
        columnByLabel.put(label, col);
        return this;
    }

    /** Writes one person; values are strings, except LocalDate values which become Excel dates. */
    HtcdsTemplate row(Map<String, Object> byLabel) {
        Row row = sheet.getRow(nextRow) != null ? sheet.getRow(nextRow) : sheet.createRow(nextRow);
        nextRow++;
        byLabel.forEach((label, value) -> {
            Integer col = columnByLabel.get(label);
            if (col == null) {
                throw new IllegalArgumentException("template has no column labelled " + label);
            }
            var cell = row.createCell(col);
            if (value instanceof LocalDate date) {
                cell.setCellValue(date);
                cell.setCellStyle(dateStyle);
            } else if (value instanceof Formula formula) {
                cell.setCellFormula(formula.expression());
            } else {
                cell.setCellValue(String.valueOf(value));
            }
        });
        return this;
    }

    record Formula(String expression) {}

    byte[] bytes() throws IOException {
        // As Excel does on save: formula cells carry their computed value.
        workbook.getCreationHelper().createFormulaEvaluator().evaluateAll();
        var out = new ByteArrayOutputStream();
        workbook.write(out);
        return out.toByteArray();
    }

    @Override
    public void close() throws IOException {
        workbook.close();
    }
}
