package dev.jtune.storage;

import dev.jtune.trial.FrozenTrial;

/**
 * What a storage with {@link HeartbeatSupport} does after it failed a stale trial (one whose
 * worker stopped sending heartbeats), e.g. {@link RetryFailedTrialCallback}. Called once per failed
 * trial, by the worker that failed it; an exception is logged and does not stop the study.
 */
@FunctionalInterface
public interface FailedTrialCallback {

  /** Called with the storage, the study and the trial's FAIL snapshot. */
  void afterStaleTrialFailed(Storage storage, StudyId study, FrozenTrial failed);

  /** A callback that does nothing. */
  static FailedTrialCallback none() {
    return (storage, study, failed) -> { };
  }
}
