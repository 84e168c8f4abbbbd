package dev.jtune.storage.jdbc;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** Four worker processes on one SQLite file. */
class SqliteMultiProcessTest extends MultiProcessContract {
  @TempDir
  Path dir;
  private int files;

  @Override
  protected String newUrl() {
    return "jdbc:sqlite:" + dir.resolve("shared-" + files++ + ".db");
  }

  @Override
  protected int workers() {
    return 4;
  }
}
