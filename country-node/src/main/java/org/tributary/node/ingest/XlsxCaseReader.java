package org.tributary.node.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.parsers.ParserConfigurationException;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * The HTCDS Excel templates, read with POI's streaming (SAX) API so that large workbooks never sit in memory.
 * Row 1 holds field names; if row 2 holds the template's visible labels it is skipped, and its labels win over
 * row 1's names where the two disagree (the template's mailing-address columns) or row 1 has no name (column
 * AJ, "Reason for Outgoing Referral"). Dates come as ISO dates from date-formatted cells; formulas are read as
 * their cached values, never evaluated or kept as formulas.
 */
final class XlsxCaseReader implements CaseFileReader {

    private final HtcdsRowMapper mapper;
    private final List<String> ignoredColumns = new ArrayList<>();

    XlsxCaseReader(HtcdsRowMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public List<String> ignoredColumns() {
        return ignoredColumns;
    }

    @Override
    public void read(Path file, RowSink sink) {
        var handler = new RowHandler(sink, false);
        parse(file, handler);
        handler.auxiliaryRowsAllUsed();
    }

    @Override
    public long count(Path file) {
        var counter = new RowHandler(row -> {}, true);
        parse(file, counter);
        return counter.dataRows;
    }

    private void parse(Path file, RowHandler handler) {
        try (OPCPackage pkg = OPCPackage.open(file.toFile(), PackageAccess.READ)) {
            XSSFReader reader = new XSSFReader(pkg);
            var strings = new ReadOnlySharedStringsTable(pkg, false);
            if (!handler.countOnly) {
                // The template's assistance and follow-up sheets (small): read first, joined to their cases below.
                var all = (XSSFReader.SheetIterator) reader.getSheetsData();
                boolean first = true;
                while (all.hasNext()) {
                    try (InputStream sheet = all.next()) {
                        String name = all.getSheetName();
                        if (first) {
                            first = false;
                            continue;
                        }
                        var rows = name.equalsIgnoreCase(ImportTemplate.ASSISTANCE_SHEET)
                                ? handler.assistance
                                : name.equalsIgnoreCase(ImportTemplate.FOLLOW_UP_SHEET) ? handler.followUps : null;
                        if (rows != null) {
                            var aux = new AuxiliaryHandler(name, rows);
                            var xml = XMLHelper.newXMLReader();
                            xml.setContentHandler(new XSSFSheetXMLHandler(
                                    reader.getStylesTable(), null, strings, aux, new IsoDateFormatter(), false));
                            xml.parse(new InputSource(sheet));
                        }
                    }
                }
            }
            var sheets = reader.getSheetsData();
            if (!sheets.hasNext()) {
                throw new UnreadableFileException("The workbook has no sheet.");
            }
            try (InputStream sheet = sheets.next()) {
                var xml = XMLHelper.newXMLReader();
                xml.setContentHandler(new XSSFSheetXMLHandler(
                        reader.getStylesTable(), null, strings, handler, new IsoDateFormatter(), false));
                xml.parse(new InputSource(sheet));
            }
        } catch (UnreadableFileException e) {
            throw e;
        } catch (IOException | OpenXML4JException | SAXException | ParserConfigurationException | RuntimeException e) {
            String why = e.getMessage() != null && e.getMessage().toLowerCase().contains("zip bomb")
                    ? "it expands far more than a spreadsheet should (a cell is too large or it is a zip bomb)"
                    : "it is not a complete .xlsx workbook (truncated, damaged or another file type)";
            throw new UnreadableFileException("The Excel file cannot be read: " + why + ".");
        }
    }

    /** Formats date cells as ISO dates and leaves other numbers as Excel shows them. */
    static final class IsoDateFormatter extends DataFormatter {
        @Override
        public String formatRawCellContents(double value, int formatIndex, String formatString, boolean use1904) {
            if (DateUtil.isADateFormat(formatIndex, formatString) && DateUtil.isValidExcelDate(value)) {
                return DateUtil.getLocalDateTime(value, use1904).toLocalDate().toString();
            }
            return super.formatRawCellContents(value, formatIndex, formatString, use1904);
        }
    }

    /**
     * One of the template's sheets of assistance or follow-ups: row 1 the field names, row 2 (optional) their labels,
     * then one row per service or follow-up with the case number it belongs to. Rows by case number.
     */
    private static final class AuxiliaryHandler extends RowCells {
        private final String sheet;
        private final Map<String, List<Map<String, String>>> rows;
        private final Map<Integer, String> names = new HashMap<>();

        AuxiliaryHandler(String sheet, Map<String, List<Map<String, String>>> rows) {
            this.sheet = sheet;
            this.rows = rows;
        }

        @Override
        public void endRow(int rowNum) {
            if (rowNum == 0) {
                names.putAll(cells);
                if (!names.containsValue(HtcdsColumns.EXTERNAL_REF)) {
                    throw new UnreadableFileException("Sheet " + sheet + " needs a column " + HtcdsColumns.EXTERNAL_REF
                            + " (the case number) in row 1.");
                }
                return;
            }
            if (rowNum == 1
                    && "Case number"
                            .equalsIgnoreCase(
                                    cells.values().stream().findFirst().orElse(""))) {
                return; // the labels
            }
            Map<String, String> values = new HashMap<>();
            cells.forEach((col, value) -> {
                String name = names.get(col);
                if (name != null && !value.isBlank()) {
                    values.put(name, value);
                }
            });
            if (values.isEmpty()) {
                return;
            }
            String ref = values.get(HtcdsColumns.EXTERNAL_REF);
            if (ref == null) {
                throw new UnreadableFileException("Row " + (rowNum + 1) + " of sheet " + sheet + " has no case number ("
                        + HtcdsColumns.EXTERNAL_REF + "); nothing was imported.");
            }
            rows.computeIfAbsent(ref.strip(), k -> new ArrayList<>()).add(values);
        }
    }

    /** A sheet read row by row: each row's cells by column index, for {@link #endRow} to use. */
    private abstract static class RowCells implements XSSFSheetXMLHandler.SheetContentsHandler {
        final Map<Integer, String> cells = new TreeMap<>();

        @Override
        public void startRow(int rowNum) {
            cells.clear();
        }

        @Override
        public void cell(String ref, String value, XSSFComment comment) {
            if (ref != null && value != null) {
                cells.put((int) new CellReference(ref).getCol(), value);
            }
        }
    }

    private final class RowHandler extends RowCells {
        private final RowSink sink;
        private final boolean countOnly;
        private final Map<String, List<Map<String, String>>> assistance = new HashMap<>();
        private final Map<String, List<Map<String, String>>> followUps = new HashMap<>();
        private final java.util.Set<String> used = new java.util.HashSet<>();
        private final Map<Integer, String> names = new HashMap<>();
        private Map<Integer, String> fields;
        private long dataRows;

        RowHandler(RowSink sink, boolean countOnly) {
            this.sink = sink;
            this.countOnly = countOnly;
        }

        @Override
        public void endRow(int rowNum) {
            if (rowNum == 0) {
                names.putAll(cells);
                return;
            }
            if (fields == null) {
                fields = resolveColumns(rowNum == 1 ? cells : Map.of());
                if (rowNum == 1 && isLabelRow(cells)) {
                    return;
                }
            }
            Map<String, String> values = new HashMap<>();
            boolean blank = true;
            for (var cell : cells.entrySet()) {
                String field = fields.get(cell.getKey());
                if (field != null) {
                    values.put(field, cell.getValue());
                    blank &= cell.getValue().isBlank();
                }
            }
            if (blank) {
                return;
            }
            dataRows++;
            if (!countOnly) {
                String ref = values.get(HtcdsColumns.EXTERNAL_REF);
                ref = ref == null ? null : ref.strip();
                if (ref != null) {
                    used.add(ref);
                }
                // Rows as Excel numbers them.
                sink.accept(mapper.map(
                        rowNum + 1L,
                        values,
                        ref == null ? List.of() : assistance.getOrDefault(ref, List.of()),
                        ref == null ? List.of() : followUps.getOrDefault(ref, List.of())));
            }
        }

        /** Every row of the assistance and follow-up sheets belongs to a case of the case sheet. */
        void auxiliaryRowsAllUsed() {
            var orphans = new java.util.TreeSet<String>();
            assistance.keySet().stream().filter(r -> !used.contains(r)).forEach(orphans::add);
            followUps.keySet().stream().filter(r -> !used.contains(r)).forEach(orphans::add);
            if (!orphans.isEmpty()) {
                throw new UnreadableFileException("The assistance or follow-up sheet names " + orphans.size()
                        + " case number(s) that no row of the case sheet has (e.g. "
                        + orphans.first()
                                .substring(0, Math.min(32, orphans.first().length()))
                        + "); nothing was imported.");
            }
        }

        private boolean isLabelRow(Map<Integer, String> row) {
            long labels = row.values().stream()
                    .filter(v -> HtcdsColumns.byLabel(v).isPresent())
                    .count();
            return labels >= 3 && labels * 2 >= row.size();
        }

        private Map<Integer, String> resolveColumns(Map<Integer, String> secondRow) {
            if (names.isEmpty()) {
                throw new UnreadableFileException("Row 1 of the sheet must hold the HTCDS field names.");
            }
            Map<Integer, String> resolved = new HashMap<>();
            for (var name : names.entrySet()) {
                var field = HtcdsColumns.byName(name.getValue());
                if (field.isPresent()) {
                    resolved.put(name.getKey(), field.get());
                } else if (!name.getValue().isBlank() && !countOnly) {
                    ignoredColumns.add(
                            name.getValue().length() > 64 ? name.getValue().substring(0, 64) : name.getValue());
                }
            }
            if (isLabelRow(secondRow)) {
                for (var label : secondRow.entrySet()) {
                    HtcdsColumns.byLabel(label.getValue()).ifPresent(field -> resolved.put(label.getKey(), field));
                }
            }
            if (resolved.isEmpty()) {
                throw new UnreadableFileException("Row 1 of the sheet holds no HTCDS field names.");
            }
            return resolved;
        }
    }
}
