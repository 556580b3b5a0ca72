package org.tributary.common.disclosure;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Catalogue-shaped tables as a node counted them (synthetic sample data), read from a test resource. */
final class LinkedFixture {

    record Fixture(int threshold, List<LinkedSuppression.CountedTable> tables) {}

    private LinkedFixture() {}

    static Fixture read(String resource) {
        try (var in = new BufferedReader(
                new InputStreamReader(LinkedFixture.class.getResourceAsStream(resource), StandardCharsets.UTF_8))) {
            int k = 5;
            List<LinkedSuppression.CountedTable> tables = new ArrayList<>();
            String[] header = null;
            List<TrueCell> cells = new ArrayList<>();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.startsWith("K ")) {
                    k = Integer.parseInt(line.substring(2).trim());
                } else if (line.startsWith("T ")) {
                    if (header != null) {
                        tables.add(table(header, cells));
                    }
                    header = line.substring(2).split("\\|", -1);
                    cells = new ArrayList<>();
                } else if (line.startsWith("C ")) {
                    String[] p = line.substring(2).split("\\|", -1);
                    List<String> at = p[0].isEmpty()
                            ? List.of()
                            : Arrays.stream(p[0].split(",", -1))
                                    .map(v -> v.equals("~") ? null : v)
                                    .toList();
                    cells.add(new TrueCell(new ArrayList<>(at), Long.parseLong(p[1]), Long.parseLong(p[2])));
                }
            }
            if (header != null) {
                tables.add(table(header, cells));
            }
            return new Fixture(k, tables);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static LinkedSuppression.CountedTable table(String[] h, List<TrueCell> cells) {
        return new LinkedSuppression.CountedTable(
                h[0],
                h[1].isEmpty() ? List.of() : List.of(h[1].split(",")),
                pairs(h[2]),
                h[3].isEmpty() ? Set.of() : Set.of(h[3].split(",")),
                cells,
                Boolean.parseBoolean(h[5]),
                pairs(h[4]));
    }

    private static Map<String, Set<String>> pairs(String text) {
        Map<String, Set<String>> out = new HashMap<>();
        for (String part : text.split(";")) {
            if (part.isBlank()) {
                continue;
            }
            String[] kv = part.split("=", 2);
            out.put(kv[0], new HashSet<>(List.of(kv[1].split("\\+"))));
        }
        return out;
    }
}
