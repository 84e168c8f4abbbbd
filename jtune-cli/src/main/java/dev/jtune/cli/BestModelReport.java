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
 * study's metric. Prints nothing when no trial completed or the data keep no test part; in JSON
 * mode one line {@code {"event": "best_model", "trial", "params", "metric", "test_value",
 * "test_samples"}} (or {@code "error"} when the best trial cannot be retrained).
 */
final class BestModelReport {
  private BestModelReport() {}

  static void print(PrintWriter out, Storage storage, StudyConfig config,
      TrainingSpecAdapter.Bound bound, OutputMode mode) {
    if (mode == OutputMode.QUIET) {
      return;
    }
    boolean json = mode == OutputMode.JSON;
    if (bound.test().rows() == 0) {
      return;
    }
    Optional<FrozenTrial> best = Study.load(config.name(), storage).findBestTrial();
    if (best.isEmpty()) {
      return;
    }
    FrozenTrial t = best.get();
    java.util.Map<String, Object> line = new java.util.LinkedHashMap<>();
    line.put("event", "best_model");
    line.put("trial", t.number());
    line.put("params", t.params());
    line.put("metric", bound.metric().label());
    if (!json) {
      out.println("best hyperparameters: " + t.params());
    }
    Evaluation test;
    try {
      test = BestModelEvaluation.onTest(bound, t);
    } catch (IllegalArgumentException | IllegalStateException e) {
      // the search's results stand; only the replay of the best trial failed
      if (json) {
        line.put("error", e.getMessage());
        out.println(Json.line(line));
      } else {
        out.println("best model (trial " + t.number() + "): cannot be retrained with this file's "
            + "model and data sections (" + e.getMessage() + ")");
      }
      out.flush();
      return;
    }
    if (json) {
      line.put("test_value", test.get(bound.metric()));
      line.put("test_samples", bound.test().rows());
      out.println(Json.line(line));
      out.flush();
      return;
    }
    // fractions to three places; errors and losses, whose scale is the data's, to six digits
    boolean fraction = bound.metric() == dev.jtune.nn.train.Metric.ACCURACY
        || bound.metric() == dev.jtune.nn.train.Metric.AUC;
    out.printf(Locale.ROOT, "best model (trial %d): test %s " + (fraction ? "%.3f" : "%.6g")
        + " on %d samples%n", t.number(), bound.metric().label(), test.get(bound.metric()),
        bound.test().rows());
    out.flush();
  }
}
