package dev.jtune.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jtune.sampler.Sampler;
import dev.jtune.space.Distribution;
import dev.jtune.storage.InMemoryStorage;
import dev.jtune.storage.Storage;
import dev.jtune.study.OptimizeOptions;
import dev.jtune.study.Study;
import dev.jtune.study.StudyDirection;
import dev.jtune.trial.FrozenTrial;
import dev.jtune.trial.Trial;
import dev.jtune.trial.TrialState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * What every {@link dev.jtune.sampler.Sampler} that can sample any define-by-run space must do, as
 * tests: stay inside every kind of distribution and on its grid, handle conditional parameters and
 * failed trials, and be reproducible for a seed. A sampler's test extends this class and implements
 * {@link #newSampler(long)}.
 */
public abstract class SamplerContract {

  /** A new sampler with the given seed. */
  protected abstract Sampler newSampler(long seed);

  /**
   * A fresh, empty storage for one study; the default is an {@link InMemoryStorage}. A storage
   * module overrides it to run the contract on its own storage (and closes what it opened).
   */
  protected Storage newStorage() {
    return new InMemoryStorage();
  }

  /** The number of trials the tests run; model-based samplers may lower it to stay fast. */
  protected int trials() {
    return 120;
  }

  /** An enum for categorical tests. */
  public enum Color { RED, GREEN, BLUE }

  /** Suggests one parameter of every kind and returns a value that depends on all of them. */
  protected static double everyKind(Trial trial) {
    double u = trial.suggestFloat("uniform", -2.5, 4.0);
    double lg = trial.suggestFloat("log", 1e-5, 1e-1, true);
    double st = trial.suggestFloat("step", 0.1, 1.0, 0.1);
    int i = trial.suggestInt("int", -3, 7);
    int il = trial.suggestInt("intLog", 1, 1024, true);
    int is = trial.suggestInt("intStep", 16, 256, 16);
    Object c = trial.suggestCategorical("choice", Arrays.asList("a", 2, null, true));
    Color color = trial.suggestEnum("color", Color.class);
    boolean flag = trial.suggestBoolean("flag");
    double fixed = trial.suggestFloat("fixed", 3.0, 3.0);
    return u * u + Math.log10(lg) + st + i + Math.log(il) + is / 16.0 + (c == null ? 1 : 0)
        + color.ordinal() + (flag ? 1 : 0) + fixed;
  }

  private Study study(long seed) {
    return Study.builder().name("contract-" + seed).direction(StudyDirection.MINIMIZE)
        .sampler(newSampler(seed)).storage(newStorage()).build();
  }

  @Test
  void staysInsideEveryKindOfDistributionAndOnItsGrid() {
    Study study = study(1);
    study.optimize(SamplerContract::everyKind, trials());
    List<FrozenTrial> trials = study.trials();
    assertThat(trials).hasSize(trials()).allMatch(t -> t.state() == TrialState.COMPLETE,
        "every trial COMPLETE");
    Set<Object> choices = new HashSet<>();
    Set<Object> colors = new HashSet<>();
    Set<Object> uniforms = new HashSet<>();
    Set<Object> ints = new HashSet<>();
    for (FrozenTrial t : trials) {
      uniforms.add(t.param("uniform"));
      ints.add(t.param("int"));
      for (Map.Entry<String, Double> p : t.internalParams().entrySet()) {
        Distribution d = t.distributions().get(p.getKey());
        assertThat(d.contains(p.getValue())).as("%s=%s in %s", p.getKey(), p.getValue(),
            d.describe()).isTrue();
      }
      double step = (Double) t.param("step");
      assertThat(Math.abs(step * 10 - Math.rint(step * 10))).isLessThan(1e-9);
      assertThat((Integer) t.param("intStep") % 16).isZero();
      assertThat(t.param("fixed")).isEqualTo(3.0);
      choices.add(String.valueOf(t.param("choice")));
      colors.add(t.param("color"));
    }
    assertThat(choices).hasSize(4);
    assertThat(colors).hasSize(3);
    // numbers are explored too: a sampler that always proposed the same value (its lower bound,
    // say) stayed inside every distribution
    assertThat(uniforms).as("distinct values of a float in [-2.5, 4]")
        .hasSizeGreaterThanOrEqualTo(Math.min(10, trials() / 4));
    double spread = uniforms.stream().mapToDouble(v -> (Double) v).max().orElseThrow()
        - uniforms.stream().mapToDouble(v -> (Double) v).min().orElseThrow();
    assertThat(spread).as("range covered of a float in [-2.5, 4]").isGreaterThan(1.0);
    assertThat(ints).as("distinct values of an int in [-3, 7]").hasSizeGreaterThanOrEqualTo(3);
  }

  @Test
  void handlesConditionalParameters() {
    Study study = study(2);
    study.optimize(trial -> {
      String optimizer = trial.suggestCategorical("optimizer", List.of("sgd", "adam"));
      double lr = trial.suggestFloat("lr", 1e-4, 1e-1, true);
      if (optimizer.equals("sgd")) {
        return lr + trial.suggestFloat("momentum", 0.0, 0.99);
      }
      int layers = trial.suggestInt("layers", 1, 4);
      for (int layer = 0; layer < layers; layer++) {
        trial.suggestInt("units_" + layer, 8, 128, true);
      }
      return lr * layers;
    }, trials());
    List<FrozenTrial> trials = study.trials();
    assertThat(trials).allMatch(t -> t.state() == TrialState.COMPLETE);
    for (FrozenTrial t : trials) {
      boolean sgd = "sgd".equals(t.param("optimizer"));
      assertThat(t.params().containsKey("momentum")).isEqualTo(sgd);
      assertThat(t.params().containsKey("layers")).isEqualTo(!sgd);
      if (!sgd) {
        int layers = (Integer) t.param("layers");
        for (int layer = 0; layer < layers; layer++) {
          assertThat(t.params()).containsKey("units_" + layer);
        }
      }
    }
    assertThat(trials).anyMatch(t -> "sgd".equals(t.param("optimizer")))
        .anyMatch(t -> "adam".equals(t.param("optimizer")));
  }

  @Test
  void goesOnAfterFailedAndNanTrials() {
    Study study = study(3);
    study.optimize(trial -> {
      double x = trial.suggestFloat("x", -1, 1);
      if (trial.number() % 3 == 1) {
        return Double.NaN;
      }
      if (trial.number() % 3 == 2) {
        throw new IllegalStateException("boom in trial " + trial.number());
      }
      return x * x;
    }, 30);
    assertThat(study.trials(TrialState.COMPLETE)).hasSize(10);
    assertThat(study.trials(TrialState.FAIL)).hasSize(20)
        .allMatch(t -> t.systemAttrs().containsKey(FrozenTrial.FAIL_REASON));
  }

  /**
   * In a constrained study (values stored with each trial, some trials' unobtainable) the sampler
   * goes on, the best trial is feasible, and a seeded study repeats on several threads.
   */
  @Test
  void aConstrainedStudyGoesOnAndRepeats() {
    List<Map<Integer, Map<String, Object>>> runs = new java.util.ArrayList<>();
    for (int run = 0; run < 2; run++) {
      Study study = Study.builder().name("constrained").direction(StudyDirection.MINIMIZE)
          .sampler(newSampler(51)).storage(newStorage())
          .constraints(t -> {
            if (t.number() % 7 == 3) {
              throw new IllegalStateException("no latency measured for trial " + t.number());
            }
            return new double[] {0.2 - (double) t.param("x")};
          }).build();
      study.optimize(trial -> {
        double x = trial.suggestFloat("x", -1, 1);
        double y = trial.suggestFloat("y", -1, 1);
        return x * x + y * y;
      }, OptimizeOptions.trials(Math.min(trials(), 40)).withJobs(3));
      assertThat(study.trials()).allMatch(t -> t.state() == TrialState.COMPLETE
          && t.systemAttrs().containsKey(FrozenTrial.CONSTRAINTS));
      assertThat((double) study.bestTrial().param("x")).isGreaterThanOrEqualTo(0.2);
      runs.add(paramsByNumber(study));
    }
    assertThat(runs.get(1)).isEqualTo(runs.get(0));
  }

  @Test
  void sameSeedGivesTheSameSuggestions() {
    assertThat(paramsByNumber(run(11, 1))).isEqualTo(paramsByNumber(run(11, 1)));
  }

  @Test
  void differentSeedsGiveDifferentSuggestions() {
    assertThat(paramsByNumber(run(11, 1))).isNotEqualTo(paramsByNumber(run(12, 1)));
  }

  @Test
  void sameSeedGivesTheSameSuggestionsOnAnyNumberOfThreads() {
    if (newSampler(21).readsHistory()) {
      return; // covered by sameSeedGivesTheSameSuggestionsHoweverThreadsInterleave
    }
    Map<Integer, Map<String, Object>> sequential = paramsByNumber(run(21, 1));
    assertThat(paramsByNumber(run(21, 4))).isEqualTo(sequential);
    assertThat(paramsByNumber(run(21, 8))).isEqualTo(sequential);
  }

  /**
   * The ground rule for every sampler, history-dependent ones included: with the default
   * {@link OptimizeOptions.ParallelHistory#REPRODUCIBLE} history, a seeded study on several threads
   * makes the same suggestions however the threads interleave (here shuffled by random pauses).
   */
  @Test
  void sameSeedGivesTheSameSuggestionsHoweverThreadsInterleave() {
    Map<Integer, Map<String, Object>> first = paramsByNumber(run(31, 4, true));
    assertThat(paramsByNumber(run(31, 4, true))).isEqualTo(first);
    assertThat(paramsByNumber(run(31, 4, false))).isEqualTo(first);
  }

  /**
   * A sampler shared by two studies keeps them apart, though each storage numbers its studies from
   * the same start: the second study gets the suggestions a fresh sampler would give it (Optuna's
   * samplers read the study they are given and hold no state of another).
   */
  @Test
  void aSamplerSharedByTwoStudiesKeepsThemApart() {
    Sampler shared = newSampler(41);
    for (double target : new double[] {0.9, 0.1}) {
      Study study = Study.builder().name("shared").direction(StudyDirection.MINIMIZE)
          .sampler(shared).storage(newStorage()).build();   // a new storage: the same study id
      study.optimize(trial -> sharedObjective(trial, target), 30);
      if (target == 0.1) {
        Study alone = Study.builder().name("shared").direction(StudyDirection.MINIMIZE)
            .sampler(newSampler(41)).storage(newStorage()).build();
        alone.optimize(trial -> sharedObjective(trial, target), 30);
        assertThat(paramsByNumber(study)).isEqualTo(paramsByNumber(alone));
      }
    }
  }

  private static double sharedObjective(Trial trial, double target) {
    double x = trial.suggestFloat("x", 0, 1);
    double y = trial.suggestFloat("y", 0, 1);
    return (x - target) * (x - target) + (y - target) * (y - target);
  }

  private Study run(long seed, int jobs) {
    return run(seed, jobs, false);
  }

  private Study run(long seed, int jobs, boolean pauses) {
    Study study = study(seed);
    study.optimize(trial -> {
      if (pauses) {
        java.util.concurrent.locks.LockSupport.parkNanos(
            java.util.concurrent.ThreadLocalRandom.current().nextLong(2_000_000));
      }
      double v = everyKind(trial);
      if (trial.number() % 2 == 0) {
        v += trial.suggestFloat("conditional", 0, 1);
      }
      return v;
    }, OptimizeOptions.trials(40).withJobs(jobs));
    return study;
  }

  private static Map<Integer, Map<String, Object>> paramsByNumber(Study study) {
    Map<Integer, Map<String, Object>> out = new TreeMap<>();
    for (FrozenTrial t : study.trials()) {
      out.put(t.number(), new TreeMap<>(nullSafe(t.params())));
    }
    return out;
  }

  private static Map<String, Object> nullSafe(Map<String, Object> params) {
    Map<String, Object> out = new TreeMap<>();
    params.forEach((k, v) -> out.put(k, v == null ? "<null>" : v));
    return out;
  }

  /** Collects values for assertions in subclasses. */
  protected static List<Double> values(Study study) {
    List<Double> out = new ArrayList<>();
    study.trials(TrialState.COMPLETE).forEach(t -> out.add(t.value()));
    return out;
  }
}
