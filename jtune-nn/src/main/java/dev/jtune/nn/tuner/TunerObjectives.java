package dev.jtune.nn.tuner;

import dev.jtune.importance.FanovaEvaluator;
import dev.jtune.importance.ImportanceTarget;
import dev.jtune.importance.ParamImportances;
import dev.jtune.nn.train.TrainingObjective;
import dev.jtune.study.OptimizeOptions;
import dev.jtune.study.Study;
import dev.jtune.study.StudyDirection;
import dev.jtune.trial.FrozenTrial;
import dev.jtune.trial.TrialState;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;

/**
 * What a tuner's objectives ({@link TunerBuilder#objective}, {@link TunerBuilder#objectives})
 * change: how trials are scored and ranked, what a search of several objectives refuses, and the
 * summary's objective line. One objective ranks by value; several by the Pareto front.
 */
final class TunerObjectives {
  private TunerObjectives() {}

  /** Whether the tuner searches several objectives. */
  static boolean several(TunerBuilder config) {
    return !config.otherScores.isEmpty();
  }

  /**
   * Refuses what a search of several objectives cannot do: population-based training (it ranks
   * members by one objective) and a terminator (it judges one). A pruner, which compares one
   * value too, is refused by the study itself when the tuner is built.
   *
   * @throws IllegalArgumentException naming the setting
   */
  static void requireSupported(TunerBuilder config) {
    if (!several(config)) {
      return;
    }
    String what = config.sampler instanceof dev.jtune.sampler.pbt.PopulationBasedSampler
        ? "population-based training ranks members"
        : config.terminator != null ? "the terminator judges a study" : null;
    if (what != null) {
      throw new IllegalArgumentException(what + " by one objective, but this tuner has "
          + config.objectiveLabels().size() + " " + config.objectiveLabels()
          + ": drop it, or search one objective");
    }
  }

  /**
   * The objective scoring every objective of the tuner (a copy that shares the data).
   *
   * @throws IllegalArgumentException for a score the task does not compute ({@code val_mse} of a
   *     classification), before anything is trained or stored
   */
  static TrainingObjective scored(TrainingObjective objective, TunerBuilder config) {
    return several(config) ? objective.withScores(config.otherScores) : objective;
  }

  /**
   * Names a study of several objectives' values after them (Optuna's {@code set_metric_names}),
   * so its summary table and charts read {@code val_accuracy}, {@code parameters}.
   */
  static void nameMetrics(Study study, TunerBuilder config) {
    if (several(config)) {
      study.setMetricNames(config.objectiveLabels().toArray(String[]::new));
    }
  }

  /**
   * Trains the trials of an objective from {@link #scored}: the metric alone, or the metric and
   * the other scores.
   */
  static void optimize(Study study, TrainingObjective objective, TunerBuilder config,
      OptimizeOptions options) {
    if (several(config)) {
      study.optimizeMulti(objective::evaluateScores, options);
    } else {
      study.optimize(objective, options);
    }
  }

  /**
   * The {@code n} best complete trials: by value (ties: lower number first), or with several
   * objectives the Pareto front's trials, best first by the first objective.
   */
  static List<FrozenTrial> best(Study study, TunerBuilder config, int n) {
    Comparator<FrozenTrial> byFirst = Comparator.comparingDouble(
        (FrozenTrial t) -> config.direction.toMinimized(t.values().get(0)))
        .thenComparingInt(FrozenTrial::number);
    List<FrozenTrial> candidates = several(config) ? study.bestTrials()
        : study.storage().trials(study.id(), EnumSet.of(TrialState.COMPLETE));
    return candidates.stream().sorted(byFirst).limit(n).toList();
  }

  /** The summary's line naming the objectives and their directions. */
  static String line(TunerBuilder config) {
    List<String> labels = config.objectiveLabels();
    List<StudyDirection> directions = config.directions();
    StringBuilder out = new StringBuilder(labels.size() == 1 ? "Objective: " : "Objectives: ");
    for (int i = 0; i < labels.size(); i++) {
      out.append(i > 0 ? ", " : "").append(labels.get(i)).append(" (")
          .append(directions.get(i).name().toLowerCase(Locale.ROOT)).append(')');
    }
    return out.append('\n').toString();
  }

  /** The importances for the (first) objective. */
  static ParamImportances importances(Study study, TunerBuilder config) {
    if (!several(config)) {
      return ParamImportances.of(study);
    }
    return FanovaEvaluator.defaults().evaluate(study.trials(TrialState.COMPLETE), List.of(),
        ImportanceTarget.objective(0, config.objectiveLabels().get(0)));
  }
}
