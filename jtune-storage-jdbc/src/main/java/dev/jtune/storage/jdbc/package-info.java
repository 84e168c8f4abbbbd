/**
 * Durable, shareable studies: {@link dev.jtune.storage.jdbc.JdbcStorage} keeps studies in a SQLite
 * file or a PostgreSQL database, in the tables of Optuna's RDB storage (schema version 12), so that
 * a study survives its process, many worker processes on one or many machines can share it, and
 * Optuna's own tools can open it. Configured by {@link dev.jtune.storage.jdbc.JdbcStorageConfig};
 * heartbeats and failover through {@link dev.jtune.storage.Storage#heartbeat()}.
 */
package dev.jtune.storage.jdbc;
