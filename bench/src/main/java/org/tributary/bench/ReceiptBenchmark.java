package org.tributary.bench;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.tributary.common.disclosure.CellStatus;
import org.tributary.common.disclosure.ReleaseMode;
import org.tributary.common.federation.NoiseInfo;
import org.tributary.common.federation.ReleasedTable;
import org.tributary.common.federation.TableCell;
import org.tributary.common.federation.TableMetadata;
import org.tributary.common.integrity.AuditChain;
import org.tributary.common.integrity.Digests;
import org.tributary.common.integrity.Receipt;
import org.tributary.common.integrity.ReleaseDigest;
import org.tributary.common.integrity.SigningKey;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a receipt costs a node per answer, next to what answering costs anyway: serialising the answer (the
 * baseline; the node does it for every answer) and its old digest (SHA-256 of that text). A receipt adds the
 * canonical digest of the released cells (parse + RFC 8785 + SHA-256), the audit entry's content digest and link,
 * and an Ed25519 signature; the receiver verifies the signature.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ReceiptBenchmark {

    JsonMapper json;
    ReleasedTable table;
    SigningKey key;
    Receipt signed;
    String digest;

    @Setup
    public void setUp() {
        json = JsonMapper.builder().build();
        key = SigningKey.generate();
        // An ad-hoc answer of three dimensions (5 x 4 x 6 codes with totals: 210 cells), as a node sends it.
        List<TableCell> cells = new ArrayList<>();
        for (int a = 0; a <= 5; a++) {
            for (int b = 0; b <= 4; b++) {
                for (int c = 0; c <= 6; c++) {
                    Map<String, String> at = new LinkedHashMap<>();
                    at.put("gender", a == 5 ? "_T" : "g" + a);
                    at.put("ageBand", b == 4 ? "_T" : "a" + b);
                    at.put("exploitationType", c == 6 ? "_T" : "e" + c);
                    cells.add(new TableCell(at, 10L + a * b * c, CellStatus.NOISY, new BigDecimal("20.00")));
                }
            }
        }
        var metadata = new TableMetadata(
                2,
                "node-kh",
                7,
                "2026-Q4.1",
                ReleaseMode.DIFFERENTIAL_PRIVACY,
                5,
                5,
                Instant.parse("2026-11-28T10:00:00Z"),
                List.of("gender", "ageBand", "exploitationType"),
                List.of("exploitationType"),
                false,
                new NoiseInfo("discrete-gaussian", 20, new BigDecimal("0.00375"), new BigDecimal("0.6"), 1e-6, 2, "n"));
        table = new ReleasedTable(metadata, cells, null);
        digest = receiptDigest();
        signed = sign();
    }

    /** Baseline: the answer serialised, as every answer is. */
    @Benchmark
    public String serialiseAnswer() {
        return json.writeValueAsString(table);
    }

    /** Baseline: the old digest, SHA-256 of the serialised answer. */
    @Benchmark
    public String oldDigest() {
        return Digests.sha256(json.writeValueAsString(table));
    }

    /** The digest a receipt names: the answer as JSON, read back untyped, in RFC 8785 form, hashed. */
    @Benchmark
    public String receiptDigest() {
        return ReleaseDigest.of(json.readValue(json.writeValueAsString(table), Object.class));
    }

    /** The entry's content digest and link, and the receipt's Ed25519 signature. */
    @Benchmark
    public Receipt sign() {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("seq", 1234L);
        content.put("at", "2026-12-01T10:00:00.123456Z");
        content.put("requester", "0f1e2d3c-0000-4000-8000-00000000a001");
        content.put("client", "tributary-aggregator");
        content.put("kind", "COUNT_QUERY");
        content.put("canonicalQuery", "dimensions=[gender, ageBand, exploitationType];filters={};years=2012..2026");
        content.put("releasedDigest", digest);
        content.put("refusalReason", null);
        content.put("cost", 3_750_000L);
        String hash = AuditChain.link(1234, Digests.sha256("previous"), AuditChain.contentDigest(content));
        return new Receipt(
                        Receipt.VERSION,
                        "node-kh",
                        "COUNT_QUERY",
                        1234,
                        hash,
                        1234,
                        hash,
                        digest,
                        7,
                        "2026-Q4.1",
                        "2026-12-01T10:00:00.123Z",
                        null,
                        null)
                .signedBy(key);
    }

    /** What the receiver does: the signature checked. */
    @Benchmark
    public boolean verify() {
        return signed.verifies(key.publicKeyObject());
    }

    public static void main(String[] args) throws RunnerException {
        var results = new Runner(new OptionsBuilder()
                        .include(ReceiptBenchmark.class.getName())
                        .build())
                .run();
        Map<String, Double> us = new LinkedHashMap<>();
        for (RunResult result : results) {
            us.put(
                    result.getParams().getBenchmark().replaceAll(".*\\.", ""),
                    result.getPrimaryResult().getScore());
        }
        System.out.printf("%n%-44s %12s%n", "210-cell ad-hoc answer", "µs/answer");
        us.forEach((name, v) -> System.out.printf("%-44s %12.1f%n", name, v));
        System.out.printf(
                "receipt signing cost per answer (digest + entry + signature): %.1f µs"
                        + " (%.2f x serialising the answer, which every answer costs anyway); receiver verifies in"
                        + " %.1f µs%n",
                us.get("receiptDigest") + us.get("sign"),
                (us.get("receiptDigest") + us.get("sign")) / us.get("serialiseAnswer"),
                us.get("verify"));
    }
}
