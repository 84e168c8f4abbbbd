package dev.jtune.storage.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLNonTransientException;
import java.sql.SQLTransientException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL transaction whose {@code COMMIT} was sent but whose reply was lost with the
 * connection: it may have taken effect or not. Running its work again blindly would create a
 * second study or trial, or claim a second waiting trial, when the first did commit; so before a
 * retry the server is asked what became of the transaction ({@code txid_status}, which
 * PostgreSQL keeps for exactly this), and the work runs again only if it was rolled back.
 *
 * @param xid the transaction's id ({@link #currentTransaction}, read just before the commit)
 * @param result what the work returned, the operation's result if the transaction committed
 * @param asked whether the server has been asked about it at least once
 */
record LostCommit<T>(long xid, T result, boolean asked) {
  private static final Logger LOG = LoggerFactory.getLogger(LostCommit.class);

  /** This lost commit, marked as asked about. */
  LostCommit<T> asking() {
    return new LostCommit<>(xid, result, true);
  }

  /** The id of the connection's current transaction (assigned now if it had none). */
  static long currentTransaction(Connection c) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT txid_current()")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /**
   * Whether a failed commit may have reached the server: the connection broke (SQLState class 08)
   * or the server shut it down (57P01-57P03, the shutdowns {@link SqlDialect#isTransient} retries);
   * a serialization failure or deadlock (class 40) is a rollback the server reported.
   */
  static boolean isConnectionLoss(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s) {
        String state = s.getSQLState();
        if (state != null && (state.startsWith("08") || state.equals("57P01")
            || state.equals("57P02") || state.equals("57P03"))) {
          return true;
        }
        if (s instanceof java.sql.SQLRecoverableException) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Whether the transaction committed, asked on a new connection.
   *
   * @throws SQLTransientException while the server still runs it (retried with backoff)
   * @throws SQLNonTransientException when the server no longer knows (a very old transaction)
   */
  boolean committed(Connection c, String what, String url) throws SQLException {
    String status;
    try (PreparedStatement ps = c.prepareStatement("SELECT txid_status(?)")) {
      ps.setLong(1, xid);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        status = rs.getString(1);
      }
    } catch (SQLException e) {
      if ("22023".equals(e.getSQLState())) {
        // "transaction ID ... is in the future": a restarted server never recorded it
        status = "aborted";
      } else {
        throw e;
      }
    }
    if ("committed".equals(status)) {
      LOG.warn("{} on {}: the connection was lost during its COMMIT, which took effect", what,
          url);
      return true;
    }
    if ("aborted".equals(status)) {
      LOG.warn("{} on {}: the connection was lost during its COMMIT, which did not take effect; "
          + "running it again", what, url);
      return false;
    }
    if ("in progress".equals(status)) {
      throw new SQLTransientException("transaction " + xid + ", whose COMMIT reply was lost, is "
          + "still in progress");
    }
    throw new SQLNonTransientException("the server no longer knows transaction " + xid
        + ", whose COMMIT reply was lost");
  }
}
