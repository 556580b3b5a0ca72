package org.tributary.support.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The migrations as a one-shot step as the owner; the application's role then gets only what they granted. */
class MigrateOnlyIT {

    @TempDir
    Path temp;

    @Test
    void migratesAsTheOwnerGrantsTheApplicationRoleAndDoesNothingUnlessAsked() throws Exception {
        try (var db = EmbeddedDatabase.start(EmbeddedDatabase.Settings.of(temp.resolve("data")))) {
            var app = db.applicationRole("tributary_app");
            Map<String, String> env = Map.of(
                    "TRIBUTARY_MIGRATE_ONLY", "true",
                    "SPRING_DATASOURCE_URL", db.jdbcUrl(),
                    "SPRING_FLYWAY_USER", db.username(),
                    "SPRING_FLYWAY_PASSWORD", db.password(),
                    "TRIBUTARY_DB_APP_ROLE", app.username());
            assertThat(MigrateOnly.runIfAsked(new String[0], Map.of())).isFalse();
            assertThat(MigrateOnly.runIfAsked(new String[0], env)).isTrue();
            try (var c = DriverManager.getConnection(db.jdbcUrl(), app.username(), app.password());
                    var st = c.createStatement()) {
                st.execute("insert into ledger values (1)");
                assertThatThrownBy(() -> st.execute("update ledger set n = 2"))
                        .isInstanceOf(SQLException.class)
                        .hasMessageContaining("permission denied");
                assertThatThrownBy(() -> st.execute("drop table ledger"))
                        .isInstanceOf(SQLException.class)
                        .hasMessageContaining("must be owner");
            }
            // Run again: nothing new to apply.
            assertThat(MigrateOnly.runIfAsked(new String[] {"--migrate-only"}, env))
                    .isTrue();
            assertThatThrownBy(() -> MigrateOnly.runIfAsked(new String[] {"--migrate-only"}, Map.of()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("SPRING_DATASOURCE_URL");
        }
    }
}
