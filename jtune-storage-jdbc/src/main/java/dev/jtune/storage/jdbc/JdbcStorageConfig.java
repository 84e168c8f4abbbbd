package dev.jtune.storage.jdbc;

import dev.jtune.storage.FailedTrialCallback;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How a {@link JdbcStorage} connects, retries and watches running trials.
 *
 * @param url {@code jdbc:sqlite:path/to/study.db} or {@code jdbc:postgresql://host:port/db}
 *     (credentials as URL parameters, e.g. {@code ?user=u&password=p})
 * @param poolSize the most connections held open at once ({@code >= 1})
 * @param maxRetries how many times a transaction that failed for a transient reason (serialization
 *     failure, deadlock, busy file, dropped connection) is tried again ({@code >= 0})
 * @param initialBackoff the wait before the first retry; doubled for each further one (capped at
 *     five seconds) with random jitter
 * @param heartbeatInterval how often a running trial records a heartbeat; {@link Duration#ZERO}
 *     turns heartbeats off (the default, as in Optuna)
 * @param gracePeriod how old a running trial's last heartbeat may be before any worker fails it;
 *     must exceed {@code heartbeatInterval} when heartbeats are on
 * @param newSchemaRevision the revision written into a new database
 * @param failedTrialCallback what to do after a stale trial was failed, e.g. a
 *     {@link dev.jtune.storage.RetryFailedTrialCallback}; only used with heartbeats on
 * @param durability which commits wait for the disk
 * @param createSchema whether a database without Optuna's tables gets them; when {@code false},
 *     opening such a database fails and leaves it unchanged (for tools that only read or attach
 *     to existing studies)
 */
public record JdbcStorageConfig(
    String url,
    int poolSize,
    int maxRetries,
    Duration initialBackoff,
    Duration heartbeatInterval,
    Duration gracePeriod,
    SchemaRevision newSchemaRevision,
    FailedTrialCallback failedTrialCallback,
    Durability durability,
    boolean createSchema) {

  private static final int DEFAULT_POOL_SIZE = 8;
  private static final int DEFAULT_MAX_RETRIES = 10;
  private static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(20);

  public JdbcStorageConfig {
    Objects.requireNonNull(url, "url");
    SqlDialect.of(url);
    if (poolSize < 1) {
      throw new IllegalArgumentException("poolSize must be >= 1, got poolSize=" + poolSize);
    }
    if (maxRetries < 0) {
      throw new IllegalArgumentException("maxRetries must be >= 0, got maxRetries=" + maxRetries);
    }
    Objects.requireNonNull(initialBackoff, "initialBackoff");
    Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
    Objects.requireNonNull(gracePeriod, "gracePeriod");
    Objects.requireNonNull(newSchemaRevision, "newSchemaRevision");
    Objects.requireNonNull(failedTrialCallback, "failedTrialCallback");
    Objects.requireNonNull(durability, "durability");
    if (initialBackoff.isNegative() || heartbeatInterval.isNegative() || gracePeriod.isNegative()) {
      throw new IllegalArgumentException("durations must not be negative, got initialBackoff="
          + initialBackoff + ", heartbeatInterval=" + heartbeatInterval + ", gracePeriod=" + gracePeriod);
    }
    if (!heartbeatInterval.isZero() && gracePeriod.compareTo(heartbeatInterval) <= 0) {
      throw new IllegalArgumentException("gracePeriod=" + gracePeriod
          + " must be longer than heartbeatInterval=" + heartbeatInterval);
    }
  }

  /**
   * The defaults for a URL: 8 connections, 10 retries from 20 ms, no heartbeats, revision
   * v3.2.0.a, {@link Durability#FINISHED_TRIALS}, tables created in a database without them.
   */
  public static JdbcStorageConfig of(String url) {
    return new JdbcStorageConfig(url, DEFAULT_POOL_SIZE, DEFAULT_MAX_RETRIES,
        DEFAULT_INITIAL_BACKOFF, Duration.ZERO, Duration.ZERO, SchemaRevision.V3_2_0_A,
        FailedTrialCallback.none(), Durability.FINISHED_TRIALS, true);
  }

  /** A copy with another pool size. */
  public JdbcStorageConfig withPoolSize(int poolSize) {
    return new JdbcStorageConfig(url, poolSize, maxRetries, initialBackoff, heartbeatInterval,
        gracePeriod, newSchemaRevision, failedTrialCallback, durability, createSchema);
  }

  /** A copy with another retry policy. */
  public JdbcStorageConfig withRetries(int maxRetries, Duration initialBackoff) {
    return new JdbcStorageConfig(url, poolSize, maxRetries, initialBackoff, heartbeatInterval,
        gracePeriod, newSchemaRevision, failedTrialCallback, durability, createSchema);
  }

  /** A copy with heartbeats every {@code interval}, failing trials silent for {@code grace}. */
  public JdbcStorageConfig withHeartbeat(Duration interval, Duration grace) {
    return new JdbcStorageConfig(url, poolSize, maxRetries, initialBackoff, interval, grace,
        newSchemaRevision, failedTrialCallback, durability, createSchema);
  }

  /** A copy that creates new databases at another revision (v3.0.0.d for Optuna 3.0 and 3.1). */
  public JdbcStorageConfig withNewSchemaRevision(SchemaRevision revision) {
    return new JdbcStorageConfig(url, poolSize, maxRetries, initialBackoff, heartbeatInterval,
        gracePeriod, revision, failedTrialCallback, durability, createSchema);
  }

  /** A copy that calls {@code callback} after failing a stale trial. */
  public JdbcStorageConfig withFailedTrialCallback(FailedTrialCallback callback) {
    return new JdbcStorageConfig(url, poolSize, maxRetries, initialBackoff, heartbeatInterval,
        gracePeriod, newSchemaRevision, callback, durability, createSchema);
  }

  /** A copy with another durability. */
  public JdbcStorageConfig withDurability(Durability durability) {
    return new JdbcStorageConfig(url, poolSize, maxRetries, initialBackoff, heartbeatInterval,
        gracePeriod, newSchemaRevision, failedTrialCallback, durability, createSchema);
  }

  /**
   * A copy that creates Optuna's tables in a database without them ({@code true}, the default), or
   * refuses such a database and leaves it unchanged ({@code false}).
   */
  public JdbcStorageConfig withSchemaCreation(boolean createSchema) {
    return new JdbcStorageConfig(url, poolSize, maxRetries, initialBackoff, heartbeatInterval,
        gracePeriod, newSchemaRevision, failedTrialCallback, durability, createSchema);
  }

  /**
   * The URL as messages and logs show it: a password in its parameters ({@code password=...}) or
   * its user information ({@code //user:secret@host}) replaced by {@code ***}.
   */
  public String displayUrl() {
    return redacted(url);
  }

  /**
   * {@code url} with any password replaced by {@code ***}; see {@link #displayUrl()}. Also safe on
   * a text that holds a URL among other words.
   */
  public static String redacted(String url) {
    if (url == null) {
      return null;
    }
    // stops at quotes and blanks too, so that a URL inside other text (a YAML line) is cut right
    // any parameter whose name ends in "password" (password, sslpassword), up to the next '&'
    // (the PostgreSQL driver's only separator); user information up to the last '@' of the
    // authority, since a password may hold '@'
    return url.replaceAll("(?i)((?:^|[?&;])[a-z0-9_.-]*password=)[^&\\s\"']*", "$1***")
        .replaceAll("(//[^/?#@:\\s\"']*:)[^/?#\\s\"']*@", "$1***@");
  }

  /**
   * The database file a SQLite URL names, absolute: {@code jdbc:sqlite:PATH} or a {@code file:} URI
   * ({@code file:PATH}, {@code file:///PATH}, percent-escapes decoded), parameters after {@code ?}
   * ignored. Empty for PostgreSQL and for an in-memory SQLite database.
   */
  public Optional<Path> sqliteFile() {
    if (SqlDialect.of(url) != SqlDialect.SQLITE) {
      return Optional.empty();
    }
    String path = url.substring("jdbc:sqlite:".length());
    int query = path.indexOf('?');
    String parameters = query >= 0 ? path.substring(query + 1) : "";
    if (query >= 0) {
      path = path.substring(0, query);
    }
    if (path.startsWith("file:")) {
      if (parameters.contains("mode=memory")) {
        return Optional.empty();
      }
      path = path.substring("file:".length());
      if (path.startsWith("//")) {
        path = path.substring(2); // file:///abs/path, or file://localhost/abs/path
        path = path.startsWith("localhost/") ? path.substring("localhost".length()) : path;
      }
      path = URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
    if (path.isEmpty() || path.startsWith(":memory:")) {
      return Optional.empty();
    }
    return Optional.of(Path.of(path).toAbsolutePath());
  }

  /** Whether running trials send heartbeats. */
  public boolean heartbeatEnabled() {
    return !heartbeatInterval.isZero();
  }
}
