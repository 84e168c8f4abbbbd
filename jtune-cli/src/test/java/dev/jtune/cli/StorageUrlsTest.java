package dev.jtune.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opening what --storage names; the schema revision new databases get. */
class StorageUrlsTest {
  @TempDir
  Path dir;

  private static String revision(Path db) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT version_num FROM alembic_version")) {
      rs.next();
      return rs.getString(1);
    }
  }

  /**
   * Optuna 3.2 and later open a new database as made by default; JTUNE_SCHEMA_REVISION=v3.0.0.d
   * makes one Optuna 3.0 and 3.1 open (they refuse v3.2.0.a); another value is refused by name.
   */
  @Test
  void theRevisionOfANewDatabaseFollowsTheEnvironment() throws Exception {
    for (String[] c : List.of(new String[] {null, "v3.2.0.a"},
        new String[] {"v3.0.0.d", "v3.0.0.d"}, new String[] {" v3.2.0.a ", "v3.2.0.a"})) {
      Path db = dir.resolve("r" + c[1] + (c[0] == null) + ".db");
      StorageUrls.open(db.toString(), true, c[0]).close();
      assertThat(revision(db)).as("JTUNE_SCHEMA_REVISION=%s", c[0]).isEqualTo(c[1]);
    }
    // a command that only reads never minds the variable
    StorageUrls.open(dir.resolve("rv3.2.0.atrue.db").toString(), false, "3.1").close();
    assertThatThrownBy(() -> StorageUrls.open(dir.resolve("x.db").toString(), true, "3.1"))
        .isInstanceOf(CliException.class)
        .hasMessageContaining("JTUNE_SCHEMA_REVISION=3.1 is not a schema revision")
        .hasMessageContaining("v3.0.0.d (for Optuna 3.0 and 3.1)");
  }

  /** Optuna's sqlite:/// URLs and bare paths name the same files as jdbc:sqlite: URLs. */
  @Test
  void optunaSqliteUrlsAndBarePathsAreSqliteFiles() {
    assertThat(StorageUrls.normalize("sqlite:///o.db")).isEqualTo("jdbc:sqlite:o.db");
    assertThat(StorageUrls.normalize("sqlite:////tmp/o.db")).isEqualTo("jdbc:sqlite:/tmp/o.db");
    assertThat(StorageUrls.normalize("STUDY.DB")).isEqualTo("jdbc:sqlite:STUDY.DB");
    assertThat(StorageUrls.normalize("runs/a.sqlite3")).isEqualTo("jdbc:sqlite:runs/a.sqlite3");
    assertThatThrownBy(() -> StorageUrls.normalize("mysql://h/x.db"))
        .isInstanceOf(CliException.class).hasMessageContaining("is not supported");
    // a mistyped URL is no file name (it made a file called "sqlite:one.db")
    for (String typo : new String[] {"sqlite:one.db", "sqlite:/one.db", "postgresql:x.db"}) {
      assertThatThrownBy(() -> StorageUrls.normalize(typo)).as(typo)
          .isInstanceOf(CliException.class).hasMessageContaining("is not supported")
          .hasMessageContaining("sqlite:///FILE");
    }
    assertThat(StorageUrls.normalize("C:\\runs\\s.db")).isEqualTo("jdbc:sqlite:C:\\runs\\s.db");
  }

  /** A directory that cannot take a new file is named at once (it took a 5 s pool timeout). */
  @Test
  void aDatabaseCannotBeCreatedInAReadOnlyDirectory() throws Exception {
    Path ro = java.nio.file.Files.createDirectory(dir.resolve("ro"));
    java.nio.file.Files.setPosixFilePermissions(ro,
        java.nio.file.attribute.PosixFilePermissions.fromString("r-xr-xr-x"));
    org.junit.jupiter.api.Assumptions.assumeFalse(java.nio.file.Files.isWritable(ro),
        "this user (root?) may write into a read-only directory");
    assertThatThrownBy(() -> StorageUrls.open(ro.resolve("s.db").toString(), true, null))
        .isInstanceOf(CliException.class).hasMessageContaining("is not writable");
  }
}
