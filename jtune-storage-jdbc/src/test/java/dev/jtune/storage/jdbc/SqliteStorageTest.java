package dev.jtune.storage.jdbc;

import dev.jtune.storage.Storage;
import dev.jtune.testkit.StorageContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The whole storage contract on a fresh SQLite file per test. */
class SqliteStorageTest extends StorageContract {
  @TempDir
  Path dir;
  private int files;

  @Override
  protected Storage newStorage() {
    return JdbcStorage.open("jdbc:sqlite:" + dir.resolve("study-" + files++ + ".db"));
  }

  @Override
  protected java.util.Optional<Storage> newStorageWithHeartbeat(java.time.Duration interval,
      java.time.Duration grace) {
    return java.util.Optional.of(JdbcStorage.open(JdbcStorageConfig.of("jdbc:sqlite:"
        + dir.resolve("study-" + files++ + ".db")).withHeartbeat(interval, grace)));
  }
}
