package dev.jtune.storage.jdbc;

import dev.jtune.storage.FailedTrialCallback;
import dev.jtune.storage.HeartbeatSupport;
import dev.jtune.storage.Storage;
import dev.jtune.storage.StudyId;
import dev.jtune.storage.TrialId;
import dev.jtune.trial.FrozenTrial;
import dev.jtune.trial.TrialState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Heartbeats in Optuna's {@code trial_heartbeats} table, stamped with the database's clock (naive
 * UTC). A trial gets its first heartbeat in the transaction that starts it, so a worker that dies
 * before its first beat still leaves a trial that goes stale.
 */
final class JdbcHeartbeat implements HeartbeatSupport {
  private static final Logger LOG = LoggerFactory.getLogger(JdbcHeartbeat.class);

  private final Storage storage;
  private final Database db;
  private final TrialDao trials;
  private final TrialReader reader;
  private final JdbcStorageConfig config;
  private final OwnedTrials owned;

  JdbcHeartbeat(Storage storage, Database db, TrialDao trials, TrialReader reader,
      JdbcStorageConfig config, OwnedTrials owned) {
    this.storage = storage;
    this.owned = owned;
    this.db = db;
    this.trials = trials;
    this.reader = reader;
    this.config = config;
  }

  @Override
  public Duration interval() {
    return config.heartbeatInterval();
  }

  @Override
  public Duration gracePeriod() {
    return config.gracePeriod();
  }

  @Override
  public void recordHeartbeat(TrialId trial) {
    db.read("recording a heartbeat of " + trial, (c, attempt) -> {
      beat(c, db.dialect(), trial);
      return null;
    });
  }

  /** Upserts the heartbeat of a RUNNING trial with the database's current time. */
  static void beat(Connection c, SqlDialect dialect, TrialId trial) throws SQLException {
    String now = dialect == SqlDialect.SQLITE ? "strftime('%Y-%m-%d %H:%M:%f', 'now')"
        : "(now() AT TIME ZONE 'UTC')";
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO trial_heartbeats"
        + " (trial_id, heartbeat) SELECT trial_id, " + now + " FROM trials"
        + " WHERE trial_id = ? AND state = 'RUNNING'"
        + " ON CONFLICT (trial_id) DO UPDATE SET heartbeat = excluded.heartbeat")) {
      ps.setLong(1, trial.value());
      ps.executeUpdate();
    }
  }

  @Override
  public void stopHeartbeat(TrialId trial) {
    db.read("removing the heartbeat of " + trial, (c, attempt) -> {
      try (PreparedStatement ps = c.prepareStatement(
          "DELETE FROM trial_heartbeats WHERE trial_id = ?")) {
        ps.setLong(1, trial.value());
        ps.executeUpdate();
      }
      return null;
    });
  }

  @Override
  public List<FrozenTrial> failStaleTrials(StudyId study) {
    List<TrialId> stale = db.read("finding stale trials of " + study,
        (c, attempt) -> running(c, study, true).keySet().stream().toList());
    List<FrozenTrial> failed = new ArrayList<>();
    for (TrialId id : stale) {
      FrozenTrial t = db.durableOnce("failing stale " + id, (c, attempt) -> {
        TrialDao.Head head = trials.head(c, id);
        if (head.state() != TrialState.RUNNING) {
          return null; // finished meanwhile, or another worker failed it first
        }
        trials.upsertAttr(c, id, false, FrozenTrial.FAIL_REASON, JsonCodec.write(
            "the trial's worker sent no heartbeat for longer than the grace period of "
                + config.gracePeriod() + "; it is presumed dead"));
        trials.updateState(c, id, TrialState.RUNNING, TrialState.FAIL,
            java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS));
        return reader.read(c, TrialReader.Selection.ofTrial(id.value())).get(0);
      });
      if (t == null) {
        continue;
      }
      owned.remove(id.value()); // if this storage ran it, its copy of the running trial is stale
      LOG.warn("Trial {} of {} failed: no heartbeat for over {}", t.number(), study,
          config.gracePeriod());
      failed.add(t);
      try {
        config.failedTrialCallback().afterStaleTrialFailed(storage, study, t);
      } catch (RuntimeException e) {
        LOG.warn("failed-trial callback {} threw for trial {}; the study goes on",
            config.failedTrialCallback(), t.number(), e);
      }
    }
    return failed;
  }

  @Override
  public List<Integer> liveTrials(StudyId study) {
    return db.read("finding live trials of " + study,
        (c, attempt) -> running(c, study, false).values().stream().toList());
  }

  /**
   * The study's RUNNING trials with a heartbeat older than the grace period ({@code stale}) or
   * within it, by id, with their numbers, in number order.
   */
  private Map<TrialId, Integer> running(Connection c, StudyId study, boolean stale)
      throws SQLException {
    long graceMillis = config.gracePeriod().toMillis();
    String older = db.dialect() == SqlDialect.SQLITE
        ? "julianday(h.heartbeat) < julianday('now') - ? / 86400000.0"
        : "h.heartbeat < (now() AT TIME ZONE 'UTC') - ? * INTERVAL '1 millisecond'";
    Map<TrialId, Integer> out = new java.util.LinkedHashMap<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT t.trial_id, t.number FROM trials t"
        + " JOIN trial_heartbeats h ON h.trial_id = t.trial_id"
        + " WHERE t.study_id = ? AND t.state = 'RUNNING' AND " + (stale ? "" : "NOT ") + "("
        + older + ") ORDER BY t.number")) {
      ps.setLong(1, study.value());
      ps.setLong(2, graceMillis);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(new TrialId(rs.getLong(1)), rs.getInt(2));
        }
      }
    }
    return out;
  }
}
