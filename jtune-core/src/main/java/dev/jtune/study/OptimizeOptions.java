package dev.jtune.study;

import java.time.Duration;
import java.util.Objects;

/**
 * How long and how wide {@link Study#optimize(Objective, OptimizeOptions)} runs.
 *
 * <p>The study stops starting trials when {@code trials} trials have been started by this call, when
 * {@code timeout} has passed since the call began, when a callback calls {@link Study#stop()}, or
 * when the sampler is exhausted (a finished grid), whichever comes first; trials already running are
 * allowed to finish. At least one of {@code trials} and {@code timeout} bounds the run.
 *
 * @param trials the most trials this call starts; {@link Integer#MAX_VALUE} for no limit
 * @param timeout the time after which no new trial starts; {@code null} for no limit
 * @param jobs the number of worker threads, each running one trial at a time
 * @param rethrow whether an exception from the objective is re-thrown (after the trial is recorded
 *     as FAIL) instead of logged
 */
public record OptimizeOptions(int trials, Duration timeout, int jobs, boolean rethrow) {

  public OptimizeOptions {
    if (trials <= 0) {
      throw new IllegalArgumentException("nTrials must be > 0, got " + trials);
    }
    if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
      throw new IllegalArgumentException("timeout must be positive, got " + timeout);
    }
    if (trials == Integer.MAX_VALUE && timeout == null) {
      throw new IllegalArgumentException("a study needs a trial budget or a timeout; got neither");
    }
    if (jobs <= 0) {
      throw new IllegalArgumentException("jobs must be > 0, got " + jobs);
    }
  }

  /** Runs {@code trials} trials on one thread. */
  public static OptimizeOptions trials(int trials) {
    return new OptimizeOptions(trials, null, 1, false);
  }

  /** Runs trials on one thread until the timeout. */
  public static OptimizeOptions timeout(Duration timeout) {
    return new OptimizeOptions(Integer.MAX_VALUE, Objects.requireNonNull(timeout, "timeout"), 1,
        false);
  }

  /** The same options with another thread count. */
  public OptimizeOptions withJobs(int jobs) {
    return new OptimizeOptions(trials, timeout, jobs, rethrow);
  }

  /** The same options with a timeout. */
  public OptimizeOptions withTimeout(Duration timeout) {
    return new OptimizeOptions(trials, timeout, jobs, rethrow);
  }

  /** The same options, re-throwing (or not) the objective's exceptions after recording them. */
  public OptimizeOptions withRethrow(boolean rethrow) {
    return new OptimizeOptions(trials, timeout, jobs, rethrow);
  }
}
