package org.tributary.aggregator.export;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * The rules of the SDMX-JSON 2.0.0 data-message schema that our messages exercise, checked one by one: required
 * members, id patterns, where annotations and attributes go, what an observation array may hold, and that every index
 * points at something. Written from the schema's definitions (the official file lives only on GitHub, which these
 * machines cannot reach, so it is not shipped); each rule names the schema definition it comes from.
 */
public final class SdmxJsonRules {

    static final Pattern ID = Pattern.compile("^[A-Za-z0-9_@$-]+$");
    static final Pattern COMPONENT_ID = Pattern.compile("^[A-Za-z][A-Za-z0-9_-]*$");
    static final Pattern OBSERVATION_KEY = Pattern.compile("^[0-9]+(:[0-9]+)*$");
    static final Set<String> ACTIONS = Set.of("Information", "Append", "Replace", "Delete");

    private SdmxJsonRules() {}

    /** Every broken rule, as "where: what"; empty when the message follows them all. */
    public static List<String> violations(JsonNode message) {
        List<String> out = new ArrayList<>();
        JsonNode meta = message.path("meta");
        // definitions/meta: id, prepared and sender required
        require(out, "meta", meta, "id", "prepared", "sender");
        pattern(out, "meta.id", meta.path("id"), ID);
        try {
            OffsetDateTime.parse(meta.path("prepared").asString());
        } catch (RuntimeException e) {
            out.add("meta.prepared: not a date-time");
        }
        pattern(out, "meta.sender.id", meta.path("sender").path("id"), ID);
        JsonNode structures = message.path("data").path("structures");
        JsonNode dataSets = message.path("data").path("dataSets");
        if (!structures.isArray() || !dataSets.isArray()) {
            out.add("data: structures and dataSets must be arrays");
            return out;
        }
        for (int s = 0; s < structures.size(); s++) {
            structure(out, "structures[" + s + "]", structures.get(s));
        }
        for (int d = 0; d < dataSets.size(); d++) {
            dataSet(out, "dataSets[" + d + "]", dataSets.get(d), structures);
        }
        return out;
    }

    /** definitions/structure */
    private static void structure(List<String> out, String where, JsonNode s) {
        require(out, where, s, "dimensions");
        only(out, where + ".dimensions", s.path("dimensions"), "dataSet", "series", "observation");
        only(out, where + ".attributes", s.path("attributes"), "dataSet", "dimensionGroup", "series", "observation");
        only(out, where + ".measures", s.path("measures"), "observation");
        for (String level : List.of("dataSet", "series", "observation")) {
            JsonNode dims = s.path("dimensions").path(level);
            for (int i = 0; i < dims.size(); i++) {
                dimension(out, where + ".dimensions." + level + "[" + i + "]", dims.get(i));
            }
        }
        for (String level : List.of("dataSet", "dimensionGroup", "series", "observation")) {
            JsonNode attrs = s.path("attributes").path(level);
            for (int i = 0; i < attrs.size(); i++) {
                attribute(out, where + ".attributes." + level + "[" + i + "]", attrs.get(i));
            }
        }
        JsonNode measures = s.path("measures").path("observation");
        for (int i = 0; i < measures.size(); i++) {
            require(out, where + ".measures.observation[" + i + "]", measures.get(i), "id");
            pattern(
                    out,
                    where + ".measures.observation[" + i + "].id",
                    measures.get(i).path("id"),
                    COMPONENT_ID);
        }
        JsonNode annotations = s.path("annotations");
        for (int i = 0; i < annotations.size(); i++) {
            JsonNode a = annotations.get(i);
            if (!a.isObject()) {
                out.add(where + ".annotations[" + i + "]: not an object");
                continue;
            }
            for (String text : List.of("id", "title", "type", "value", "text")) {
                if (a.has(text) && !a.get(text).isString()) {
                    out.add(where + ".annotations[" + i + "]." + text + ": not a string");
                }
            }
        }
    }

    /** definitions/dimension and dimValues */
    private static void dimension(List<String> out, String where, JsonNode d) {
        require(out, where, d, "id", "keyPosition", "values");
        pattern(out, where + ".id", d.path("id"), COMPONENT_ID);
        if (!d.path("keyPosition").isIntegralNumber() || d.path("keyPosition").asInt() < 0) {
            out.add(where + ".keyPosition: not an integer >= 0");
        }
        values(out, where + ".values", d.path("values"), false);
    }

    /** definitions/attribute, AttributeRelationshipType and compValues */
    private static void attribute(List<String> out, String where, JsonNode a) {
        require(out, where, a, "id", "relationship");
        pattern(out, where + ".id", a.path("id"), COMPONENT_ID);
        JsonNode r = a.path("relationship");
        only(out, where + ".relationship", r, "dataflow", "dimensions", "group", "observation", "primaryMeasure");
        for (String empty : List.of("dataflow", "observation")) {
            if (r.has(empty) && (!r.get(empty).isObject() || !r.get(empty).isEmpty())) {
                out.add(where + ".relationship." + empty + ": must be an empty object");
            }
        }
        if (a.has("values")) {
            values(out, where + ".values", a.get("values"), true);
        }
    }

    private static void values(List<String> out, String where, JsonNode values, boolean nullable) {
        if (!values.isArray() || values.isEmpty()) {
            out.add(where + ": must be a non-empty array");
            return;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < values.size(); i++) {
            JsonNode v = values.get(i);
            if (!seen.add(v.toString())) {
                out.add(where + "[" + i + "]: duplicate (uniqueItems)");
            }
            if (v.isNull() && nullable) {
                continue;
            }
            boolean coded = v.has("id") && v.has("name");
            boolean uncoded = v.has("value") || (nullable && v.has("values"));
            if (!v.isObject() || coded == uncoded) {
                out.add(where + "[" + i + "]: exactly one of id+name or value");
                continue;
            }
            if (coded) {
                pattern(out, where + "[" + i + "].id", v.get("id"), ID);
            }
            for (String time : List.of("start", "end")) {
                if (v.has(time)) {
                    try {
                        OffsetDateTime.parse(v.get(time).asString());
                    } catch (RuntimeException e) {
                        out.add(where + "[" + i + "]." + time + ": not a date-time");
                    }
                }
            }
        }
    }

    /** definitions/dataSet, with every index checked against the structure it names. */
    private static void dataSet(List<String> out, String where, JsonNode d, JsonNode structures) {
        require(out, where, d, "links");
        if (d.has("action") && !ACTIONS.contains(d.get("action").asString())) {
            out.add(where + ".action: not one of " + ACTIONS);
        }
        if (!d.path("structure").isIntegralNumber() || d.path("structure").asInt() >= structures.size()) {
            out.add(where + ".structure: no such structure");
            return;
        }
        JsonNode s = structures.get(d.get("structure").asInt());
        JsonNode annotations = d.path("annotations");
        for (int i = 0; i < annotations.size(); i++) {
            JsonNode a = annotations.get(i);
            if (!a.isIntegralNumber()
                    || a.asInt() < 0
                    || a.asInt() >= s.path("annotations").size()) {
                out.add(where + ".annotations[" + i + "]: not an index of the structure's annotations");
            }
        }
        indexes(
                out,
                where + ".attributes",
                d.path("attributes"),
                s.path("attributes").path("dataSet"));
        JsonNode dims = s.path("dimensions").path("observation");
        JsonNode attrs = s.path("attributes").path("observation");
        for (var entry : d.path("observations").properties()) {
            String key = entry.getKey();
            String at = where + ".observations[" + key + "]";
            if (!OBSERVATION_KEY.matcher(key).matches()) {
                out.add(at + ": key does not match " + OBSERVATION_KEY);
                continue;
            }
            String[] parts = key.split(":");
            if (parts.length != dims.size()) {
                out.add(at + ": " + parts.length + " key parts for " + dims.size() + " dimensions");
                continue;
            }
            for (int p = 0; p < parts.length; p++) {
                if (Integer.parseInt(parts[p]) >= dims.get(p).path("values").size()) {
                    out.add(at + ": no value " + parts[p] + " of "
                            + dims.get(p).path("id").asString());
                }
            }
            JsonNode array = entry.getValue();
            if (!array.isArray() || array.isEmpty()) {
                out.add(at + ": not a non-empty array");
                continue;
            }
            if (!array.get(0).isNull() && !array.get(0).isNumber()) {
                out.add(at + "[0]: the value must be a number or null");
            }
            List<JsonNode> rest = new ArrayList<>();
            for (int i = 1; i < array.size(); i++) {
                rest.add(array.get(i));
            }
            if (rest.size() > attrs.size()) {
                out.add(at + ": more attribute indexes than observation attributes");
            }
            for (int i = 0; i < rest.size() && i < attrs.size(); i++) {
                JsonNode index = rest.get(i);
                if (!index.isNull()
                        && (!index.isIntegralNumber()
                                || index.asInt() >= attrs.get(i).path("values").size())) {
                    out.add(at + "[" + (i + 1) + "]: no value of "
                            + attrs.get(i).path("id").asString());
                }
            }
        }
    }

    private static void indexes(List<String> out, String where, JsonNode indexes, JsonNode components) {
        if (indexes.size() > components.size()) {
            out.add(where + ": more indexes than components");
        }
        for (int i = 0; i < indexes.size() && i < components.size(); i++) {
            JsonNode index = indexes.get(i);
            if (!index.isNull()
                    && (!index.isIntegralNumber()
                            || index.asInt() >= components.get(i).path("values").size())) {
                out.add(where + "[" + i + "]: no value of "
                        + components.get(i).path("id").asString());
            }
        }
    }

    private static void require(List<String> out, String where, JsonNode node, String... names) {
        for (String name : names) {
            if (!node.has(name)) {
                out.add(where + ": " + name + " is required");
            }
        }
    }

    private static void only(List<String> out, String where, JsonNode node, String... allowed) {
        Set<String> ok = Set.of(allowed);
        for (String name : node.propertyNames()) {
            if (!ok.contains(name)) {
                out.add(where + ": " + name + " is not allowed (additionalProperties: false)");
            }
        }
    }

    private static void pattern(List<String> out, String where, JsonNode node, Pattern pattern) {
        if (!node.isString() || !pattern.matcher(node.asString()).matches()) {
            out.add(where + ": does not match " + pattern);
        }
    }
}
