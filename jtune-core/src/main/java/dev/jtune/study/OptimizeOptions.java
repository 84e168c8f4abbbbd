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
 * <p>With {@code jobs > 1}, {@code history} says what each trial's sampler and pruner see of the
 * trials of the same call: {@link ParallelHistory#REPRODUCIBLE} (the default) makes that, and so a
 * seeded study's suggestions, independent of how the threads interleave;
 * {@link ParallelHistory#LATEST} shows whatever has finished at the moment, as Optuna does.
 *
 * @param trials the most trials this call starts; {@link Integer#MAX_VALUE} for no limit
 * @param timeout the time after which no new trial starts; {@code null} for no limit
 * @param jobs the number of worker threads, each running one trial at a time
 * @param rethrow whether an exception from the objective is re-thrown (after the trial is recorded
 *     as FAIL) instead of logged
 * @param history what trials of this call see of each other when {@code jobs > 1}
 */
public record OptimizeOptions(int trials, Duration timeout, int jobs, boolean rethrow,
    ParallelHistory history) {

  /**
   * What the sampler and the pruner of a trial see of the other trials of the same
   * {@code optimize} call when they run on several threads. Trials of other calls and other
   * processes are seen as they are stored, in either mode.
   */
  public enum ParallelHistory {
    /**
     * Trial {@code k} of the call (counting from 0, in the order trials start) sees trials
     * {@code 0 .. k - jobs} finished, trials {@code k - jobs + 1 .. k - 1} running with the
     * parameters and sampler attributes they had after their sampler's joint phase, and no later
     * trial; it waits, before its joint phase, until that is so. On one thread this is the usual
     * history. Prune decisions and the automatic resources of successive halving and Hyperband
     * come from the same views, so they repeat too.
     *
     * <p>Studies whose sampler and pruner both declare that they read no history
     * ({@link dev.jtune.sampler.Sampler#readsHistory}, {@link dev.jtune.pruner.Pruner#readsHistory}:
     * random, Sobol' and grid sampling; no pruner, a threshold, patience alone or around a
     * threshold) are reproducible without this and are not gated. For the others the price: a
     * worker idles while an older trial still runs ({@code jobs} or more trials back), so the
     * more trial lengths vary, the more it costs;
     * one trial that never ends stalls the others after {@code jobs} more have started; and a
     * timeout or {@code stop()} can be overrun by a wait plus a trial. Not covered (their numbers
     * depend on when they are made): trials that the objective or a callback enqueues, asks or
     * tells during the call, and stale trials retried; nor {@code afterTrial}, which samplers
     * receive in the order trials finish (with the finished trial's view). A running trial shows
     * later ones only what its sampler's joint phase chose for it, which is what a constant liar
     * lies about (independent TPE with the liar draws every known parameter in that phase).
     */
    REPRODUCIBLE,
    /** Whatever is stored at the moment of each call: no waiting, and no reproducibility. */
    LATEST
  }

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
    Objects.requireNonNull(history, "history");
  }

  /** Options with the default {@link ParallelHistory#REPRODUCIBLE} history. */
  public OptimizeOptions(int trials, Duration timeout, int jobs, boolean rethrow) {
    this(trials, timeout, jobs, rethrow, ParallelHistory.REPRODUCIBLE);
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
    return new OptimizeOptions(trials, timeout, jobs, rethrow, history);
  }

  /** The same options with a timeout. */
  public OptimizeOptions withTimeout(Duration timeout) {
    return new OptimizeOptions(trials, timeout, jobs, rethrow, history);
  }

  /** The same options, re-throwing (or not) the objective's exceptions after recording them. */
  public OptimizeOptions withRethrow(boolean rethrow) {
    return new OptimizeOptions(trials, timeout, jobs, rethrow, history);
  }

  /** The same options with another parallel history; see {@link ParallelHistory}. */
  public OptimizeOptions withHistory(ParallelHistory history) {
    return new OptimizeOptions(trials, timeout, jobs, rethrow, history);
  }
}
