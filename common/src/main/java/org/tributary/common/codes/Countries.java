package org.tributary.common.codes;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** ISO 3166-1 countries, looked up by alpha-2, alpha-3 or M49. */
public final class Countries {

    private static final Map<String, Country> BY_ALPHA2 = new LinkedHashMap<>();
    private static final Map<String, Country> BY_ALPHA3 = new LinkedHashMap<>();
    private static final Map<Integer, Country> BY_M49 = new LinkedHashMap<>();

    static {
        var in = Objects.requireNonNull(Countries.class.getResourceAsStream("countries.csv"), "countries.csv");
        try (var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split(",", 4);
                var country = new Country(f[0], f[1], Integer.parseInt(f[2]), f[3]);
                BY_ALPHA2.put(country.alpha2(), country);
                BY_ALPHA3.put(country.alpha3(), country);
                BY_M49.put(country.m49(), country);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Countries() {}

    public static Optional<Country> byAlpha2(String code) {
        return code == null
                ? Optional.empty()
                : Optional.ofNullable(BY_ALPHA2.get(code.strip().toUpperCase(Locale.ROOT)));
    }

    public static Optional<Country> byAlpha3(String code) {
        return code == null
                ? Optional.empty()
                : Optional.ofNullable(BY_ALPHA3.get(code.strip().toUpperCase(Locale.ROOT)));
    }

    public static Optional<Country> byM49(int code) {
        return Optional.ofNullable(BY_M49.get(code));
    }

    /** Any of the three codings: two letters, three letters or digits. */
    public static Optional<Country> byAnyCode(String code) {
        if (code == null) {
            return Optional.empty();
        }
        String c = code.strip();
        if (c.chars().allMatch(Character::isDigit) && !c.isEmpty() && c.length() <= 3) {
            return byM49(Integer.parseInt(c));
        }
        return c.length() == 2 ? byAlpha2(c) : c.length() == 3 ? byAlpha3(c) : Optional.empty();
    }

    /**
     * A country by its English short name (ISO 3166-1, as the HTCDS template's country dropdown lists them), in any
     * letter case and spacing.
     */
    public static Optional<Country> byName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(BY_NAME.get(CodeLists.label(name)));
    }

    /** Names the HTCDS 2.0 template's country list spells otherwise than this list does. */
    private static final Map<String, String> TEMPLATE_NAMES = Map.of(
            "Congo, Democratic Republic of the", "CD",
            "Holy See", "VA",
            "Turkey", "TR",
            "United Kingdom of Great Britain and Northern Ireland", "GB",
            "United States of America", "US");

    private static final Map<String, Country> BY_NAME = byNames();

    private static Map<String, Country> byNames() {
        Map<String, Country> out = new java.util.HashMap<>();
        for (Country c : all()) {
            out.putIfAbsent(CodeLists.label(c.name()), c);
        }
        TEMPLATE_NAMES.forEach((name, alpha2) -> out.putIfAbsent(CodeLists.label(name), BY_ALPHA2.get(alpha2)));
        return out;
    }

    public static boolean isAlpha2(String code) {
        return code != null && BY_ALPHA2.containsKey(code);
    }

    public static Collection<Country> all() {
        return BY_ALPHA2.values();
    }
}
