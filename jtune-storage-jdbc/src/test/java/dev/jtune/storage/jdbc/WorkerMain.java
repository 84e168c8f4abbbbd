package dev.jtune.storage.jdbc;

import dev.jtune.sampler.GridSampler;
import dev.jtune.sampler.RandomSampler;
import dev.jtune.sampler.pbt.PopulationBasedSampler;
import dev.jtune.sampler.Sampler;
import dev.jtune.storage.RetryFailedTrialCallback;
import dev.jtune.study.OptimizeOptions;
import dev.jtune.study.Study;
import dev.jtune.study.StudyDirection;
import dev.jtune.trial.Trial;
import dev.jtune.trial.TrialState;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * A worker process of the multi-process tests: joins a study on a shared database and runs trials
 * until the study is done, printing {@code done <number> <state> <value>} for each trial it
 * finished, so the test can check that no trial was lost.
 *
 * <pre>
 * WorkerMain url study random|grid|pbt target sleepMs heartbeatMs graceMs hangAtOwnTrial
 * </pre>
 *
 * In {@code random} mode (and {@code pbt}, population-based training of
 * {@value #POPULATION} members) the worker stops once the study has {@code target} finished trials; in
 * {@code grid} mode it covers the grid {@link #grid(int)} of {@code target} points, then runs the
 * retries of trials whose worker died until no trial is left running or waiting. With
 * {@code hangAtOwnTrial >= 0} the worker prints {@code hang <number>} and sleeps forever in that
 * trial (its own count, from 0), to be killed.
 */
public final class WorkerMain {
  private WorkerMain() {}

  /** The grid of {@code points} points: {@code a} in 0..9 and {@code b} in 0..points/10-1. */
  static Map<String, List<?>> grid(int points) {
    Map<String, List<?>> grid = new LinkedHashMap<>(); // the same order in every JVM
    grid.put("a", IntStream.range(0, 10).boxed().toList());
    grid.put("b", IntStream.range(0, points / 10).boxed().toList());
    return grid;
  }

  public static void main(String[] args) throws Exception {
    String url = args[0];
    String name = args[1];
    boolean grid = args[2].equals("grid");
    boolean population = args[2].equals("pbt");
    target = Integer.parseInt(args[3]);
    long sleepMs = Long.parseLong(args[4]);
    long heartbeatMs = Long.parseLong(args[5]);
    long graceMs = Long.parseLong(args[6]);
    int hangAt = Integer.parseInt(args[7]);

    JdbcStorageConfig config = JdbcStorageConfig.of(url).withPoolSize(2);
    if (heartbeatMs > 0) {
      config = config.withHeartbeat(Duration.ofMillis(heartbeatMs), Duration.ofMillis(graceMs))
          .withFailedTrialCallback(new RetryFailedTrialCallback(1));
    }
    int[] own = {0};
    try (JdbcStorage storage = JdbcStorage.open(config)) {
      Sampler sampler = grid ? GridSampler.of(grid(target))
          : population ? new PopulationBasedSampler(POPULATION, 7) : new RandomSampler();
      Study study = build(name, storage, sampler);
      study.optimize(trial -> objective(trial, grid, sleepMs, hangAt, own), OptimizeOptions
          .trials(1_000_000));
      if (grid || heartbeatMs > 0) {
        drain(name, storage, grid ? GridSampler.of(grid(target)) : sampler, grid, sleepMs,
            heartbeatMs);
      }
    }
    System.out.flush();
  }

  private static Study build(String name, JdbcStorage storage, Sampler sampler) {
    return Study.builder().name(name).storage(storage).direction(StudyDirection.MINIMIZE)
        .loadIfExists(true).sampler(sampler).callback((study, trial) -> {
          synchronized (System.out) {
            System.out.println("done " + trial.number() + " " + trial.state() + " "
                + (trial.values().isEmpty() ? "-" : trial.value()));
          }
          if (!(study.sampler() instanceof GridSampler)) {
            stopAtTarget(study);
          }
        }).build();
  }

  /** The population of {@code pbt} mode: as many members as the most workers a test starts. */
  static final int POPULATION = 8;

  /** The number of trials (random, pbt) or grid points (grid) of the study. */
  private static volatile int target;

  private static void stopAtTarget(Study study) {
    int finished = study.storage().trialCount(study.id(),
        EnumSet.of(TrialState.COMPLETE, TrialState.PRUNED, TrialState.FAIL));
    if (finished >= target) {
      study.stop();
    }
  }

  /**
   * Runs retried trials until nothing is running or waiting (the grid itself is done, or the
   * study has its target).
   */
  private static void drain(String name, JdbcStorage storage, Sampler sampler, boolean grid,
      long sleepMs, long heartbeatMs) throws InterruptedException {
    // the grid sampler is not exhausted while a retry waits, so optimize claims it; should another
    // worker claim it first, the trial created instead finds the grid exhausted and fails
    Study any = build(name, storage, sampler);
    while (true) {
      storage.heartbeat().ifPresent(h -> h.failStaleTrials(any.id()));
      int waiting = storage.trialCount(any.id(), EnumSet.of(TrialState.WAITING));
      int running = storage.trialCount(any.id(), EnumSet.of(TrialState.RUNNING));
      if (waiting > 0) {
        any.optimize(trial -> objective(trial, grid, sleepMs, -1, new int[] {0}), 1);
      } else if (running == 0) {
        return;
      } else {
        Thread.sleep(Math.max(50, heartbeatMs));
      }
    }
  }

  private static double objective(Trial trial, boolean grid, long sleepMs, int hangAt, int[] own)
      throws InterruptedException {
    int mine = own[0]++;
    double value;
    if (grid) {
      int a = trial.suggestInt("a", 0, 9);
      int b = trial.suggestInt("b", 0, 1000);
      value = a * 1000 + b;
    } else {
      double x = trial.suggestFloat("x", -1, 1);
      value = x * x;
    }
    if (mine == hangAt) {
      synchronized (System.out) {
        System.out.println("hang " + trial.number());
        System.out.flush();
      }
      Thread.sleep(Long.MAX_VALUE);
    }
    if (sleepMs > 0) {
      Thread.sleep(sleepMs);
    }
    return value;
  }

}
