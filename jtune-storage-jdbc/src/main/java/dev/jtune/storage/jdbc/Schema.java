package dev.jtune.storage.jdbc;

import dev.jtune.storage.StorageException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.sqlite.SQLiteConfig;

/**
 * Creates Optuna's tables in an empty database, or checks that an existing one has a schema jtune
 * understands: version 12 at alembic revision {@code v3.0.0.d} or {@code v3.2.0.a}. Anything else
 * is refused with a message naming the database and what it holds; jtune never migrates.
 */
final class Schema {
  /** Written to {@code version_info.library_version}; Optuna only shows it in messages. */
  static final String LIBRARY_VERSION = "jtune-0.1.0";

  private Schema() {}

  /**
   * Ensures the schema exists, creating it at {@code forNew} in a database without Optuna's tables
   * if {@code create}; returns the database's revision.
   *
   * @throws StorageException naming the URL if the database holds an unknown or newer schema, or
   *     has no Optuna tables and {@code create} is false (nothing is written then)
   */
  static SchemaRevision ensure(Database db, SchemaRevision forNew, boolean create) {
    return db.transaction("opening the schema", (c, attempt) -> {
      if (db.dialect() == SqlDialect.POSTGRESQL) {
        try (Statement s = c.createStatement()) {
          s.execute("SELECT pg_advisory_xact_lock(7237158241)"); // one creator at a time
        }
      }
      if (!tableExists(c, "version_info")) {
        if (tableExists(c, "studies") || tableExists(c, "trials")) {
          throw new StorageException("database " + db.url() + " has tables 'studies' or 'trials'"
              + " but no 'version_info': it is not an Optuna RDB storage jtune can use");
        }
        if (!create) {
          throw noTables(db.url());
        }
        create(c, db.dialect(), forNew);
        return forNew;
      }
      return check(c, db.url());
    });
  }

  /**
   * Before a storage that must not create the schema opens a SQLite file (its connections switch
   * the file to WAL mode, a write): refuses, through a read-only connection, a file that is
   * missing, empty or without Optuna's {@code version_info} table, so that it is left as it was.
   *
   * @throws StorageException naming the URL
   */
  static void requireSqliteTables(Path file, String url) {
    try {
      if (!Files.isRegularFile(file) || Files.size(file) == 0) {
        throw noTables(url);
      }
    } catch (IOException e) {
      throw new StorageException("cannot open " + url + ": cannot read " + file + ": " + e, e);
    }
    SQLiteConfig readOnly = new SQLiteConfig();
    readOnly.setReadOnly(true);
    readOnly.setBusyTimeout(30_000); // as the storage's own connections wait for a writer
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file,
        readOnly.toProperties())) {
      if (!tableExists(c, "version_info")) {
        throw noTables(url);
      }
    } catch (SQLException e) {
      throw new StorageException("cannot open " + url + ": " + e.getMessage(), e);
    }
  }

  private static StorageException noTables(String url) {
    return new StorageException("database " + url + " has no Optuna tables (no 'version_info'),"
        + " so it holds no studies; it was left unchanged");
  }

  private static SchemaRevision check(Connection c, String url) throws SQLException {
    int version;
    String library;
    try (Statement s = c.createStatement();
         ResultSet rs = s.executeQuery(
             "SELECT schema_version, library_version FROM version_info WHERE version_info_id = 1")) {
      if (!rs.next()) {
        throw new StorageException("database " + url + " has an empty version_info table");
      }
      version = rs.getInt(1);
      library = rs.getString(2);
    }
    if (version != SchemaRevision.SCHEMA_VERSION) {
      throw new StorageException("database " + url + " has Optuna schema version " + version
          + " (written by " + library + "); jtune reads only schema version "
          + SchemaRevision.SCHEMA_VERSION + " (alembic revisions v3.0.0.d and v3.2.0.a)");
    }
    Optional<String> alembic = Optional.empty();
    if (tableExists(c, "alembic_version")) {
      try (Statement s = c.createStatement();
           ResultSet rs = s.executeQuery("SELECT version_num FROM alembic_version")) {
        if (rs.next()) {
          alembic = Optional.of(rs.getString(1));
        }
      }
    }
    String revision = alembic.orElseThrow(() -> new StorageException("database " + url
        + " has no alembic revision; jtune reads revisions v3.0.0.d and v3.2.0.a"));
    return SchemaRevision.ofAlembicId(revision).orElseThrow(() -> new StorageException(
        "database " + url + " is at Optuna schema revision '" + revision + "' (written by "
            + library + "), which this jtune does not know; it reads revisions v3.0.0.d and"
            + " v3.2.0.a. A newer Optuna may have upgraded it."));
  }

  private static void create(Connection c, SqlDialect dialect, SchemaRevision revision)
      throws SQLException {
    try (Statement s = c.createStatement()) {
      for (String ddl : statements(dialect.ddlResource())) {
        s.execute(ddl);
      }
      if (revision == SchemaRevision.V3_2_0_A) {
        s.execute("CREATE INDEX ix_trials_study_id ON trials (study_id)");
      }
    }
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO version_info"
        + " (version_info_id, schema_version, library_version) VALUES (1, ?, ?)")) {
      ps.setInt(1, SchemaRevision.SCHEMA_VERSION);
      ps.setString(2, LIBRARY_VERSION);
      ps.executeUpdate();
    }
    try (PreparedStatement ps =
             c.prepareStatement("INSERT INTO alembic_version (version_num) VALUES (?)")) {
      ps.setString(1, revision.alembicId());
      ps.executeUpdate();
    }
  }

  private static boolean tableExists(Connection c, String table) throws SQLException {
    DatabaseMetaData meta = c.getMetaData();
    String schema = c.getSchema();
    for (String name : List.of(table, table.toUpperCase(Locale.ROOT))) {
      try (ResultSet rs = meta.getTables(null, schema, name, new String[] {"TABLE"})) {
        if (rs.next()) {
          return true;
        }
      }
    }
    return false;
  }

  private static List<String> statements(String resource) {
    try (InputStream in = Schema.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      List<String> out = new ArrayList<>();
      for (String part : text.split(";")) {
        if (!part.isBlank()) {
          out.add(part.strip());
        }
      }
      return out;
    } catch (IOException e) {
      throw new IllegalStateException("cannot read resource " + resource, e);
    }
  }
}
