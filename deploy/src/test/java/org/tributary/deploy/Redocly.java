package org.tributary.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Redocly CLI, installed from the npm registry by {@code npm ci} (the version pinned in
 * {@code src/test/redocly/package-lock.json}) into {@code target/redocly}, and run over an OpenAPI document with the
 * {@code recommended} rules.
 */
final class Redocly {

    static final Path SOURCE = Path.of("src/test/redocly");
    static final Path HOME = Path.of("target/redocly");

    /** What {@code redocly lint} said: its exit code, its error and warning counts, and its output. */
    record Result(int exitCode, int errors, int warnings, String output) {}

    private Redocly() {}

    static synchronized void install() throws IOException, InterruptedException {
        if (Files.isRegularFile(HOME.resolve("node_modules/.bin/redocly"))) {
            return;
        }
        Files.createDirectories(HOME);
        for (String f : List.of("package.json", "package-lock.json", "redocly.yaml")) {
            Files.copy(SOURCE.resolve(f), HOME.resolve(f), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        run(
                List.of(
                        "npm",
                        "ci",
                        "--no-audit",
                        "--no-fund",
                        "--prefix",
                        HOME.toAbsolutePath().toString()),
                300);
    }

    static Result lint(Path document) throws IOException, InterruptedException {
        install();
        List<String> command = new ArrayList<>(List.of(
                HOME.resolve("node_modules/.bin/redocly").toAbsolutePath().toString(),
                "lint",
                "--config",
                HOME.resolve("redocly.yaml").toAbsolutePath().toString(),
                document.toAbsolutePath().toString()));
        var out = run(command, 180);
        return new Result(out.exitCode(), count(out.output(), "error"), count(out.output(), "warning"), out.output());
    }

    /** "Woohoo! Your API description is valid." or "... 2 errors and 3 warnings": the counts in the summary. */
    static int count(String output, String kind) {
        Matcher m = Pattern.compile("(\\d+) " + kind + "s?\\b").matcher(output);
        int n = 0;
        while (m.find()) {
            n = Integer.parseInt(m.group(1));
        }
        return n;
    }

    private record Run(int exitCode, String output) {}

    private static Run run(List<String> command, int seconds) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] bytes;
        try (var in = p.getInputStream()) {
            bytes = in.readAllBytes();
        }
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not finish in " + seconds + " s");
        }
        String output = new String(bytes, StandardCharsets.UTF_8);
        if (command.get(0).equals("npm") && p.exitValue() != 0) {
            throw new IllegalStateException("npm ci failed: " + output);
        }
        return new Run(p.exitValue(), output);
    }
}
