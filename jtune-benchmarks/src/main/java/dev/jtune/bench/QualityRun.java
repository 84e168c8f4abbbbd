package dev.jtune.bench;

import dev.jtune.bench.problems.Evaluation;
import dev.jtune.bench.problems.Problem;
import dev.jtune.sampler.Sampler;
import dev.jtune.study.OptimizeOptions;
import dev.jtune.study.Study;
import dev.jtune.study.StudyDirection;
import dev.jtune.trial.FrozenTrial;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One run of the quality benchmark, done exactly as {@code optuna_quality.py}'s {@code run_one}: a
 * fresh in-memory study minimizes the problem for {@code budget} trials on the calling thread; the
 * objective suggests the problem's active parameters in order and records the observed and the
 * noiseless value; afterwards the incumbent regret (the noiseless regret of the trial with the best
 * observed value so far) and the oracle regret (best noiseless value so far) are read at each
 * checkpoint that does not exceed the budget. With several workers the trials run on that many
 * threads under the reproducible parallel history, and the values are read in trial-number order,
 * so the result does not depend on timing.
 */
final class QualityRun {
  private QualityRun() {}

  static QualityResult run(Problem problem, String samplerLabel, Sampler sampler, long seed,
      int budget, int workers, List<Integer> checkpoints, String version) {
    Study study = Study.builder()
        .name("quality-" + problem.name() + "-" + samplerLabel + "-" + seed)
        .direction(StudyDirection.MINIMIZE)
        .sampler(sampler)
        .build();
    Map<Integer, Evaluation> byNumber = new java.util.concurrent.ConcurrentSkipListMap<>();
    long start = System.nanoTime();
    study.optimize(trial -> {
      Evaluation e = problem.evaluate(problem.suggest(trial), seed, trial.number());
      byNumber.put(trial.number(), e);
      return e.observed();
    }, OptimizeOptions.trials(budget).withJobs(workers));
    double wall = (System.nanoTime() - start) / 1e9;
    List<Double> observed = new ArrayList<>();
    List<Double> trueValues = new ArrayList<>();
    for (Evaluation e : byNumber.values()) {
      observed.add(e.observed());
      trueValues.add(e.trueValue());
    }

    double[] incumbent = new double[observed.size()];
    double[] oracle = new double[observed.size()];
    double bestObserved = Double.POSITIVE_INFINITY;
    double incumbentRegret = Double.POSITIVE_INFINITY;
    double bestTrue = Double.POSITIVE_INFINITY;
    for (int i = 0; i < observed.size(); i++) {
      if (observed.get(i) < bestObserved) {
        bestObserved = observed.get(i);
        incumbentRegret = problem.regret(trueValues.get(i));
      }
      bestTrue = Math.min(bestTrue, trueValues.get(i));
      incumbent[i] = incumbentRegret;
      oracle[i] = problem.regret(bestTrue);
    }
    Map<String, Double> cps = new LinkedHashMap<>();
    Map<String, Double> cpsOracle = new LinkedHashMap<>();
    for (int c : checkpoints) {
      if (c <= budget && c <= observed.size()) {
        cps.put(String.valueOf(c), incumbent[c - 1]);
        cpsOracle.put(String.valueOf(c), oracle[c - 1]);
      }
    }
    FrozenTrial best = study.bestTrial();
    return new QualityResult(problem.name(), samplerLabel, seed, budget, cps, cpsOracle, wall,
        1000.0 * wall / budget, best.params(), best.value(), observed, trueValues, version);
  }
}
