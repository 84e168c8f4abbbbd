package dev.jtune.storage.jdbc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;

/**
 * What differs between the databases jtune supports: DDL, row locks, timestamp encoding and which
 * errors are worth retrying.
 *
 * <p>Timestamps are naive UTC, as Optuna stores them; SQLite keeps them as text in SQLAlchemy's
 * format {@code YYYY-MM-DD HH:MM:SS.ffffff}, PostgreSQL as {@code TIMESTAMP WITHOUT TIME ZONE}.
 */
enum SqlDialect {
  SQLITE("jdbc:sqlite:", "schema-sqlite.sql"),
  POSTGRESQL("jdbc:postgresql:", "schema-postgresql.sql");

  private static final DateTimeFormatter SQLITE_WRITE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");
  private static final DateTimeFormatter SQLITE_READ = new DateTimeFormatterBuilder()
      .appendPattern("yyyy-MM-dd[ ]['T']HH:mm:ss")
      .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
      .toFormatter();

  private final String prefix;
  private final String ddlResource;

  SqlDialect(String prefix, String ddlResource) {
    this.prefix = prefix;
    this.ddlResource = ddlResource;
  }

  /**
   * The dialect of a JDBC URL.
   *
   * @throws IllegalArgumentException naming the URL if it is neither SQLite nor PostgreSQL
   */
  static SqlDialect of(String url) {
    for (SqlDialect d : values()) {
      if (url.startsWith(d.prefix)) {
        return d;
      }
    }
    throw new IllegalArgumentException("unsupported JDBC URL '" + url
        + "': expected jdbc:sqlite:<path> or jdbc:postgresql://<host>:<port>/<database>");
  }

  /** The resource holding the DDL of revision v3.0.0.d. */
  String ddlResource() {
    return ddlResource;
  }

  /** Appended to a SELECT that must lock the rows it reads until the transaction ends. */
  String forUpdate() {
    return this == POSTGRESQL ? " FOR UPDATE" : "";
  }

  /**
   * A placeholder for a value of one of Optuna's enum types, where the statement gives no column
   * to infer the type from (a SELECT list): PostgreSQL needs the cast, SQLite stores text.
   */
  String enumParam(String type) {
    return this == POSTGRESQL ? "CAST(? AS " + type + ")" : "?";
  }

  /** Binds an instant (never null) as a naive UTC timestamp. */
  void setTimestamp(PreparedStatement ps, int index, Instant instant) throws SQLException {
    LocalDateTime utc = LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    if (this == SQLITE) {
      ps.setString(index, SQLITE_WRITE.format(utc));
    } else {
      // as a LocalDateTime, never through java.sql.Timestamp: that passes through the JVM's zone,
      // which shifts a UTC wall time falling in its spring-forward gap by an hour
      ps.setObject(index, utc);
    }
  }

  /**
   * A double as this database gives it back: SQLite keeps an integral REAL as an integer, so
   * {@code -0.0} comes back as {@code 0.0}; a snapshot kept by the writer must say the same.
   */
  double asStored(double value) {
    return this == SQLITE && value == 0.0 ? 0.0 : value;
  }

  /** Reads a naive UTC timestamp; {@code null} stays {@code null}. */
  Instant getTimestamp(ResultSet rs, int column) throws SQLException {
    if (this == SQLITE) {
      String text = rs.getString(column);
      return text == null ? null
          : LocalDateTime.parse(text.trim(), SQLITE_READ).toInstant(ZoneOffset.UTC);
    }
    LocalDateTime utc = rs.getObject(column, LocalDateTime.class);
    return utc == null ? null : utc.toInstant(ZoneOffset.UTC);
  }

  /**
   * Whether a failure may go away if the transaction is tried again: serialization failures,
   * deadlocks, a busy or locked SQLite file, a dropped connection or a restarting server.
   */
  boolean isTransient(SQLException e) {
    if (this == SQLITE) {
      // the driver's own error decides, wherever the pool wrapped it (a pool that cannot open a
      // connection reports a "transient" timeout whose cause is, say, SQLITE_CANTOPEN)
      SQLException driver = null;
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof SQLException s && s.getErrorCode() != 0) {
          driver = s;
        }
      }
      if (driver != null) {
        int primary = driver.getErrorCode() & 0xff;
        return primary == 5 || primary == 6; // SQLITE_BUSY, SQLITE_LOCKED
      }
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s) {
        String state = s.getSQLState();
        if (state != null && (state.startsWith("40") || state.startsWith("08")
            || state.equals("57P01") || state.equals("57P02") || state.equals("57P03")
            || state.equals("53300"))) {
          return true;
        }
        if (this == SQLITE) {
          int primary = s.getErrorCode() & 0xff;
          if (primary == 5 || primary == 6) { // SQLITE_BUSY, SQLITE_LOCKED
            return true;
          }
        }
        if (s instanceof java.sql.SQLTransientException
            || s instanceof java.sql.SQLRecoverableException) {
          return true;
        }
      }
    }
    return false;
  }

  /** Whether a failure is a unique-constraint violation. */
  boolean isUniqueViolation(SQLException e) {
    if ("23505".equals(e.getSQLState())) {
      return true;
    }
    // SQLITE_CONSTRAINT_UNIQUE (2067) and SQLITE_CONSTRAINT_PRIMARYKEY (1555)
    return this == SQLITE && (e.getErrorCode() == 2067 || e.getErrorCode() == 1555
        || (e.getErrorCode() == 19 && String.valueOf(e.getMessage()).contains("UNIQUE")));
  }
}
