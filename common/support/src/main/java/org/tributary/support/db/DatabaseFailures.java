package org.tributary.support.db;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Tells a database that is gone (stopped, restarting, unreachable, its connection broken mid-request) from a fault of
 * the request: the first is a 503 the caller may retry, the second is not. Spring wraps the driver's exception in
 * several ways (a failed rollback even hides the original one), so the whole cause chain is read.
 */
public final class DatabaseFailures {

    private DatabaseFailures() {}

    public static boolean isUnavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DataAccessResourceFailureException || t instanceof CannotCreateTransactionException) {
                return true;
            }
            if (t instanceof TransactionSystemException tx
                    && tx.getOriginalException() != null
                    && isUnavailable(tx.getOriginalException())) {
                return true;
            }
            if (t instanceof SQLException sql && "Connection is closed".equals(sql.getMessage())) {
                return true; // HikariCP's proxy of a connection the pool already evicted as broken
            }
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                // 08: connection exceptions; 57P01-57P03: the server shut down, crashed, or cannot accept yet.
                if (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03")) {
                    return true;
                }
            }
        }
        return false;
    }
}
