package dev.jtune.dashboard;

import dev.jtune.importance.FanovaAnalysis;
import dev.jtune.importance.ImportanceEvaluator;
import dev.jtune.importance.ImportanceException;
import dev.jtune.importance.ImportanceTarget;
import dev.jtune.importance.ParamImportances;
import dev.jtune.io.AtomicFile;
import dev.jtune.study.Feasibility;
import dev.jtune.study.MetricNames;
import dev.jtune.study.Study;
import dev.jtune.study.StudyDirection;
import dev.jtune.study.StudySummary;
import dev.jtune.trial.FrozenTrial;
import dev.jtune.trial.TrialState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What happened in a study, as one self-contained HTML page: its counts and best trial, the
 * optimization history, the learning curves, the parameter importances, the objective by each
 * parameter, parallel coordinates (the hypervolume history and a Pareto front instead for several
 * objectives), the timeline of
 * the trials, the best trials and the latest trials with their prune or failure reasons. The charts are inline SVG with a tooltip on every trial's mark; the page loads
 * nothing from anywhere, so it can be mailed, archived or opened offline.
 *
 * <p>The page reflects one snapshot of the study's trials. Stateless and thread-safe.
 */
public final class StudyReport {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(
      StudyReport.class);
  private static final int TOP = 20;
  /** The importances of a larger study are learned from its latest trials (a page in seconds). */
  static final int IMPORTANCE_TRIALS = 5000;
  private static final int CONTOUR_POINTS = 25;

  private StudyReport() {}

  /** The report of a study, as an HTML document (UTF-8). */
  public static String html(Study study) {
    return page(study, 0, "");
  }

  /**
   * Writes the report to {@code file}, replacing it whole (a reader never sees half a page).
   *
   * @throws UncheckedIOException if the file cannot be written; an existing file is left as it was
   */
  public static void write(Study study, Path file) {
    Path target = AtomicFile.resolveLinks(file);
    String html = html(study);
    try {
      AtomicFile.write(file, out -> out.write(html));
    } catch (AccessDeniedException e) {
      throw new UncheckedIOException("cannot write the report to " + target + ": permission"
          + " denied (the report is written to a new file in " + target.getParent()
          + " and moved over the old one)", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the report to " + target + ": " + e, e);
    }
  }

  /**
   * The page; with {@code refreshSeconds > 0} the browser reloads it that often, and
   * {@code navigation} (HTML) goes above the title.
   */
  static String page(Study study, int refreshSeconds, String navigation) {
    List<FrozenTrial> trials = study.trials();
    List<FrozenTrial> complete = trials.stream()
        .filter(t -> t.state() == TrialState.COMPLETE).toList();
    List<StudyDirection> directions = study.directions();
    StringBuilder body = new StringBuilder(navigation)
        .append("<h1>Study ").append(Html.escape(study.name())).append("</h1>\n")
        .append("<p class=\"meta\">").append(Html.escape(facts(study, trials))).append("</p>\n");
    List<String> params = sharedParams(complete);
    // objectives by their metric names when the study has them (Study.setMetricNames)
    List<String> labels = MetricNames.stored(study.systemAttrs(), directions.size())
        .orElseGet(() -> directions.size() == 1 ? List.of("objective value")
            : java.util.stream.IntStream.range(0, directions.size())
                .mapToObj(i -> "objective " + i).toList());
    if (directions.size() == 1) {
      FanovaAnalysis analysis = analysis(complete, ImportanceTarget.value());
      ParamImportances importances = importances(analysis);
      if (importances != null) {
        params = new ArrayList<>(importances.ranking().stream().filter(params::contains).toList());
      }
      body.append(HistoryPlot.of(complete, 0, directions.get(0), true, labels.get(0)).html())
          .append(CurvesPlot.of(trials).html());
      // a population-based study: its members interval by interval, and the schedule found
      drawn("Population", () -> PopulationPlot.of(trials, study.findBestTrial()))
          .forEach(f -> body.append(f.html()));
      // whether tuning further could still pay (Optuna's plot_terminator_improvement)
      drawn("Room left for improvement", () -> TerminatorPlot.of(trials, directions.get(0))
          .map(List::of).orElse(List.of())).forEach(f -> body.append(f.html()));
      body.append(importances == null
              ? Figure.empty("Parameter importance", "Needs two complete trials whose values"
                  + " differ.").html()
              : ImportancePlot.of(importances, complete.size()).html())
          .append(contour(analysis, importances, complete, directions.get(0)).html())
          .append(SlicePlot.of(complete, allParams(complete)).html())
          .append(ParallelPlot.of(complete, params, directions.get(0)).html());
    } else {
      for (int i = 0; i < directions.size(); i++) {
        body.append(HistoryPlot.of(complete, i, directions.get(i), false, labels.get(i)).html());
      }
      body.append(HypervolumePlot.of(Feasibility.filter(complete), directions).html())
          .append(ParetoPlot.of(complete, study.bestTrials(), labels).html());
      // which parameters drive each objective (size by units and layers, accuracy by the rate)
      for (int i = 0; i < directions.size(); i++) {
        String title = "Parameter importance, " + labels.get(i);
        ParamImportances importances = importances(analysis(complete,
            ImportanceTarget.objective(i, labels.get(i))));
        body.append(importances == null
            ? Figure.empty(title, "Needs two complete trials whose values differ.").html()
            : ImportancePlot.of(importances, complete.size(), title).html());
      }
      body.append(CurvesPlot.of(trials).html());
    }
    body.append(TimelinePlot.of(trials, Instant.now()).html())
        .append(TrialTable.of(trials).html());
    // without sampler and pruner lines: a loaded study has defaults, not the ones it ran with
    body.append("<section>\n<h2>Best trials</h2>\n<pre>")
        .append(Html.escape(StudySummary.format(study, TOP, false))).append("</pre>\n</section>\n");
    return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n"
        + (refreshSeconds > 0
            ? "<meta http-equiv=\"refresh\" content=\"" + refreshSeconds + "\"/>\n" : "")
        + "<title>jtune: " + Html.escape(study.name()) + "</title>\n<style>" + Style.CSS
        + "</style>\n</head>\n<body>\n" + body + "<footer>jtune report, "
        + Instant.now().truncatedTo(ChronoUnit.SECONDS) + "</footer>\n</body>\n</html>\n";
  }

  /**
   * A figure's sections, or one saying why it could not be drawn: a figure that fails on a study
   * it did not foresee takes itself out of the page, not the page (nor the dashboard's).
   */
  private static List<Figure> drawn(String title, java.util.function.Supplier<List<Figure>> draw) {
    try {
      return draw.get();
    } catch (RuntimeException e) {
      LOG.warn("report figure '{}' could not be drawn", title, e);
      return List.of(Figure.empty(title, "Could not be drawn: " + e));
    }
  }

  private static String facts(Study study, List<FrozenTrial> trials) {
    Map<TrialState, Integer> counts = new EnumMap<>(TrialState.class);
    trials.forEach(t -> counts.merge(t.state(), 1, Integer::sum));
    StringBuilder s = new StringBuilder(study.directions().stream()
        .map(d -> d.name().toLowerCase(Locale.ROOT)).toList().toString().replaceAll("[\\[\\]]", ""))
        .append("; ").append(trials.size()).append(" trials");
    counts.forEach((state, n) -> s.append(", ").append(n).append(' ')
        .append(state.name().toLowerCase(Locale.ROOT)));
    List<FrozenTrial> complete = trials.stream().filter(t -> t.state() == TrialState.COMPLETE)
        .toList();
    if (Feasibility.constrained(complete)) {
      s.append("; ").append(Feasibility.filter(complete).size()).append(" of ")
          .append(complete.size()).append(" complete trials meet the constraints");
    }
    if (study.directions().size() == 1) {
      study.findBestTrial().ifPresent(b -> s.append("; best trial #").append(b.number())
          .append(", value ").append(Html.number(b.value())));
    } else {
      s.append("; ").append(study.bestTrials().size()).append(" trials on the Pareto front");
    }
    return s.toString();
  }

  /**
   * One fANOVA forest over the latest {@value #IMPORTANCE_TRIALS} complete trials, for the
   * importances and the heat map; {@code null} if it cannot be fitted.
   */
  private static FanovaAnalysis analysis(List<FrozenTrial> complete, ImportanceTarget target) {
    try {
      return ImportanceEvaluator.fanova().analyze(complete.subList(
          Math.max(0, complete.size() - IMPORTANCE_TRIALS), complete.size()), List.of(),
          target);
    } catch (ImportanceException e) {
      return null;
    }
  }

  private static ParamImportances importances(FanovaAnalysis analysis) {
    try {
      return analysis == null ? null : analysis.importances();
    } catch (ImportanceException e) {
      return null;
    }
  }

  /** The heat map of the two most important parameters, when there are two. */
  private static Figure contour(FanovaAnalysis analysis, ParamImportances importances,
      List<FrozenTrial> complete, StudyDirection direction) {
    String title = "The two most important parameters together";
    if (importances == null || importances.ranking().size() < 2
        || importances.importance(importances.ranking().get(1)) == 0) {
      return Figure.empty(title, "Needs two parameters that every complete trial has and that"
          + " explain some of the value.");
    }
    List<FrozenTrial> latest = complete.subList(Math.max(0, complete.size() - IMPORTANCE_TRIALS),
        complete.size());
    try {
      return ContourPlot.of(analysis.surface(importances.ranking().get(0),
          importances.ranking().get(1), CONTOUR_POINTS), latest, direction);
    } catch (IllegalArgumentException e) {
      return Figure.empty(title, e.getMessage());
    }
  }

  /** Parameters every complete trial has, in the first one's order. */
  private static List<String> sharedParams(List<FrozenTrial> complete) {
    if (complete.isEmpty()) {
      return List.of();
    }
    List<String> shared = new ArrayList<>(complete.get(0).params().keySet());
    complete.forEach(t -> shared.removeIf(p -> !t.hasParam(p)));
    return shared;
  }

  /** Every parameter any complete trial has, in order of first appearance. */
  private static List<String> allParams(List<FrozenTrial> complete) {
    Set<String> names = new LinkedHashSet<>();
    complete.forEach(t -> names.addAll(t.params().keySet()));
    return List.copyOf(names);
  }
}
