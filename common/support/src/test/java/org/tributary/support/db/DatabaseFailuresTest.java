package org.tributary.support.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

class DatabaseFailuresTest {

    @Test
    void aBrokenOrUnreachableDatabaseIsUnavailableHoweverItIsWrapped() {
        assertThat(DatabaseFailures.isUnavailable(new SQLTransientConnectionException("pool timeout")))
                .isTrue();
        // A failed rollback on a connection the server closed, as Spring reports it.
        assertThat(DatabaseFailures.isUnavailable(
                        new IllegalStateException("rollback", new SQLException("Connection is closed", "08003"))))
                .isTrue();
        assertThat(DatabaseFailures.isUnavailable(new RuntimeException(new SQLException("crash", "57P02"))))
                .isTrue();
    }

    @Test
    void aFaultOfTheRequestIsNot() {
        assertThat(DatabaseFailures.isUnavailable(new SQLException("duplicate key", "23505")))
                .isFalse();
        assertThat(DatabaseFailures.isUnavailable(new SQLException("syntax", "42601")))
                .isFalse();
        assertThat(DatabaseFailures.isUnavailable(new IllegalArgumentException("bad")))
                .isFalse();
    }
}
