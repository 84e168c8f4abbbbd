package dev.jtune.dashboard;

import dev.jtune.study.Feasibility;
import dev.jtune.study.StudyDirection;
import dev.jtune.terminator.CrossValidationError;
import dev.jtune.terminator.ErrorEvaluator;
import dev.jtune.terminator.ExecutionsError;
import dev.jtune.terminator.ImprovementEvaluator;
import dev.jtune.trial.FrozenTrial;
import dev.jtune.trial.TrialState;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether tuning further could still pay (Optuna's {@code plot_terminator_improvement}): the GP
 * bound on how much better any configuration could be than the best so far, by the number of
 * complete trials, and, where the trials store the scores, the objective's error (the spread of
 * the best trial's folds or executions). Where the bound falls below the error, a
 * {@link dev.jtune.terminator.Terminator} would have stopped the study.
 *
 * <p>Each point fits a GP to the best half of the trials so far, so the chart is drawn for
 * studies of at most {@value #MAX_TRIALS} complete trials, at most {@value #MAX_POINTS} points
 * and the last.
 */
final class TerminatorPlot {
  static final int MAX_TRIALS = 300;
  static final int MAX_POINTS = 20;
  private static final int FIRST = 20;

  private TerminatorPlot() {}

  /** The figure, or none for a study too small, too large, or without shared parameters. */
  static Optional<Figure> of(List<FrozenTrial> trials, StudyDirection direction) {
    List<FrozenTrial> complete = Feasibility.filter(trials.stream()
        .filter(t -> t.state() == TrialState.COMPLETE && Double.isFinite(t.value())).toList());
    String title = "Room left for improvement";
    if (complete.size() < FIRST) {
      return Optional.empty();
    }
    if (complete.size() > MAX_TRIALS) {
      return Optional.of(Figure.empty(title, "Drawn for studies of at most " + MAX_TRIALS
          + " complete trials (each point fits a Gaussian process); this one has "
          + complete.size() + "."));
    }
    ErrorEvaluator error = hasScores(complete, CrossValidationError.SCORES)
        ? ErrorEvaluator.crossValidation()
        : hasScores(complete, ExecutionsError.VALUES) ? ErrorEvaluator.executions() : null;
    ImprovementEvaluator bound = ImprovementEvaluator.regretBound();
    int step = Math.max(1, (int) Math.ceil((complete.size() - FIRST + 1) / (double) MAX_POINTS));
    List<double[]> bounds = new ArrayList<>();
    List<double[]> errors = new ArrayList<>();   // at the same counts as bounds, when drawn
    List<Integer> counts = new ArrayList<>();
    for (int n = FIRST; n < complete.size(); n += step) {
      counts.add(n);
    }
    counts.add(complete.size());   // the study as it stands is always the last point
    for (int n : counts) {
      List<FrozenTrial> prefix = complete.subList(0, n);
      try {
        double b = bound.evaluate(prefix, direction);
        double e = error == null ? Double.NaN : error.evaluate(prefix, direction);
        // a point needs a finite bound, and its error too where errors are drawn (a prefix
        // whose best trial stored no scores has none: its bound alone would misplace the stop)
        if (Double.isFinite(b) && (error == null || Double.isFinite(e))) {
          bounds.add(new double[] {n, b});
          if (error != null) {
            errors.add(new double[] {n, e});
          }
        }
      } catch (IllegalArgumentException | ArithmeticException e) {
        // a prefix that shares no parameter, or whose best trial lacks the scores: no point
      }
    }
    if (bounds.isEmpty()) {
      return Optional.of(Figure.empty(title, "No count of trials gave a finite bound"
          + (error == null ? "" : " with an error") + " (the complete trials share no "
          + "parameter, or their values are too large to model)."));
    }
    double high = 0;
    for (double[] p : bounds) {
      high = Math.max(high, p[1]);
    }
    for (double[] p : errors) {
      high = Math.max(high, p[1]);
    }
    Scale x = Scale.linear(FIRST, Math.max(FIRST + 1, complete.size()));
    Scale y = Scale.linear(0, high > 0 ? high : 1);
    Chart chart = new Chart().xAxis(x, "complete trials").yAxis(y, "objective units");
    chart.polyline(points(bounds, x, y), "best", null, "regret bound by complete trials");
    if (!errors.isEmpty()) {
      chart.polyline(points(errors, x, y), "error", null, "error by complete trials");
    }
    double[] lastBound = bounds.get(bounds.size() - 1);
    String note = "Red: a bound on how much better than the best trial so far any "
        + "configuration could be (GP regret bound of the best half of the trials). Latest: "
        + Html.number(lastBound[1]) + " after " + (int) lastBound[0] + " trials";
    if (errors.isEmpty()) {
      note += ". The trials store no fold or execution scores, so no error is drawn.";
    } else {
      double[] lastError = errors.get(errors.size() - 1);
      Integer stop = null;
      for (int i = 0; i < bounds.size() && stop == null; i++) {
        if (bounds.get(i)[1] < errors.get(i)[1]) {
          stop = (int) bounds.get(i)[0];
        }
      }
      note += "; blue: the objective's error (" + error + "), " + Html.number(lastError[1])
          + ". " + (stop == null ? "The bound has stayed above the error: tuning could still "
              + "find better." : "The bound fell below the error at " + stop + " trials, where "
              + "a terminator would have stopped.");
    }
    return Optional.of(new Figure(title, chart.svg(title), note));
  }

  private static boolean hasScores(List<FrozenTrial> trials, String key) {
    return trials.stream().anyMatch(t -> scores(t.userAttrs().get(key))
        || key.equals(CrossValidationError.SCORES)
            && scores(t.systemAttrs().get(CrossValidationError.OPTUNA_SCORES)));
  }

  private static boolean scores(Object stored) {
    return stored instanceof List<?> l && l.size() >= 2;
  }

  private static double[] points(List<double[]> series, Scale x, Scale y) {
    double[] out = new double[2 * series.size()];
    for (int i = 0; i < series.size(); i++) {
      out[2 * i] = x.position(series.get(i)[0]);
      out[2 * i + 1] = y.position(series.get(i)[1]);
    }
    return out;
  }
}
