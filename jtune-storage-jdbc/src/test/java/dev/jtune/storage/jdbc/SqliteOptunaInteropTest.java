package dev.jtune.storage.jdbc;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** Optuna interop on a SQLite file. */
class SqliteOptunaInteropTest extends OptunaInteropContract {
  @TempDir
  Path dir;

  @Override
  protected String newUrl() {
    return "jdbc:sqlite:" + dir.resolve("interop.db");
  }
}
