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
