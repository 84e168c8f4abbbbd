package dev.jtune.cli.train;

import ai.djl.nn.Block;
import dev.jtune.nn.model.FixedTrial;
import dev.jtune.nn.train.Evaluation;
import dev.jtune.nn.train.FitLoop;
import dev.jtune.nn.train.FitResult;
import dev.jtune.nn.train.TrainedNetwork;
import dev.jtune.trial.FrozenTrial;
import java.util.List;

/**
 * Judges a study's best trial on the held-out test part: retrains the trial's network from its
 * stored hyperparameters, exactly as the trial trained it (same trial number, hence the same
 * initialization and shuffling), keeps the best epoch's weights and evaluates them on
 * {@link TrainingSpecAdapter.Bound#test()}, which no trial saw. With k folds the network is the
 * refit on every training row for the mean of the folds' best epochs
 * ({@link dev.jtune.nn.train.TrainingObjective#refit}), as scikit-learn's {@code refit=True}. A
 * population-based study's trial is not retrained (its network grew over its member's intervals):
 * its checkpoint, which the study keeps for its best trial, is the network evaluated.
 */
public final class BestModelEvaluation {

  private BestModelEvaluation() {}

  /**
   * The test evaluation of {@code trial}'s network.
   *
   * @throws IllegalArgumentException if the test part is empty
   */
  public static Evaluation onTest(TrainingSpecAdapter.Bound bound, FrozenTrial trial) {
    if (bound.test().rows() == 0) {
      throw new IllegalArgumentException("the test split is empty (split.test=0); nothing to "
          + "evaluate trial " + trial.number() + " on");
    }
    FixedTrial fixed = new FixedTrial(trial.params(), trial.number());
    var task = bound.objective().task();
    Block trainBlock = bound.model().build(fixed, task);
    var checkpoints = bound.objective().checkpoints();
    if (checkpoints.isPresent()) {
      // a population member's network grew over its lineage: its own checkpoint is the network
      try (TrainedNetwork net = TrainedNetwork.load(trainBlock, task,
          checkpoints.get().load(trial.number()).weights())) {
        return net.evaluate(bound.test());
      }
    }
    FitResult fit;
    if (bound.objective().crossValidated()) {
      fit = bound.objective().refit(trial);
    } else {
      // the best epoch's weights, as the trial scored them (TrainingObjective does the same),
      // whatever early stopping restores; of its best execution when it trained several
      FitLoop loop = new FitLoop(task, bound.model().plan(fixed), bound.epochs(), bound.metric(),
          bound.objective().keptNetworkSeed(trial)).withBestEpochWeights();
      fit = loop.fit(trainBlock, bound.train(), bound.validation(), List.of());
    }
    try (TrainedNetwork net = TrainedNetwork.load(bound.model().build(fixed, task), task,
        fit.weights())) {
      return net.evaluate(bound.test());
    }
  }
}
