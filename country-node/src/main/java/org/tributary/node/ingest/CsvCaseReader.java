package org.tributary.node.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.tributary.common.problem.FieldError;

/**
 * CSV with the HTCDS field names in the header line. UTF-8 only (with or without BOM): any other encoding is
 * refused as a whole, with a sentence that says how to save the file correctly. The delimiter is a comma, or a
 * semicolon or tab when the header line uses one instead (as spreadsheet programs in many locales write).
 */
final class CsvCaseReader implements CaseFileReader {

    private final HtcdsRowMapper mapper;
    private final List<String> ignoredColumns = new ArrayList<>();

    CsvCaseReader(HtcdsRowMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public List<String> ignoredColumns() {
        return ignoredColumns;
    }

    @Override
    public void read(Path file, RowSink sink) throws IOException {
        try (Reader reader = utf8(file);
                CSVParser parser = format(file).parse(reader)) {
            List<String> header = parser.getHeaderNames();
            if (header.isEmpty()) {
                throw new UnreadableFileException("The CSV file has no header line with HTCDS field names.");
            }
            String[] fields = new String[header.size()];
            for (int i = 0; i < header.size(); i++) {
                String h = header.get(i);
                fields[i] = HtcdsColumns.byName(h).orElse(null);
                if (fields[i] == null && h != null && !h.isBlank()) {
                    ignoredColumns.add(h.length() > 64 ? h.substring(0, 64) : h);
                }
            }
            for (CSVRecord record : parser) {
                // Row numbers as a spreadsheet shows them: the header is row 1.
                long row = record.getRecordNumber() + 1;
                if (record.size() > fields.length) {
                    sink.accept(new SourceRow(
                            row,
                            null,
                            List.of(new FieldError(
                                    row,
                                    "(row)",
                                    null,
                                    "has " + record.size() + " cells but the header has " + fields.length))));
                    continue;
                }
                Map<String, String> values = new HashMap<>(fields.length * 2);
                boolean blank = true;
                for (int i = 0; i < record.size(); i++) {
                    if (fields[i] != null) {
                        String v = record.get(i);
                        values.put(fields[i], v);
                        blank &= v.isBlank();
                    }
                }
                if (!blank) {
                    sink.accept(mapper.map(row, values));
                }
            }
        } catch (UncheckedIOException e) {
            throw translate(e.getCause());
        } catch (CharacterCodingException e) {
            throw translate(e);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new UnreadableFileException(
                    "The CSV header is not usable: each column needs a distinct HTCDS field name.");
        }
    }

    /**
     * Counts records by scanning bytes: newlines outside double quotes, less the header and blank lines. Exact for
     * RFC 4180 files and far cheaper than parsing twice; the parse itself reports any malformed content.
     */
    @Override
    public long count(Path file) throws IOException {
        long records = 0;
        boolean quoted = false;
        boolean lineHasContent = false;
        byte[] buffer = new byte[1 << 16];
        try (var in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                for (int i = 0; i < n; i++) {
                    byte b = buffer[i];
                    if (b == '"') {
                        quoted = !quoted;
                        lineHasContent = true;
                    } else if (b == '\n' && !quoted) {
                        if (lineHasContent) {
                            records++;
                        }
                        lineHasContent = false;
                    } else if (b != '\r') {
                        lineHasContent = true;
                    }
                }
            }
        }
        if (lineHasContent) {
            records++;
        }
        return Math.max(0, records - 1);
    }

    private static RuntimeException translate(IOException e) {
        if (e instanceof CharacterCodingException) {
            return new UnreadableFileException("The file is not UTF-8 text (it may be Latin-1 or Windows-1252). "
                    + "Save it as \"CSV UTF-8\" and send it again.");
        }
        return new UnreadableFileException("The CSV file cannot be read to the end: it is malformed or truncated.");
    }

    private static CSVFormat format(Path file) throws IOException {
        char delimiter = ',';
        try (BufferedReader probe = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            String first = probe.readLine();
            if (first != null && first.indexOf(',') < 0) {
                if (first.indexOf(';') >= 0) {
                    delimiter = ';';
                } else if (first.indexOf('\t') >= 0) {
                    delimiter = '\t';
                }
            }
        }
        return CSVFormat.RFC4180
                .builder()
                .setDelimiter(delimiter)
                .setHeader()
                .setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true)
                .setAllowMissingColumnNames(true)
                .get();
    }

    private static Reader utf8(Path file) throws IOException {
        var decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        var in = Files.newInputStream(file);
        var reader = new BufferedReader(new InputStreamReader(in, decoder), 1 << 16);
        reader.mark(1);
        if (reader.read() != '\uFEFF') {
            reader.reset();
        }
        return reader;
    }
}
