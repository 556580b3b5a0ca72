package org.tributary.aggregator.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A real country node, started from its runnable jar in its own JVM with its own embedded PostgreSQL, in the local
 * (demo-keys) profile: what an integration test or a benchmark talks to over HTTP like the aggregator does.
 */
public final class CountryNodeProcess implements AutoCloseable {

    /** Where failsafe puts the path of the node's runnable jar (see the aggregator's pom). */
    public static final String JAR_PROPERTY = "tributary.it.node-jar";

    private static final java.util.regex.Pattern STARTED_ON =
            java.util.regex.Pattern.compile("Tomcat started on port (\\d+)");

    private final String country;
    private volatile int port;
    private final Process process;
    private final Path log;

    private CountryNodeProcess(String country, Process process, Path log) {
        this.country = country;
        this.process = process;
        this.log = log;
    }

    /** Starts the node; {@link #awaitReady} waits for it. */
    public static CountryNodeProcess start(String country, Path workDir, String... extraArgs) {
        String jar = System.getProperty(JAR_PROPERTY);
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("The country node's runnable jar is not built (system property "
                    + JAR_PROPERTY + " = " + jar + "): run the build from the project root.");
        }
        try {
            Files.createDirectories(workDir);
            Path log = workDir.resolve("node-" + country.toLowerCase() + ".log");
            List<String> command = new ArrayList<>(List.of(
                    ProcessHandle.current().info().command().orElse("java"),
                    "-Xmx256m",
                    "-XX:TieredStopAtLevel=1",
                    "-jar",
                    jar,
                    "--spring.profiles.active=local",
                    // The node binds a port of its own choosing and says which in its log: a port picked here and
                    // bound later can be taken meanwhile by any socket of this busy machine.
                    "--server.port=0",
                    "--tributary.node.country=" + country,
                    "--tributary.node.name=" + country + " test node",
                    "--tributary.node.data-dir=" + workDir.resolve("data-" + country.toLowerCase()),
                    // the node trusts the tests' key pair, as the aggregator under test does
                    "--tributary.security.public-key=file:" + testPublicKey()));
            command.addAll(List.of(extraArgs));
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            return new CountryNodeProcess(country, process, log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path testPublicKey() {
        return org.tributary.testsupport.TestTokens.publicKeyFile();
    }

    public CountryNodeProcess awaitReady(Duration within) {
        long until = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < until) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Node " + country + " exited; see " + log);
            }
            if (port == 0) {
                port = portFromLog();
                if (port == 0) {
                    pause(250);
                    continue;
                }
            }
            Http http = new Http(port);
            try {
                if (http.get("/actuator/health/readiness").status() == 200) {
                    return this;
                }
            } catch (UncheckedIOException notYet) {
                // not listening yet
            }
            pause(250);
        }
        throw new IllegalStateException("Node " + country + " not ready within " + within + "; see " + log);
    }

    private int portFromLog() {
        try {
            var m = STARTED_ON.matcher(Files.readString(log, java.nio.charset.StandardCharsets.UTF_8));
            return m.find() ? Integer.parseInt(m.group(1)) : 0;
        } catch (IOException | java.io.UncheckedIOException e) {
            return 0;
        }
    }

    public String country() {
        return country;
    }

    public int port() {
        return port;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** The node as its own node operator would call it (imports, policy, audit). */
    public Http http() {
        return new Http("http://127.0.0.1:" + port, () -> Tokens.nodeOperator(country));
    }

    /** Stops the node (SIGTERM, then SIGKILL after 20 s) and waits for it. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
