package dev.jtune.storage.jdbc;

/** Eight worker processes on one PostgreSQL database. */
class PostgresMultiProcessTest extends MultiProcessContract {
  @Override
  protected String newUrl() {
    return PostgresServer.newDatabaseUrl();
  }

  @Override
  protected int workers() {
    return 8;
  }
}
