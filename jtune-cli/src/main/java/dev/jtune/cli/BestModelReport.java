package dev.jtune.cli;

import dev.jtune.cli.config.StudyConfig;
import dev.jtune.cli.train.BestModelEvaluation;
import dev.jtune.cli.train.TrainingSpecAdapter;
import dev.jtune.nn.train.Evaluation;
import dev.jtune.nn.train.Metric;
import dev.jtune.storage.Storage;
import dev.jtune.study.Study;
import dev.jtune.trial.FrozenTrial;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * After a training study: the best hyperparameters, and the best trial's network evaluated on the
 * test part that no trial saw (Keras Tuner's {@code best_model.evaluate(x_test, y_test)}), by the
 * study's metric. Prints nothing when no trial completed or the data keep no test part; in JSON
 * mode one line {@code {"event": "best_model", "trial", "params", "metric", "test_value",
 * "test_samples"}} (or {@code "error"} when the best trial cannot be retrained), with
 * {@code "refit_rows"} when the network judged is a refit on the training and validation rows
 * ({@link BestModelEvaluation}: always with folds, with {@code training.refit: true} otherwise).
 *
 * <p>A study of several objectives has no best trial: its Pareto-optimal trials are each retrained
 * and evaluated, at most {@value #FRONT_LIMIT} of them (best first by the first objective), in a
 * table, or in JSON one line {@code {"event": "pareto_models", "metric", "test_samples",
 * "front_size", "models": [{"trial", "params", "values", "test_value"}, ...]}} (a model that
 * cannot be retrained carries {@code "error"} instead of its test value).
 */
final class BestModelReport {
  /** The Pareto-optimal trials retrained after a run, at most. */
  static final int FRONT_LIMIT = 10;

  private BestModelReport() {}

  static void print(PrintWriter out, Storage storage, StudyConfig config,
      TrainingSpecAdapter.Bound bound, OutputMode mode) {
    if (mode == OutputMode.QUIET || bound.test().rows() == 0) {
      return;
    }
    Study study = Study.load(config.name(), storage);
    if (study.directions().size() > 1) {
      printFront(out, study, bound, mode == OutputMode.JSON);
      return;
    }
    boolean json = mode == OutputMode.JSON;
    Optional<FrozenTrial> best = study.findBestTrial();
    if (best.isEmpty()) {
      return;
    }
    FrozenTrial t = best.get();
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("event", "best_model");
    line.put("trial", t.number());
    line.put("params", t.params());
    line.put("metric", bound.metric().label());
    if (!json) {
      out.println("best hyperparameters: " + t.params());
    }
    Evaluation test;
    int refitRows = BestModelEvaluation.refitRows(bound);
    try {
      test = BestModelEvaluation.onTest(bound, t, study.trials());
    } catch (IllegalArgumentException | IllegalStateException
        | dev.jtune.nn.train.TrainingDivergedException e) {
      // the search's results stand; only the replay of the best trial failed (a refit on every
      // row that diverges included)
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
      if (refitRows > 0) {
        line.put("refit_rows", refitRows);
      }
      out.println(Json.line(line));
      out.flush();
      return;
    }
    out.printf(Locale.ROOT, "best model (trial %d%s): test %s %s on %d samples%n", t.number(),
        refitRows > 0 ? ", refitted on " + refitRows + " rows" : "",
        bound.metric().label(), format(bound.metric(), test.get(bound.metric())),
        bound.test().rows());
    out.flush();
  }

  /** The Pareto-optimal trials' networks, each retrained and judged on the test part. */
  private static void printFront(PrintWriter out, Study study, TrainingSpecAdapter.Bound bound,
      boolean json) {
    List<FrozenTrial> front = new ArrayList<>(study.bestTrials());
    if (front.isEmpty()) {
      return;
    }
    boolean up = study.directions().get(0) == dev.jtune.study.StudyDirection.MAXIMIZE;
    Comparator<FrozenTrial> byFirst = Comparator.comparingDouble(t -> t.values().get(0));
    front.sort((up ? byFirst.reversed() : byFirst)
        .thenComparingInt(FrozenTrial::number));
    List<FrozenTrial> shown = front.subList(0, Math.min(FRONT_LIMIT, front.size()));
    Metric metric = bound.metric();
    int refitRows = BestModelEvaluation.refitRows(bound);
    List<String> labels = bound.objective().scores().stream()
        .map(dev.jtune.nn.train.Score::label).toList();
    if (!json) {
      // each model trains again before the table can print: say so, as a long run's last step
      out.printf(Locale.ROOT, "%nRetraining %d Pareto-optimal model(s) to evaluate them on the "
          + "test part...%n", shown.size());
      out.flush();
    }
    List<Object> models = new ArrayList<>();
    List<String> header = new ArrayList<>(List.of("trial"));
    header.addAll(labels);
    header.addAll(List.of("test_" + metric.label(), "params"));
    TextTable table = new TextTable(header.toArray(String[]::new));
    for (FrozenTrial t : shown) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("trial", t.number());
      m.put("params", t.params());
      m.put("values", t.values());
      String test;
      try {
        double value = BestModelEvaluation.onTest(bound, t, study.trials()).get(metric);
        m.put("test_value", value);
        test = format(metric, value);
      } catch (IllegalArgumentException | IllegalStateException
          | dev.jtune.nn.train.TrainingDivergedException e) {
        m.put("error", e.getMessage());
        test = "cannot be retrained (" + e.getMessage() + ")";
      }
      models.add(m);
      List<Object> row = new ArrayList<>(List.of(t.number()));
      t.values().forEach(v -> row.add(StudiesCommand.format(v)));
      row.add(test);
      row.add(t.params());
      table.row(row.toArray());
    }
    if (json) {
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("event", "pareto_models");
      line.put("metric", metric.label());
      line.put("test_samples", bound.test().rows());
      if (refitRows > 0) {
        line.put("refit_rows", refitRows);
      }
      line.put("front_size", front.size());
      line.put("models", models);
      out.println(Json.line(line));
    } else {
      out.printf(Locale.ROOT, "%nPareto-optimal models (%s), each retrained%s and evaluated on %d "
          + "test samples:%n", shown.size() == front.size() ? "all " + front.size()
          : "the first " + shown.size() + " of " + front.size() + " by " + labels.get(0),
          refitRows > 0 ? " on " + refitRows + " rows" : "", bound.test().rows());
      out.print(table);
    }
    out.flush();
  }

  /** Fractions to three places; errors and losses, whose scale is the data's, to six digits. */
  private static String format(Metric metric, double value) {
    boolean fraction = metric == Metric.ACCURACY || metric == Metric.AUC;
    return String.format(Locale.ROOT, fraction ? "%.3f" : "%.6g", value);
  }
}
