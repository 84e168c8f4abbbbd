package dev.jtune.nn.tuner;

import dev.jtune.study.Study;
import dev.jtune.study.StudyCallback;
import dev.jtune.trial.FrozenTrial;
import dev.jtune.trial.TrialState;

/**
 * Watches one search's finished trials (a study callback, in the order they finish): stops the
 * study once {@code limit} trials in a row have failed, and after the search says whether it must
 * fail ({@link #check}). Thread-safe: trials finish on the search's worker threads.
 */
final class FailureWatch implements StudyCallback {
  private final int limit;
  private int inARow;
  private int ran;
  private int succeeded;
  private boolean stopped;
  private FrozenTrial lastFailed;

  FailureWatch(int limit) {
    this.limit = limit;
  }

  /** Forgets the previous search. */
  synchronized void reset() {
    inARow = 0;
    ran = 0;
    succeeded = 0;
    stopped = false;
    lastFailed = null;
  }

  @Override
  public synchronized void afterTrial(Study study, FrozenTrial trial) {
    ran++;
    if (trial.state() != TrialState.FAIL) {
      succeeded++;
      inARow = 0;
      return;
    }
    lastFailed = trial;
    if (++inARow >= limit && !stopped) {
      stopped = true;
      study.stop();
    }
  }

  /**
   * Throws if the search just run stopped at the limit, or ran trials and every one failed.
   *
   * @throws SearchFailedException naming the project, the count and the last failure's reason
   */
  synchronized void check(String project) {
    if (!stopped && (ran == 0 || succeeded > 0)) {
      return;
    }
    String why = stopped ? limit + " trials in a row failed (maxConsecutiveFailedTrials="
        + limit + ")" : "all " + ran + " trials of the search failed";
    Object reason = lastFailed.systemAttrs().get(FrozenTrial.FAIL_REASON);
    String firstLine = reason == null ? "no reason recorded" : reason.toString().lines()
        .findFirst().orElse("");
    throw new SearchFailedException("project " + project + ": " + why + "; the last, trial "
        + lastFailed.number() + ", with: " + firstLine + ". The failed trials stay in the "
        + "study and count toward maxTrials: fix the cause, then search again with a larger "
        + "maxTrials, or overwrite(true)");
  }
}
