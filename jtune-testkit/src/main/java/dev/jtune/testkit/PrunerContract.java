package dev.jtune.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jtune.pruner.PruneDecision;
import dev.jtune.pruner.Pruner;
import dev.jtune.sampler.RandomSampler;
import dev.jtune.storage.InMemoryStorage;
import dev.jtune.storage.Storage;
import dev.jtune.study.OptimizeOptions;
import dev.jtune.study.Study;
import dev.jtune.study.StudyDirection;
import dev.jtune.study.StudyView;
import dev.jtune.trial.FrozenTrial;
import dev.jtune.trial.Trial;
import dev.jtune.trial.TrialPrunedException;
import dev.jtune.trial.TrialState;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Pruner} must do, as tests: never prune before a report; survive NaN and infinite
 * reports; decide from stored data only (the same verdict from a fresh pruner over a fresh view of
 * the same storage, and the same verdicts whether one or two {@code Study} objects, standing for two
 * processes, share the storage); work with several threads, deciding the same however they
 * interleave (under the default reproducible parallel history); store a pruned trial's intermediate
 * values, last value and reason; and prune the worse learning curves, in either direction.
 *
 * <p>A pruner's test extends this class and implements {@link #newPruner()}. The studies live in
 * {@link #newStorage()} (in memory by default); a storage module can run the contract on its own
 * storage and, with {@link #reopen(Storage)}, give the second {@code Study} and the fresh views a
 * second connection to the same database, as a second process would have. The learning curves
 * are a fixed family over steps {@code 1 .. }{@link #STEPS}: trial {@code n} has quality
 * {@code q = frac(0.618 n)}; a good trial ({@code q < 0.5}) descends as {@code q + 1/step}, a bad one
 * climbs as {@code 1 + q + 0.2 step} (both negated when maximizing).
 */
public abstract class PrunerContract {

  /** The last step the contract's trials report. */
  protected static final int STEPS = 27;

  /** A new pruner; each call returns a fresh instance with the same configuration. */
  protected abstract Pruner newPruner();

  /** A fresh, empty storage for one test's studies; the default is an {@link InMemoryStorage}. */
  protected Storage newStorage() {
    return new InMemoryStorage();
  }

  /**
   * Another handle on the same stored data, as another process would open it; the default returns
   * {@code storage} itself. The contract never closes the handles it is given.
   */
  protected Storage reopen(Storage storage) {
    return storage;
  }

  /** Whether the pruner is expected to stop some of the bad curves; {@code false} for none. */
  protected boolean prunes() {
    return true;
  }

  /** Trial {@code n}'s quality in {@code [0, 1)}; below 0.5 is a good trial. */
  protected static double quality(int number) {
    double q = number * 0.6180339887498949;
    return q - Math.floor(q);
  }

  /** The contract's curve for trial {@code n} at {@code step >= 1}, as a loss to minimize. */
  protected static double loss(int number, int step) {
    double q = quality(number);
    return q < 0.5 ? q + 1.0 / step : 1 + q + 0.2 * step;
  }

  private static double curve(int number, int step, StudyDirection direction) {
    return direction == StudyDirection.MINIMIZE ? loss(number, step) : -loss(number, step);
  }

  /** An objective that reports the contract's curve and stops when told. */
  private static double runCurve(Trial trial, StudyDirection direction) {
    trial.suggestFloat("x", 0, 1);
    double last = Double.NaN;
    for (int step = 1; step <= STEPS; step++) {
      last = curve(trial.number(), step, direction);
      trial.report(step, last);
      if (trial.shouldPrune()) {
        throw new TrialPrunedException();
      }
    }
    return last;
  }

  private Study study(String name, Storage storage, StudyDirection direction) {
    return Study.builder().name(name).storage(storage).sampler(new RandomSampler(0))
        .direction(direction).pruner(newPruner())
        .loadIfExists(true).build();
  }

  @Test
  void neverPrunesBeforeAnyReport() {
    Study study = study("no-report", newStorage(), StudyDirection.MINIMIZE);
    study.optimize(trial -> runCurve(trial, StudyDirection.MINIMIZE), 30);
    for (int i = 0; i < 3; i++) {
      Trial fresh = study.ask();
      assertThat(fresh.shouldPrune()).as("trial %d without reports", fresh.number()).isFalse();
      FrozenTrial snapshot = study.trials().get(fresh.number());
      assertThat(newPruner().prune(study.view(), snapshot).prune()).isFalse();
    }
  }

  @Test
  void prunedTrialsKeepTheirCurveTheirLastValueAndAReason() {
    for (StudyDirection direction : StudyDirection.values()) {
      Study study = study("curves-" + direction, newStorage(), direction);
      study.optimize(trial -> runCurve(trial, direction), 60);
      List<FrozenTrial> pruned = study.trials(TrialState.PRUNED);
      assertThat(study.trials(TrialState.FAIL)).isEmpty();
      if (!prunes()) {
        assertThat(pruned).isEmpty();
        continue;
      }
      assertThat(pruned).as("pruned trials (%s)", direction).isNotEmpty();
      for (FrozenTrial t : pruned) {
        int last = t.lastStep().orElseThrow();
        assertThat(t.intermediateValues()).hasSize(last);
        for (int step = 1; step <= last; step++) {
          assertThat(t.intermediateValues().get(step)).isEqualTo(curve(t.number(), step, direction));
        }
        assertThat(t.value()).isEqualTo(t.intermediateValues().get(last));
        assertThat(t.systemAttrs().get(FrozenTrial.PRUNE_REASON)).asString().isNotBlank();
      }
      // The worse curves are the ones stopped: pruned trials are worse on average, and some
      // curves run to the end (a pruner that stops every trial stops the good ones too).
      List<FrozenTrial> complete = study.trials(TrialState.COMPLETE);
      assertThat(complete).as("trials run to the end (%s)", direction).isNotEmpty();
      double prunedQuality = pruned.stream().mapToDouble(t -> quality(t.number())).average()
          .orElseThrow();
      double completeQuality = complete.stream().mapToDouble(t -> quality(t.number())).average()
          .orElseThrow();
      assertThat(prunedQuality).as("mean quality of pruned vs complete trials (%s)", direction)
          .isGreaterThan(completeQuality);
    }
  }

  @Test
  void nanAndInfiniteReportsAreHandled() {
    for (StudyDirection direction : StudyDirection.values()) {
      Study study = study("nan-" + direction, newStorage(), direction);
      double[] odd = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
      study.optimize(trial -> {
        trial.suggestFloat("x", 0, 1);
        double last = 0;
        for (int step = 1; step <= STEPS; step++) {
          double v = curve(trial.number(), step, direction);
          if (trial.number() % 4 < 3 && step % 3 == 0) {
            v = odd[trial.number() % 4];
          }
          trial.report(step, v);
          if (!Double.isNaN(v)) {
            last = v;
          }
          if (trial.shouldPrune()) {
            throw new TrialPrunedException();
          }
        }
        return last;
      }, 40);
      assertThat(study.trials()).hasSize(40).allMatch(t -> t.state() == TrialState.COMPLETE
          || t.state() == TrialState.PRUNED, "COMPLETE or PRUNED");
      assertThat(study.trials(TrialState.PRUNED))
          .allMatch(t -> t.systemAttrs().containsKey(FrozenTrial.PRUNE_REASON));
    }
  }

  @Test
  void decisionsDependOnlyOnStoredData() {
    // One Study object: every decision is checked against a fresh pruner over a fresh view.
    Storage single = newStorage();
    List<String> one = new ArrayList<>();
    Study study = Study.builder().name("stored").storage(single).sampler(new RandomSampler(0))
        .pruner(checking(newPruner(), one, "stored", reopen(single))).build();
    study.optimize(trial -> runCurve(trial, StudyDirection.MINIMIZE), 40);

    // Two Study objects ("processes") with their own pruners share a storage, taking turns.
    Storage shared = newStorage();
    Storage other = reopen(shared);
    List<String> two = new ArrayList<>();
    Study first = Study.builder().name("stored").storage(shared).sampler(new RandomSampler(0))
        .pruner(checking(newPruner(), two, "stored", other)).build();
    Study second = Study.builder().name("stored").storage(other).sampler(new RandomSampler(0))
        .loadIfExists(true)
        .pruner(checking(newPruner(), two, "stored", shared)).build();
    for (int i = 0; i < 40; i++) {
      (i % 2 == 0 ? first : second).optimize(trial -> runCurve(trial, StudyDirection.MINIMIZE), 1);
    }
    assertThat(two).isEqualTo(one);
    assertThat(shared.trials(first.id()).stream().map(FrozenTrial::systemAttrs).toList())
        .isEqualTo(single.trials(study.id()).stream().map(FrozenTrial::systemAttrs).toList());
  }

  /**
   * Wraps a pruner: records each decision and checks it against a fresh pruner over a fresh view
   * read through {@code storage} (another handle on the study's data).
   */
  private Pruner checking(Pruner pruner, List<String> log, String name, Storage storage) {
    return new Pruner() {
      @Override
      public PruneDecision prune(StudyView view, FrozenTrial trial) {
        PruneDecision decision = pruner.prune(view, trial);
        StudyView fresh = Study.load(name, storage).view();
        PruneDecision again = newPruner().prune(fresh, trial);
        assertThat(again).as("decision of a fresh pruner on a fresh view for trial %d at step %s",
            trial.number(), trial.lastStep()).isEqualTo(decision);
        assertThat(pruner.prune(view, trial)).as("the same call twice").isEqualTo(decision);
        synchronized (log) {
          log.add(trial.number() + "@" + trial.lastStep().orElse(-1) + ": " + decision);
        }
        return decision;
      }

      @Override
      public StudyView samplerView(StudyView view, FrozenTrial trial) {
        return pruner.samplerView(view, trial);
      }
    };
  }

  @Test
  void worksWithSeveralThreads() {
    Study study = study("threads", newStorage(), StudyDirection.MINIMIZE);
    List<Integer> pruneCalls = Collections.synchronizedList(new ArrayList<>());
    study.optimize(trial -> {
      try {
        return runCurve(trial, StudyDirection.MINIMIZE);
      } catch (TrialPrunedException e) {
        pruneCalls.add(trial.number());
        throw e;
      }
    }, OptimizeOptions.trials(60).withJobs(4));
    List<FrozenTrial> trials = study.trials();
    assertThat(trials).hasSize(60).allMatch(t -> t.state() == TrialState.COMPLETE
        || t.state() == TrialState.PRUNED, "COMPLETE or PRUNED");
    List<FrozenTrial> pruned = study.trials(TrialState.PRUNED);
    assertThat(pruned).extracting(FrozenTrial::number)
        .containsExactlyInAnyOrderElementsOf(pruneCalls);
    for (FrozenTrial t : pruned) {
      assertThat(t.systemAttrs().get(FrozenTrial.PRUNE_REASON)).asString().isNotBlank();
      assertThat(t.value()).isEqualTo(t.intermediateValues().get(t.lastStep().orElseThrow()));
    }
    if (prunes()) {
      assertThat(pruned).isNotEmpty();
    }
    for (FrozenTrial t : trials) {
      Map<Integer, Double> curve = t.intermediateValues();
      curve.forEach((step, v) -> assertThat(v).isEqualTo(loss(t.number(), step)));
    }
  }

  /**
   * Under the default {@link OptimizeOptions.ParallelHistory#REPRODUCIBLE} history a trial's
   * pruner sees the same trials however threads interleave, so every decision, and with it which
   * trials end PRUNED at which step and why, is the same from run to run (random pauses here).
   */
  @Test
  void sameDecisionsHoweverThreadsInterleave() {
    assertThat(outcomes(pausedRun())).isEqualTo(outcomes(pausedRun()));
  }

  private Study pausedRun() {
    Study study = study("paused", newStorage(), StudyDirection.MINIMIZE);
    study.optimize(trial -> {
      trial.suggestFloat("x", 0, 1);
      double last = Double.NaN;
      for (int step = 1; step <= STEPS; step++) {
        java.util.concurrent.locks.LockSupport.parkNanos(
            java.util.concurrent.ThreadLocalRandom.current().nextLong(200_000));
        last = loss(trial.number(), step);
        trial.report(step, last);
        if (trial.shouldPrune()) {
          throw new TrialPrunedException();
        }
      }
      return last;
    }, OptimizeOptions.trials(40).withJobs(4));
    return study;
  }

  private static List<String> outcomes(Study study) {
    List<String> out = new ArrayList<>();
    for (FrozenTrial t : study.trials()) {
      out.add(t.number() + " " + t.state() + " @" + t.lastStep().orElse(-1) + " "
          + t.systemAttrs().get(FrozenTrial.PRUNE_REASON));
    }
    return out;
  }
}
