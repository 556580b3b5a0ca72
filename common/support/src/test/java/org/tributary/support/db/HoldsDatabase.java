package org.tributary.support.db;

import java.nio.file.Path;

/**
 * A stand-in for a service, run in its own JVM by {@link EmbeddedDatabaseIT}: it starts the embedded database,
 * commits rows one by one, prints {@code ACK n} after each commit returned, then waits to be killed.
 */
public final class HoldsDatabase {

    private HoldsDatabase() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int rows = Integer.parseInt(args[1]);
        EmbeddedDatabase db = EmbeddedDatabase.start(EmbeddedDatabase.Settings.of(dir));
        try (var c = db.connect()) {
            c.createStatement().execute("create table if not exists acked (n int primary key)");
            var insert = c.prepareStatement("insert into acked values (?)");
            for (int n = 1; n <= rows; n++) {
                insert.setInt(1, n);
                insert.executeUpdate();
                System.out.println("ACK " + n);
            }
        }
        System.out.println("PID " + db.postmasterPid().orElseThrow());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
