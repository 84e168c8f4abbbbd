package dev.jtune.cli;

import dev.jtune.cli.config.StorageUrlForms;
import dev.jtune.storage.StorageException;
import dev.jtune.storage.jdbc.JdbcStorage;
import dev.jtune.storage.jdbc.JdbcStorageConfig;
import dev.jtune.storage.jdbc.SchemaRevision;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Opens the storage a {@code --storage} URL names: {@code jdbc:sqlite:FILE} (a bare path ending in
 * {@code .db}, {@code .sqlite} or {@code .sqlite3} means the same) or
 * {@code jdbc:postgresql://HOST:PORT/DB?user=U&password=P}. Running trials send heartbeats, so a
 * trial whose worker was killed (SIGKILL, a lost machine) is failed by the other workers after
 * {@link #GRACE}. A new database gets Optuna's schema at alembic revision {@code v3.2.0.a}, which
 * Optuna 3.2 and later open; the environment variable {@value #REVISION_VARIABLE}{@code =v3.0.0.d}
 * makes it the revision Optuna 3.0 and 3.1 require instead (jtune reads both).
 */
final class StorageUrls {
  /** Running trials beat this often, so that a worker that dies is noticed... */
  static final Duration HEARTBEAT = Duration.ofSeconds(5);
  /** ...and its trials are failed by any other worker after this much silence. */
  static final Duration GRACE = Duration.ofSeconds(30);
  /** The environment variable naming the schema revision of new databases. */
  static final String REVISION_VARIABLE = "JTUNE_SCHEMA_REVISION";
  /** How long a PostgreSQL server may take to accept the first connection. */
  private static final int CONNECT_SECONDS = 5;

  private StorageUrls() {}

  /** {@code url} as messages show it: any password replaced by {@code ***}. */
  static String shown(String url) {
    return JdbcStorageConfig.redacted(url);
  }

  /** The JDBC URL for what the user typed. */
  static String normalize(String url) {
    if (url == null || url.isBlank()) {
      throw new CliException(ExitCode.USAGE, "a storage URL is needed, e.g. --storage "
          + "jdbc:sqlite:study.db");
    }
    return StorageUrlForms.jdbcUrl(url).orElseThrow(() -> new CliException(ExitCode.USAGE,
        "storage URL '" + shown(url) + "' is not supported; use jdbc:sqlite:FILE (or "
            + "sqlite:///FILE) or "
            + "jdbc:postgresql://HOST:PORT/DB"));
  }

  /**
   * Checks, without opening anything, that {@code url} names a storage jtune can open: a supported
   * URL, and for SQLite a file (an in-memory database cannot be shared by a pool).
   *
   * @throws CliException with {@link ExitCode#USAGE} naming the URL
   */
  static void checkForm(String url) {
    String jdbc = normalize(url);
    try {
      if (jdbc.startsWith("jdbc:sqlite:") && JdbcStorageConfig.of(jdbc).sqliteFile().isEmpty()) {
        throw new CliException(ExitCode.USAGE, "storage " + shown(jdbc) + " is an in-memory "
            + "SQLite database, which a study cannot keep; use a file (jdbc:sqlite:study.db)");
      }
    } catch (IllegalArgumentException e) {
      throw new CliException(ExitCode.USAGE, e.getMessage(), e);
    }
  }

  /**
   * Opens the storage. With {@code create} false a SQLite file must already exist (so a typo in a
   * read-only command does not leave an empty database behind), and a database without Optuna's
   * tables is refused unchanged (so pointing a command at another application's database does not
   * add tables to it).
   *
   * @throws CliException with {@link ExitCode#STORAGE} naming the URL or path when it cannot be
   *     opened, {@link ExitCode#USAGE} for an unsupported URL
   */
  static JdbcStorage open(String url, boolean create) {
    return open(url, create, System.getenv(REVISION_VARIABLE));
  }

  /** {@link #open(String, boolean)} with new databases at {@code revision} (null: the default). */
  static JdbcStorage open(String url, boolean create, String revision) {
    String jdbc = normalize(url);
    // read only when a database may be made: commands that only read never mind the variable
    SchemaRevision newRevision = !create || revision == null || revision.isBlank()
        ? SchemaRevision.V3_2_0_A
        : SchemaRevision.ofAlembicId(revision.trim()).orElseThrow(() -> new CliException(
            ExitCode.USAGE, REVISION_VARIABLE + "=" + revision + " is not a schema revision jtune "
                + "writes: v3.0.0.d (for Optuna 3.0 and 3.1) or v3.2.0.a (Optuna 3.2 and later)"));
    Optional<Path> file;
    try {
      file = JdbcStorageConfig.of(jdbc).sqliteFile();
    } catch (IllegalArgumentException e) {
      throw new CliException(ExitCode.USAGE, e.getMessage(), e);
    }
    if (file.isPresent() && !create && !Files.isRegularFile(file.get())) {
      throw new CliException(ExitCode.STORAGE, "no SQLite database at " + file.get() + " (from "
          + shown(jdbc) + ")");
    }
    Path parent = file.map(Path::getParent).orElse(null);
    if (create && parent != null && !Files.isDirectory(parent)) {
      throw new CliException(ExitCode.STORAGE, "cannot create the SQLite database " + file.get()
          + ": the directory " + parent + " does not exist");
    }
    if (create && parent != null && !Files.exists(file.get()) && !Files.isWritable(parent)) {
      throw new CliException(ExitCode.STORAGE, "cannot create the SQLite database " + file.get()
          + ": the directory " + parent + " is not writable");
    }
    try {
      if (jdbc.startsWith("jdbc:postgresql:")) {
        // one plain connection first: an unreachable server fails at once, not after the
        // storage's retries of a pool's connection timeout
        reachable(jdbc);
      }
      return JdbcStorage.open(JdbcStorageConfig.of(jdbc).withHeartbeat(HEARTBEAT, GRACE)
          .withSchemaCreation(create).withNewSchemaRevision(newRevision));
    } catch (StorageException e) {
      throw new CliException(ExitCode.STORAGE, "storage " + shown(jdbc) + " cannot be opened: "
          + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new CliException(ExitCode.USAGE, e.getMessage(), e);
    }
  }

  /**
   * One plain connection to a PostgreSQL server before any pool: a server that refuses it, a host
   * that does not resolve or a wrong password fails at once (a pool waits out its connection
   * timeout first), and one that does not answer within {@link #CONNECT_SECONDS}.
   */
  private static void reachable(String jdbc) {
    java.util.Properties props = new java.util.Properties();
    props.setProperty("connectTimeout", Integer.toString(CONNECT_SECONDS));
    props.setProperty("loginTimeout", Integer.toString(CONNECT_SECONDS));
    try (java.sql.Connection c = java.sql.DriverManager.getConnection(jdbc, props)) {
      // reached
    } catch (java.sql.SQLException e) {
      throw new CliException(ExitCode.STORAGE, "storage " + shown(jdbc) + " cannot be opened: "
          + shown(String.valueOf(e.getMessage())), e);
    }
  }
}
