package dev.jtune.pruner;

import dev.jtune.study.StudyView;
import dev.jtune.trial.FrozenTrial;
import dev.jtune.trial.TrialState;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.Optional;

/**
 * The first trial of a study that finished COMPLETE with reports: the earliest completion time, ties
 * to the lower number. Once a study has one, later trials never change which it is (unless clocks
 * of different machines disagree), so automatic resources derived from it are stable stored data.
 */
final class FirstComplete {
  private FirstComplete() {}

  private static final Comparator<FrozenTrial> ORDER = Comparator
      .comparing((FrozenTrial t) -> t.completed() == null ? Instant.MAX : t.completed())
      .thenComparingInt(FrozenTrial::number);

  /** The last reported step of the first COMPLETE trial that reported any, if there is one. */
  static Optional<Integer> lastStep(StudyView study) {
    return study.trials(EnumSet.of(TrialState.COMPLETE)).stream()
        .filter(t -> !t.intermediateValues().isEmpty())
        .min(ORDER)
        .map(t -> t.intermediateValues().lastKey());
  }
}
