package dev.jtune.cli.train;

import dev.jtune.nn.model.FixedTrial;
import dev.jtune.nn.train.Evaluation;
import dev.jtune.nn.train.FitLoop;
import dev.jtune.nn.train.FitResult;
import dev.jtune.nn.train.Refit;
import dev.jtune.nn.train.TrainedNetwork;
import dev.jtune.trial.FrozenTrial;
import java.util.List;

/**
 * Judges a study's best trial on the held-out test part, which no trial saw. Which network:
 *
 * <ul>
 *   <li>with k folds, the refit on every training row for the mean of the folds' best epochs
 *       ({@link dev.jtune.nn.train.TrainingObjective#refit}), as scikit-learn's {@code refit=True};
 *   <li>with {@link TrainingSpecAdapter.Bound#refit()} ({@code training.refit: true}), the trial
 *       refitted on the training and validation rows together ({@link Refit#of}): a population
 *       member's schedule trained afresh, or another trial's configuration for its best epoch
 *       count;
 *   <li>otherwise the trial's own network: a population member's checkpoint, which the study keeps
 *       for its best trial (its network grew over its member's intervals), or the network
 *       retrained from the trial's stored hyperparameters exactly as the trial trained it (same
 *       trial number, hence the same initialization and shuffling), its best epoch's weights.
 * </ul>
 */
public final class BestModelEvaluation {

  private BestModelEvaluation() {}

  /**
   * {@link #onTest(TrainingSpecAdapter.Bound, FrozenTrial, List)} with no other trial known: for
   * a population member's refit, which needs its lineage, use that form with the study's trials.
   */
  public static Evaluation onTest(TrainingSpecAdapter.Bound bound, FrozenTrial trial) {
    return onTest(bound, trial, List.of(trial));
  }

  /**
   * The test evaluation of {@code trial}'s network.
   *
   * @param study the study's trials, where a population member's refit finds its lineage
   * @throws IllegalArgumentException if the test part is empty
   */
  public static Evaluation onTest(TrainingSpecAdapter.Bound bound, FrozenTrial trial,
      List<FrozenTrial> study) {
    if (bound.test().rows() == 0) {
      throw new IllegalArgumentException("the test split is empty (split.test=0); nothing to "
          + "evaluate trial " + trial.number() + " on");
    }
    FixedTrial fixed = new FixedTrial(trial.params(), trial.number());
    var task = bound.objective().task();
    var checkpoints = bound.objective().checkpoints();
    FitResult fit;
    if (bound.objective().crossValidated()) {
      fit = bound.objective().refit(trial);
    } else if (bound.refit()) {
      fit = Refit.of(bound.model(), bound.metric(), bound.seed(), trial, study, bound.epochs(),
          bound.train().append(bound.validation()));
    } else if (checkpoints.isPresent()) {
      // a population member's network grew over its lineage: its own checkpoint is the network
      try (TrainedNetwork net = TrainedNetwork.load(bound.model().build(fixed, task), task,
          checkpoints.get().load(trial.number()).weights())) {
        return net.evaluate(bound.test());
      }
    } else {
      // the best epoch's weights, as the trial scored them (TrainingObjective does the same),
      // whatever early stopping restores; of its best execution when it trained several
      FitLoop loop = new FitLoop(task, bound.model().plan(fixed), bound.epochs(), bound.metric(),
          bound.objective().keptNetworkSeed(trial)).withBestEpochWeights();
      fit = loop.fit(bound.model().build(fixed, task), bound.train(), bound.validation(),
          List.of());
    }
    try (TrainedNetwork net = TrainedNetwork.load(bound.model().build(fixed, task), task,
        fit.weights())) {
      return net.evaluate(bound.test());
    }
  }

  /** The rows the network {@link #onTest} judges was trained on, when it is a refit; else 0. */
  public static int refitRows(TrainingSpecAdapter.Bound bound) {
    return bound.objective().crossValidated() ? bound.train().rows()
        : bound.refit() ? bound.train().rows() + bound.validation().rows() : 0;
  }
}
