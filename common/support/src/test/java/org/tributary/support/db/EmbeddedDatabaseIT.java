package org.tributary.support.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded database as an agency runs it, with the faults an outside test found: test settings (fsync off,
 * asynchronous commit) that lost acknowledged audit entries, an orphaned postmaster that made the first restart after
 * {@code kill -9} fail, and a dead postmaster that nothing brought back.
 */
class EmbeddedDatabaseIT {

    @TempDir
    Path temp;

    @Test
    void runsDurableOnLoopbackWithAPasswordAndChecksums() throws Exception {
        try (var db = EmbeddedDatabase.start(EmbeddedDatabase.Settings.of(temp.resolve("data")));
                var c = db.connect()) {
            for (String setting : List.of("fsync", "synchronous_commit", "full_page_writes", "data_checksums")) {
                assertThat(show(c, setting)).as(setting).isEqualTo("on");
            }
            assertThat(show(c, "listen_addresses")).isEqualTo("127.0.0.1");
            assertThat(show(c, "unix_socket_directories")).isEmpty();
            assertThat(show(c, "log_min_error_statement")).isEqualTo("panic");
            assertThat(show(c, "log_error_verbosity")).isEqualTo("terse");
            assertThatThrownBy(() -> connect(db.jdbcUrl(), "wrong-password"))
                    .isInstanceOf(SQLException.class)
                    .extracting(e -> ((SQLException) e).getSQLState())
                    .isEqualTo("28P01");
            assertThat(Files.getPosixFilePermissions(db.dataDirectory().resolve(EmbeddedDatabase.PASSWORD_FILE)))
                    .hasSize(2);
        }
    }

    @Test
    void theApplicationRoleHasItsOwnPasswordOwnsNothingAndKeepsItsPasswordAcrossRestarts() throws Exception {
        Path dir = temp.resolve("roles");
        EmbeddedDatabase.Credentials first;
        try (var db = EmbeddedDatabase.start(EmbeddedDatabase.Settings.of(dir))) {
            first = db.applicationRole("tributary_app");
            assertThat(first.password()).isNotEqualTo(db.password()).hasSizeGreaterThanOrEqualTo(32);
            assertThat(first.toString()).doesNotContain(first.password());
            try (var c = DriverManager.getConnection(db.jdbcUrl(), first.username(), first.password());
                    var rs = c.createStatement()
                            .executeQuery("select rolsuper, rolcreaterole, rolcreatedb from pg_roles"
                                    + " where rolname = current_user")) {
                rs.next();
                assertThat(List.of(rs.getBoolean(1), rs.getBoolean(2), rs.getBoolean(3)))
                        .containsOnly(false);
            }
            assertThat(Files.getPosixFilePermissions(dir.resolve("tributary-db-tributary_app.password")))
                    .hasSize(2);
            assertThatThrownBy(() -> db.applicationRole("postgres")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> db.applicationRole("x'; drop role postgres; --"))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        try (var db = EmbeddedDatabase.start(EmbeddedDatabase.Settings.of(dir))) {
            var again = db.applicationRole("tributary_app");
            assertThat(again.password()).isEqualTo(first.password());
            DriverManager.getConnection(db.jdbcUrl(), again.username(), again.password())
                    .close();
            assertThatThrownBy(() -> DriverManager.getConnection(db.jdbcUrl(), again.username(), "wrong"))
                    .isInstanceOf(SQLException.class);
        }
    }

    @Test
    void aCloseWhileTheWatchdogRestartsTheServerLeavesNoPostmasterBehind() throws Exception {
        Path dir = temp.resolve("closing");
        var db = EmbeddedDatabase.start(EmbeddedDatabase.Settings.of(dir));
        ProcessHandle first = ProcessHandle.of(db.postmasterPid().orElseThrow()).orElseThrow();
        first.destroyForcibly();
        first.onExit().get(10, TimeUnit.SECONDS);
        Thread.sleep(50); // the watchdog is starting a new postmaster now
        db.close();
        Thread.sleep(1_000);
        String data = dir.toRealPath().toString();
        List<Long> left = ProcessHandle.allProcesses()
                .filter(p -> {
                    try {
                        return Files.readSymbolicLink(Path.of("/proc", Long.toString(p.pid()), "cwd"))
                                .toString()
                                .equals(data);
                    } catch (Exception gone) {
                        return false;
                    }
                })
                .map(ProcessHandle::pid)
                .toList();
        assertThat(left)
                .as("processes still working in the data directory after close")
                .isEmpty();
    }

    @Test
    void aPostmasterKilledUnderTheServiceIsStartedAgainAndNoAcknowledgedCommitIsLost() throws Exception {
        try (var db = EmbeddedDatabase.start(EmbeddedDatabase.Settings.of(temp.resolve("data")))) {
            int acknowledged = 0;
            try (var c = db.connect()) {
                c.createStatement().execute("create table acked (n int primary key)");
                var insert = c.prepareStatement("insert into acked values (?)");
                for (int n = 1; n <= 300; n++) {
                    insert.setInt(1, n);
                    insert.executeUpdate();
                    acknowledged = n;
                }
                long pid = db.postmasterPid().orElseThrow();
                long killed = System.nanoTime();
                ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow();
                postmaster.destroyForcibly();
                assertThat(postmaster.onExit().get(10, TimeUnit.SECONDS).isAlive())
                        .isFalse();

                long deadline = killed + Duration.ofSeconds(60).toNanos();
                long count = -1;
                while (System.nanoTime() < deadline) {
                    try (var again = db.connect();
                            var rs = again.createStatement().executeQuery("select count(*) from acked")) {
                        rs.next();
                        count = rs.getLong(1);
                        break;
                    } catch (SQLException e) {
                        Thread.sleep(50);
                    }
                }
                long recoveredMs = (System.nanoTime() - killed) / 1_000_000;
                while (db.state() != EmbeddedDatabase.State.RUNNING && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                System.out.printf(
                        "embedded database: postmaster killed (SIGKILL) under the service; answering again after %d"
                                + " ms, restarts %d; %d of %d acknowledged commits there%n",
                        recoveredMs, db.restarts(), count, acknowledged);
                assertThat(count).isEqualTo(acknowledged);
                assertThat(db.restarts()).isEqualTo(1);
                assertThat(db.state()).isEqualTo(EmbeddedDatabase.State.RUNNING);
                assertThat(db.postmasterPid()).isPresent().isNotEqualTo(java.util.Optional.of(pid));
            }
        }
    }

    @Test
    void aServiceKilledHardStartsAgainTheFirstTimeWithEveryAcknowledgedCommit() throws Exception {
        Path dir = temp.resolve("data");
        int rows = 200;
        Process service = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        HoldsDatabase.class.getName(),
                        dir.toString(),
                        Integer.toString(rows))
                .redirectErrorStream(true)
                .start();
        int acked = 0;
        long orphan = -1;
        List<String> output = new ArrayList<>();
        try (var lines = new BufferedReader(new InputStreamReader(service.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                output.add(line);
                if (line.startsWith("ACK ")) {
                    acked = Integer.parseInt(line.substring(4).trim());
                } else if (line.startsWith("PID ")) {
                    orphan = Long.parseLong(line.substring(4).trim());
                    break;
                }
            }
        } finally {
            service.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(orphan).as(String.join("\n", output)).isPositive();
        assertThat(acked).isEqualTo(rows);
        // The fault as found: the postmaster outlives the service that was killed, holding the data directory.
        assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive)).contains(true);
        assertThat(EmbeddedDatabase.readPid(dir.resolve("postmaster.pid"))).contains(orphan);

        long began = System.nanoTime();
        try (var db = EmbeddedDatabase.start(EmbeddedDatabase.Settings.of(dir));
                var c = db.connect();
                var rs = c.createStatement().executeQuery("select count(*) from acked")) {
            long startedMs = (System.nanoTime() - began) / 1_000_000;
            rs.next();
            long count = rs.getLong(1);
            System.out.printf(
                    "embedded database: service killed (SIGKILL) with its postmaster orphaned; first restart"
                            + " succeeded in %d ms (orphan stopped); %d of %d acknowledged commits there%n",
                    startedMs, count, acked);
            assertThat(count).isEqualTo(acked);
            assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive).orElse(false))
                    .isFalse();
            assertThat(db.postmasterPid()).isPresent();
        }
    }

    @Test
    void aStalePidFileNamingAnotherProcessDoesNotBlockTheStart() throws Exception {
        Path dir = temp.resolve("data");
        EmbeddedDatabase.start(EmbeddedDatabase.Settings.of(dir)).close();
        // The pid of a live process that is no postmaster (this JVM), as after a reboot that reused the number.
        Files.writeString(
                dir.resolve("postmaster.pid"),
                ProcessHandle.current().pid() + "\n" + dir + "\n1\n5432\n\n127.0.0.1\n0 0\nready\n");
        try (var db = EmbeddedDatabase.start(EmbeddedDatabase.Settings.of(dir));
                var c = db.connect()) {
            assertThat(show(c, "fsync")).isEqualTo("on");
        }
    }

    @Test
    void aDataDirectoryThatTrustedLocalConnectionsIsClosedWithAPasswordAndKeepsItsData() throws Exception {
        Path dir = temp.resolve("data");
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        Path bin = PostgresBinaries.installation(
                        EmbeddedDatabase.Settings.of(dir).binariesCache())
                .resolve("bin");
        // As the embedded database of earlier versions created it: trust, no password.
        run(List.of(bin.resolve("initdb").toString(), "-A", "trust", "-U", "postgres", "-D", dir.toString()));
        int port;
        try (var socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Process old = new ProcessBuilder(EmbeddedDatabase.asUnprivileged(List.of(
                        bin.resolve("postgres").toString(),
                        "-D",
                        dir.toString(),
                        "-p",
                        Integer.toString(port),
                        "-c",
                        "listen_addresses=127.0.0.1",
                        "-c",
                        "unix_socket_directories=")))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
        try (Connection c = awaitConnection(url, "")) {
            c.createStatement().execute("create table kept (n int); insert into kept values (42)");
        }
        run(List.of(bin.resolve("pg_ctl").toString(), "stop", "-D", dir.toString(), "-m", "fast", "-w"));
        old.waitFor(30, TimeUnit.SECONDS);

        try (var db = EmbeddedDatabase.start(EmbeddedDatabase.Settings.of(dir));
                var c = db.connect();
                var rs = c.createStatement().executeQuery("select n from kept")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(42);
            assertThat(Files.readString(dir.resolve("pg_hba.conf"))).doesNotContain("trust");
            assertThatThrownBy(() -> connect(db.jdbcUrl(), "")).isInstanceOf(SQLException.class);
        }
    }

    private static String show(Connection c, String setting) throws SQLException {
        try (var rs = c.createStatement().executeQuery("show " + setting)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static Connection connect(String url, String password) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", "postgres");
        props.setProperty("password", password);
        props.setProperty("connectTimeout", "2");
        return DriverManager.getConnection(url, props);
    }

    private static Connection awaitConnection(String url, String password) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                return connect(url, password);
            } catch (SQLException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    private static void run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(EmbeddedDatabase.asUnprivileged(command))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command)).isZero();
    }
}
