package dev.jtune.bench;

import dev.jtune.sampler.Sampler;
import dev.jtune.storage.Storage;
import dev.jtune.study.Study;
import dev.jtune.study.StudyCallback;
import dev.jtune.study.StudyDirection;
import dev.jtune.trial.FrozenTrial;
import dev.jtune.trial.Trial;
import dev.jtune.trial.TrialState;

/**
 * One study of the per-trial overhead benchmark, measured exactly as {@code optuna_overhead.py}
 * measures Optuna: a fresh study minimizes the sum of squares of five floats {@code x0..x4} on
 * [-5, 5] (the objective returns at once), on the calling thread, and a callback time-stamps the end
 * of every trial. The clock starts after the study is created, just before {@code optimize}.
 */
final class OverheadStudy {
  /** The peer's number of floats. */
  static final int DEFAULT_PARAMS = 5;
  private static final double LOW = -5.0;
  private static final double HIGH = 5.0;

  private OverheadStudy() {}

  /**
   * The timestamps of one run, from {@link System#nanoTime()}.
   *
   * @param startNanos just before {@code optimize}
   * @param endNanos the end of each trial, in order (after the trial was recorded and before the
   *     next one started)
   * @param finishNanos just after {@code optimize} returned
   * @param trialsInStudy the study's trials afterwards, in any state
   * @param completeTrials those that are COMPLETE (all of them unless something is broken)
   */
  record Timeline(long startNanos, long[] endNanos, long finishNanos, int trialsInStudy,
      int completeTrials) {

    /** Trials whose end was stamped. */
    int stamped() {
      return endNanos.length;
    }

    /** Mean ms per trial of trials {@code n - window + 1 .. n} (1-based), as the peer computes it. */
    double windowMs(int n, int window) {
      return (time(n) - time(n - window)) / 1e6 / window;
    }

    /** Wall ms of each trial: from the previous trial's end (or the start) to its own end. */
    double[] perTrialMs() {
      double[] out = new double[endNanos.length];
      for (int i = 0; i < out.length; i++) {
        out[i] = (time(i + 1) - time(i)) / 1e6;
      }
      return out;
    }

    /** Seconds from the start to {@code optimize}'s return. */
    double totalSeconds() {
      return (finishNanos - startNanos) / 1e9;
    }

    /** The peer's {@code times[i]}: the start for 0, the end of the i-th trial after that. */
    private long time(int i) {
      return i == 0 ? startNanos : endNanos[i - 1];
    }
  }

  /** Runs {@code trials} trials in a new study named {@code studyName} of {@code storage}. */
  static Timeline run(Sampler sampler, Storage storage, String studyName, int trials) {
    return run(sampler, storage, studyName, trials, DEFAULT_PARAMS);
  }

  /** As {@link #run(Sampler, Storage, String, int)} with {@code params} floats {@code x0, x1, ...}. */
  static Timeline run(Sampler sampler, Storage storage, String studyName, int trials, int params) {
    String[] names = new String[params];
    for (int i = 0; i < params; i++) {
      names[i] = "x" + i;
    }
    TrialClock clock = new TrialClock(trials);
    Study study = Study.builder()
        .name(studyName)
        .direction(StudyDirection.MINIMIZE)
        .sampler(sampler)
        .storage(storage)
        .callback(clock)
        .build();
    long start = System.nanoTime();
    study.optimize(trial -> sumOfSquares(trial, names), trials);
    long finish = System.nanoTime();
    return new Timeline(start, clock.stamps(), finish, study.trials().size(),
        study.trials(TrialState.COMPLETE).size());
  }

  private static double sumOfSquares(Trial trial, String[] names) {
    double sum = 0;
    for (String name : names) {
      double x = trial.suggestFloat(name, LOW, HIGH);
      sum += x * x;
    }
    return sum;
  }

  /** Stamps the end of each trial into a preallocated array; single-threaded (jobs = 1). */
  private static final class TrialClock implements StudyCallback {
    private final long[] stamps;
    private int count;

    TrialClock(int capacity) {
      this.stamps = new long[capacity];
    }

    @Override
    public void afterTrial(Study study, FrozenTrial trial) {
      if (count < stamps.length) {
        stamps[count++] = System.nanoTime();
      }
    }

    long[] stamps() {
      return java.util.Arrays.copyOf(stamps, count);
    }
  }
}
