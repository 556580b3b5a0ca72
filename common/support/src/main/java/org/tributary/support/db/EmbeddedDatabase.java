package org.tributary.support.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A service's own PostgreSQL server, started from the bundled binaries with the settings an agency runs in
 * production: the embedded default is not a test database.
 *
 * <ul>
 *   <li><b>Durable.</b> {@code fsync}, {@code synchronous_commit} and {@code full_page_writes} are on and checked
 *       after every start (the server is refused otherwise), data checksums are on for new directories: a commit that
 *       was acknowledged survives a killed server and a power loss.
 *   <li><b>Restartable after a hard kill.</b> The postmaster is a child of the service. When the service dies with
 *       {@code kill -9} or the OOM killer the postmaster lives on as an orphan holding the data directory; the next
 *       start recognises it (the process in {@code postmaster.pid} whose working directory is this data directory),
 *       stops it cleanly and starts again, the first time.
 *   <li><b>Self-healing.</b> When the postmaster dies under a running service, a watchdog starts it again on the same
 *       port (crash recovery replays the WAL); connection pools reconnect. {@link #state()} says what is happening.
 *   <li><b>Closed.</b> It listens on 127.0.0.1 only, without a Unix socket, and asks for a password (SCRAM): a
 *       random one generated at first start and kept in the data directory (mode 0600, like the data). Older data
 *       directories that trusted every local connection are converted on their next start.
 *   <li><b>Quiet about data.</b> The server's own log stays in the data directory ({@code log/}, one file per
 *       weekday, overwritten a week later), terse, without statements, so no value of a record reaches it.
 * </ul>
 */
public final class EmbeddedDatabase implements AutoCloseable {

    /** What the watchdog last saw. */
    public enum State {
        STARTING,
        RUNNING,
        RESTARTING,
        STOPPED
    }

    /**
     * How to run it.
     *
     * @param dataDirectory the PostgreSQL data directory (created and initialised when empty)
     * @param port the TCP port on 127.0.0.1; 0 picks a free one
     * @param maxConnections the server's {@code max_connections}
     * @param binariesCache where the binaries are unpacked (shared by every service on the machine)
     * @param startupTimeout how long a start (including crash recovery) may take
     */
    public record Settings(
            Path dataDirectory, int port, int maxConnections, Path binariesCache, Duration startupTimeout) {

        public static Settings of(Path dataDirectory) {
            return new Settings(
                    dataDirectory,
                    0,
                    50,
                    Path.of(System.getProperty("java.io.tmpdir"), "tributary-postgres"),
                    Duration.ofMinutes(2));
        }

        public Settings withMaxConnections(int maxConnections) {
            return new Settings(dataDirectory, port, maxConnections, binariesCache, startupTimeout);
        }

        public Settings withPort(int port) {
            return new Settings(dataDirectory, port, maxConnections, binariesCache, startupTimeout);
        }
    }

    static final String USER = "postgres";
    static final String PASSWORD_FILE = "tributary-db.password";
    private static final String LOCK_FILE = "tributary-db.lock";
    private static final Duration[] BACKOFF = {
        Duration.ofMillis(200),
        Duration.ofMillis(500),
        Duration.ofSeconds(1),
        Duration.ofSeconds(2),
        Duration.ofSeconds(5)
    };
    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);
    private static final boolean RUNS_AS_ROOT = runsAsRoot();
    private static final String UNSHARE = RUNS_AS_ROOT ? unshare() : null;

    private final Settings settings;
    private final Path dataDirectory;
    private final Path installation;
    private final int port;
    private final String password;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final ExecutorService watchdog;
    private final Thread shutdownHook;
    private final AtomicInteger restarts = new AtomicInteger();
    private volatile Process postmaster;
    private volatile State state = State.STARTING;
    private volatile boolean closing;
    private volatile Instant lastUnexpectedStop;

    private EmbeddedDatabase(Settings settings) throws IOException {
        this.settings = settings;
        this.dataDirectory = settings.dataDirectory().toAbsolutePath().normalize();
        this.installation = PostgresBinaries.installation(settings.binariesCache());
        Files.createDirectories(dataDirectory);
        Files.setPosixFilePermissions(dataDirectory, PosixFilePermissions.fromString("rwx------"));
        if (!Files.exists(dataDirectory.resolve("PG_VERSION"))) {
            initdb();
        }
        this.lockChannel =
                FileChannel.open(dataDirectory.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock acquired = lockChannel.tryLock();
        if (acquired == null) {
            lockChannel.close();
            throw new IllegalStateException("Another running service uses the database in " + dataDirectory
                    + "; each service needs its own data directory.");
        }
        this.lock = acquired;
        this.port = settings.port() == 0 ? freePort() : settings.port();
        this.password = ensurePassword();
        this.watchdog = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "embedded-postgres-watchdog");
            t.setDaemon(true);
            return t;
        });
        this.shutdownHook = new Thread(this::stopQuietly, "embedded-postgres-shutdown");
    }

    /** Starts the server (stopping an orphan of an earlier process first) and waits until it answers. */
    public static EmbeddedDatabase start(Settings settings) {
        try {
            EmbeddedDatabase db = new EmbeddedDatabase(settings);
            try {
                long started = System.nanoTime();
                db.startPostmaster(false);
                Runtime.getRuntime().addShutdownHook(db.shutdownHook);
                log.info(
                        "Embedded PostgreSQL on 127.0.0.1:{} (data in {}) ready in {} ms: fsync, synchronous_commit"
                                + " and full_page_writes on",
                        db.port,
                        db.dataDirectory,
                        (System.nanoTime() - started) / 1_000_000);
                return db;
            } catch (RuntimeException e) {
                db.close();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + settings.dataDirectory(), e);
        }
    }

    /** A login role's name and password. */
    public record Credentials(String username, String password) {
        @Override
        public String toString() {
            return "Credentials[username=" + username + ", password=<hidden>]";
        }
    }

    /**
     * The login role the application connects as: created on first use, with its own generated password kept in
     * the data directory ({@code tributary-db-<role>.password}, owner-only) and set again at every start. It is no
     * superuser and owns nothing: what it may do is granted by the service's migrations, which run as the owner
     * ({@link #username()}).
     */
    public Credentials applicationRole(String role) {
        if (!role.matches("[a-z][a-z0-9_]{0,30}") || role.equals(USER)) {
            throw new IllegalArgumentException("Not a usable role name: " + role);
        }
        try {
            Path file = dataDirectory.resolve("tributary-db-" + role + ".password");
            String secret = Files.exists(file) ? Files.readString(file).trim() : "";
            // Only a value this class generated is used (it goes into a statement): anything else, an empty file
            // left by a crash included, is replaced by a fresh one, written whole or not at all.
            if (!secret.matches("[A-Za-z0-9_-]{32}")) {
                secret = newPassword();
                Path next = dataDirectory.resolve("tributary-db-" + role + ".password.new");
                Files.deleteIfExists(next);
                Files.createFile(
                        next, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(next, secret + "\n");
                Files.move(
                        next,
                        file,
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
            try (Connection c = connect();
                    var exists = c.prepareStatement("select 1 from pg_roles where rolname = ?")) {
                exists.setString(1, role);
                boolean known;
                try (var rs = exists.executeQuery()) {
                    known = rs.next();
                }
                try (var st = c.createStatement()) {
                    // The name and the password are checked or generated here (no quote can occur in either).
                    st.execute((known ? "alter role " : "create role ") + role
                            + " login nosuperuser nocreatedb nocreaterole noreplication password '" + secret + "'");
                }
            }
            return new Credentials(role, secret);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not keep the password of role " + role, e);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not set up the database role " + role, e);
        }
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    public String username() {
        return USER;
    }

    public String password() {
        return password;
    }

    public int port() {
        return port;
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    public State state() {
        return state;
    }

    /** How many times the watchdog started a postmaster that had died under the running service. */
    public int restarts() {
        return restarts.get();
    }

    public Optional<Instant> lastUnexpectedStop() {
        return Optional.ofNullable(lastUnexpectedStop);
    }

    /** The running postmaster's process id, when there is one. */
    public Optional<Long> postmasterPid() {
        Process p = postmaster;
        return p != null && p.isAlive() ? Optional.of(p.pid()) : Optional.empty();
    }

    @Override
    public void close() {
        if (closing) {
            return;
        }
        closing = true;
        // The watchdog first: a restart in flight would otherwise start a postmaster after this one was stopped,
        // and leave it running with nobody to stop it.
        watchdog.shutdownNow();
        try {
            if (!watchdog.awaitTermination(30, TimeUnit.SECONDS)) {
                log.warn("The embedded PostgreSQL's watchdog did not stop within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stopQuietly();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException | IllegalArgumentException e) {
            // the JVM is shutting down already, or the hook was never registered
        }
        try {
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            log.warn("Could not release the lock on {}: {}", dataDirectory, e.toString());
        }
    }

    // --- starting

    private void startPostmaster(boolean restart) {
        stopOrphan();
        Path logDir = dataDirectory.resolve("log");
        try {
            Files.createDirectories(logDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> command = new ArrayList<>(List.of(bin("postgres"), "-D", dataDirectory.toString()));
        serverSettings().forEach((name, value) -> {
            command.add("-c");
            command.add(name + "=" + value);
        });
        ProcessBuilder builder = new ProcessBuilder(asUnprivileged(command))
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        logDir.resolve("postmaster.log").toFile()));
        builder.environment().put("LC_ALL", "C");
        Process started;
        try {
            started = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not run " + command.get(0), e);
        }
        postmaster = started;
        awaitReady(started);
        verifyDurable();
        if (restart) {
            restarts.incrementAndGet();
        }
        state = State.RUNNING;
        started.onExit().thenAcceptAsync(this::postmasterExited, watchdog);
    }

    /** The settings the server always runs with; see the class comment. */
    Map<String, String> serverSettings() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("port", Integer.toString(port));
        s.put("listen_addresses", "127.0.0.1");
        s.put("unix_socket_directories", "");
        s.put("max_connections", Integer.toString(settings.maxConnections()));
        s.put("fsync", "on");
        s.put("synchronous_commit", "on");
        s.put("full_page_writes", "on");
        s.put("password_encryption", "scram-sha-256");
        s.put("timezone", "UTC");
        s.put("logging_collector", "on");
        s.put("log_directory", "log");
        s.put("log_filename", "postgresql-%a.log");
        s.put("log_truncate_on_rotation", "on");
        s.put("log_rotation_age", "1d");
        s.put("log_rotation_size", "0");
        s.put("log_error_verbosity", "terse");
        s.put("log_min_error_statement", "panic");
        s.put("log_line_prefix", "%m [%p] ");
        return s;
    }

    private void awaitReady(Process started) {
        long deadline = System.nanoTime() + settings.startupTimeout().toNanos();
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            if (closing && started != null) {
                // Closed while the watchdog restarts the server: no waiting for a server nobody will use.
                started.destroy();
                throw new IllegalStateException("closed during start-up");
            }
            if (!started.isAlive()) {
                throw new IllegalStateException("The embedded PostgreSQL exited during start-up with code "
                        + started.exitValue() + "; see " + dataDirectory.resolve("log"));
            }
            try (Connection c = connect()) {
                return;
            } catch (SQLException e) {
                last = e;
            }
            sleep(Duration.ofMillis(100));
        }
        started.destroy();
        throw new IllegalStateException("The embedded PostgreSQL did not answer within " + settings.startupTimeout()
                + ": " + (last == null ? "" : last.getSQLState()));
    }

    private void verifyDurable() {
        try (Connection c = connect();
                var rs = c.createStatement()
                        .executeQuery("select name, setting from pg_settings"
                                + " where name in ('fsync', 'synchronous_commit', 'full_page_writes')")) {
            List<String> off = new ArrayList<>();
            int seen = 0;
            while (rs.next()) {
                seen++;
                if (!"on".equals(rs.getString(2))) {
                    off.add(rs.getString(1) + "=" + rs.getString(2));
                }
            }
            if (seen != 3 || !off.isEmpty()) {
                throw new IllegalStateException("The embedded PostgreSQL is not durable: " + off);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not check the embedded PostgreSQL's settings", e);
        }
    }

    Connection connect() throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", USER);
        props.setProperty("password", password);
        props.setProperty("connectTimeout", "2");
        props.setProperty("socketTimeout", "10");
        props.setProperty("loginTimeout", "2");
        return DriverManager.getConnection(jdbcUrl(), props);
    }

    // --- the watchdog

    private void postmasterExited(Process exited) {
        if (closing || exited != postmaster) {
            return;
        }
        lastUnexpectedStop = Instant.now();
        state = State.RESTARTING;
        log.warn("The embedded PostgreSQL stopped unexpectedly (exit code {}); starting it again", exited.exitValue());
        long began = System.nanoTime();
        for (int attempt = 0; !closing; attempt++) {
            try {
                startPostmaster(true);
                log.warn(
                        "The embedded PostgreSQL runs again after {} ms (restart {})",
                        (System.nanoTime() - began) / 1_000_000,
                        restarts.get());
                return;
            } catch (RuntimeException e) {
                Duration wait = BACKOFF[Math.min(attempt, BACKOFF.length - 1)];
                log.warn(
                        "Restarting the embedded PostgreSQL failed ({}); next try in {} ms",
                        e.getMessage(),
                        wait.toMillis());
                sleep(wait);
            }
        }
    }

    // --- orphans

    /**
     * A postmaster left behind by an earlier process of this service holds the data directory: stop it cleanly. It
     * is recognised by the process id in {@code postmaster.pid} and its working directory, which a postmaster sets to
     * its data directory. A stale file whose process id now belongs to something else is removed; our lock on the
     * directory says no other service uses it.
     */
    private void stopOrphan() {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        Optional<Long> pid = readPid(pidFile);
        if (pid.isEmpty()) {
            return;
        }
        Process own = postmaster;
        if (own != null && own.isAlive() && own.pid() == pid.get()) {
            return;
        }
        Optional<ProcessHandle> handle = ProcessHandle.of(pid.get()).filter(ProcessHandle::isAlive);
        if (handle.isEmpty()) {
            return; // stale: PostgreSQL replaces it itself
        }
        if (!servesThisDirectory(pid.get())) {
            log.warn(
                    "postmaster.pid in {} names process {}, which is no PostgreSQL of this directory; removing the"
                            + " stale file",
                    dataDirectory,
                    pid.get());
            deleteQuietly(pidFile);
            return;
        }
        long began = System.nanoTime();
        log.warn(
                "An embedded PostgreSQL left running by an earlier process (pid {}) holds {}; stopping it",
                pid.get(),
                dataDirectory);
        int exit = run(List.of(bin("pg_ctl"), "stop", "-D", dataDirectory.toString(), "-m", "fast", "-w", "-t", "60"));
        if (exit != 0) {
            handle.get().destroy();
            awaitExit(handle.get(), Duration.ofSeconds(30));
        }
        if (handle.get().isAlive()) {
            handle.get().destroyForcibly();
            awaitExit(handle.get(), Duration.ofSeconds(10));
        }
        log.info("Stopped the orphaned PostgreSQL in {} ms", (System.nanoTime() - began) / 1_000_000);
    }

    private boolean servesThisDirectory(long pid) {
        try {
            Path cwd = Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "cwd"));
            return cwd.equals(dataDirectory.toRealPath());
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }

    static Optional<Long> readPid(Path pidFile) {
        try {
            List<String> lines = Files.readAllLines(pidFile, StandardCharsets.US_ASCII);
            return lines.isEmpty()
                    ? Optional.empty()
                    : Optional.of(Long.parseLong(lines.get(0).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    // --- stopping

    private void stopQuietly() {
        Process p = postmaster;
        if (p == null || !p.isAlive()) {
            state = State.STOPPED;
            return;
        }
        closing = true;
        int exit = run(List.of(bin("pg_ctl"), "stop", "-D", dataDirectory.toString(), "-m", "fast", "-w", "-t", "60"));
        if (exit != 0 || !awaitExit(p.toHandle(), Duration.ofSeconds(10))) {
            p.destroy();
            if (!awaitExit(p.toHandle(), Duration.ofSeconds(30))) {
                p.destroyForcibly();
            }
        }
        state = State.STOPPED;
    }

    // --- first start and credentials

    private void initdb() throws IOException {
        try (var entries = Files.list(dataDirectory)) {
            if (entries.findAny().isPresent()) {
                throw new IllegalStateException(dataDirectory + " is neither empty nor a PostgreSQL data directory;"
                        + " point the service at an empty or its own directory.");
            }
        }
        String secret = newPassword();
        Path pwfile = Files.createTempFile(
                "tributary-initdb-",
                ".pw",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(pwfile, secret + "\n");
            long began = System.nanoTime();
            int exit = run(List.of(
                    bin("initdb"),
                    "-D",
                    dataDirectory.toString(),
                    "-U",
                    USER,
                    "--auth=scram-sha-256",
                    "--pwfile=" + pwfile,
                    "--encoding=UTF8",
                    "--locale=C",
                    "--locale-provider=builtin",
                    "--builtin-locale=C.UTF-8",
                    "--data-checksums"));
            if (exit != 0) {
                throw new IllegalStateException("initdb failed with code " + exit + " in " + dataDirectory);
            }
            writePassword(secret);
            log.info(
                    "Initialised a new PostgreSQL data directory in {} ({} ms)",
                    dataDirectory,
                    (System.nanoTime() - began) / 1_000_000);
        } finally {
            Files.deleteIfExists(pwfile);
        }
    }

    /**
     * The password kept in the data directory. A directory from before this class (trusting every local connection,
     * no password file) gets one: set in single-user mode, before the server accepts any connection.
     */
    private String ensurePassword() throws IOException {
        Path file = dataDirectory.resolve(PASSWORD_FILE);
        if (Files.exists(file)) {
            writeHba();
            return Files.readString(file).trim();
        }
        stopOrphan();
        String secret = newPassword();
        ProcessBuilder single = new ProcessBuilder(asUnprivileged(List.of(
                        bin("postgres"),
                        "--single",
                        "-D",
                        dataDirectory.toString(),
                        "-c",
                        "log_min_error_statement=panic",
                        "postgres")))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        single.environment().put("LC_ALL", "C");
        Process p = single.start();
        try (var in = p.getOutputStream()) {
            in.write(("ALTER ROLE " + USER + " PASSWORD '" + secret + "'\n").getBytes(StandardCharsets.US_ASCII));
        }
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException("Could not set a password on the database in " + dataDirectory);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        writePassword(secret);
        writeHba();
        log.info("The database in {} now asks for a password (it trusted local connections before)", dataDirectory);
        return secret;
    }

    private void writePassword(String secret) throws IOException {
        Path file = dataDirectory.resolve(PASSWORD_FILE);
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, secret + "\n");
    }

    /** Loopback with a password only; rewritten at every start so that it cannot drift. */
    private void writeHba() throws IOException {
        String hba = "# Written by Tributary at every start: password (SCRAM) over loopback only, no Unix socket.\n"
                + "host all all 127.0.0.1/32 scram-sha-256\n";
        Path file = dataDirectory.resolve("pg_hba.conf");
        if (!Files.exists(file) || !Files.readString(file).equals(hba)) {
            Files.writeString(file, hba);
        }
    }

    private static String newPassword() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    // --- helpers

    private String bin(String name) {
        return installation.resolve("bin").resolve(name).toString();
    }

    private int run(List<String> command) {
        try {
            ProcessBuilder builder = new ProcessBuilder(asUnprivileged(command))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD);
            builder.environment().put("LC_ALL", "C");
            Process p = builder.start();
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                return -1;
            }
            return p.exitValue();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /**
     * PostgreSQL refuses to run as root. A service running as root (a container's default) runs it in a new user
     * namespace ({@code unshare -U}), where it is an unprivileged user that still owns its files; the process id stays
     * the same, so the watchdog and the orphan check see the postmaster itself.
     */
    static List<String> asUnprivileged(List<String> command) {
        if (!RUNS_AS_ROOT) {
            return command;
        }
        if (UNSHARE == null) {
            throw new IllegalStateException("PostgreSQL cannot run as root and 'unshare' is not available: run the"
                    + " service as an ordinary user, or set SPRING_DATASOURCE_URL to a PostgreSQL server.");
        }
        List<String> prefixed = new ArrayList<>(List.of(UNSHARE, "-U"));
        prefixed.addAll(command);
        return prefixed;
    }

    private static boolean runsAsRoot() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .filter(l -> l.startsWith("Uid:"))
                    .anyMatch(l -> l.split("\\s+")[2].equals("0"));
        } catch (IOException e) {
            return false;
        }
    }

    private static String unshare() {
        for (String dir : List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin")) {
            Path candidate = Path.of(dir, "unshare");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }

    private static boolean awaitExit(ProcessHandle handle, Duration timeout) {
        try {
            handle.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            return !handle.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * A free port below the kernel's ephemeral range (32768 and up on Linux): a port the kernel hands out for
     * outgoing connections can be taken by any client socket between this check and the postmaster's bind.
     */
    private static int freePort() throws IOException {
        var random = new SecureRandom();
        for (int attempt = 0; attempt < 200; attempt++) {
            int candidate = 20_000 + random.nextInt(12_000);
            try (ServerSocket socket = new ServerSocket(candidate, 1, InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            } catch (IOException taken) {
                // try another
            }
        }
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Could not remove {}: {}", file, e.toString());
        }
    }
}
