package dev.jtune.storage;

import dev.jtune.trial.FrozenTrial;
import java.time.Duration;
import java.util.List;

/**
 * An optional capability of a {@link Storage} shared by processes that may die: running trials
 * send heartbeats, and a trial whose last heartbeat is older than the grace period is failed by
 * whichever worker notices first (Optuna's heartbeat mechanism). Obtained from
 * {@link Storage#heartbeat()}; the optimize loop uses it on its own.
 *
 * <p>Thread-safe. Heartbeat times come from the database's clock, so workers on machines whose
 * clocks disagree still agree on which trials are stale.
 */
public interface HeartbeatSupport {

  /** How often a running trial records a heartbeat; positive. */
  Duration interval();

  /** How old a running trial's last heartbeat may be before it counts as stale; above the interval. */
  Duration gracePeriod();

  /**
   * Records that the trial's worker is alive now. Does nothing for a trial that is not running.
   *
   * @throws StorageException if the database cannot be reached
   */
  void recordHeartbeat(TrialId trial);

  /**
   * Removes the trial's heartbeat, so that it is never presumed dead: for a trial that its caller
   * drives with {@code ask} and {@code tell}, which no heartbeat thread keeps alive (Optuna, too,
   * records heartbeats only for the trials that {@code optimize} runs). Does nothing for a trial
   * without one. The default does nothing, for a storage whose new trials get no heartbeat.
   *
   * @throws StorageException if the database cannot be reached
   */
  default void stopHeartbeat(TrialId trial) {}

  /**
   * Fails the study's RUNNING trials whose last heartbeat is older than the grace period, storing
   * the reason in the system attribute {@link FrozenTrial#FAIL_REASON}, then calls the storage's
   * {@link FailedTrialCallback} for each. Each stale trial is failed by exactly one caller, however
   * many call this at once.
   *
   * @return the trials this call failed, as FAIL snapshots; empty if none
   */
  List<FrozenTrial> failStaleTrials(StudyId study);

  /**
   * The numbers of the study's RUNNING trials whose last heartbeat is within the grace period:
   * trials that a live worker, in this process or another, is running now. Deleting the study
   * under them would let their worker write into whatever study next takes its place. The
   * default knows none.
   *
   * @throws StorageException if the database cannot be reached
   */
  default List<Integer> liveTrials(StudyId study) {
    return List.of();
  }
}
