package org.tributary.node.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tributary.common.federation.FederationContract;
import org.tributary.node.CountryNodeApplication;
import org.tributary.node.support.Http;
import org.tributary.node.support.Samples;
import org.tributary.node.support.Tokens;
import org.tributary.support.db.EmbeddedDatabase;

/**
 * Faults of the node's own database, as the outside test produced them: the postmaster killed under a running node
 * (readiness stayed UP, a case worker waited 30 s for a 504, the node never recovered), and a hung database. Each
 * prints the time to answer and to recover, and checks that nothing written before the fault is lost.
 */
class DatabaseFaultIT {

    private static ConfigurableApplicationContext node;
    private static Http http;
    private static EmbeddedDatabase db;

    @BeforeAll
    static void start() throws Exception {
        Path dataDir = Files.createTempDirectory("tributary-fault-");
        node = new SpringApplicationBuilder(CountryNodeApplication.class)
                .profiles("test")
                .run("--server.port=0", "--tributary.node.data-dir=" + dataDir, "--tributary.sample.cases=200");
        http = new Http(node.getEnvironment().getRequiredProperty("local.server.port", Integer.class));
        db = node.getBean(EmbeddedDatabase.class);
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void aPostmasterKilledUnderTheNodeComesBackByItselfAndNothingWrittenIsLost() throws Exception {
        awaitReady();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            var created = http.postJson("/api/cases", Samples.caseJson("FAULT-KILL-" + i));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            ids.add(created.json().get("id").asText());
        }
        var released = new Http(port(), Tokens::aggregator)
                .postJson(
                        FederationContract.COUNT_QUERIES,
                        "{\"dimensions\":[\"gender\"]}",
                        Map.of(FederationContract.REQUESTER_TOKEN_HEADER, Tokens.analyst("fault-analyst")));
        assertThat(released.status()).as(released.body()).isEqualTo(200);
        long auditBefore = auditEntries();
        long casesBefore = cases();

        long pid = db.postmasterPid().orElseThrow();
        int restartsBefore = db.restarts();
        long killed = System.nanoTime();
        ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow();
        postmaster.destroyForcibly();
        postmaster.onExit().get(10, TimeUnit.SECONDS);

        long slowestMs = 0;
        List<Integer> statuses = new ArrayList<>();
        long recoveredMs = -1;
        while (System.nanoTime() - killed < TimeUnit.SECONDS.toNanos(60)) {
            long t = System.nanoTime();
            var read = http.get("/api/cases/" + ids.get(0));
            slowestMs = Math.max(slowestMs, (System.nanoTime() - t) / 1_000_000);
            statuses.add(read.status());
            assertThat(read.status()).as(read.body()).isIn(200, 503);
            if (read.status() == 503) {
                assertThat(read.json().get("type").asText()).isEqualTo("urn:tributary:problem:database-unavailable");
            }
            // Recovered once the watchdog's new postmaster serves: backends of the killed one may still answer
            // on pooled connections for a moment, which is no recovery.
            if (read.status() == 200
                    && db.restarts() > restartsBefore
                    && db.state() == EmbeddedDatabase.State.RUNNING
                    && http.get("/actuator/health/readiness").status() == 200) {
                recoveredMs = (System.nanoTime() - killed) / 1_000_000;
                break;
            }
            Thread.sleep(50);
        }
        System.out.printf(
                "node database fault: postmaster killed; slowest answer %d ms, answers %s, recovered (readiness UP,"
                        + " case read 200) after %d ms; cases %d -> %d, audit entries %d -> %d, restarts %d%n",
                slowestMs,
                summary(statuses),
                recoveredMs,
                casesBefore,
                cases(),
                auditBefore,
                auditEntries(),
                db.restarts());
        assertThat(recoveredMs).isPositive();
        assertThat(slowestMs)
                .as("every answer during the fault within the pool's bound")
                .isLessThan(5_000);
        assertThat(cases()).isEqualTo(casesBefore);
        assertThat(auditEntries()).isEqualTo(auditBefore);
        for (String id : ids) {
            assertThat(http.get("/api/cases/" + id).status()).isEqualTo(200);
        }
        var verify = http.get("/api/audit/verify");
        assertThat(verify.status()).isEqualTo(200);
        assertThat(verify.json().get("intact").asBoolean()).as(verify.body()).isTrue();
    }

    @Test
    void aHungDatabaseTakesTheNodeOutOfReadinessAndCallersGetA503WithinSeconds() throws Exception {
        awaitReady();
        var created = http.postJson("/api/cases", Samples.caseJson("FAULT-HUNG"));
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().get("id").asText();
        // Stop the postmaster and every backend; one forked while we listed (the pool refilling) is stopped on the
        // next round: a stopped postmaster forks no more.
        List<Long> pids = new ArrayList<>();
        for (int round = 0; round < 5; round++) {
            List<Long> fresh = new ArrayList<>(postgresProcesses());
            fresh.removeAll(pids);
            if (fresh.isEmpty()) {
                break;
            }
            signal("STOP", fresh);
            pids.addAll(fresh);
        }
        long stopped = System.nanoTime();
        try {
            // Past the pool's keep-alive bypass, so that a pooled connection is checked before use.
            Thread.sleep(700);
            long t = System.nanoTime();
            var readiness = http.get("/actuator/health/readiness");
            long readinessMs = (System.nanoTime() - t) / 1_000_000;
            t = System.nanoTime();
            var read = http.get("/api/cases/" + id);
            long readMs = (System.nanoTime() - t) / 1_000_000;
            var liveness = http.get("/actuator/health/liveness");
            System.out.printf(
                    "node database fault: database hung (SIGSTOP); readiness %d in %d ms, case read %d in %d ms,"
                            + " liveness %d%n",
                    readiness.status(), readinessMs, read.status(), readMs, liveness.status());
            assertThat(readiness.status()).isEqualTo(503);
            assertThat(readinessMs).isLessThan(5_000);
            assertThat(read.status()).as(read.body()).isEqualTo(503);
            assertThat(read.json().get("type").asText()).isEqualTo("urn:tributary:problem:database-unavailable");
            assertThat(read.header("Retry-After")).isEqualTo("5");
            assertThat(read.body()).doesNotContain("jdbc", "postgres", "Hikari", "127.0.0.1");
            assertThat(readMs).isLessThan(5_000);
            assertThat(liveness.status()).isEqualTo(200);
        } finally {
            signal("CONT", pids);
        }
        long resumed = System.nanoTime();
        long recoveredMs = -1;
        while (System.nanoTime() - resumed < TimeUnit.SECONDS.toNanos(30)) {
            if (http.get("/actuator/health/readiness").status() == 200
                    && http.get("/api/cases/" + id).status() == 200) {
                recoveredMs = (System.nanoTime() - resumed) / 1_000_000;
                break;
            }
            Thread.sleep(50);
        }
        System.out.printf(
                "node database fault: database resumed after %d ms hung; node ready again %d ms later%n",
                (resumed - stopped) / 1_000_000, recoveredMs);
        assertThat(recoveredMs).isNotNegative();
    }

    /** Ready, on a postmaster the watchdog runs and that its own pid file names (no restart under way). */
    private static void awaitReady() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline
                && !(db.state() == EmbeddedDatabase.State.RUNNING
                        && db.postmasterPid().isPresent()
                        && db.postmasterPid().get().equals(pidFilePid())
                        && http.get("/actuator/health/readiness").status() == 200)) {
            Thread.sleep(50);
        }
    }

    private static Long pidFilePid() {
        try {
            return Long.parseLong(Files.readAllLines(db.dataDirectory().resolve("postmaster.pid"))
                    .get(0)
                    .trim());
        } catch (Exception notYet) {
            return -1L;
        }
    }

    private static int port() {
        return node.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }

    private static long auditEntries() {
        return node.getBean(JdbcClient.class)
                .sql("select count(*) from release_audit")
                .query(Long.class)
                .single();
    }

    private static long cases() {
        return node.getBean(JdbcClient.class)
                .sql("select count(*) from cases")
                .query(Long.class)
                .single();
    }

    /** The serving postmaster (as its own postmaster.pid names it, right after a restart too) and its backends. */
    private static List<Long> postgresProcesses() throws Exception {
        long pid = Long.parseLong(Files.readAllLines(db.dataDirectory().resolve("postmaster.pid"))
                .get(0)
                .trim());
        ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow();
        return Stream.concat(Stream.of(postmaster), postmaster.descendants())
                .map(ProcessHandle::pid)
                .toList();
    }

    private static void signal(String signal, List<Long> pids) throws Exception {
        List<String> command = new ArrayList<>(List.of("kill", "-" + signal));
        pids.forEach(p -> command.add(Long.toString(p)));
        Process kill = new ProcessBuilder(command).inheritIO().start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
    }

    private static String summary(List<Integer> statuses) {
        Map<Integer, Long> counts = new java.util.TreeMap<>();
        statuses.forEach(s -> counts.merge(s, 1L, Long::sum));
        return counts.toString();
    }
}
