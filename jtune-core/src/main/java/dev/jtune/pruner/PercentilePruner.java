package dev.jtune.pruner;

import dev.jtune.study.StudyDirection;
import dev.jtune.study.StudyView;
import dev.jtune.trial.FrozenTrial;
import dev.jtune.trial.TrialState;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;

/*
 * The percentile (and median) stopping rule, after Optuna's PercentilePruner and the median stopping
 * rule of Golovin et al., "Google Vizier" (KDD 2017). At a checked step t (see CheckedSteps), with
 * at least startupTrials COMPLETE trials, a trial is pruned when its best intermediate value over
 * all its steps is worse than the percentile-th best of the values the COMPLETE trials reported at
 * step t (numpy's nanpercentile; for MAXIMIZE the (100 - percentile)-th). A trial whose values are
 * all NaN is pruned; when fewer than minTrials COMPLETE trials reported at t, it is kept.
 *
 * Invariant: with everything else fixed, the set of trials pruned shrinks as the percentile grows
 * (the threshold moves towards the worse end).
 */
final class PercentilePruner implements Pruner {
  private final PercentileConfig config;
  private final CheckedSteps checkedSteps;

  PercentilePruner(PercentileConfig config) {
    this.config = java.util.Objects.requireNonNull(config, "config");
    this.checkedSteps = new CheckedSteps(config.warmupSteps(), config.intervalSteps());
  }

  @Override
  public PruneDecision prune(StudyView study, FrozenTrial trial) {
    if (trial.intermediateValues().isEmpty()) {
      return PruneDecision.keep("nothing reported yet");
    }
    List<FrozenTrial> complete = study.trials(EnumSet.of(TrialState.COMPLETE));
    if (complete.isEmpty() || complete.size() < config.startupTrials()) {
      return PruneDecision.keep(complete.size() + " complete trial(s), pruning starts at "
          + Math.max(1, config.startupTrials()));
    }
    int step = trial.intermediateValues().lastKey();
    if (!checkedSteps.isChecked(trial)) {
      return PruneDecision.keep("step " + step + " is not checked" + checkedSteps.describe());
    }
    StudyDirection direction = study.direction();
    double best = bestSoFar(trial, direction);
    if (Double.isNaN(best)) {
      return PruneDecision.prune("step " + step + ": every value reported so far is NaN");
    }
    double[] atStep = complete.stream().map(t -> t.intermediateValues().get(step))
        .filter(v -> v != null).mapToDouble(Double::doubleValue).toArray();
    if (atStep.length < config.minTrials()) {
      return PruneDecision.keep("step " + step + ": " + atStep.length
          + " complete trial(s) reported here, fewer than minTrials=" + config.minTrials());
    }
    double p = direction == StudyDirection.MAXIMIZE ? 100 - config.percentile()
        : config.percentile();
    double threshold = Percentiles.nanPercentile(atStep, p);
    if (Double.isNaN(threshold)) {
      return PruneDecision.keep("step " + step + ": the complete trials' values here are all NaN");
    }
    String comparison = "best value so far " + best + " vs the " + percentileName()
        + " " + threshold + " of " + atStep.length + " complete trial(s) at step " + step
        + " (" + direction.name().toLowerCase(Locale.ROOT) + ")";
    boolean worse = direction.isBetter(threshold, best);
    return worse ? PruneDecision.prune(comparison + ": worse")
        : PruneDecision.keep(comparison + ": not worse");
  }

  private static double bestSoFar(FrozenTrial trial, StudyDirection direction) {
    double best = Double.NaN;
    for (double v : trial.intermediateValues().values()) {
      if (!Double.isNaN(v) && (Double.isNaN(best) || direction.isBetter(v, best))) {
        best = v;
      }
    }
    return best;
  }

  private String percentileName() {
    return config.percentile() == 50 ? "median"
        : "kept-" + stripZero(config.percentile()) + "% percentile";
  }

  private static String stripZero(double p) {
    return p == Math.rint(p) ? Long.toString((long) p) : Double.toString(p);
  }

  @Override
  public String toString() {
    return "PercentilePruner" + config.toString().substring("PercentileConfig".length());
  }

  @Override
  public boolean needsOneDirection() {
    return true;
  }
}
