package org.tributary.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.tributary.node.cases.CaseRequest;
import org.tributary.node.cases.PersonalDetails;
import org.tributary.node.sample.SampleCaseGenerator;
import org.tributary.node.sample.SampleCsvWriter;

/**
 * Writes the two files of the import benchmark from the same generated cases: the HTCDS-shaped CSV that goes
 * through the node's import path, and the equivalent rows in the {@code cases} table's own column order for the
 * raw {@code psql \copy} baseline.
 *
 * <p>Usage: {@code GenerateImportFiles <country> <seed> <n> <htcds.csv> <raw.csv>}
 */
public final class GenerateImportFiles {

    private GenerateImportFiles() {}

    public static void main(String[] args) throws IOException {
        String country = args[0];
        long seed = Long.parseLong(args[1]);
        int n = Integer.parseInt(args[2]);
        var generator = new SampleCaseGenerator(country, seed);
        try (var htcds = new SampleCsvWriter(Files.newBufferedWriter(Path.of(args[3]), StandardCharsets.UTF_8));
                BufferedWriter raw = Files.newBufferedWriter(Path.of(args[4]), StandardCharsets.UTF_8)) {
            for (int i = 0; i < n; i++) {
                CaseRequest c = generator.generate(i);
                htcds.write(c);
                raw.write(rawRow(c, i));
            }
        }
    }

    /** One row for a table shaped like {@code cases} (CSV, same column order). */
    static String rawRow(CaseRequest c, int i) {
        PersonalDetails p = c.personal();
        String personal = p == null
                ? ""
                : "\\x"
                        + java.util.HexFormat.of()
                                .formatHex((p.firstName() + "|" + p.secondName() + "|" + p.birthDate())
                                        .getBytes(StandardCharsets.UTF_8));
        List<Object> values = java.util.Arrays.asList(
                timeOrderedId(i),
                c.externalRef(),
                i * 7919,
                0,
                "2026-01-01T00:00:00Z",
                "bench",
                "2026-01-01T00:00:00Z",
                "bench",
                c.registeredOn(),
                c.traffickingStatus(),
                c.statusDecidedBy(),
                c.identificationStage(),
                c.identifyingOrgType(),
                c.gender(),
                c.effectiveBirthYear(),
                c.ageAtIdentification(),
                array(c.citizenship()),
                c.countryOfExploitation(),
                array(c.exploitationTypes()),
                c.labourIndustry(),
                array(c.sexExploitationTypes()),
                array(c.meansOfControl()),
                array(c.recruitmentMethods()),
                c.relationshipToTrafficker(),
                c.ageWhenTrafficked(),
                c.informedOfEntitlements(),
                c.informedOn(),
                c.returnedOn(),
                c.returnedTo(),
                c.caseStatus(),
                c.closureReason(),
                c.consentToAggregateUse(),
                c.caseOwner(),
                personal);
        return values.stream().map(v -> v == null ? "" : quote(v.toString())).collect(Collectors.joining(",")) + "\n";
    }

    /** Time-ordered ids like the node's (UUID version 7), so that the baseline's index work is the same. */
    private static UUID timeOrderedId(int i) {
        long millis = 1_767_225_600_000L + i / 20;
        return new UUID((millis << 16) | 0x7000L | (i & 0x0FFF), 0x8000000000000000L | (i * 0x9E3779B97F4A7C15L >>> 2));
    }

    private static String array(List<?> values) {
        return values.stream().map(Object::toString).collect(Collectors.joining(",", "{", "}"));
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
