package dev.jtune.terminator;

import dev.jtune.sampler.gp.RegretBound;
import dev.jtune.study.StudyDirection;
import dev.jtune.trial.FrozenTrial;
import java.util.List;

/**
 * {@link ImprovementEvaluator#regretBound}: the GP regret bound of the best trials.
 *
 * @param topTrialsRatio in {@code (0, 1]}
 * @param minTopTrials at least 1
 * @param seed of the random points
 */
record RegretBoundEvaluator(double topTrialsRatio, int minTopTrials, long seed)
    implements ImprovementEvaluator {
  static final double DEFAULT_TOP_TRIALS_RATIO = 0.5;
  static final int DEFAULT_MIN_TOP_TRIALS = 20;

  RegretBoundEvaluator {
    if (!(topTrialsRatio > 0 && topTrialsRatio <= 1)) {
      throw new IllegalArgumentException("topTrialsRatio=" + topTrialsRatio
          + " must be in (0, 1]");
    }
    if (minTopTrials < 1) {
      throw new IllegalArgumentException("minTopTrials=" + minTopTrials + " must be >= 1");
    }
  }

  @Override
  public String toString() {
    return "the regret bound (of the best " + Math.round(topTrialsRatio * 100) + "% of trials, at "
        + "least " + minTopTrials + ")";
  }

  @Override
  public double evaluate(List<FrozenTrial> trials, StudyDirection direction) {
    return RegretBound.of(trials, direction, topTrialsRatio, minTopTrials, seed);
  }
}
