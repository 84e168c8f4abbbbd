package dev.jtune.cli;

import dev.jtune.cli.config.StudyConfig;
import dev.jtune.cli.train.BestModelEvaluation;
import dev.jtune.cli.train.TrainingSpecAdapter;
import dev.jtune.nn.train.Evaluation;
import dev.jtune.storage.Storage;
import dev.jtune.study.Study;
import dev.jtune.trial.FrozenTrial;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Optional;

/**
 * After a training study: the best hyperparameters, and the best trial's network evaluated on the
 * test part that no trial saw (Keras Tuner's {@code best_model.evaluate(x_test, y_test)}), by the
 * study's metric. Prints nothing when no trial completed or the data keep no test part.
 */
final class BestModelReport {
  private BestModelReport() {}

  static void print(PrintWriter out, Storage storage, StudyConfig config,
      TrainingSpecAdapter.Bound bound) {
    if (bound.test().rows() == 0) {
      return;
    }
    Optional<FrozenTrial> best = Study.load(config.name(), storage).findBestTrial();
    if (best.isEmpty()) {
      return;
    }
    FrozenTrial t = best.get();
    out.println("best hyperparameters: " + t.params());
    Evaluation test = BestModelEvaluation.onTest(bound, t);
    out.printf(Locale.ROOT, "best model (trial %d): test %s %.3f on %d samples%n", t.number(),
        bound.metric().label(), test.get(bound.metric()), bound.test().rows());
    out.flush();
  }
}
