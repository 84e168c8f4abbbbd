package dev.jtune.sampler.tpe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jtune.sampler.RandomSampler;
import dev.jtune.sampler.Sampler;
import dev.jtune.space.Distribution;
import dev.jtune.space.FloatDistribution;
import dev.jtune.storage.TrialTemplate;
import dev.jtune.study.Study;
import dev.jtune.study.StudyDirection;
import dev.jtune.trial.FrozenTrial;
import dev.jtune.trial.Trial;
import dev.jtune.trial.TrialState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class TpeSamplerBehaviourTest {
  private static final FloatDistribution X = FloatDistribution.uniform(0, 1);

  private static Study study(Sampler sampler, StudyDirection direction) {
    return Study.builder().name("tpe").direction(direction).sampler(sampler).build();
  }

  private static double shareNearOptimum(Sampler sampler) {
    Study study = study(sampler, StudyDirection.MINIMIZE);
    study.optimize(t -> {
      double x = t.suggestFloat("x", 0, 1);
      double y = t.suggestFloat("y", -5, 5);
      return (x - 0.7) * (x - 0.7) + 0.01 * (y - 1) * (y - 1);
    }, 80);
    List<FrozenTrial> late = study.trials().subList(40, 80);
    return late.stream().filter(t -> Math.abs((Double) t.param("x") - 0.7) < 0.1).count()
        / (double) late.size();
  }

  @Test
  void concentratesNearTheOptimumOnceItHasLearned() {
    for (long seed = 1; seed <= 3; seed++) {
      // Random search puts 20% of its points there; TPE about half or more.
      assertThat(shareNearOptimum(new TpeSampler(seed))).as("seed %s", seed).isGreaterThan(0.45);
      assertThat(shareNearOptimum(new TpeSampler(TpeConfig.defaults().withSeed(seed)
          .withMultivariate(true)))).as("multivariate, seed %s", seed).isGreaterThan(0.45);
      assertThat(shareNearOptimum(new RandomSampler(seed))).isLessThan(0.4);
    }
  }

  private static void add(Study study, TrialState state, double x, Double value,
      Map<Integer, Double> reports) {
    study.addTrial(new TrialTemplate(state, value == null ? List.of() : List.of(value),
        Map.of("x", x), Map.<String, Distribution>of("x", X), new TreeMap<>(reports), Map.of(),
        Map.of()));
  }

  @Test
  void ranksCompleteThenPrunedByStepThenRunningAndSplitsByGamma() {
    Study study = study(new RandomSampler(0), StudyDirection.MAXIMIZE);
    for (int i = 0; i < 8; i++) {
      add(study, TrialState.COMPLETE, 0.1 * i, (double) i, Map.of());  // best: trial 7, then 6
    }
    add(study, TrialState.PRUNED, 0.85, null, Map.of(1, 100.0, 5, 50.0));  // 8: late step
    add(study, TrialState.PRUNED, 0.86, null, Map.of(2, 1000.0));          // 9: earlier step
    add(study, TrialState.FAIL, 0.5, null, Map.of());                       // 10: ignored
    add(study, TrialState.RUNNING, 0.9, null, Map.of());                    // 11: a lie
    Trial current = study.ask();
    FrozenTrial currentFrozen = study.trials().get(current.number());
    TpeConfig config = TpeConfig.defaults().withSeed(0).withGamma(0.25, 25);
    History history = History.read(study.view(), currentFrozen, config, Violations.NONE,
        new ParamColumns());
    assertThat(history.finished()).isEqualTo(10);
    assertThat(history.trials().stream().map(FrozenTrial::number).toList())
        .containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 11);
    // ceil(0.25 * 10) = 3 good: the two best complete trials (maximizing), then... the third best
    // complete one, since every complete trial outranks every pruned one.
    List<Integer> good = new ArrayList<>();
    for (int i = 0; i < history.trials().size(); i++) {
      if (history.isGood(i)) {
        good.add(history.trials().get(i).number());
      }
    }
    assertThat(good).containsExactly(5, 6, 7);
    History.Split split = history.observations(List.of("x"), List.of(X));
    assertThat(split.good()[0]).containsExactly(0.1 * 5, 0.1 * 6, 0.1 * 7);
    assertThat(split.bad()[0]).hasSize(8).contains(0.9, 0.85, 0.86);

    History noLiar = History.read(study.view(), currentFrozen, config.withConstantLiar(false),
        Violations.NONE, new ParamColumns());
    assertThat(noLiar.trials().stream().map(FrozenTrial::number)).doesNotContain(11);
  }

  @Test
  void prunedTrialsRankByLastStepThenValue() {
    Study study = study(new RandomSampler(0), StudyDirection.MINIMIZE);
    add(study, TrialState.PRUNED, 0.1, null, Map.of(3, 9.0));
    add(study, TrialState.PRUNED, 0.2, null, Map.of(7, 5.0));
    add(study, TrialState.PRUNED, 0.3, null, Map.of(7, 4.0));
    add(study, TrialState.PRUNED, 0.4, null, Map.of());
    Trial current = study.ask();
    History h = History.read(study.view(), study.trials().get(current.number()),
        TpeConfig.defaults().withSeed(0).withGamma(0.5, 25), Violations.NONE, new ParamColumns());
    assertThat(List.of(h.isGood(0), h.isGood(1), h.isGood(2), h.isGood(3)))
        .containsExactly(false, true, true, false);
  }

  @Test
  void groupsParametersThatAlwaysAppearTogether() {
    Study study = study(new RandomSampler(0), StudyDirection.MINIMIZE);
    study.optimize(t -> {
      double x = t.suggestFloat("x", 0, 1);
      String kind = t.suggestCategorical("kind", List.of("a", "c"));
      if (kind.equals("c")) {
        x += t.suggestFloat("beta", 0, 1);
      }
      t.suggestFloat("fixed", 2, 2);
      return x;
    }, 20);
    GroupDecomposition groups = new GroupDecomposition(true);
    assertThat(groups.update(study.trials()).stream().map(Map::keySet).map(List::copyOf).toList())
        .containsExactly(List.of("kind", "x"), List.of("beta"));
    GroupDecomposition intersection = new GroupDecomposition(false);
    assertThat(intersection.update(study.trials()).get(0).keySet()).containsExactly("kind", "x");
  }

  @Test
  void groupDecompositionRefinesOnEveryNewParameterSet() {
    GroupDecomposition groups = new GroupDecomposition(true);
    Study study = study(new RandomSampler(0), StudyDirection.MINIMIZE);
    for (List<String> names : List.of(List.of("a", "b", "c"), List.of("a", "b"), List.of("a", "d"))) {
      Map<String, Double> params = new TreeMap<>();
      Map<String, Distribution> dists = new TreeMap<>();
      names.forEach(n -> {
        params.put(n, 0.5);
        dists.put(n, X);
      });
      study.addTrial(new TrialTemplate(TrialState.COMPLETE, List.of(1.0), params, dists,
          new TreeMap<>(), Map.of(), Map.of()));
    }
    assertThat(groups.update(study.trials()).stream().map(Map::keySet).map(List::copyOf).toList())
        .containsExactly(List.of("a"), List.of("b"), List.of("c"), List.of("d"));
  }

  @Test
  void worksWithParallelWorkersAndTheConstantLiar() {
    Study study = study(new TpeSampler(TpeConfig.defaults().withSeed(9).withMultivariate(true)),
        StudyDirection.MINIMIZE);
    study.optimize(t -> {
      double x = t.suggestFloat("x", -3, 3);
      int n = t.suggestInt("n", 1, 64, true);
      String c = t.suggestCategorical("c", List.of("a", "b", "c"));
      return x * x + Math.log(n) + (c.equals("b") ? 0 : 1);
    }, dev.jtune.study.OptimizeOptions.trials(80).withJobs(4));
    assertThat(study.trials(TrialState.COMPLETE)).hasSize(80);
    assertThat(study.bestValue()).isLessThan(1.0);
  }

  /**
   * Independent TPE's constant liar under the reproducible history: the running trials shown to a
   * trial carry the values their joint phase drew, so the liar changes what parallel workers
   * propose (it used to change nothing, running trials showing no parameters); on one thread,
   * where nothing runs beside a trial, drawing in the joint phase gives the very values drawn at
   * suggestion, and so does a run of the same seed again.
   */
  @Test
  void independentTpesConstantLiarReachesParallelWorkers() {
    java.util.function.BiFunction<Boolean, Integer, List<Map<String, Object>>> run =
        (liar, jobs) -> {
          Study study = study(new TpeSampler(TpeConfig.defaults().withSeed(2).withStartupTrials(5)
              .withConstantLiar(liar)), StudyDirection.MINIMIZE);
          study.optimize(t -> {
            double x = t.suggestFloat("x", -3, 3);
            int n = t.suggestInt("n", 1, 64, true);
            double c = x > 0 ? t.suggestFloat("c", 0, 1) : 0;   // conditional: independent
            sleepQuietly((t.number() * 7919L) % 13);   // finish out of order
            return x * x + Math.log(n) + c;
          }, dev.jtune.study.OptimizeOptions.trials(30).withJobs(jobs));
          return study.trials().stream().map(FrozenTrial::params).toList();
        };
    assertThat(run.apply(true, 4)).isNotEqualTo(run.apply(false, 4))
        .isEqualTo(run.apply(true, 4));
    assertThat(run.apply(true, 1)).isEqualTo(run.apply(false, 1));
  }

  private static void sleepQuietly(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void handlesDistributionsThatChangeBetweenTrials() {
    Study study = study(new TpeSampler(4), StudyDirection.MINIMIZE);
    study.optimize(t -> {
      boolean wide = t.number() >= 15;
      double x = t.suggestFloat("x", 0, wide ? 10 : 1);
      String c = t.suggestCategorical("c", wide ? List.of("p", "q", "r") : List.of("p", "q"));
      return Math.abs(x - 3) + (c.equals("r") ? 0 : 1);
    }, 45);
    assertThat(study.trials(TrialState.COMPLETE)).hasSize(45);
    for (FrozenTrial t : study.trials()) {
      t.internalParams().forEach((name, v) ->
          assertThat(t.distributions().get(name).contains(v)).isTrue());
    }
    // The old, narrow observations still count where the new range contains them; the search
    // moves on to the new region.
    assertThat(study.bestValue()).isLessThan(1.0);
  }

  @Test
  void multiObjectiveStudiesRunWithAMaximizedObjectiveToo() {
    Study study = Study.builder().name("mo")
        .directions(StudyDirection.MINIMIZE, StudyDirection.MAXIMIZE)
        .sampler(new TpeSampler(3)).build();
    study.optimizeMulti(t -> {
      double x = t.suggestFloat("x", 0, 1);
      return new double[] {(x - 0.8) * (x - 0.8), 1 - Math.abs(x - 0.8)};
    }, dev.jtune.study.OptimizeOptions.trials(40));
    assertThat(study.trials(TrialState.COMPLETE)).hasSize(40);
    // both objectives are best at x = 0.8, which dominates every other point: once the model
    // takes over (after 10 trials) the draws follow the good group there. Over seeds 0-29 the
    // mean is 0.19 (Optuna 3.1's multi-objective TPE 0.17; either tool with one objective 0.09:
    // the best point dominates the rest of the good group, whose hypervolume weights then vanish)
    double startup = study.trials().subList(0, 10).stream()
        .mapToDouble(t -> Math.abs((Double) t.param("x") - 0.8)).average().orElseThrow();
    double modelled = study.trials().subList(20, 40).stream()
        .mapToDouble(t -> Math.abs((Double) t.param("x") - 0.8)).average().orElseThrow();
    assertThat(modelled).as("mean |x - 0.8| of trials 20-39 against %s in the startup", startup)
        .isLessThan(startup - 0.08);
  }

  @Test
  void configValidatesAndDocumentsTheSplit() {
    TpeConfig c = TpeConfig.defaults();
    assertThat(c.goodTrials(1)).isEqualTo(1);
    assertThat(c.goodTrials(100)).isEqualTo(10);
    assertThat(c.goodTrials(101)).isEqualTo(11);
    assertThat(c.goodTrials(1000)).isEqualTo(25);
    assertThatThrownBy(() -> c.withEiCandidates(0)).hasMessageContaining("eiCandidates")
        .hasMessageContaining("0");
    assertThatThrownBy(() -> c.withGamma(1.5, 25)).hasMessageContaining("1.5");
    assertThatThrownBy(() -> c.withPrior(true, -1)).hasMessageContaining("-1");
    assertThat(c.withSeed(5).seed()).isEqualTo(5);
  }
}
