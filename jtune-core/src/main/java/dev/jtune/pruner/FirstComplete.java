package dev.jtune.pruner;

import dev.jtune.study.StudyView;
import dev.jtune.trial.FrozenTrial;
import dev.jtune.trial.TrialState;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.Optional;

/**
 * The lowest-numbered COMPLETE trial of a study that has reports, whose last step sets automatic
 * resources. Not the first to complete in time: under the reproducible parallel history a trial's
 * view holds every trial numbered below its window finished, so the lowest-numbered complete one is
 * the same in every run and, once found, never changes, while which of them completed first
 * depends on thread timing. Where lower-numbered trials may still be running (several processes,
 * or {@code ParallelHistory.LATEST}) it changes each time such a trial completes (at most
 * {@code jobs - 1} times in one process, more with several), and so do the resources derived from
 * it; it is always a function of the stored data. The earliest-completion rule used before was
 * stable in every mode but not reproducible on several threads.
 */
final class FirstComplete {
  private FirstComplete() {}


  /** The last reported step of the first COMPLETE trial that reported any, if there is one. */
  static Optional<Integer> lastStep(StudyView study) {
    return study.trials(EnumSet.of(TrialState.COMPLETE)).stream()
        .filter(t -> !t.intermediateValues().isEmpty())
        .min(Comparator.comparingInt(FrozenTrial::number))
        .map(t -> t.intermediateValues().lastKey());
  }
}
