package dev.jtune.storage.jdbc;

import dev.jtune.space.Distribution;
import dev.jtune.storage.StudyId;
import dev.jtune.storage.StudyNotFoundException;
import dev.jtune.storage.TrialId;
import dev.jtune.storage.TrialTemplate;
import dev.jtune.trial.FrozenTrial;
import dev.jtune.trial.TrialFinishedException;
import dev.jtune.trial.TrialState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The SQL that writes trials. Every write first reads the trial's row with a lock (PostgreSQL
 * {@code FOR UPDATE}; on SQLite the transaction already holds the file's write lock), so checking
 * the state and writing are one atomic step: a finished trial can never change, and a WAITING
 * trial is claimed by exactly one worker. Callers supply the transaction.
 */
final class TrialDao {
  /** What a locked read of a trial's row found. */
  record Head(TrialId id, StudyId study, int number, TrialState state) {}

  private final SqlDialect dialect;

  TrialDao(SqlDialect dialect) {
    this.dialect = dialect;
  }

  /** Inserts a trial with the study's next number; the study's row must be locked by the caller. */
  FrozenTrial insert(Connection c, StudyId study, TrialTemplate template, Instant now)
      throws SQLException {
    TrialState state = template.state();
    // a template with an end time but none for the start (an imported trial failed while it
    // waited) keeps that: the clock sets the times of a template that gives neither
    Instant started = state == TrialState.WAITING ? null
        : template.started() != null ? template.started()
        : template.completed() != null && state.isFinished() ? null : now;
    Instant completed = !state.isFinished() ? null
        : template.completed() != null ? template.completed() : now;
    long id;
    int number;
    // numbers are dense because the caller holds the study's lock: COUNT(*) is the next number
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO trials (number, study_id, state,"
        + " datetime_start, datetime_complete) SELECT COUNT(*), ?, "
        + dialect.enumParam("trialstate") + ", ?, ? FROM trials"
        + " WHERE study_id = ? RETURNING trial_id, number")) {
      ps.setLong(1, study.value());
      ps.setString(2, state.name());
      setNullableTimestamp(ps, 3, started);
      setNullableTimestamp(ps, 4, completed);
      ps.setLong(5, study.value());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        id = rs.getLong(1);
        number = rs.getInt(2);
      }
    }
    if (!template.internalParams().isEmpty()) {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO trial_params"
          + " (trial_id, param_name, param_value, distribution_json) VALUES (?, ?, ?, ?)")) {
        for (Map.Entry<String, Double> p : template.internalParams().entrySet()) {
          ps.setLong(1, id);
          ps.setString(2, p.getKey());
          ps.setDouble(3, p.getValue());
          ps.setString(4, DistributionJson.write(template.distributions().get(p.getKey())));
          ps.addBatch();
        }
        ps.executeBatch();
      }
    }
    insertValues(c, id, template.values());
    if (!template.intermediateValues().isEmpty()) {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO trial_intermediate_values"
          + " (trial_id, step, intermediate_value, intermediate_value_type) VALUES (?, ?, ?, ?)")) {
        for (Map.Entry<Integer, Double> v : template.intermediateValues().entrySet()) {
          ps.setLong(1, id);
          ps.setInt(2, v.getKey());
          ValueType.bind(ps, 3, v.getValue());
          ps.addBatch();
        }
        ps.executeBatch();
      }
    }
    insertAttrs(c, id, "trial_user_attributes", template.userAttrs());
    insertAttrs(c, id, "trial_system_attributes", template.systemAttrs());
    return new FrozenTrial(new TrialId(id), number, state, template.values(),
        template.internalParams(), template.distributions(), template.intermediateValues(),
        template.userAttrs(), template.systemAttrs(), started, completed);
  }

  /** The id of the study's oldest WAITING trial, locked; PostgreSQL skips rows others hold. */
  Optional<TrialId> oldestWaiting(Connection c, StudyId study) throws SQLException {
    String lock = dialect == SqlDialect.POSTGRESQL ? " FOR UPDATE SKIP LOCKED" : "";
    try (PreparedStatement ps = c.prepareStatement("SELECT trial_id FROM trials"
        + " WHERE study_id = ? AND state = 'WAITING' ORDER BY number LIMIT 1" + lock)) {
      ps.setLong(1, study.value());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(new TrialId(rs.getLong(1))) : Optional.empty();
      }
    }
  }

  /** Reads and locks a trial's row. */
  Head head(Connection c, TrialId trial) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT study_id, number, state FROM trials"
        + " WHERE trial_id = ?" + dialect.forUpdate())) {
      ps.setLong(1, trial.value());
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new StudyNotFoundException("no trial with id " + trial.value());
        }
        return new Head(trial, new StudyId(rs.getLong(1)), rs.getInt(2),
            TrialState.valueOf(rs.getString(3)));
      }
    }
  }

  /** Locks an unfinished trial (and RUNNING, if asked) for a write described by {@code action}. */
  Head writable(Connection c, TrialId trial, String action, boolean mustRun) throws SQLException {
    Head head = head(c, trial);
    if (head.state().isFinished()) {
      throw new TrialFinishedException(
          "cannot " + action + ": trial " + head.number() + " is already " + head.state());
    }
    if (mustRun && head.state() != TrialState.RUNNING) {
      throw new IllegalStateException("cannot " + action + ": trial " + head.number() + " is "
          + head.state() + ", not RUNNING");
    }
    return head;
  }

  /** Inserts a parameter unless the trial has one of that name; returns whether it inserted. */
  boolean insertParam(Connection c, TrialId trial, String name, double value, String distribution)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO trial_params"
        + " (trial_id, param_name, param_value, distribution_json) VALUES (?, ?, ?, ?)"
        + " ON CONFLICT (trial_id, param_name) DO NOTHING")) {
      ps.setLong(1, trial.value());
      ps.setString(2, name);
      ps.setDouble(3, value);
      ps.setString(4, distribution);
      return ps.executeUpdate() == 1;
    }
  }

  /** The stored value and distribution of a parameter, if any. */
  Optional<Map.Entry<Double, Distribution>> param(Connection c, TrialId trial, String name)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT param_value, distribution_json"
        + " FROM trial_params WHERE trial_id = ? AND param_name = ?")) {
      ps.setLong(1, trial.value());
      ps.setString(2, name);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next()
            ? Optional.of(Map.entry(rs.getDouble(1), DistributionJson.read(rs.getString(2))))
            : Optional.empty();
      }
    }
  }

  /** Moves a trial from {@code from} to {@code to}; returns whether a row changed. */
  boolean updateState(Connection c, TrialId trial, TrialState from, TrialState to, Instant now)
      throws SQLException {
    String sql = to == TrialState.RUNNING
        ? "UPDATE trials SET state = ?, datetime_start = ? WHERE trial_id = ? AND state = ?"
        : "UPDATE trials SET state = ?, datetime_complete = ?,"
            + " datetime_start = COALESCE(datetime_start, ?) WHERE trial_id = ? AND state = ?";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      int i = 1;
      ps.setString(i++, to.name());
      dialect.setTimestamp(ps, i++, now);
      if (to != TrialState.RUNNING) {
        dialect.setTimestamp(ps, i++, now);
      }
      ps.setLong(i++, trial.value());
      ps.setString(i, from.name());
      return ps.executeUpdate() == 1;
    }
  }

  /** The stored objective values of a trial, in objective order. */
  List<Double> values(Connection c, TrialId trial) throws SQLException {
    List<Double> out = new java.util.ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT value, value_type FROM trial_values"
        + " WHERE trial_id = ? ORDER BY objective")) {
      ps.setLong(1, trial.value());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(ValueType.read(rs, 1));
        }
      }
    }
    return out;
  }

  void insertValues(Connection c, long trialId, List<Double> values) throws SQLException {
    if (values.isEmpty()) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO trial_values"
        + " (trial_id, objective, value, value_type) VALUES (?, ?, ?, ?)")) {
      for (int i = 0; i < values.size(); i++) {
        ps.setLong(1, trialId);
        ps.setInt(2, i);
        ValueType.bind(ps, 3, values.get(i));
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  void upsertIntermediate(Connection c, TrialId trial, int step, double value)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO trial_intermediate_values"
        + " (trial_id, step, intermediate_value, intermediate_value_type) VALUES (?, ?, ?, ?)"
        + " ON CONFLICT (trial_id, step) DO UPDATE SET intermediate_value ="
        + " excluded.intermediate_value, intermediate_value_type = excluded.intermediate_value_type")) {
      ps.setLong(1, trial.value());
      ps.setInt(2, step);
      ValueType.bind(ps, 3, value);
      ps.executeUpdate();
    }
  }

  void upsertAttr(Connection c, TrialId trial, boolean user, String key, String json)
      throws SQLException {
    String table = user ? "trial_user_attributes" : "trial_system_attributes";
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table
        + " (trial_id, key, value_json) VALUES (?, ?, ?)"
        + " ON CONFLICT (trial_id, key) DO UPDATE SET value_json = excluded.value_json")) {
      ps.setLong(1, trial.value());
      ps.setString(2, key);
      ps.setString(3, json);
      ps.executeUpdate();
    }
  }

  // ---- single-statement fast paths: one round trip when the trial is in the expected state ----

  /** Whether the study has a WAITING trial (an unlocked peek). */
  boolean hasWaiting(Connection c, StudyId study) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM trials"
        + " WHERE study_id = ? AND state = 'WAITING' LIMIT 1")) {
      ps.setLong(1, study.value());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  /**
   * Moves the study's oldest WAITING trial to RUNNING in one statement; PostgreSQL skips rows other
   * claimers hold. Empty if there was none (or every one was being claimed).
   */
  Optional<TrialId> claimOldestWaiting(Connection c, StudyId study, Instant now)
      throws SQLException {
    String lock = dialect == SqlDialect.POSTGRESQL ? " FOR UPDATE SKIP LOCKED" : "";
    try (PreparedStatement ps = c.prepareStatement("UPDATE trials SET state = 'RUNNING',"
        + " datetime_start = ? WHERE state = 'WAITING' AND trial_id = (SELECT trial_id FROM trials"
        + " WHERE study_id = ? AND state = 'WAITING' ORDER BY number LIMIT 1" + lock + ")"
        + " RETURNING trial_id")) {
      dialect.setTimestamp(ps, 1, now);
      ps.setLong(2, study.value());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(new TrialId(rs.getLong(1))) : Optional.empty();
      }
    }
  }

  /**
   * Inserts a child row of a trial only if the trial's state is one of {@code states}, in one
   * statement that locks the trial's row (PostgreSQL) so a concurrent state change waits or wins.
   *
   * @param insert {@code "table (trial_id, c1, ..., cn)"}
   * @param conflict the ON CONFLICT clause
   * @param placeholders the placeholders of {@code c1..cn}, e.g. {@code "?, ?"}
   * @param values binds {@code c1..cn} from the given index
   * @return whether a row was inserted or updated
   */
  boolean insertIfState(Connection c, TrialId trial, String states, String insert,
      String placeholders, String conflict, Binder values) throws SQLException {
    int valueCount = (int) placeholders.chars().filter(ch -> ch == '?').count();
    String sql;
    if (dialect == SqlDialect.POSTGRESQL) {
      sql = "WITH t AS (SELECT trial_id FROM trials WHERE trial_id = ? AND state IN (" + states
          + ") FOR SHARE) INSERT INTO " + insert + " SELECT t.trial_id, " + placeholders
          + " FROM t " + conflict;
    } else {
      sql = "INSERT INTO " + insert + " SELECT trial_id, " + placeholders
          + " FROM trials WHERE trial_id = ? AND state IN (" + states + ") " + conflict;
    }
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      if (dialect == SqlDialect.POSTGRESQL) {
        ps.setLong(1, trial.value());
        values.bind(ps, 2);
      } else {
        values.bind(ps, 1);
        ps.setLong(valueCount + 1, trial.value());
      }
      return ps.executeUpdate() > 0;
    }
  }

  /** Binds statement parameters from an index. */
  @FunctionalInterface
  interface Binder {
    void bind(PreparedStatement ps, int from) throws SQLException;
  }

  /**
   * PostgreSQL: finishes an unfinished trial and inserts its values in one statement (a
   * data-modifying WITH), so that the finish is a single round trip; false if it was not RUNNING or
   * WAITING.
   */
  boolean finishInOneStatement(Connection c, TrialId trial, TrialState state, List<Double> values,
      Instant now) throws SQLException {
    String update = "UPDATE trials SET state = ?, datetime_complete = ?,"
        + " datetime_start = COALESCE(datetime_start, ?)"
        + " WHERE trial_id = ? AND state IN ('RUNNING', 'WAITING')";
    String sql = values.isEmpty() ? update
        : "WITH u AS (" + update + " RETURNING trial_id) INSERT INTO trial_values"
            + " (trial_id, objective, value, value_type) SELECT u.trial_id, v.o, v.val, v.t FROM u,"
            + " (VALUES " + String.join(", ", java.util.Collections.nCopies(values.size(),
                "(CAST(? AS integer), CAST(? AS float8), CAST(? AS trialvaluetype))"))
            + ") AS v(o, val, t)";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, state.name());
      dialect.setTimestamp(ps, 2, now);
      dialect.setTimestamp(ps, 3, now);
      ps.setLong(4, trial.value());
      for (int i = 0; i < values.size(); i++) {
        ps.setInt(5 + 3 * i, i);
        ValueType.bind(ps, 6 + 3 * i, values.get(i));
      }
      return ps.executeUpdate() > 0;
    }
  }

  /** Finishes an unfinished trial; empty if it was not RUNNING or WAITING. */
  boolean finishIfUnfinished(Connection c, TrialId trial, TrialState state, Instant now)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE trials SET state = ?,"
        + " datetime_complete = ?, datetime_start = COALESCE(datetime_start, ?)"
        + " WHERE trial_id = ? AND state IN ('RUNNING', 'WAITING')")) {
      ps.setString(1, state.name());
      dialect.setTimestamp(ps, 2, now);
      dialect.setTimestamp(ps, 3, now);
      ps.setLong(4, trial.value());
      return ps.executeUpdate() == 1;
    }
  }

  private static void insertAttrs(Connection c, long trialId, String table,
      Map<String, Object> attrs) throws SQLException {
    if (attrs.isEmpty()) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO " + table + " (trial_id, key, value_json) VALUES (?, ?, ?)")) {
      for (Map.Entry<String, Object> a : attrs.entrySet()) {
        ps.setLong(1, trialId);
        ps.setString(2, a.getKey());
        ps.setString(3, JsonCodec.write(a.getValue()));
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private void setNullableTimestamp(PreparedStatement ps, int index, Instant instant)
      throws SQLException {
    if (instant == null) {
      ps.setNull(index, java.sql.Types.TIMESTAMP);
    } else {
      dialect.setTimestamp(ps, index, instant);
    }
  }
}
