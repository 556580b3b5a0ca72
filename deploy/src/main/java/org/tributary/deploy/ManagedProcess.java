package org.tributary.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One service of the federation as an operating-system process: started with its log in the run directory and its
 * PID in a PID file, ready when its readiness URL answers 200, stopped with its whole process tree.
 */
public final class ManagedProcess {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final URI readiness;
    private final Path log;
    private final Path pidFile;
    private final ProcessHandle handle;

    private ManagedProcess(String name, URI readiness, Path log, Path pidFile, ProcessHandle handle) {
        this.name = name;
        this.readiness = readiness;
        this.log = log;
        this.pidFile = pidFile;
        this.handle = handle;
    }

    /** Starts {@code command} with these extra environment variables; writes {@code <name>.pid} in the run dir. */
    public static ManagedProcess start(
            String name, List<String> command, Map<String, String> environment, URI readiness, Path runDir) {
        try {
            Files.createDirectories(runDir.resolve("logs"));
            Path log = runDir.resolve("logs").resolve(name + ".log");
            var builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(environment);
            Process process = builder.start();
            Path pidFile = pidFile(runDir, name);
            Files.writeString(pidFile, Long.toString(process.pid()));
            return new ManagedProcess(name, readiness, log, pidFile, process.toHandle());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + name, e);
        }
    }

    /** A process started earlier (by another launcher run), found through its PID file. */
    public static Optional<ProcessHandle> running(Path runDir, String name) {
        Path pid = pidFile(runDir, name);
        if (!Files.isRegularFile(pid)) {
            return Optional.empty();
        }
        try {
            return ProcessHandle.of(Long.parseLong(Files.readString(pid).strip()))
                    .filter(ProcessHandle::isAlive);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Stops the process of this PID file and everything it started; removes the PID file. */
    public static boolean stop(Path runDir, String name) {
        Optional<ProcessHandle> handle = running(runDir, name);
        handle.ifPresent(ManagedProcess::stopTree);
        try {
            Files.deleteIfExists(pidFile(runDir, name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return handle.isPresent();
    }

    static void stopTree(ProcessHandle root) {
        List<ProcessHandle> tree = root.descendants().toList();
        root.destroy();
        tree.forEach(ProcessHandle::destroy);
        for (ProcessHandle p : concat(root, tree)) {
            try {
                p.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                p.destroyForcibly();
            }
        }
    }

    private static List<ProcessHandle> concat(ProcessHandle root, List<ProcessHandle> tree) {
        var all = new java.util.ArrayList<ProcessHandle>();
        all.add(root);
        all.addAll(tree);
        return all;
    }

    static Path pidFile(Path runDir, String name) {
        return runDir.resolve(name + ".pid");
    }

    /** Waits until the readiness URL answers 200; fails early if the process exits. */
    public ManagedProcess awaitReady(Duration within) {
        long until = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < until) {
            if (!handle.isAlive()) {
                throw new IllegalStateException(name + " exited during start-up; see " + log);
            }
            if (answers(readiness)) {
                return this;
            }
            sleep(250);
        }
        throw new IllegalStateException(name + " was not ready within " + within.toSeconds() + " s; see " + log);
    }

    /** Whether the URL answers 200 now. */
    public static boolean answers(URI url) {
        try {
            var response = HTTP.send(
                    HttpRequest.newBuilder(url)
                            .timeout(Duration.ofSeconds(3))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Resident memory of the process tree in kB (Linux /proc), or -1 where it cannot be read. */
    public long residentKb() {
        return residentKb(handle);
    }

    public static long residentKb(ProcessHandle root) {
        long total = 0;
        for (ProcessHandle p : concat(root, root.descendants().toList())) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc", Long.toString(p.pid()), "status"))) {
                    if (line.startsWith("VmRSS:")) {
                        total += Long.parseLong(line.replaceAll("[^0-9]", ""));
                    }
                }
            } catch (IOException | NumberFormatException e) {
                return -1;
            }
        }
        return total;
    }

    /** Stops the process and everything it started, and removes its PID file. */
    public void stop() {
        stopTree(handle);
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String name() {
        return name;
    }

    public Path log() {
        return log;
    }

    public ProcessHandle handle() {
        return handle;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
