package dev.jtune.storage.jdbc;

import java.util.List;

/** Optuna interop on a real PostgreSQL (Optuna connects through psycopg2). */
class PostgresOptunaInteropTest extends OptunaInteropContract {
  @Override
  protected String newUrl() {
    return PostgresServer.newDatabaseUrl();
  }

  @Override
  protected List<String> pythonModules() {
    return List.of("psycopg2");
  }
}
