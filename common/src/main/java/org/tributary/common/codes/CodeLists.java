package org.tributary.common.codes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Parses codes as people fill them in files: the code in any letter case, the known HTCDS misspellings, and the
 * labels of the official HTCDS 2.0 forms — the single-select template's dropdown values (sheet {@code validation})
 * and the XLSForm's choice labels — in any letter case and spacing ({@code htcds-labels.tsv}, one table per code
 * list). "Actual victim of trafficking", "actual victim  of TRAFFICKING" and {@code ActualVictimOfTrafficking} are
 * one code.
 */
public final class CodeLists {

    /** Known spellings that are not the code, by code list. */
    private static final Map<Class<?>, Map<String, String>> ALIASES =
            Map.of(RelationshipToTrafficker.class, Map.of("unacquainted", "Unaquainted"));

    private static final Map<Class<?>, Map<String, Enum<?>>> INDEX = new ConcurrentHashMap<>();

    /** Label (normalised) to code, by code list's simple name, from the HTCDS forms. */
    private static final Map<String, Map<String, String>> LABELS = labels();

    private CodeLists() {}

    /**
     * The constant for {@code raw}, or empty if {@code raw} is no code of this list. Surrounding white space is
     * ignored; letter case is not significant.
     */
    public static <E extends Enum<E> & CodeList> Optional<E> parse(Class<E> type, String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String key = raw.strip().toLowerCase(Locale.ROOT);
        String alias = ALIASES.getOrDefault(type, Map.of()).get(key);
        if (alias != null) {
            key = alias.toLowerCase(Locale.ROOT);
        }
        Enum<?> byCode = index(type).get(key);
        if (byCode != null) {
            return Optional.of(type.cast(byCode));
        }
        String code = LABELS.getOrDefault(type.getSimpleName(), Map.of()).get(label(raw));
        return code == null
                ? Optional.empty()
                : Optional.ofNullable(type.cast(index(type).get(code.toLowerCase(Locale.ROOT))));
    }

    /** The labels the HTCDS forms show for a code list, by code: what a template's dropdown offers. */
    public static List<String> labels(Class<? extends Enum<?>> type) {
        return LABEL_ROWS.stream()
                .filter(r -> r[0].equals(type.getSimpleName()))
                .map(r -> r[2])
                .distinct()
                .toList();
    }

    /** A label as compared: letters and digits only, lower case (so spacing, case and punctuation do not count). */
    static String label(String raw) {
        StringBuilder out = new StringBuilder(raw.length());
        raw.strip()
                .toLowerCase(Locale.ROOT)
                .codePoints()
                .filter(Character::isLetterOrDigit)
                .forEach(out::appendCodePoint);
        return out.toString();
    }

    private static final List<String[]> LABEL_ROWS = readLabels();

    private static List<String[]> readLabels() {
        try (var in = CodeLists.class.getResourceAsStream("htcds-labels.tsv")) {
            if (in == null) {
                throw new IllegalStateException("htcds-labels.tsv is missing");
            }
            List<String[]> rows = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t");
                if (f.length >= 3) {
                    rows.add(f);
                }
            }
            return List.copyOf(rows);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Map<String, Map<String, String>> labels() {
        Map<String, Map<String, String>> out = new java.util.HashMap<>();
        for (String[] r : readLabels()) {
            out.computeIfAbsent(r[0], k -> new java.util.HashMap<>()).putIfAbsent(label(r[2]), r[1]);
        }
        return out;
    }

    /**
     * Parses a multi-select value ({@code ;}-separated, as in the HTCDS templates). Returns the codes in file
     * order without duplicates, or the first unknown token as {@link UnknownCodeException}.
     */
    public static <E extends Enum<E> & CodeList> List<E> parseMulti(Class<E> type, String raw) {
        if (raw == null || raw.isBlank()) {
            return List.of();
        }
        List<E> out = new ArrayList<>();
        for (String token : raw.split(";")) {
            if (token.isBlank()) {
                continue;
            }
            E value = parse(type, token).orElseThrow(() -> new UnknownCodeException(type, token.strip()));
            if (!out.contains(value)) {
                out.add(value);
            }
        }
        return Collections.unmodifiableList(out);
    }

    /** The codes of a list, in declaration order, for error messages and catalogues. */
    public static List<String> codes(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants()).map(Enum::name).toList();
    }

    private static Map<String, Enum<?>> index(Class<? extends Enum<?>> type) {
        return INDEX.computeIfAbsent(
                type,
                t -> Arrays.stream(type.getEnumConstants())
                        .collect(Collectors.toUnmodifiableMap(e -> e.name().toLowerCase(Locale.ROOT), e -> e)));
    }
}
