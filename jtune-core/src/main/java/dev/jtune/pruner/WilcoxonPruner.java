package dev.jtune.pruner;

import dev.jtune.study.Feasibility;
import dev.jtune.study.StudyDirection;
import dev.jtune.study.StudyView;
import dev.jtune.trial.FrozenTrial;
import dev.jtune.trial.TrialState;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/*
 * Optuna's WilcoxonPruner (3.6): a trial that evaluates instances one by one (folds, problem
 * instances, test questions) reports each instance's score at the instance's id as step; it is
 * pruned once the one-sided signed-rank test on its scores paired with the best trial's on the
 * same ids says, below the p threshold, that it is worse - unless the mean of all its scores is
 * still at least as good as the mean of all the best trial's (Optuna's safety rule). Trials with a
 * non-finite score, on either side, are never pruned. The best trial is the study's (the best
 * feasible one in a constrained study).
 */
final class WilcoxonPruner implements Pruner {
  private final WilcoxonConfig config;

  WilcoxonPruner(WilcoxonConfig config) {
    this.config = java.util.Objects.requireNonNull(config, "config");
  }

  @Override
  public PruneDecision prune(StudyView study, FrozenTrial trial) {
    SortedMap<Integer, Double> mine = trial.intermediateValues();
    if (mine.isEmpty()) {
      return PruneDecision.keep("nothing reported yet");
    }
    if (!allFinite(mine)) {
      return PruneDecision.keep("a reported value is not finite: never pruned");
    }
    StudyDirection direction = study.direction();
    FrozenTrial best = null;
    for (FrozenTrial t : Feasibility.filter(study.trials(EnumSet.of(TrialState.COMPLETE)))) {
      if (best == null || direction.isBetter(t.value(), best.value())) {
        best = t;
      }
    }
    if (best == null) {
      return PruneDecision.keep("no best trial yet");
    }
    SortedMap<Integer, Double> theirs = best.intermediateValues();
    if (theirs.isEmpty() || !allFinite(theirs)) {
      return PruneDecision.keep("best trial " + best.number() + " has "
          + (theirs.isEmpty() ? "no reported values" : "a value that is not finite"));
    }
    List<Double> differences = new ArrayList<>();
    for (Map.Entry<Integer, Double> e : mine.entrySet()) {
      Double other = theirs.get(e.getKey());
      if (other != null) {
        differences.add(e.getValue() - other);
      }
    }
    int shared = differences.size();
    if (shared < Math.max(2, config.startupSteps())) {
      return PruneDecision.keep(shared + " step(s) shared with best trial " + best.number()
          + ", fewer than " + Math.max(2, config.startupSteps()));
    }
    boolean maximize = direction == StudyDirection.MAXIMIZE;
    double p = SignedRankTest.pValue(differences.stream().mapToDouble(Double::doubleValue)
        .toArray(), maximize);
    double myMean = mean(mine);
    double bestMean = mean(theirs);
    String test = String.format(java.util.Locale.ROOT, "signed-rank p = %.3g on %d step(s) "
        + "shared with best trial %d (threshold %s)", p, shared, best.number(),
        config.pThreshold());
    if (!(p < config.pThreshold())) {
      return PruneDecision.keep(test);
    }
    if (maximize ? bestMean <= myMean : bestMean >= myMean) {
      return PruneDecision.keep(test + ", but the mean of its " + mine.size() + " values, "
          + myMean + ", is no worse than the best trial's, " + bestMean);
    }
    return PruneDecision.prune(test + "; mean " + myMean + " against " + bestMean);
  }

  private static boolean allFinite(Map<Integer, Double> values) {
    return values.values().stream().allMatch(Double::isFinite);
  }

  private static double mean(Map<Integer, Double> values) {
    return values.values().stream().mapToDouble(Double::doubleValue).average().orElseThrow();
  }

  /** Its steps are instances, each trial's scores paired with the best trial's by id. */
  @Override
  public boolean comparesInstances() {
    return true;
  }

  @Override
  public boolean needsOneDirection() {
    return true;
  }

  @Override
  public String toString() {
    return "WilcoxonPruner" + config.toString().substring("WilcoxonConfig".length());
  }
}
