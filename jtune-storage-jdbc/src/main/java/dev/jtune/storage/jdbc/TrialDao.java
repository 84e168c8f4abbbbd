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
    int number;
    try (PreparedStatement ps =
             c.prepareStatement("SELECT COUNT(*) FROM trials WHERE study_id = ?")) {
      ps.setLong(1, study.value());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        number = rs.getInt(1);
      }
    }
    TrialState state = template.state();
    Instant started = state == TrialState.WAITING ? null : now;
    Instant completed = state.isFinished() ? now : null;
    long id;
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO trials (number, study_id, state,"
        + " datetime_start, datetime_complete) VALUES (?, ?, ?, ?, ?) RETURNING trial_id")) {
      ps.setInt(1, number);
      ps.setLong(2, study.value());
      ps.setString(3, state.name());
      setNullableTimestamp(ps, 4, started);
      setNullableTimestamp(ps, 5, completed);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        id = rs.getLong(1);
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
