package dev.jtune.storage.jdbc;

import java.util.Arrays;
import java.util.Optional;

/**
 * The revisions of Optuna's RDB schema (version 12) that {@link JdbcStorage} reads and writes. They
 * differ only by the index on {@code trials.study_id} that {@code v3.2.0.a} adds; jtune never
 * migrates a database, so a study keeps the revision its creator gave it and the Optuna version that
 * created it can still open it.
 */
public enum SchemaRevision {
  /** The revision Optuna 3.0 and 3.1 create and require. */
  V3_0_0_D("v3.0.0.d"),
  /** The revision Optuna 3.2 and later create and require: adds an index on {@code trials.study_id}. */
  V3_2_0_A("v3.2.0.a");

  /** The schema version Optuna stores in {@code version_info.schema_version} for both revisions. */
  public static final int SCHEMA_VERSION = 12;

  private final String alembicId;

  SchemaRevision(String alembicId) {
    this.alembicId = alembicId;
  }

  /** The id stored in {@code alembic_version.version_num}. */
  public String alembicId() {
    return alembicId;
  }

  /** The revision with that alembic id, if jtune knows it. */
  public static Optional<SchemaRevision> ofAlembicId(String id) {
    return Arrays.stream(values()).filter(r -> r.alembicId.equals(id)).findFirst();
  }
}
