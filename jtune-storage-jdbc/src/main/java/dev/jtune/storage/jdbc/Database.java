package dev.jtune.storage.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.jtune.storage.StorageException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connection pool and the two ways to use it: a read (autocommit, each statement sees the latest
 * committed data) and a transaction (all or nothing). Both retry transient failures with
 * exponential backoff and jitter, logging each retry, and wrap what is left in a
 * {@link StorageException} that names the database URL and what was being done.
 *
 * <p>SQLite runs in WAL mode with every transaction {@code BEGIN IMMEDIATE}, so a writer takes the
 * file's write lock before it reads; that makes read-then-write transactions atomic across
 * processes. PostgreSQL sends strings untyped so that they fit Optuna's enum columns.
 */
final class Database implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Database.class);
  private static final long MAX_BACKOFF_MILLIS = 5_000;

  /** Work done on a connection; {@code attempt} is 0 the first time, then counts retries. */
  @FunctionalInterface
  interface Work<T> {
    T run(Connection connection, int attempt) throws SQLException;
  }

  private final JdbcStorageConfig config;
  private final SqlDialect dialect;
  private final HikariDataSource pool;
  /** The pool for commits that must wait for the disk; {@link #pool} unless they differ. */
  private final HikariDataSource durablePool;

  /** The SQLite database file, or {@code null} (PostgreSQL, an in-memory or URI database). */
  private final Path sqliteFile;
  /** The file's identity (device and inode) once it exists; {@code null} before, or if unknown. */
  private volatile Object sqliteFileKey;

  Database(JdbcStorageConfig config) {
    this.config = config;
    this.dialect = SqlDialect.of(config.url());
    this.sqliteFile = config.sqliteFile().orElse(null);
    if (dialect == SqlDialect.SQLITE && sqliteFile == null) {
      // each pooled connection would open its own empty database, and a retired one takes its
      // data with it
      throw new IllegalArgumentException("an in-memory SQLite database (" + config.displayUrl()
          + ") lives in one connection, and the storage pools several: use a file "
          + "(jdbc:sqlite:study.db), or InMemoryStorage for a study kept in memory");
    }
    if (sqliteFile != null) {
      if (Files.isDirectory(sqliteFile)) {
        throw new StorageException("cannot open " + config.displayUrl() + ": " + sqliteFile
            + " is a directory, not a SQLite database file");
      }
      checkSqliteHeader(sqliteFile, config.displayUrl());
      if (!config.createSchema()) {
        Schema.requireSqliteTables(sqliteFile, config.displayUrl());
      }
      createParentDirectory(sqliteFile, config.displayUrl());
    }
    boolean split = dialect == SqlDialect.POSTGRESQL
        && config.durability() == Durability.FINISHED_TRIALS;
    this.pool = pool(config.poolSize(), "", config.durability() == Durability.FULL);
    this.durablePool = split ? pool(Math.min(2, config.poolSize()), "-durable", true) : pool;
  }

  /**
   * A pool; on PostgreSQL its sessions either wait for the disk at every commit or never do, so
   * that choosing the pool chooses the durability without a statement per transaction.
   */
  private HikariDataSource pool(int size, String suffix, boolean synchronous) {
    HikariConfig hikari = new HikariConfig();
    hikari.setJdbcUrl(config.url());
    hikari.setMaximumPoolSize(size);
    hikari.setMinimumIdle(Math.min(2, size));
    hikari.setPoolName("jtune-" + dialect.name().toLowerCase(java.util.Locale.ROOT) + suffix);
    hikari.setConnectionTimeout(5_000); // then the retry policy takes over
    hikari.setInitializationFailTimeout(-1);
    if (dialect == SqlDialect.SQLITE) {
      hikari.addDataSourceProperty("journal_mode", "WAL");
      hikari.addDataSourceProperty("synchronous", synchronous ? "FULL" : "NORMAL");
      hikari.addDataSourceProperty("busy_timeout", "30000");
      hikari.addDataSourceProperty("transaction_mode", "IMMEDIATE");
    } else {
      hikari.addDataSourceProperty("stringtype", "unspecified");
      hikari.addDataSourceProperty("reWriteBatchedInserts", "true");
      if (!synchronous) {
        hikari.setConnectionInitSql("SET synchronous_commit TO OFF");
      }
    }
    return new HikariDataSource(hikari);
  }

  SqlDialect dialect() {
    return dialect;
  }

  /** The URL for messages (any password hidden). */
  String url() {
    return config.displayUrl();
  }

  /** Runs work in autocommit mode: each statement is its own transaction. */
  <T> T read(String what, Work<T> work) {
    return withRetries(pool, what, false, false, work);
  }

  /**
   * Runs work in one transaction, committed if it returns and rolled back if it throws. With
   * {@link Durability#FINISHED_TRIALS} or {@link Durability#ASYNC} on PostgreSQL the commit does not
   * wait for the disk. A failed attempt runs the work again: it must be safe to repeat after a
   * commit that took effect though its reply was lost (else use {@link #transactionOnce}).
   */
  <T> T transaction(String what, Work<T> work) {
    return withRetries(pool, what, true, false, work);
  }

  /**
   * Like {@link #transaction}, for work that must take effect once (creating a study or trial,
   * claiming a trial): on PostgreSQL, a {@code COMMIT} whose reply was lost with the connection
   * is resolved by asking the server what became of the transaction ({@link LostCommit}, one more
   * round trip per transaction) instead of by running the work again.
   */
  <T> T transactionOnce(String what, Work<T> work) {
    return withRetries(pool, what, true, true, work);
  }

  /** Like {@link #transaction}, but the commit waits for the disk unless the durability is ASYNC. */
  <T> T durable(String what, Work<T> work) {
    return withRetries(durablePool, what, true, false, work);
  }

  /** Like {@link #transactionOnce}, but the commit waits for the disk as {@link #durable}'s. */
  <T> T durableOnce(String what, Work<T> work) {
    return withRetries(durablePool, what, true, true, work);
  }

  /** Like {@link #read}, but each commit waits for the disk unless the durability is ASYNC. */
  <T> T durableStatements(String what, Work<T> work) {
    return withRetries(durablePool, what, false, false, work);
  }

  private <T> T withRetries(HikariDataSource source, String what, boolean transactional,
      boolean once, Work<T> work) {
    checkFileIsStillThere(what);
    T result = retrying(source, what, transactional, once && dialect == SqlDialect.POSTGRESQL,
        work);
    if (sqliteFile != null && sqliteFileKey == null) {
      // the operation that created the file (the schema, on a new database): from now on the
      // path must keep holding it
      sqliteFileKey = fileKey();
    }
    return result;
  }

  /** {@code resolveLostCommit}: see {@link #transactionOnce}. */
  private <T> T retrying(HikariDataSource source, String what, boolean transactional,
      boolean resolveLostCommit, Work<T> work) {
    LostCommit<T> lost = null;
    for (int attempt = 0; ; attempt++) {
      try (Connection c = source.getConnection()) {
        if (lost != null) {
          lost = lost.asking();
          if (lost.committed(c, what, config.displayUrl())) {
            return lost.result();
          }
          lost = null; // it was rolled back: run the work again
        }
        if (!transactional) {
          return work.run(c, attempt);
        }
        c.setAutoCommit(false);
        try {
          T result = work.run(c, attempt);
          long xid = resolveLostCommit ? LostCommit.currentTransaction(c) : -1;
          try {
            c.commit();
          } catch (SQLException e) {
            if (xid >= 0 && LostCommit.isConnectionLoss(e)) {
              lost = new LostCommit<>(xid, result, false);
            }
            throw e;
          }
          return result;
        } catch (SQLException | RuntimeException | Error e) {
          rollbackQuietly(c);
          throw e;
        } finally {
          resetQuietly(c);
        }
      } catch (SQLException e) {
        // a commit whose reply was just lost gets one more attempt, to ask the server about it,
        // whatever the retries left
        boolean askAboutLost = lost != null && !lost.asked();
        if (!dialect.isTransient(e) || (attempt >= config.maxRetries() && !askAboutLost)) {
          throw lost == null ? failure(what, e) : new StorageException(what + " on "
              + config.displayUrl() + ": the connection was lost during its COMMIT and whether it "
              + "took effect could not be learned: " + e.getMessage(), e);
        }
        long backoff = backoffMillis(attempt);
        LOG.warn("{} on {} failed ({}: {}); retry {} of {} in {} ms", what, config.displayUrl(),
            e.getSQLState(), e.getMessage(), attempt + 1, config.maxRetries(), backoff);
        sleep(backoff, what);
      }
    }
  }

  /** The exception for a failure that is not retried: names the database and the operation. */
  StorageException failure(String what, SQLException e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String cause = root == e || root.getMessage() == null ? "" : " (" + root.getMessage() + ")";
    return new StorageException(what + " failed on " + config.displayUrl() + ": " + e.getMessage()
        + cause + (e.getSQLState() == null ? "" : " (SQLState " + e.getSQLState() + ")"), e);
  }

  private long backoffMillis(int attempt) {
    long base = Math.min(MAX_BACKOFF_MILLIS,
        config.initialBackoff().toMillis() << Math.min(attempt, 20));
    return base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1);
  }

  private void sleep(long millis, String what) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StorageException("interrupted while retrying " + what + " on "
          + config.displayUrl(), e);
    }
  }

  private static void rollbackQuietly(Connection c) {
    try {
      c.rollback();
    } catch (SQLException e) {
      LOG.debug("rollback failed", e);
    }
  }

  private static void resetQuietly(Connection c) {
    try {
      c.setAutoCommit(true);
    } catch (SQLException e) {
      LOG.debug("could not reset autocommit", e);
    }
  }

  /**
   * SQLite does not notice that its open file was deleted or replaced (it goes on writing to the
   * unlinked file, and a second process then creates an empty database at the path): everything
   * written since would be lost without a word. So every operation first checks that the path
   * still holds the file it had. A stat call, microseconds.
   */
  private void checkFileIsStillThere(String what) {
    if (sqliteFile == null) {
      return;
    }
    Object key = fileKey();
    Object known = sqliteFileKey;
    if (known == null) {
      sqliteFileKey = key; // null for a new database: the first operation creates the file
    } else if (!known.equals(key)) {
      throw new StorageException(what + " refused on " + config.displayUrl()
          + ": the database file " + sqliteFile + " was " + (key == null ? "deleted" : "replaced")
          + " while this storage had it open, so what it wrote since is not in the file at that "
          + "path; open the storage again");
    }
  }

  /** The SQLite file's identity (inode where the file system has one), or null when missing. */
  private Object fileKey() {
    try {
      BasicFileAttributes attributes = Files.readAttributes(sqliteFile, BasicFileAttributes.class);
      return attributes.fileKey() != null ? attributes.fileKey() : Boolean.TRUE;
    } catch (IOException e) {
      return null; // missing (or unreadable: the connection will say)
    }
  }

  /** The first 16 bytes of every SQLite 3 database file. */
  private static final byte[] SQLITE_HEADER = "SQLite format 3\0".getBytes(
      StandardCharsets.US_ASCII);

  /**
   * Refuses at once an existing file that is not a SQLite database, which the driver would only
   * report after a connection timeout. A missing or empty file is a new database, and a first
   * page still all zeros is one that another process is creating.
   */
  private static void checkSqliteHeader(Path file, String url) {
    byte[] start;
    try (InputStream in = Files.newInputStream(file)) {
      start = in.readNBytes(SQLITE_HEADER.length);
    } catch (NoSuchFileException e) {
      return;
    } catch (IOException e) {
      throw new StorageException("cannot open " + url + ": cannot read " + file + ": " + e, e);
    }
    boolean zeros = true;
    for (byte b : start) {
      zeros &= b == 0;
    }
    if (start.length > 0 && !zeros && !Arrays.equals(start, SQLITE_HEADER)) {
      String shown = new String(start, StandardCharsets.ISO_8859_1)
          .replaceAll("[^\\x20-\\x7e]", "?");
      throw new StorageException("cannot open " + url + ": " + file + " is not a SQLite "
          + "database (it starts with \"" + shown + "\", not \"SQLite format 3\")");
    }
  }

  private static void createParentDirectory(Path file, String url) {
    Path parent = file.getParent();
    try {
      if (parent != null) {
        Files.createDirectories(parent);
      }
    } catch (IOException e) {
      throw new StorageException("cannot create the directory " + parent + " for " + url, e);
    }
  }

  @Override
  public void close() {
    if (durablePool != pool) {
      durablePool.close();
    }
    pool.close();
  }
}
