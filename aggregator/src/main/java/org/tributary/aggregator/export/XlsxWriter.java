package org.tributary.aggregator.export;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.tributary.aggregator.regional.Dataset;
import org.tributary.aggregator.regional.NodeReport;
import org.tributary.aggregator.regional.Observation;
import org.tributary.aggregator.regional.Provenance;

/** A workbook with one sheet of observations per dataset and a last sheet saying where they come from. */
final class XlsxWriter {

    static final String PROVENANCE_SHEET = "provenance";
    static final String PROTECTION_SHEET = "protection";

    static final List<String> PROTECTION_HEADER = List.of(
            "dataset",
            "release",
            "node_id",
            "country",
            "status",
            "mode",
            "k",
            "b",
            "policy_version",
            "release_period",
            "values_by_status",
            "note");
    static final String SIGNATURE_SHEET = "signature";
    static final int MAX_SHEET_NAME = 31;

    static final List<String> PROVENANCE_HEADER = List.of(
            "dataset",
            "region",
            "region_name",
            "min_contributing_nodes",
            "asked_at",
            "answered_at",
            "nodes_asked",
            "nodes_answered",
            "partial",
            "node_id",
            "country",
            "status",
            "reason",
            "policy_version",
            "released_at");

    private static final int MAX_COLUMN_CHARS = 60;

    private final XSSFWorkbook workbook = new XSSFWorkbook();
    private final CellStyle header;
    private final CellStyle text;

    private XlsxWriter() {
        Font bold = workbook.createFont();
        bold.setBold(true);
        header = workbook.createCellStyle();
        header.setFont(bold);
        // Cell values are never formulas here (they are written as strings), but a quote-prefixed cell also
        // stays text when someone edits it and presses enter.
        text = workbook.createCellStyle();
        text.setQuotePrefixed(true);
    }

    static byte[] write(List<Dataset> datasets) {
        return write(datasets, null, null);
    }

    /**
     * The observation sheets, then how they were protected ({@value #PROTECTION_SHEET}), where they come from
     * ({@value #PROVENANCE_SHEET}) and, for a signed release, its signature ({@value #SIGNATURE_SHEET}).
     *
     * @param release the regional release number, or null for a live answer
     */
    static byte[] write(List<Dataset> datasets, ExportSignature signature, Long release) {
        var writer = new XlsxWriter();
        try (XSSFWorkbook workbook = writer.workbook) {
            // Excel compares sheet names case-insensitively and keeps "History" for itself.
            Set<String> used = new HashSet<>(Set.of(PROTECTION_SHEET, PROVENANCE_SHEET, SIGNATURE_SHEET, "history"));
            for (Dataset dataset : datasets) {
                writer.observations(dataset, sheetName(dataset.id(), used));
            }
            writer.protection(datasets, release);
            writer.provenance(datasets);
            if (signature != null) {
                writer.signature(signature);
            }
            var out = new ByteArrayOutputStream();
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A sheet name from a dataset id: letters, digits, space, {@code _ . -} only (Excel refuses some characters
     * and some others confuse formulas), at most 31 characters, unique in {@code used} ignoring case.
     */
    static String sheetName(String id, Set<String> used) {
        String base = id == null ? "" : id.replaceAll("[^A-Za-z0-9 _.-]", "_").strip();
        if (base.isEmpty()) {
            base = "dataset";
        }
        String name = truncate(base, MAX_SHEET_NAME);
        for (int n = 2; used.contains(name.toLowerCase(Locale.ROOT)); n++) {
            String suffix = "_" + n;
            name = truncate(base, MAX_SHEET_NAME - suffix.length()) + suffix;
        }
        used.add(name.toLowerCase(Locale.ROOT));
        return name;
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

    private void observations(Dataset dataset, String name) {
        Sheet sheet = workbook.createSheet(name);
        List<String> columns = Table.header(dataset.dimensions(), false);
        int[] widths = new int[columns.size()];
        headerRow(sheet, columns, widths);
        int r = 1;
        for (Observation o : dataset.observations()) {
            List<Object> cells = Table.row(dataset, o, dataset.dimensions(), false);
            Row row = sheet.createRow(r++);
            for (int c = 0; c < cells.size(); c++) {
                cell(row, c, cells.get(c), widths);
            }
        }
        finish(sheet, widths);
    }

    private void signature(ExportSignature signature) {
        Sheet sheet = workbook.createSheet(SIGNATURE_SHEET);
        List<String> header = List.of("what", "node", "key", "value");
        int[] widths = new int[header.size()];
        headerRow(sheet, header, widths);
        int r = 1;
        addRow(sheet, r++, List.of("release", "", "", signature.releaseNumber()), widths);
        addRow(sheet, r++, List.of("statement SHA-256", "", "", signature.statementDigest()), widths);
        addRow(
                sheet,
                r++,
                List.of("aggregator signature (Ed25519)", "", signature.keyId(), signature.signature()),
                widths);
        for (var receipt : signature.receipts()) {
            addRow(sheet, r++, List.of("node receipt", receipt.nodeId(), receipt.keyId(), receipt.receipt()), widths);
        }
        finish(sheet, widths);
    }

    /** One row per dataset and node: its mode, k, b, policy; the dataset's note and how many values have each status. */
    private void protection(List<Dataset> datasets, Long release) {
        Sheet sheet = workbook.createSheet(PROTECTION_SHEET);
        int[] widths = new int[PROTECTION_HEADER.size()];
        headerRow(sheet, PROTECTION_HEADER, widths);
        int r = 1;
        for (Dataset dataset : datasets) {
            Protection p = Protection.of(dataset, release);
            String statuses = String.join(
                    ", ",
                    p.statuses().entrySet().stream()
                            .map(e -> e.getKey() + " " + e.getValue())
                            .toList());
            List<Protection.NodeProtection> nodes =
                    p.nodes().isEmpty() ? java.util.Collections.singletonList(null) : p.nodes();
            for (Protection.NodeProtection n : nodes) {
                addRow(
                        sheet,
                        r++,
                        Arrays.asList(
                                dataset.id(),
                                release,
                                n == null ? null : n.nodeId(),
                                n == null ? null : n.country(),
                                n == null ? null : n.status(),
                                n == null ? null : n.mode(),
                                n == null ? null : n.threshold(),
                                n == null ? null : n.roundingBase(),
                                n == null ? null : n.policyVersion(),
                                n == null ? null : n.releasePeriod(),
                                statuses,
                                p.note()),
                        widths);
            }
        }
        finish(sheet, widths);
    }

    private void provenance(List<Dataset> datasets) {
        Sheet sheet = workbook.createSheet(PROVENANCE_SHEET);
        int[] widths = new int[PROVENANCE_HEADER.size()];
        headerRow(sheet, PROVENANCE_HEADER, widths);
        int r = 1;
        for (Dataset dataset : datasets) {
            Provenance p = dataset.provenance();
            List<Object> common = new ArrayList<>();
            common.add(dataset.id());
            if (p == null) {
                addRow(sheet, r++, common, widths);
                continue;
            }
            // Arrays.asList: a provenance may lack a time or a name, and List.of refuses nulls.
            common.addAll(Arrays.asList(
                    p.regionCode(),
                    p.regionName(),
                    p.minContributingNodes(),
                    instant(p.askedAt()),
                    instant(p.answeredAt()),
                    p.nodesAsked(),
                    p.nodesAnswered(),
                    p.partial()));
            if (p.nodes().isEmpty()) {
                addRow(sheet, r++, common, widths);
            }
            // One row per node, with the dataset's columns repeated so that the sheet filters and sorts.
            for (NodeReport node : p.nodes()) {
                List<Object> cells = new ArrayList<>(common);
                cells.add(node.nodeId());
                cells.add(node.country());
                cells.add(node.status());
                cells.add(node.reason());
                cells.add(node.policyVersion());
                cells.add(instant(node.releasedAt()));
                addRow(sheet, r++, cells, widths);
            }
        }
        finish(sheet, widths);
    }

    /** Instants as ISO-8601 UTC text: unambiguous, where a date cell would drop the time zone. */
    private static String instant(Instant at) {
        return at == null ? null : at.toString();
    }

    private void headerRow(Sheet sheet, List<String> columns, int[] widths) {
        Row row = sheet.createRow(0);
        for (int c = 0; c < columns.size(); c++) {
            cell(row, c, columns.get(c), widths).setCellStyle(header);
        }
        sheet.createFreezePane(0, 1);
    }

    private void addRow(Sheet sheet, int r, List<Object> cells, int[] widths) {
        Row row = sheet.createRow(r);
        for (int c = 0; c < cells.size(); c++) {
            cell(row, c, cells.get(c), widths);
        }
    }

    private Cell cell(Row row, int c, Object value, int[] widths) {
        Cell cell = row.createCell(c);
        String shown;
        if (value == null) {
            return cell;
        } else if (value instanceof BigDecimal d) {
            cell.setCellValue(d.doubleValue());
            shown = d.toPlainString();
        } else if (value instanceof Number n) {
            cell.setCellValue(n.doubleValue());
            shown = n.toString();
        } else if (value instanceof Boolean b) {
            cell.setCellValue(b);
            shown = b.toString().toUpperCase(Locale.ROOT);
        } else {
            shown = value.toString();
            cell.setCellValue(shown);
            if (FormulaGuard.isFormulaLike(shown)) {
                cell.setCellStyle(text);
            }
        }
        widths[c] = Math.max(widths[c], shown.length());
        return cell;
    }

    /** Column widths from the longest text (autoSizeColumn needs fonts that a headless server may lack). */
    private static void finish(Sheet sheet, int[] widths) {
        for (int c = 0; c < widths.length; c++) {
            int chars = Math.min(Math.max(widths[c], 6) + 2, MAX_COLUMN_CHARS);
            sheet.setColumnWidth(c, chars * 256);
        }
    }
}
