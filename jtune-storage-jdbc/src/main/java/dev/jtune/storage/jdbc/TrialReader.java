package dev.jtune.storage.jdbc;

import dev.jtune.space.Distribution;
import dev.jtune.storage.TrialId;
import dev.jtune.trial.FrozenTrial;
import dev.jtune.trial.TrialState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads whole trials: one query on {@code trials} chooses them, then one query per child table
 * (parameters, values, intermediate values, attributes) fetches their rows for all of them at once.
 * The {@code trials} rows are read first: a trial seen finished there has all its children
 * committed, so the child queries that follow see every one of them.
 */
final class TrialReader {
  /** A condition on the {@code trials} table aliased {@code t}, with its parameters. */
  record Selection(String where, List<Object> args) {
    static Selection ofTrial(long trialId) {
      return new Selection("t.trial_id = ?", List.of(trialId));
    }
  }

  private final SqlDialect dialect;
  private final java.util.concurrent.atomic.AtomicLong trialRowsRead =
      new java.util.concurrent.atomic.AtomicLong();

  TrialReader(SqlDialect dialect) {
    this.dialect = dialect;
  }

  /**
   * Whether {@code trial} (a finished one) is still stored as it was read: same id in the same
   * study, same number, same start and end. One row of {@code trials}, no child tables.
   */
  boolean stillStored(Connection c, long studyId, FrozenTrial trial) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT t.number, t.datetime_start,"
        + " t.datetime_complete FROM trials t WHERE t.trial_id = ? AND t.study_id = ?")) {
      ps.setLong(1, trial.id().value());
      ps.setLong(2, studyId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() && rs.getInt(1) == trial.number()
            && java.util.Objects.equals(dialect.getTimestamp(rs, 2), trial.started())
            && java.util.Objects.equals(dialect.getTimestamp(rs, 3), trial.completed());
      }
    }
  }

  /** The selected trials, ordered by number. */
  List<FrozenTrial> read(Connection c, Selection selection) throws SQLException {
    Map<Long, Row> rows = new LinkedHashMap<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT t.trial_id, t.number, t.state,"
        + " t.datetime_start, t.datetime_complete FROM trials t WHERE " + selection.where()
        + " ORDER BY t.number")) {
      bind(ps, selection);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Row row = new Row(rs.getLong(1), rs.getInt(2), TrialState.valueOf(rs.getString(3)),
              dialect.getTimestamp(rs, 4), dialect.getTimestamp(rs, 5));
          rows.put(row.id, row);
        }
        trialRowsRead.addAndGet(rows.size());
      }
    }
    if (rows.isEmpty()) {
      return List.of();
    }
    children(c, selection, "SELECT c.trial_id, c.param_name, c.param_value, c.distribution_json"
        + " FROM trial_params c", "c.param_id", rows, (row, rs) -> {
          row.params.put(rs.getString(2), rs.getDouble(3));
          try {
            row.distributions.put(rs.getString(2), DistributionJson.read(rs.getString(4)));
          } catch (IllegalStateException e) {
            throw new IllegalStateException("parameter '" + rs.getString(2) + "' of trial id "
                + row.id + ": " + e.getMessage(), e);
          }
        });
    children(c, selection, "SELECT c.trial_id, c.objective, c.value, c.value_type"
        + " FROM trial_values c", "c.objective", rows,
        (row, rs) -> row.values.add(ValueType.read(rs, 3)));
    children(c, selection, "SELECT c.trial_id, c.step, c.intermediate_value,"
        + " c.intermediate_value_type FROM trial_intermediate_values c", "c.step", rows,
        (row, rs) -> row.intermediate.put(step(row, rs.getLong(2)), ValueType.read(rs, 3)));
    children(c, selection, "SELECT c.trial_id, c.key, c.value_json FROM trial_user_attributes c",
        "c.trial_user_attribute_id", rows,
        (row, rs) -> row.userAttrs.put(rs.getString(2), JsonCodec.read(rs.getString(3))));
    children(c, selection, "SELECT c.trial_id, c.key, c.value_json"
        + " FROM trial_system_attributes c", "c.trial_system_attribute_id", rows,
        (row, rs) -> row.systemAttrs.put(rs.getString(2), JsonCodec.read(rs.getString(3))));
    List<FrozenTrial> out = new ArrayList<>(rows.size());
    for (Row row : rows.values()) {
      out.add(row.toTrial());
    }
    return out;
  }

  /**
   * An intermediate value's step: jtune's steps are ints, Optuna's any Python int (SQLite stores
   * 64 bits); a larger one is refused by name rather than truncated onto another step.
   */
  private static int step(Row row, long step) {
    if (step != (int) step) {
      throw new IllegalStateException("trial id " + row.id + " has an intermediate value at step "
          + step + ", beyond the int steps jtune reports (" + Integer.MIN_VALUE + " to "
          + Integer.MAX_VALUE + ")");
    }
    return (int) step;
  }

  /** How many {@code trials} rows this reader has read: what tests use to check the cache. */
  long trialRowsRead() {
    return trialRowsRead.get();
  }

  private interface RowReader {
    void accept(Row row, ResultSet rs) throws SQLException;
  }

  private void children(Connection c, Selection selection, String select, String order,
      Map<Long, Row> rows, RowReader reader) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(select
        + " JOIN trials t ON c.trial_id = t.trial_id WHERE " + selection.where()
        + " ORDER BY c.trial_id, " + order)) {
      bind(ps, selection);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Row row = rows.get(rs.getLong(1));
          if (row != null) { // a trial created after the trials query is read next time
            reader.accept(row, rs);
          }
        }
      }
    }
  }

  private static void bind(PreparedStatement ps, Selection selection) throws SQLException {
    int i = 1;
    for (Object arg : selection.args()) {
      ps.setObject(i++, arg);
    }
  }

  private static final class Row {
    final long id;
    final int number;
    final TrialState state;
    final Instant started;
    final Instant completed;
    final Map<String, Double> params = new LinkedHashMap<>();
    final Map<String, Distribution> distributions = new LinkedHashMap<>();
    final List<Double> values = new ArrayList<>();
    final TreeMap<Integer, Double> intermediate = new TreeMap<>();
    final Map<String, Object> userAttrs = new LinkedHashMap<>();
    final Map<String, Object> systemAttrs = new LinkedHashMap<>();

    Row(long id, int number, TrialState state, Instant started, Instant completed) {
      this.id = id;
      this.number = number;
      this.state = state;
      this.started = started;
      this.completed = completed;
    }

    FrozenTrial toTrial() {
      // a trial whose values were never written (possible only in foreign data) has none
      return new FrozenTrial(new TrialId(id), number, state,
          state.isFinished() ? values : List.of(), params, distributions, intermediate, userAttrs,
          systemAttrs, state == TrialState.WAITING ? null : started, completed);
    }
  }
}
