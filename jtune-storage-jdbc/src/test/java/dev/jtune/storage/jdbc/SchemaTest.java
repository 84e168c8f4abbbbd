package dev.jtune.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jtune.storage.StorageException;
import dev.jtune.storage.StudyId;
import dev.jtune.trial.FrozenTrial;
import dev.jtune.trial.TrialState;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Creating, recognizing and refusing schemas; errors that name the database. */
class SchemaTest {
  @TempDir
  Path dir;

  private String copyOfSnapshot(String name) throws Exception {
    Path db = dir.resolve(name);
    try (InputStream in = getClass().getResourceAsStream("/db/snapshots/" + name)) {
      Files.copy(in, db);
    }
    return "jdbc:sqlite:" + db;
  }

  private static void sql(String url, String... statements) throws Exception {
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      for (String statement : statements) {
        s.execute(statement);
      }
    }
  }

  @Test
  void createsNewDatabasesAtTheConfiguredRevision() throws Exception {
    String url = "jdbc:sqlite:" + dir.resolve("sub/dir/new.db");
    try (JdbcStorage storage = JdbcStorage.open(url)) {
      assertThat(storage.schemaRevision()).isEqualTo(SchemaRevision.V3_2_0_A);
    }
    try (JdbcStorage again = JdbcStorage.open(url)) {
      assertThat(again.schemaRevision()).isEqualTo(SchemaRevision.V3_2_0_A);
    }
    String old = "jdbc:sqlite:" + dir.resolve("old.db");
    try (JdbcStorage storage = JdbcStorage.open(
        JdbcStorageConfig.of(old).withNewSchemaRevision(SchemaRevision.V3_0_0_D))) {
      assertThat(storage.schemaRevision()).isEqualTo(SchemaRevision.V3_0_0_D);
    }
  }

  /** A study Optuna 3.1.0 wrote (snapshot kept in test resources), read without Python. */
  @Test
  void withoutSchemaCreationAnotherApplicationsDatabaseIsRefusedUnchanged() throws Exception {
    String url = "jdbc:sqlite:" + dir.resolve("app.db");
    sql(url, "CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)");
    byte[] before = Files.readAllBytes(dir.resolve("app.db"));
    assertThatThrownBy(() -> JdbcStorage.open(JdbcStorageConfig.of(url)
        .withSchemaCreation(false))).isInstanceOf(StorageException.class)
        .hasMessageContaining(url).hasMessageContaining("no Optuna tables")
        .hasMessageContaining("left unchanged");
    List<String> tables = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery(
             "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")) {
      while (rs.next()) {
        tables.add(rs.getString(1));
      }
    }
    assertThat(tables).containsExactly("customers");
    // the same file named by a URI
    String uri = "jdbc:sqlite:file:" + dir.resolve("app.db") + "?cache=private";
    assertThatThrownBy(() -> JdbcStorage.open(JdbcStorageConfig.of(uri)
        .withSchemaCreation(false))).hasMessageContaining("no Optuna tables");
    assertThat(Files.readAllBytes(dir.resolve("app.db"))).isEqualTo(before);
    assertThat(dir.resolve("app.db-wal")).doesNotExist();
    String missing = "jdbc:sqlite:" + dir.resolve("missing.db");
    assertThatThrownBy(() -> JdbcStorage.open(JdbcStorageConfig.of(missing)
        .withSchemaCreation(false))).hasMessageContaining("no Optuna tables");
    assertThat(dir.resolve("missing.db")).doesNotExist();
    // an existing storage opens as before
    String jtune = "jdbc:sqlite:" + dir.resolve("jtune.db");
    JdbcStorage.open(jtune).close();
    try (JdbcStorage storage = JdbcStorage.open(JdbcStorageConfig.of(jtune)
        .withSchemaCreation(false))) {
      assertThat(storage.schemaRevision()).isEqualTo(SchemaRevision.V3_2_0_A);
    }
    try (JdbcStorage storage = JdbcStorage.open(JdbcStorageConfig.of(
        "jdbc:sqlite:file://" + dir.resolve("jtune.db")).withSchemaCreation(false))) {
      assertThat(storage.studies()).isEmpty();
    }
  }

  /** A study Optuna left with direction NOT_SET does not hide the others. */
  @Test
  void aStudyWithDirectionNotSetIsLeftOutOfTheListAndRefusedByName() throws Exception {
    Path db = dir.resolve("notset.db");
    StudyId broken;
    try (JdbcStorage storage = JdbcStorage.open("jdbc:sqlite:" + db)) {
      storage.createStudy("good", List.of(dev.jtune.study.StudyDirection.MINIMIZE));
      broken = storage.createStudy("broken", List.of(dev.jtune.study.StudyDirection.MINIMIZE));
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement st = c.createStatement()) {
      st.executeUpdate("UPDATE study_directions SET direction = 'NOT_SET' WHERE study_id = "
          + broken.value());
    }
    try (JdbcStorage storage = JdbcStorage.open("jdbc:sqlite:" + db)) {
      assertThat(storage.studies()).extracting(dev.jtune.storage.StudyRecord::name)
          .containsExactly("good");
      assertThatThrownBy(() -> storage.study(broken))
          .hasMessageContaining("('broken') has an objective with direction NOT_SET");
    }
  }

  @Test
  void anInMemorySqliteDatabaseIsRefused() {
    for (String url : List.of("jdbc:sqlite::memory:", "jdbc:sqlite:",
        "jdbc:sqlite:file:x?mode=memory&cache=shared")) {
      assertThatThrownBy(() -> JdbcStorage.open(url)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("in-memory SQLite database (" + url + ")")
          .hasMessageContaining("InMemoryStorage");
    }
  }

  @Test
  void urlsShownInMessagesHideThePassword() {
    assertThat(JdbcStorageConfig.of("jdbc:postgresql://h:5432/db?user=alice&password=s3cret&ssl=1")
        .displayUrl()).isEqualTo("jdbc:postgresql://h:5432/db?user=alice&password=***&ssl=1");
    assertThat(JdbcStorageConfig.redacted("jdbc:postgresql://h/db?PASSWORD=s3cret"))
        .isEqualTo("jdbc:postgresql://h/db?PASSWORD=***");
    assertThat(JdbcStorageConfig.redacted("jdbc:postgresql://alice:s3cret@h/db"))
        .isEqualTo("jdbc:postgresql://alice:***@h/db");
    // inside other text (a stored YAML file), the rest of the line is kept
    assertThat(JdbcStorageConfig.redacted("{storage: \"jdbc:postgresql://h/db?password=pw\", x: 1}"))
        .isEqualTo("{storage: \"jdbc:postgresql://h/db?password=***\", x: 1}");
    assertThat(JdbcStorageConfig.redacted("jdbc:postgresql://h/db?user=a&sslpassword=k&x=1"))
        .isEqualTo("jdbc:postgresql://h/db?user=a&sslpassword=***&x=1");
    assertThat(JdbcStorageConfig.redacted("jdbc:postgresql://h/db?password=ab;cd&x=1"))
        .isEqualTo("jdbc:postgresql://h/db?password=***&x=1");
    assertThat(JdbcStorageConfig.redacted("postgresql://alice:p@ss@db/x"))
        .isEqualTo("postgresql://alice:***@db/x");
    assertThat(JdbcStorageConfig.redacted("jdbc:postgresql://h:5432/passwords_db?user=a"))
        .isEqualTo("jdbc:postgresql://h:5432/passwords_db?user=a");
    assertThat(JdbcStorageConfig.of("jdbc:sqlite:/tmp/a.db").displayUrl())
        .isEqualTo("jdbc:sqlite:/tmp/a.db");
  }

  @Test
  void sqliteUrlsNameTheirFile() {
    Path here = Path.of("").toAbsolutePath();
    assertThat(JdbcStorageConfig.of("jdbc:sqlite:a/b.db?journal_mode=WAL").sqliteFile())
        .contains(here.resolve("a/b.db"));
    assertThat(JdbcStorageConfig.of("jdbc:sqlite:file:/x/my%20study.db?cache=shared")
        .sqliteFile()).contains(Path.of("/x/my study.db"));
    assertThat(JdbcStorageConfig.of("jdbc:sqlite:file:///x/y.db").sqliteFile())
        .contains(Path.of("/x/y.db"));
    assertThat(JdbcStorageConfig.of("jdbc:sqlite:file://localhost/x/y.db").sqliteFile())
        .contains(Path.of("/x/y.db"));
    assertThat(JdbcStorageConfig.of("jdbc:sqlite::memory:").sqliteFile()).isEmpty();
    assertThat(JdbcStorageConfig.of("jdbc:sqlite:").sqliteFile()).isEmpty();
    assertThat(JdbcStorageConfig.of("jdbc:sqlite:file:mem?mode=memory&cache=shared")
        .sqliteFile()).isEmpty();
    assertThat(JdbcStorageConfig.of("jdbc:postgresql://h/db").sqliteFile()).isEmpty();
  }

  @Test
  void readsTheOptuna31Snapshot() throws Exception {
    String url = copyOfSnapshot("optuna-3.1.0-v3.0.0.d.db");
    try (JdbcStorage storage = JdbcStorage.open(url)) {
      assertThat(storage.schemaRevision()).isEqualTo(SchemaRevision.V3_0_0_D);
      StudyId id = storage.findStudy("optuna-3.1").orElseThrow();
      List<FrozenTrial> trials = storage.trials(id);
      assertThat(trials).hasSize(13);
      assertThat(trials).extracting(FrozenTrial::state).contains(TrialState.COMPLETE,
          TrialState.PRUNED, TrialState.FAIL, TrialState.WAITING);
      FrozenTrial first = trials.get(0);
      assertThat(first.params()).containsOnlyKeys("x", "n", "c", "lr", "s");
      assertThat(first.intermediateValues()).hasSize(3);
      assertThat(first.userAttrs().get("tag")).isInstanceOf(Map.class);
      assertThat(trials.get(12).systemAttrs()).containsKey(FrozenTrial.FIXED_PARAMS);
    }
  }

  @Test
  void opensTheSnapshotAfterOptunaUpgradedItTo320a() throws Exception {
    String url = copyOfSnapshot("optuna-3.1.0-v3.0.0.d.db");
    sql(url, "CREATE INDEX ix_trials_study_id ON trials (study_id)",
        "UPDATE alembic_version SET version_num = 'v3.2.0.a'");
    try (JdbcStorage storage = JdbcStorage.open(url)) {
      assertThat(storage.schemaRevision()).isEqualTo(SchemaRevision.V3_2_0_A);
      assertThat(storage.trials(storage.findStudy("optuna-3.1").orElseThrow())).hasSize(13);
    }
  }

  @Test
  void refusesUnknownRevisionsNamingTheDatabase() throws Exception {
    String url = copyOfSnapshot("optuna-3.1.0-v3.0.0.d.db");
    sql(url, "UPDATE alembic_version SET version_num = 'v9.9.9.z'");
    assertThatThrownBy(() -> JdbcStorage.open(url)).isInstanceOf(StorageException.class)
        .hasMessageContaining(url).hasMessageContaining("'v9.9.9.z'")
        .hasMessageContaining("v3.0.0.d");
  }

  @Test
  void refusesOtherSchemaVersions() throws Exception {
    String url = copyOfSnapshot("optuna-3.1.0-v3.0.0.d.db");
    sql(url, "UPDATE version_info SET schema_version = 13");
    assertThatThrownBy(() -> JdbcStorage.open(url)).isInstanceOf(StorageException.class)
        .hasMessageContaining(url).hasMessageContaining("schema version 13");
  }

  @Test
  void refusesForeignTables() throws Exception {
    String url = "jdbc:sqlite:" + dir.resolve("foreign.db");
    sql(url, "CREATE TABLE studies (id INTEGER)");
    assertThatThrownBy(() -> JdbcStorage.open(url)).isInstanceOf(StorageException.class)
        .hasMessageContaining(url).hasMessageContaining("not an Optuna");
  }

  @Test
  void unusableFilesAndServersAreNamed() throws Exception {
    Path file = dir.resolve("a-file");
    Files.writeString(file, "x");
    String underFile = "jdbc:sqlite:" + file.resolve("study.db");
    assertThatThrownBy(() -> JdbcStorage.open(underFile)).isInstanceOf(StorageException.class)
        .hasMessageContaining(file.toString());
    String nobody = "jdbc:postgresql://127.0.0.1:1/none?user=x&connectTimeout=2";
    assertThatThrownBy(() -> JdbcStorage.open(
        JdbcStorageConfig.of(nobody).withRetries(0, Duration.ofMillis(10))))
        .isInstanceOf(StorageException.class).hasMessageContaining(nobody);
    assertThatThrownBy(() -> JdbcStorage.open("jdbc:mysql://h/db"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("jdbc:mysql://h/db");
  }

  /**
   * Optuna reports at any Python int step, and SQLite keeps 64 bits: a step beyond Java's int is
   * refused by name, not truncated onto another step (2^33 + 3 read as step 3).
   */
  @Test
  void anIntermediateStepBeyondJavaIntsIsRefusedNotTruncated() throws Exception {
    String url = "jdbc:sqlite:" + dir.resolve("steps.db");
    StudyId study;
    FrozenTrial trial;
    try (JdbcStorage storage = JdbcStorage.open(url)) {
      study = storage.createStudy("s", List.of(dev.jtune.study.StudyDirection.MINIMIZE));
      trial = storage.createTrial(study, dev.jtune.storage.TrialTemplate.running());
    }
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      s.execute("INSERT INTO trial_intermediate_values (trial_id, step, intermediate_value, "
          + "intermediate_value_type) VALUES (" + trial.id().value() + ", 8589934595, 1.0, "
          + "'FINITE')");
    }
    try (JdbcStorage storage = JdbcStorage.open(url)) {
      assertThatThrownBy(() -> storage.trials(study))
          .hasMessageContaining("trial id " + trial.id().value())
          .hasMessageContaining("step 8589934595");
    }
  }
}
