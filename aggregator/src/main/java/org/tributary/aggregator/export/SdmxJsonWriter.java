package org.tributary.aggregator.export;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tributary.aggregator.regional.Dataset;
import org.tributary.aggregator.regional.Observation;
import org.tributary.aggregator.regional.ObservationStatus;
import org.tributary.aggregator.regional.Unit;
import org.tributary.common.codes.Countries;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An SDMX-JSON 2.0.0 data message, shaped like the SDG indicator data that UN agencies exchange (16.2.2: detected
 * victims of trafficking by sex, age and year): every dimension at observation level, codes from the SDMX global
 * code lists where one exists (M49 areas, SEX, AGE, TIME_PERIOD), {@code _T} for totals and {@code _U} for unknown.
 */
final class SdmxJsonWriter {

    static final String SCHEMA = "https://raw.githubusercontent.com/sdmx-twg/sdmx-json/v2.0.0/data-message/tools/"
            + "schemas/2.0.0/sdmx-json-data-schema.json";

    /** Datasets that are SDG series: their id is the series code. */
    static final Set<String> SDG_SERIES = Set.of("VC_HTF_DETV");

    /** Coordinates whose codes are ISO alpha-2 countries, written as M49 like REF_AREA. */
    static final Set<String> COUNTRY_DIMENSIONS = Set.of("citizenship", "countryOfExploitation");

    private static final Pattern SDMX_ID = Pattern.compile("[A-Za-z0-9_@$-]+");
    private static final Pattern YEAR = Pattern.compile("\\d{4}");
    private static final Pattern AGE_RANGE = Pattern.compile("(\\d+)-(\\d+)");
    private static final Pattern AGE_FROM = Pattern.compile("(\\d+)\\+");

    private static final Value TOTAL = Value.code(org.tributary.common.federation.FederationContract.TOTAL, "Total");
    private static final Value UNKNOWN =
            Value.code(org.tributary.common.federation.FederationContract.UNKNOWN, "Unknown");
    private static final Value NOT_APPLICABLE = Value.code("_Z", "Not applicable");

    private final JsonMapper mapper;

    SdmxJsonWriter(JsonMapper mapper) {
        this.mapper = mapper;
    }

    byte[] write(List<Dataset> datasets, Instant prepared) {
        return write(datasets, prepared, null, null);
    }

    /**
     * Every data set says how it was protected: a data-set attribute {@code COMMENT_DSET} with the note in plain
     * words, and annotations {@code TRIBUTARY_PROTECTION} (each node's mode, {@code k}, {@code b}, policy version)
     * and, for a signed release, {@code TRIBUTARY_SIGNATURE}. Annotations live in the structure and the data set
     * names them by index, as SDMX-JSON 2.0 has it.
     *
     * @param release the regional release number, or null for a live answer
     */
    byte[] write(List<Dataset> datasets, Instant prepared, ExportSignature signature, Long release) {
        ObjectNode root = mapper.createObjectNode();
        ObjectNode meta = root.putObject("meta");
        meta.put("schema", SCHEMA);
        meta.put("id", "TRIBUTARY-" + UUID.randomUUID());
        meta.put("test", false);
        meta.put("prepared", prepared.toString());
        meta.putArray("contentLanguages").add("en");
        ObjectNode sender = meta.putObject("sender");
        sender.put("id", "TRIBUTARY");
        names(sender, "Tributary regional aggregator");

        ObjectNode data = root.putObject("data");
        ArrayNode structures = data.putArray("structures");
        ArrayNode dataSets = data.putArray("dataSets");
        for (int i = 0; i < datasets.size(); i++) {
            ObjectNode dataSet = dataSets.addObject();
            ObjectNode structure = structures.addObject();
            Protection protection = Protection.of(datasets.get(i), release);
            dataset(datasets.get(i), i, structure, dataSet, protection);
            ArrayNode annotations = structure.putArray("annotations");
            ArrayNode used = dataSet.putArray("annotations");
            ObjectNode protected_ = annotations.addObject();
            protected_.put("id", "TRIBUTARY_PROTECTION");
            protected_.put("type", "TRIBUTARY_PROTECTION");
            protected_.put("title", protection.nodesLine());
            protected_.put("text", protection.note());
            protected_.putObject("texts").put("en", protection.note());
            used.add(0);
            if (signature != null) {
                ObjectNode annotation = annotations.addObject();
                annotation.put("id", "TRIBUTARY_SIGNATURE");
                annotation.put("type", "TRIBUTARY_SIGNATURE");
                annotation.put(
                        "title", "Regional release " + signature.releaseNumber() + ", signed by " + signature.keyId());
                annotation.put("text", mapper.writeValueAsString(signature));
                used.add(1);
            }
        }
        return mapper.writeValueAsBytes(root);
    }

    /** A component value: a code with its name (and, for a time period, its start and end), or uncoded text. */
    record Value(String id, String name, String start, String end, String text) {

        static Value code(String id, String name) {
            return new Value(id, name, null, null, null);
        }

        static Value uncoded(String text) {
            return new Value(null, null, null, null, text);
        }

        String key() {
            return id != null ? "id:" + id : "value:" + text;
        }
    }

    /** A dimension or attribute, collecting the values the observations use, in the order first used. */
    static final class Component {
        final String id;
        final String name;
        final String role;
        final Function<Observation, Value> valueOf;
        final Map<String, Integer> index = new LinkedHashMap<>();
        final List<Value> values = new ArrayList<>();

        Component(String id, String name, String role, Function<Observation, Value> valueOf) {
            this.id = id;
            this.name = name;
            this.role = role;
            this.valueOf = valueOf;
        }

        Integer indexOf(Observation o) {
            Value value = valueOf.apply(o);
            if (value == null) {
                return null;
            }
            return index.computeIfAbsent(value.key(), k -> {
                values.add(value);
                return values.size() - 1;
            });
        }
    }

    private void dataset(Dataset dataset, int i, ObjectNode structure, ObjectNode dataSet, Protection protection) {
        List<Component> dimensions = dimensions(dataset);
        List<Component> attributes = attributes(dataset);

        // First pass: every observation's value indexes, so that attributes no observation uses can be left out
        // (the schema wants at least one value per component).
        List<String> keys = new ArrayList<>();
        List<Integer[]> attributeIndexes = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Observation o : dataset.observations()) {
            StringBuilder key = new StringBuilder();
            for (Component dimension : dimensions) {
                if (!key.isEmpty()) {
                    key.append(':');
                }
                key.append(dimension.indexOf(o));
            }
            if (!seen.add(key.toString())) {
                // Two codes mapped to one (X and _U both to SEX _U, say): one would silently replace the other.
                throw new IllegalStateException("Two observations of one dataset have the same SDMX key");
            }
            keys.add(key.toString());
            Integer[] indexes = new Integer[attributes.size()];
            for (int a = 0; a < attributes.size(); a++) {
                indexes[a] = attributes.get(a).indexOf(o);
            }
            attributeIndexes.add(indexes);
        }
        List<Integer> used = new ArrayList<>();
        for (int a = 0; a < attributes.size(); a++) {
            if (!attributes.get(a).values.isEmpty()) {
                used.add(a);
            }
        }

        names(structure, dataset.title() != null ? dataset.title() : dataset.id());
        structure.putArray("dataSets").add(i);
        ObjectNode dims = structure.putObject("dimensions");
        dims.putArray("dataSet");
        dims.putArray("series");
        ArrayNode observationDims = dims.putArray("observation");
        for (int d = 0; d < dimensions.size(); d++) {
            component(observationDims, dimensions.get(d), d);
        }
        ObjectNode attrs = structure.putObject("attributes");
        // The protection note: one value for the whole data set.
        ObjectNode note = attrs.putArray("dataSet").addObject();
        note.put("id", "COMMENT_DSET");
        names(note, "Data set comment: how the values were protected");
        note.putObject("relationship").putObject("dataflow");
        note.putArray("values").addObject().put("value", protection.note());
        attrs.putArray("series");
        ArrayNode observationAttrs = attrs.putArray("observation");
        for (int a : used) {
            component(observationAttrs, attributes.get(a), null);
        }
        ObjectNode measure =
                structure.putObject("measures").putArray("observation").addObject();
        measure.put("id", "OBS_VALUE");
        names(measure, "Observation value");

        dataSet.put("structure", i);
        dataSet.put("action", "Information");
        dataSet.putArray("attributes").add(0);
        // Required by the 2.0.0 schema; there is no published structure to link to.
        dataSet.putArray("links");
        ObjectNode observations = dataSet.putObject("observations");
        for (int n = 0; n < keys.size(); n++) {
            ArrayNode values = observations.putArray(keys.get(n));
            BigDecimal value = dataset.observations().get(n).value();
            if (value == null) {
                values.addNull();
            } else {
                // A negative scale would print as 1E+2.
                values.add(value.scale() < 0 ? value.setScale(0) : value);
            }
            Integer[] indexes = attributeIndexes.get(n);
            for (int a : used) {
                if (indexes[a] == null) {
                    values.addNull();
                } else {
                    values.add(indexes[a]);
                }
            }
        }
    }

    /** A dimension, with its key position; or an attribute (no position), attached to each observation. */
    private static void component(ArrayNode array, Component component, Integer keyPosition) {
        ObjectNode node = array.addObject();
        node.put("id", component.id);
        names(node, component.name);
        if (keyPosition != null) {
            node.put("keyPosition", keyPosition);
        } else {
            node.putObject("relationship").putObject("observation");
        }
        if (component.role != null) {
            node.putArray("roles").add(component.role);
        }
        ArrayNode values = node.putArray("values");
        for (Value value : component.values) {
            ObjectNode v = values.addObject();
            if (value.id() == null) {
                v.put("value", value.text());
                continue;
            }
            v.put("id", value.id());
            names(v, value.name());
            if (value.start() != null) {
                v.put("start", value.start());
                v.put("end", value.end());
            }
        }
    }

    /** Both the best-match {@code name} (the schema wants it on a value) and the localised {@code names}. */
    private static void names(ObjectNode node, String name) {
        node.put("name", name);
        node.putObject("names").put("en", name);
    }

    // Dimensions

    static List<Component> dimensions(Dataset dataset) {
        List<String> coordinates = dataset.dimensions();
        List<Component> dims = new ArrayList<>();
        Value indicator = Value.code(sdmxId(dataset.id()), dataset.title() != null ? dataset.title() : dataset.id());
        // An SDG series (VC_HTF_DETV) is the SERIES dimension of the SDG data structure; our indicators INDICATOR.
        boolean sdg = SDG_SERIES.contains(dataset.id());
        dims.add(new Component(sdg ? "SERIES" : "INDICATOR", sdg ? "Series" : "Indicator", null, o -> indicator));
        dims.add(new Component("REF_AREA", "Reference area", "REF_AREA", o -> refArea(dataset, o.area())));
        dims.add(new Component(
                "SEX",
                "Sex",
                null,
                coordinates.contains("gender") ? o -> sex(o.coordinates().get("gender")) : o -> TOTAL));
        // AGE from the age bands when both are asked for; child/adult is then a dimension of its own.
        String ageFrom =
                coordinates.contains("ageBand") ? "ageBand" : coordinates.contains("childAdult") ? "childAdult" : null;
        dims.add(new Component("AGE", "Age", null, o -> {
            if (ageFrom == null) {
                return TOTAL;
            }
            String code = o.coordinates().get(ageFrom);
            return ageFrom.equals("ageBand") ? ageBand(code) : childAdult(code);
        }));
        Value period = coordinates.contains("year") ? null : period(dataset.yearFrom(), dataset.yearTo());
        dims.add(new Component(
                "TIME_PERIOD",
                "Time period",
                "TIME_PERIOD",
                period != null ? o -> period : o -> year(o.coordinates().get("year"))));

        Set<String> ids = new HashSet<>();
        dims.forEach(d -> ids.add(d.id));
        for (String coordinate : coordinates) {
            if (coordinate.equals("gender") || coordinate.equals("year") || coordinate.equals(ageFrom)) {
                continue;
            }
            String id = upperSnake(coordinate);
            for (int n = 2; ids.contains(id); n++) {
                id = upperSnake(coordinate) + "_" + n;
            }
            ids.add(id);
            boolean country = COUNTRY_DIMENSIONS.contains(coordinate);
            dims.add(new Component(id, humanize(coordinate), null, o -> {
                String code = o.coordinates().get(coordinate);
                return country ? country(code) : generic(code);
            }));
        }
        return dims;
    }

    static Value refArea(Dataset dataset, String area) {
        if (Table.isRegion(dataset, area)) {
            String name = dataset.provenance().regionName();
            return Value.code(sdmxId(area), name != null ? name : area);
        }
        return country(area);
    }

    /** An ISO alpha-2 country as its M49 code, as SDG data identifies areas. */
    static Value country(String alpha2) {
        Value special = special(alpha2);
        if (special != null) {
            return special;
        }
        return Countries.byAlpha2(alpha2)
                .map(c -> Value.code(Integer.toString(c.m49()), c.name()))
                .orElseGet(() -> generic(alpha2));
    }

    /**
     * The release API's gender: F, M, or X for anything else HTCDS records (transgender, non-conforming, not
     * specified). SDMX SEX has no such code, so X is {@code _U}.
     */
    static Value sex(String code) {
        if (code == null) {
            return NOT_APPLICABLE;
        }
        return switch (code) {
            case "F" -> Value.code("F", "Female");
            case "M" -> Value.code("M", "Male");
            case "X" -> UNKNOWN;
            default -> generic(code);
        };
    }

    /** An age band as SDMX AGE writes it: {@code 9-17} is Y9T17, {@code 48+} is Y_GE48. */
    static Value ageBand(String band) {
        Value special = special(band);
        if (special != null) {
            return special;
        }
        Matcher range = AGE_RANGE.matcher(band);
        if (range.matches()) {
            return Value.code(
                    "Y" + range.group(1) + "T" + range.group(2), range.group(1) + " to " + range.group(2) + " years");
        }
        Matcher from = AGE_FROM.matcher(band);
        if (from.matches()) {
            return Value.code("Y_GE" + from.group(1), from.group(1) + " years old and over");
        }
        return generic(band);
    }

    static Value childAdult(String code) {
        if ("child".equals(code)) {
            return Value.code("Y0T17", "Under 18 years old");
        }
        if ("adult".equals(code)) {
            return Value.code("Y_GE18", "18 years old and over");
        }
        return generic(code);
    }

    static Value year(String code) {
        if (code != null && YEAR.matcher(code).matches()) {
            return new Value(code, code, code + "-01-01T00:00:00Z", code + "-12-31T23:59:59Z", null);
        }
        return generic(code);
    }

    /** The years asked for when results are not by year: one year, a range {@code 2021/2023}, or a total. */
    static Value period(Integer from, Integer to) {
        if (from == null || to == null) {
            return TOTAL;
        }
        if (from.equals(to)) {
            return year(String.format(Locale.ROOT, "%04d", from));
        }
        // "2021/2023" is ISO 8601 but not a valid SDMX-JSON 2.0 id (no '/'): the range is "_T" of these years,
        // with its start and end.
        return new Value(
                org.tributary.common.federation.FederationContract.TOTAL,
                "All years " + from + " to " + to,
                String.format(Locale.ROOT, "%04d-01-01T00:00:00Z", from),
                String.format(Locale.ROOT, "%04d-12-31T23:59:59Z", to),
                null);
    }

    static Value generic(String code) {
        Value special = special(code);
        return special != null ? special : Value.code(sdmxId(code), code);
    }

    private static Value special(String code) {
        if (code == null) {
            return NOT_APPLICABLE;
        }
        return switch (code) {
            case org.tributary.common.federation.FederationContract.TOTAL -> TOTAL;
            case org.tributary.common.federation.FederationContract.UNKNOWN -> UNKNOWN;
            case "_Z" -> NOT_APPLICABLE;
            default -> null;
        };
    }

    // Attributes

    static List<Component> attributes(Dataset dataset) {
        Value unit = dataset.unit() == Unit.RATIO
                ? Value.code("RATIO", "Ratio")
                : dataset.unit() == Unit.PERSONS ? Value.code("NUMBER", "Number") : null;
        return List.of(
                new Component("OBS_STATUS", "Observation status", null, o -> obsStatus(o.status())),
                new Component("CONF_STATUS", "Confidentiality status", null, o -> confStatus(o.status())),
                new Component("UNIT_MEASURE", "Unit of measure", "UNIT_MEASURE", o -> unit),
                new Component(
                        "LOWER_BOUND",
                        "Lower bound",
                        null,
                        o -> o.lower() == null ? null : Value.uncoded(o.lower().toString())),
                new Component(
                        "UPPER_BOUND",
                        "Upper bound",
                        null,
                        o -> o.upper() == null ? null : Value.uncoded(o.upper().toString())),
                new Component(
                        "STANDARD_ERROR",
                        "Standard error of the noise",
                        null,
                        o -> o.standardError() == null
                                ? null
                                : Value.uncoded(o.standardError().toPlainString())),
                new Component(
                        "COMMENT_OBS",
                        "Observation comment",
                        null,
                        o -> o.note() == null || o.note().isBlank() ? null : Value.uncoded(o.note())));
    }

    /**
     * SDMX {@code CL_OBS_STATUS}: a true exact value is normal ({@code A}); rounded, noisy and interval values are
     * estimates ({@code E}: within a stated error of the truth); a suppressed one is "missing value; suppressed"
     * ({@code Q}); one not published for another reason (too few countries, a share of a suppressed count) is
     * "missing value" ({@code O}).
     */
    static Value obsStatus(ObservationStatus status) {
        if (status == null) {
            return null;
        }
        return switch (status) {
            case EXACT -> Value.code("A", "Normal value");
            case ROUNDED, NOISY, INTERVAL -> Value.code("E", "Estimated value");
            case SUPPRESSED -> Value.code("Q", "Missing value; suppressed");
            case UNAVAILABLE -> Value.code("O", "Missing value");
        };
    }

    /**
     * SDMX {@code CL_CONF_STATUS}: a suppressed value is confidential ({@code C}); every published one is free
     * ({@code F}). Primary and secondary suppression are deliberately not told apart ({@code D} is not used): saying
     * which hidden cells are the small ones would tell a reader where counts of 1 to k−1 persons are.
     */
    static Value confStatus(ObservationStatus status) {
        if (status == null || status == ObservationStatus.UNAVAILABLE) {
            return null;
        }
        return status == ObservationStatus.SUPPRESSED
                ? Value.code("C", "Confidential statistical information")
                : Value.code("F", "Free");
    }

    // Identifiers

    /**
     * A code as an SDMX id ({@code [A-Za-z0-9_@$-]+}): other characters, and {@code $} itself, become {@code $}
     * and two hex digits per UTF-8 byte, so that distinct codes stay distinct ({@code >90} is {@code $3E90}).
     */
    static String sdmxId(String code) {
        if (code == null || code.isEmpty()) {
            return "_Z";
        }
        if (SDMX_ID.matcher(code).matches() && code.indexOf('$') < 0) {
            return code;
        }
        StringBuilder id = new StringBuilder();
        for (byte b : code.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c < 0x80 && c != '$' && SDMX_ID.matcher(String.valueOf(c)).matches()) {
                id.append(c);
            } else {
                id.append(String.format(Locale.ROOT, "$%02X", b & 0xff));
            }
        }
        return id.toString();
    }

    /** {@code countryOfExploitation} as COUNTRY_OF_EXPLOITATION. */
    static String upperSnake(String name) {
        String id = name.replaceAll("([a-z0-9])([A-Z])", "$1_$2")
                .replaceAll("[^A-Za-z0-9]+", "_")
                .toUpperCase(Locale.ROOT);
        return id.isEmpty() || !Character.isLetter(id.charAt(0)) ? "D_" + id : id;
    }

    /** {@code countryOfExploitation} as "Country of exploitation". */
    static String humanize(String name) {
        String words = name.replaceAll("([a-z])([A-Z0-9])", "$1 $2").toLowerCase(Locale.ROOT);
        return words.isEmpty() ? name : Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
