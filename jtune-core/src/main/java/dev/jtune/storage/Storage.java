package dev.jtune.storage;

import dev.jtune.space.Distribution;
import dev.jtune.study.StudyDirection;
import dev.jtune.trial.FrozenTrial;
import dev.jtune.trial.TrialFinishedException;
import dev.jtune.trial.TrialState;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where studies and their trials live. One storage may hold many studies and be shared by many
 * threads (and, for database storages, many processes); it is the only coordinator between workers.
 *
 * <h2>Contract</h2>
 *
 * Every implementation passes {@code dev.jtune.testkit.StorageContract}, which checks these rules:
 *
 * <ul>
 *   <li><b>Thread-safe.</b> Every method may be called from any thread at any time.
 *   <li><b>Snapshots.</b> Every value returned ({@link FrozenTrial}, {@link StudyRecord}, lists) is
 *       an immutable snapshot; later writes never change a value already returned.
 *   <li><b>Dense, unique numbers.</b> Trials of a study are numbered 0, 1, 2, ... in creation order
 *       with no gap and no repeat, however many workers create trials at once.
 *   <li><b>Finished trials are immutable.</b> Once a trial is COMPLETE, PRUNED or FAIL, every write
 *       to it throws {@link TrialFinishedException}.
 *   <li><b>WAITING trials are claimed once.</b> {@link #claimWaitingTrial} hands each WAITING trial to
 *       exactly one caller; a WAITING trial changes nothing but its state.
 *   <li><b>Study attributes are claimed once.</b> {@link #claimStudySystemAttr} stores one value per
 *       key, whoever claims it at the same time.
 *   <li><b>Failures keep data.</b> A write that is rejected changes nothing.
 * </ul>
 *
 * <p>Attribute values must be JSON-like (null, strings, numbers, booleans, lists and string-keyed
 * maps of those) so that every storage can persist them. Errors are {@link StorageException}s for
 * infrastructure failures, {@link StudyNotFoundException} for unknown ids or names,
 * {@link IllegalArgumentException} for invalid values, {@link TrialFinishedException} for writes to
 * finished trials, and {@link IllegalStateException} for writes that the trial's state forbids.
 */
public interface Storage extends AutoCloseable {

  /**
   * Creates a study.
   *
   * @throws DuplicateStudyException if a study with this name exists
   * @throws IllegalArgumentException if the name is blank or there is no direction
   */
  StudyId createStudy(String name, List<StudyDirection> directions);

  /** The study with this name, if any. */
  Optional<StudyId> findStudy(String name);

  /**
   * A snapshot of a study.
   *
   * @throws StudyNotFoundException if there is no such study
   */
  StudyRecord study(StudyId study);

  /** Snapshots of every study, ordered by id. */
  List<StudyRecord> studies();

  /**
   * Deletes a study and all its trials.
   *
   * @throws StudyNotFoundException if there is no such study
   */
  void deleteStudy(StudyId study);

  /** Sets a user attribute of a study, replacing any previous value. */
  void setStudyUserAttr(StudyId study, String key, Object value);

  /** Sets a system attribute of a study, replacing any previous value. */
  void setStudySystemAttr(StudyId study, String key, Object value);

  /**
   * Sets a system attribute of a study unless it already has one under {@code key}, atomically:
   * of any number of threads and processes claiming one key, exactly one stores its value, and
   * each gets back the value stored. An attribute once claimed is never replaced by a claim
   * (though {@link #setStudySystemAttr} may replace it). This is how workers agree on something
   * (who takes the next slot of a log) without a lock of their own.
   *
   * <p>A claim whose commit was interrupted may be retried by the storage; the value it finds then
   * may be its own. So make each caller's value unique to it (carrying its trial's number, say)
   * and compare that part of the value returned: numbers read back from a database may come back
   * as another {@link Number} type.
   *
   * @return the value stored under {@code key} after the call: {@code value} (a copy) when this
   *     call stored it, another caller's otherwise
   * @throws StudyNotFoundException if there is no such study
   * @throws IllegalArgumentException naming the key if the value is not JSON-like
   * @throws UnsupportedOperationException from a storage that cannot claim (the default, so that
   *     storages written before claims existed still compile; population-based training needs it)
   */
  default Object claimStudySystemAttr(StudyId study, String key, Object value) {
    throw new UnsupportedOperationException(getClass().getName() + " cannot claim study "
        + "attributes atomically (claimStudySystemAttr), which population-based training needs to "
        + "share a population between workers; use InMemoryStorage or JdbcStorage");
  }

  /**
   * Creates a trial from a template, with the next number of the study, and returns its snapshot.
   * A RUNNING trial gets its start time now; a finished one gets start and completion times now.
   *
   * @throws StudyNotFoundException if there is no such study
   * @throws IllegalArgumentException if a finished template's values do not match the directions
   */
  FrozenTrial createTrial(StudyId study, TrialTemplate template);

  /**
   * Atomically moves the study's oldest WAITING trial to RUNNING and returns it; empty if none is
   * WAITING. No two callers ever receive the same trial.
   */
  Optional<FrozenTrial> claimWaitingTrial(StudyId study);

  /**
   * Records a parameter of a RUNNING trial.
   *
   * @throws IllegalArgumentException if the value is not in the distribution, or the trial already
   *     has the parameter with another distribution or value
   * @throws TrialFinishedException if the trial is finished
   * @throws IllegalStateException if the trial is WAITING
   */
  void setTrialParam(TrialId trial, String name, double internalValue, Distribution distribution);

  /**
   * Changes a trial's state, compare-and-set style. RUNNING may be entered only from WAITING (a claim)
   * and returns {@code false} if the trial is no longer WAITING; the finished states may be entered
   * from RUNNING or WAITING. COMPLETE needs one value per study direction; FAIL takes no value;
   * PRUNED takes none or one per direction.
   *
   * @return whether this call changed the state
   * @throws TrialFinishedException if the trial is already finished
   * @throws IllegalArgumentException if the state is WAITING or the values do not fit the state
   */
  boolean setTrialState(TrialId trial, TrialState state, List<Double> values);

  /**
   * Records an intermediate value of a RUNNING trial at a step, replacing one already there.
   *
   * @throws TrialFinishedException if the trial is finished
   */
  void setTrialIntermediateValue(TrialId trial, int step, double value);

  /** Sets a user attribute of a trial that is not finished. */
  void setTrialUserAttr(TrialId trial, String key, Object value);

  /** Sets a system attribute of a trial that is not finished. */
  void setTrialSystemAttr(TrialId trial, String key, Object value);

  /**
   * A snapshot of one trial.
   *
   * @throws StudyNotFoundException if there is no such trial
   */
  FrozenTrial trial(TrialId trial);

  /** Snapshots of a study's trials in the given states, ordered by number. */
  List<FrozenTrial> trials(StudyId study, Set<TrialState> states);

  /** Snapshots of all of a study's trials, ordered by number. */
  default List<FrozenTrial> trials(StudyId study) {
    return trials(study, EnumSet.allOf(TrialState.class));
  }

  /** The number of a study's trials in the given states. */
  default int trialCount(StudyId study, Set<TrialState> states) {
    return trials(study, states).size();
  }

  /**
   * Heartbeats and failing trials whose worker died, if this storage offers them (a database
   * shared by processes does; an in-memory storage does not). The optimize loop uses it when
   * present: it fails stale trials before each new trial and sends heartbeats while one runs.
   */
  default Optional<HeartbeatSupport> heartbeat() {
    return Optional.empty();
  }

  /** Releases connections and files; the default does nothing. */
  @Override
  default void close() {}
}
