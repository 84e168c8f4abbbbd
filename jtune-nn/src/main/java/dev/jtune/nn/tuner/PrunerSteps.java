package dev.jtune.nn.tuner;

import dev.jtune.nn.train.TrainingObjective;

/**
 * A tuner's objective as its pruner needs it: fold by fold for a pruner that compares instances
 * ({@link dev.jtune.pruner.Pruner#comparesInstances()}: the Wilcoxon pruner), and reporting the
 * steps a pruner with a fixed {@link dev.jtune.pruner.Pruner#maxResource()} was sized for. A
 * refusal closes the objective (and the native data it shares).
 */
final class PrunerSteps {
  private PrunerSteps() {}

  /**
   * {@code objective}, with fold reports for a pruner that compares instances.
   *
   * @throws IllegalArgumentException for such a pruner on a search that holds out one
   *     validation set
   */
  static TrainingObjective objective(TunerBuilder config, TrainingObjective objective) {
    if (!config.pruner.comparesInstances()) {
      return objective;
    }
    if (!objective.crossValidated()) {
      objective.close();
      throw new IllegalArgumentException("pruner " + config.pruner + " compares trials fold by "
          + "fold: use searchCrossValidated, or a pruner of learning curves");
    }
    return objective.withFoldReports();
  }

  /**
   * Refuses an objective whose trials report another number of steps than the pruner's fixed
   * maximum resource (Hyperband's rungs assume it), saying which epochs would fit.
   */
  static void requireSized(TunerBuilder config, TrainingObjective objective) {
    java.util.OptionalInt sized = config.pruner.maxResource();
    if (sized.isEmpty() || sized.getAsInt() == objective.stepsPerTrial()) {
      return;
    }
    objective.close();
    boolean runs = objective.crossValidated() || objective.executions() > 1;
    String product = (objective.crossValidated() ? " x folds" : "")
        + (objective.executions() > 1 ? " x executionsPerTrial" : "");
    String steps = runs
        ? "a search of " + objective.epochs() + " epochs per network reports "
            + objective.stepsPerTrial() + " steps per trial (epochs" + product + ", the "
            + "networks' epochs in a row)"
        : "search with epochs=" + objective.epochs();
    throw new IllegalArgumentException(steps + ", but this tuner's pruner was sized for "
        + "maxEpochs=" + sized.getAsInt() + " (its maxResource): search with "
        + (runs ? "epochs" + product + " = " : "epochs=") + sized.getAsInt()
        + ", or build the pruner for " + objective.stepsPerTrial());
  }

  /**
   * Refuses to go on with a project whose trials reported the other kind of step (fold scores
   * against epoch values: a pruner of one kind then reads the other's, pairing a fold's score
   * with an early epoch's), as its task attribute {@code attr} records it (absent: epochs).
   * Closes the objective when it refuses.
   */
  static void requireSameSteps(dev.jtune.study.Study study, String attr,
      TrainingObjective objective, String project) {
    boolean stored = study.userAttrs().get(attr) instanceof java.util.Map<?, ?> m
        && Boolean.TRUE.equals(m.get("fold_reports"));
    if (stored == objective.foldReports() || study.trials().stream()
        .allMatch(t -> t.intermediateValues().isEmpty())) {
      return;
    }
    objective.close();
    throw new IllegalArgumentException("project '" + project + "' reported "
        + (stored ? "each fold's score (a pruner that compares folds)" : "each epoch's value")
        + ", but this search reports " + (stored ? "each epoch's value" : "each fold's score")
        + ": its pruner would read the stored steps as the other kind. Search with the same kind "
        + "of pruner, another projectName, or overwrite(true) to start the project afresh");
  }
}
