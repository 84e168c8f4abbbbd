package dev.jtune.storage.jdbc;

import dev.jtune.storage.Storage;
import dev.jtune.testkit.StorageContract;

/** The whole storage contract on a real PostgreSQL, a fresh database per test. */
class PostgresStorageTest extends StorageContract {
  @Override
  protected Storage newStorage() {
    return JdbcStorage.open(JdbcStorageConfig.of(PostgresServer.newDatabaseUrl()).withPoolSize(8));
  }

  @Override
  protected java.util.Optional<Storage> newStorageWithHeartbeat(java.time.Duration interval,
      java.time.Duration grace) {
    return java.util.Optional.of(JdbcStorage.open(JdbcStorageConfig.of(
        PostgresServer.newDatabaseUrl()).withHeartbeat(interval, grace)));
  }
}
