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

/** Parses codes as people type them in files: exact code, any letter case, and the known HTCDS misspellings. */
public final class CodeLists {

    /** Known spellings that are not the code, by code list. */
    private static final Map<Class<?>, Map<String, String>> ALIASES =
            Map.of(RelationshipToTrafficker.class, Map.of("unacquainted", "Unaquainted"));

    private static final Map<Class<?>, Map<String, Enum<?>>> INDEX = new ConcurrentHashMap<>();

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
        return Optional.ofNullable(type.cast(index(type).get(key)));
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
