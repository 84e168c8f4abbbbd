package dev.jtune.storage.jdbc;

import dev.jtune.space.Distribution;
import dev.jtune.storage.TrialValues;
import dev.jtune.storage.StudyId;
import dev.jtune.storage.TrialId;
import dev.jtune.storage.TrialTemplate;
import dev.jtune.study.StudyDirection;
import dev.jtune.trial.FrozenTrial;
import dev.jtune.trial.TrialFinishedException;
import dev.jtune.trial.TrialState;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The trial writes of {@link JdbcStorage}. Each write first tries a fast path, one statement that
 * succeeds only if the trial is in the state the write needs (so the check and the write are one
 * atomic step); only when it changes nothing does a slow path read the trial under a lock to find
 * out why and report it. A worker's own trials are mirrored in {@link OwnedTrials}, so it never
 * reads back what it just wrote.
 */
final class TrialWriter {
  /** The directions of a study, cached by the storage. */
  @FunctionalInterface
  interface Directions {
    List<StudyDirection> of(Connection c, StudyId study) throws SQLException;
  }

  private static final String UNFINISHED = "'RUNNING', 'WAITING'";
  private static final String RUNNING = "'RUNNING'";

  private final Database db;
  private final SqlDialect dialect;
  private final StudyDao studies;
  private final TrialDao trials;
  private final TrialReader reader;
  private final OwnedTrials owned;
  private final Directions directions;
  private final Clock clock;
  private final boolean heartbeats;

  TrialWriter(Database db, StudyDao studies, TrialDao trials, TrialReader reader,
      OwnedTrials owned, Directions directions, Clock clock, boolean heartbeats) {
    this.db = db;
    this.dialect = db.dialect();
    this.studies = studies;
    this.trials = trials;
    this.reader = reader;
    this.owned = owned;
    this.directions = directions;
    this.clock = clock;
    this.heartbeats = heartbeats;
  }

  /**
   * The trial as its user knows it, by number ({@code trial 3 (id 4)}), when this storage runs it;
   * else by storage id.
   */
  private String describe(TrialId trial) {
    OwnedTrials.Owned mine = owned.get(trial.value());
    return mine == null ? trial.toString()
        : "trial " + mine.trial().number() + " (id " + trial.value() + ")";
  }

  Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  /**
   * Whether a template is a trial from elsewhere (a copied study's running trial, which carries its
   * start time): its worker writes to the original, so it gets no heartbeat here and is not this
   * storage's own (Optuna's {@code copy_study} writes no heartbeat either).
   */
  private static boolean imported(TrialTemplate template) {
    return template.started() != null;
  }

  FrozenTrial create(StudyId study, TrialTemplate template) {
    Database.Work<FrozenTrial> work = (c, attempt) -> {
      studies.lock(c, study);
      if (template.state().isFinished()) {
        TrialValues.check(template.state(), template.values(),
            directions.of(c, study).size());
      }
      FrozenTrial created = trials.insert(c, study, template, now());
      if (heartbeats && created.state() == TrialState.RUNNING && !imported(template)) {
        JdbcHeartbeat.beat(c, dialect, created.id());
      }
      return created;
    };
    String what = "creating a trial in " + study;
    // a new RUNNING trial may be lost in a crash (its worker's next write then fails); an enqueued
    // or imported one must not
    FrozenTrial created = template.state() == TrialState.RUNNING && !imported(template)
        ? db.transactionOnce(what, work) : db.durableOnce(what, work);
    // only a RUNNING trial is this storage's to write: an enqueued (WAITING) one is claimed and
    // run by whichever worker takes it, so a copy kept here would go stale
    if (created.state() == TrialState.RUNNING && !imported(template)) {
      owned.put(study.value(), created);
    }
    return created;
  }

  Optional<FrozenTrial> claim(StudyId study) {
    boolean any = db.read("looking for waiting trials of " + study, (c, attempt) -> {
      directions.of(c, study); // reports an unknown study
      return trials.hasWaiting(c, study);
    });
    if (!any) {
      return Optional.empty();
    }
    Optional<FrozenTrial> claimed = db.durableOnce("claiming a waiting trial of " + study,
        (c, attempt) -> {
          Optional<TrialId> id = trials.claimOldestWaiting(c, study, now());
          if (id.isEmpty()) {
            return Optional.<FrozenTrial>empty();
          }
          if (heartbeats) {
            JdbcHeartbeat.beat(c, dialect, id.get());
          }
          return Optional.of(reader.read(c, TrialReader.Selection.ofTrial(id.get().value())).get(0));
        });
    claimed.ifPresent(t -> owned.put(study.value(), t));
    return claimed;
  }

  void param(TrialId trial, String name, double internal, Distribution distribution) {
    double value = dialect.asStored(internal);
    String json = DistributionJson.write(distribution);
    Distribution stored = DistributionJson.read(json);
    String what = "setting parameter '" + name + "' of " + describe(trial);
    boolean inserted = db.read(what, (c, attempt) -> trials.insertIfState(c, trial, RUNNING,
        "trial_params (trial_id, param_name, param_value, distribution_json)", "?, ?, ?",
        "ON CONFLICT (trial_id, param_name) DO NOTHING", (ps, i) -> {
          ps.setString(i, name);
          ps.setDouble(i + 1, value);
          ps.setString(i + 2, json);
        }));
    if (inserted) {
      owned.param(trial.value(), name, value, stored);
      return;
    }
    db.transaction(what, (c, attempt) -> {
      TrialDao.Head head = trials.writable(c, trial, "set parameter '" + name + "'", true);
      if (trials.insertParam(c, trial, name, value, json)) {
        owned.param(trial.value(), name, value, stored);
        return null;
      }
      Map.Entry<Double, Distribution> previous = trials.param(c, trial, name).orElseThrow();
      if (!previous.getValue().equals(stored) || previous.getKey() != value) {
        throw new IllegalArgumentException("parameter '" + name + "' of trial " + head.number()
            + " is already set to " + previous.getKey() + " in " + previous.getValue().describe());
      }
      // the same value: set again, or by a first insert whose reply was lost and retried
      owned.param(trial.value(), name, value, stored);
      return null;
    });
  }

  void intermediate(TrialId trial, int step, double reported) {
    double value = dialect.asStored(reported);
    String what = "reporting step " + step + " of " + describe(trial);
    if (step >= 0) {
      boolean written = db.read(what, (c, attempt) -> trials.insertIfState(c, trial, RUNNING,
          "trial_intermediate_values (trial_id, step, intermediate_value,"
              + " intermediate_value_type)", "?, ?, " + dialect.enumParam("trialintermediatevaluetype"),
          "ON CONFLICT (trial_id, step) DO UPDATE SET intermediate_value ="
              + " excluded.intermediate_value, intermediate_value_type ="
              + " excluded.intermediate_value_type", (ps, i) -> {
                ps.setInt(i, step);
                ValueType.bind(ps, i + 1, value);
              }));
      if (written) {
        owned.intermediate(trial.value(), step, value);
        return;
      }
    }
    db.transaction(what, (c, attempt) -> {
      trials.writable(c, trial, "report step " + step, true);
      if (step < 0) {
        throw new IllegalArgumentException("step must be >= 0, got step=" + step);
      }
      trials.upsertIntermediate(c, trial, step, value);
      return null;
    });
    owned.intermediate(trial.value(), step, value);
  }

  void attr(TrialId trial, boolean user, String key, Object value) {
    String kind = user ? "user" : "system";
    String json = AttributeValues.json(key, value);
    Object stored = AttributeValues.normalize(key, value);
    String table = user ? "trial_user_attributes" : "trial_system_attributes";
    String what = "setting " + kind + " attribute '" + key + "' of " + describe(trial);
    boolean written = db.read(what, (c, attempt) -> trials.insertIfState(c, trial, UNFINISHED,
        table + " (trial_id, key, value_json)", "?, ?",
        "ON CONFLICT (trial_id, key) DO UPDATE SET value_json = excluded.value_json", (ps, i) -> {
          ps.setString(i, key);
          ps.setString(i + 1, json);
        }));
    if (written) {
      owned.attr(trial.value(), user, key, stored);
      return;
    }
    db.transaction(what, (c, attempt) -> {
      trials.writable(c, trial, "set " + kind + " attribute '" + key + "'", false);
      trials.upsertAttr(c, trial, user, key, json);
      return null;
    });
    owned.attr(trial.value(), user, key, stored);
  }

  /** The finished snapshot if the fast path finished the trial, else {@code null}. */
  FrozenTrial finishOwned(TrialId trial, TrialState state, List<Double> given) {
    List<Double> values = given.stream().map(dialect::asStored).toList();
    OwnedTrials.Owned mine = owned.get(trial.value());
    if (mine == null || !state.isFinished()) {
      return null;
    }
    List<StudyDirection> dirs = db.read("setting " + describe(trial) + " to " + state
        + " (reading the directions of study#" + mine.studyId() + ")",
        (c, attempt) -> directions.of(c, new StudyId(mine.studyId())));
    TrialValues.check(state, values, dirs.size());
    Instant now = now();
    String what = "setting " + describe(trial) + " to " + state;
    boolean done = dialect == SqlDialect.POSTGRESQL
        ? db.durableStatements(what,
            (c, attempt) -> trials.finishInOneStatement(c, trial, state, values, now)
                || attempt > 0 && finishedAs(c, trial, state, values))
        : db.durable(what, (c, attempt) -> {
          if (!trials.finishIfUnfinished(c, trial, state, now)) {
            return attempt > 0 && finishedAs(c, trial, state, values);
          }
          trials.insertValues(c, trial.value(), values);
          return true;
        });
    if (!done) {
      owned.remove(trial.value());
      return null;
    }
    return owned.finish(trial.value(), state, values, now);
  }

  /** Whether an earlier attempt, whose commit was lost in flight, already did this finish. */
  private boolean finishedAs(Connection c, TrialId trial, TrialState state, List<Double> values)
      throws SQLException {
    return trials.head(c, trial).state() == state && trials.values(c, trial).equals(values);
  }

  /** The general, locked path of {@link JdbcStorage#setTrialState}. */
  boolean state(TrialId trial, TrialState state, List<Double> values) {
    // once: a claim (WAITING to RUNNING) whose commit reply was lost must not be retried into a
    // "someone else claimed it" that leaves the trial RUNNING with nobody to run it
    boolean changed = db.durableOnce("setting " + describe(trial) + " to " + state,
        (c, attempt) -> {
      TrialDao.Head head = trials.head(c, trial);
      if (head.state().isFinished()) {
        if (attempt > 0 && head.state() == state && trials.values(c, trial).equals(values)) {
          return true; // our first attempt committed before its connection failed
        }
        throw new TrialFinishedException("trial " + head.number() + " is already " + head.state()
            + " and cannot become " + state);
      }
      if (state == TrialState.WAITING) {
        throw new IllegalArgumentException("trial " + head.number() + " cannot go back to WAITING");
      }
      if (state == TrialState.RUNNING) {
        boolean claimed = head.state() == TrialState.WAITING
            && trials.updateState(c, trial, TrialState.WAITING, TrialState.RUNNING, now());
        if (claimed && heartbeats) {
          JdbcHeartbeat.beat(c, dialect, trial);
        }
        return claimed;
      }
      TrialValues.check(state, values, directions.of(c, head.study()).size());
      trials.updateState(c, trial, head.state(), state, now());
      trials.insertValues(c, trial.value(), values);
      return true;
    });
    owned.remove(trial.value());
    return changed;
  }
}
