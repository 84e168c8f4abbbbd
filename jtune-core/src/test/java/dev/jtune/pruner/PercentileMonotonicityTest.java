package dev.jtune.pruner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jtune.study.Study;
import dev.jtune.study.StudyDirection;
import dev.jtune.trial.FrozenTrial;
import dev.jtune.trial.Trial;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;

/**
 * The percentile is the share of trials kept (Optuna's meaning), so pruning is monotone in it: a
 * trial pruned when {@code p} percent are kept is pruned when any smaller share is kept, and a trial
 * kept at {@code p} is kept at any larger share, in either direction.
 */
class PercentileMonotonicityTest {

  @Property(tries = 300)
  void prunedAtAPercentileIsPrunedAtEverySmallerOne(
      @ForAll @Size(min = 1, max = 12) List<@DoubleRange(min = -5, max = 5) Double> completeValues,
      @ForAll @DoubleRange(min = -6, max = 6) double value,
      @ForAll @DoubleRange(min = 0, max = 100) double p,
      @ForAll @DoubleRange(min = 0, max = 100) double q,
      @ForAll boolean maximize) {
    StudyDirection direction = maximize ? StudyDirection.MAXIMIZE : StudyDirection.MINIMIZE;
    Study study = Study.builder().direction(direction).build();
    for (double v : completeValues) {
      Curves.complete(study, v);
    }
    Trial trial = study.ask();
    trial.report(0, value);
    FrozenTrial snapshot = study.trials().get(trial.number());
    double smaller = Math.min(p, q);
    double larger = Math.max(p, q);
    boolean prunedAtLarger = prune(larger).prune(study.view(), snapshot).prune();
    boolean prunedAtSmaller = prune(smaller).prune(study.view(), snapshot).prune();
    if (prunedAtLarger) {
      assertThat(prunedAtSmaller).as("pruned at %s, so at %s", larger, smaller).isTrue();
    }
  }

  private static Pruner prune(double percentile) {
    return Pruner.percentile(PercentileConfig.of(percentile).withStartupTrials(0));
  }
}
