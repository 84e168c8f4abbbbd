package dev.jtune.nn.train;

import dev.jtune.nn.data.LabeledData;
import dev.jtune.nn.model.FixedTrial;
import dev.jtune.nn.model.HyperModel;
import dev.jtune.nn.model.Task;
import dev.jtune.sampler.pbt.Lineage;
import dev.jtune.sampler.pbt.Segment;
import dev.jtune.trial.FrozenTrial;
import java.util.List;

/**
 * A chosen trial trained again on rows of which none are held out: scikit-learn's
 * {@code refit=True}, and Keras Tuner's advice to retrain the best hyperparameters on the entire
 * data set. With no rows left to judge it by, a refit trains as long as the search found best:
 * a population member's whole schedule ({@link ScheduleReplay}), or otherwise the trial's
 * configuration for its best epoch count ({@link #epochsOf}). Early stopping is off, the monitored
 * metric and reduce-on-plateau read the training rows (Keras's behaviour without validation data),
 * and the last epoch's weights are kept. Seeded as the trial's own fit, so a refit is
 * reproducible.
 */
public final class Refit {

  private Refit() {}

  /**
   * How long a refit of {@code trial}'s configuration trains: the rounded mean of its folds' best
   * epochs (user attribute {@code fold_best_epochs}, cross-validation), else its best epoch
   * ({@code best_epoch}, counted from 1; a value below 1 is not one), else {@code fallback}; at
   * least 1.
   */
  public static int epochsOf(FrozenTrial trial, int fallback) {
    return epochsOf(trial.userAttrs(), fallback);
  }

  static int epochsOf(java.util.Map<String, Object> userAttrs, int fallback) {
    if (userAttrs.get("fold_best_epochs") instanceof List<?> list && !list.isEmpty()) {
      double sum = 0;
      for (Object e : list) {
        sum += ((Number) e).doubleValue();
      }
      return Math.max(1, (int) Math.round(sum / list.size()));
    }
    return Math.max(1, userAttrs.get("best_epoch") instanceof Number n && n.intValue() >= 1
        ? n.intValue() : fallback);
  }

  /**
   * Refits {@code trial} on {@code data}: its schedule when it is a population member's interval
   * ({@code study} holds its lineage), else its configuration for {@link #epochsOf} epochs.
   *
   * @param seed the study objective's seed ({@link TrainingObjective}'s)
   * @param epochs the epochs of an interval or a trial where the trial does not record them
   * @throws IllegalArgumentException if a member's lineage is cut short ({@link ScheduleReplay#of})
   * @throws TrainingDivergedException if the training diverges
   */
  public static FitResult of(HyperModel model, Metric metric, long seed, FrozenTrial trial,
      List<FrozenTrial> study, int epochs, LabeledData data) {
    if (Segment.of(trial.systemAttrs()).isPresent()) {
      return ScheduleReplay.of(Lineage.of(trial, study).orElseThrow(), epochs)
          .train(model, metric, seed, data, null);
    }
    try (NativeData all = NativeData.of(data, Task.of(data))) {
      return configuration(model, metric, seed, trial, epochsOf(trial, epochs), all);
    }
  }

  /** {@code trial}'s configuration trained on {@code data} for {@code epochs} epochs. */
  static FitResult configuration(HyperModel model, Metric metric, long seed, FrozenTrial trial,
      int epochs, NativeData data) {
    FixedTrial fixed = new FixedTrial(trial.params(), trial.number());
    Task task = data.task();
    FitLoop loop = new FitLoop(task, model.plan(fixed).withEarlyStopping(null), epochs, metric,
        TrainingObjective.runSeed(seed, trial.number(), 0)).withLastEpochWeights();
    return loop.fit(model.build(fixed, task), data, data, List.of());
  }
}
