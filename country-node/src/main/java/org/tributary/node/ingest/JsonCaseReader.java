package org.tributary.node.ingest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.tributary.common.problem.FieldError;
import org.tributary.node.cases.CaseRequest;
import org.tributary.node.cases.CaseRules;
import org.tributary.support.json.JsonPaths;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.json.JsonMapper;

/**
 * A JSON array of case objects (the case API's request shape), streamed element by element: the file is never
 * held in memory, and one bad element is reported without losing the others.
 */
final class JsonCaseReader implements CaseFileReader {

    private final JsonMapper json;
    private final CaseRules rules;

    JsonCaseReader(JsonMapper json, CaseRules rules) {
        this.json = json;
        this.rules = rules;
    }

    @Override
    public void read(Path file, RowSink sink) {
        try (JsonParser parser = json.createParser(file.toFile())) {
            expectArray(parser);
            long row = 0;
            JsonToken token;
            while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
                if (token == null) {
                    throw new UnreadableFileException("The JSON array is not closed: the file is truncated.");
                }
                row++;
                if (token != JsonToken.START_OBJECT) {
                    parser.skipChildren();
                    sink.accept(new SourceRow(
                            row, null, List.of(new FieldError(row, "(element)", null, "must be a case object"))));
                    continue;
                }
                JsonNode node = parser.readValueAsTree();
                sink.accept(toRow(row, node));
            }
        } catch (UnreadableFileException e) {
            throw e;
        } catch (JacksonException e) {
            var where = e.getLocation();
            throw new UnreadableFileException("The file is not valid JSON"
                    + (where == null ? "" : " (line " + where.getLineNr() + ", column " + where.getColumnNr() + ")")
                    + ".");
        }
    }

    @Override
    public long count(Path file) {
        try (JsonParser parser = json.createParser(file.toFile())) {
            expectArray(parser);
            long n = 0;
            JsonToken token;
            while ((token = parser.nextToken()) != JsonToken.END_ARRAY && token != null) {
                parser.skipChildren();
                n++;
            }
            return n;
        } catch (JacksonException e) {
            throw new UnreadableFileException("The file is not valid JSON.");
        }
    }

    private static void expectArray(JsonParser parser) {
        if (parser.nextToken() != JsonToken.START_ARRAY) {
            throw new UnreadableFileException("A JSON import is an array of cases: [ {...}, {...} ].");
        }
    }

    private SourceRow toRow(long row, JsonNode node) {
        CaseRequest request;
        try {
            request = json.treeToValue(node, CaseRequest.class);
        } catch (JacksonException e) {
            String at = JsonPaths.of(e);
            String field = at.isEmpty() ? "(element)" : at;
            String value = e instanceof InvalidFormatException invalid && CaseRules.echoable(field)
                    ? String.valueOf(invalid.getValue())
                    : null;
            return new SourceRow(
                    row, null, List.of(new FieldError(row, field, value, "has the wrong type or is no known code")));
        }
        List<FieldError> errors = new ArrayList<>();
        for (CaseRules.Violation v : rules.check(request)) {
            String field = v.path();
            Object value =
                    !CaseRules.echoable(field) || v.invalidValue() instanceof Iterable<?> ? null : v.invalidValue();
            errors.add(new FieldError(row, field, value == null ? null : String.valueOf(value), v.message()));
        }
        errors.sort(Comparator.comparing(FieldError::field));
        return errors.isEmpty() ? new SourceRow(row, request, List.of()) : new SourceRow(row, null, errors);
    }
}
