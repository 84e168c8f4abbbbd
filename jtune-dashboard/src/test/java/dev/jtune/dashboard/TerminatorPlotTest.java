package dev.jtune.dashboard;

import static dev.jtune.dashboard.StudyReportTest.marks;
import static dev.jtune.dashboard.StudyReportTest.parse;
import static dev.jtune.dashboard.StudyReportTest.section;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jtune.sampler.RandomSampler;
import dev.jtune.study.Study;
import dev.jtune.study.StudyDirection;
import dev.jtune.terminator.CrossValidationError;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import static org.assertj.core.api.Assertions.assertThatCode;
import dev.jtune.terminator.ErrorEvaluator;
import dev.jtune.trial.TrialState;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/** The report's "room left for improvement": the regret bound and, with fold scores, the error. */
class TerminatorPlotTest {

  private static Study study(int trials, double noise, boolean folds) {
    Study study = Study.builder().direction(StudyDirection.MAXIMIZE)
        .sampler(new RandomSampler(6)).build();
    study.optimize(t -> {
      double x = t.suggestFloat("x", -2, 2);
      Random random = new Random(t.number());
      List<Double> scores = new ArrayList<>();
      for (int k = 0; k < 5; k++) {
        scores.add(-x * x + noise * random.nextGaussian());
      }
      if (folds) {
        CrossValidationError.report(t, scores);
      }
      return scores.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }, trials);
    return study;
  }

  @Test
  void foldScoresDrawTheErrorBesideTheBoundAndSayWhereATerminatorStops() throws Exception {
    Element fig = section(parse(StudyReport.html(study(60, 1.0, true))),
        "Room left for improvement");
    assertThat(marks(fig, "polyline", "best")).isEqualTo(1);
    assertThat(marks(fig, "polyline", "error")).isEqualTo(1);
    assertThat(fig.getTextContent()).contains("the cross-validation error")
        .contains("where a terminator would have stopped");
  }

  @Test
  void withoutScoresOnlyTheBoundAndWithFewTrialsNothing() throws Exception {
    Element fig = section(parse(StudyReport.html(study(30, 0.1, false))),
        "Room left for improvement");
    assertThat(marks(fig, "polyline", "best")).isEqualTo(1);
    assertThat(marks(fig, "polyline", "error")).isZero();
    assertThat(fig.getTextContent()).contains("no error is drawn");
    assertThat(StudyReport.html(study(10, 0.1, true))).doesNotContain("Room left for improvement");
  }

  /**
   * Where the best trial of an early prefix stores no folds, that prefix gets no point at all:
   * the stop is named at a count that has both a bound and an error.
   */
  @Test
  void theStopIsNamedAtACountWhereTheBoundIsBelowTheErrorOfTheSameCount() {
    Study s = Study.builder().direction(StudyDirection.MAXIMIZE)
        .sampler(new RandomSampler(3)).build();
    s.optimize(t -> {
      double x = t.suggestFloat("x", -2, 2);
      if (t.number() < 30) {
        return 10 - x * x;                   // the early best trials store no folds
      }
      double v = 20 - x * x;
      CrossValidationError.report(t, List.of(v - 5, v + 5, v - 4, v + 4));
      return v;
    }, 60);
    String note = TerminatorPlot.of(s.trials(), StudyDirection.MAXIMIZE).orElseThrow().note();
    Matcher m = Pattern.compile("fell below the error at (\\d+) trials").matcher(note);
    if (m.find()) {
      int n = Integer.parseInt(m.group(1));
      List<dev.jtune.trial.FrozenTrial> prefix = s.trials(TrialState.COMPLETE).subList(0, n);
      assertThatCode(() -> ErrorEvaluator.crossValidation().evaluate(prefix,
          StudyDirection.MAXIMIZE)).as("the error exists at the count named: " + note)
          .doesNotThrowAnyException();
    }
  }

  /** One huge (finite) value makes a prefix's bound infinite: that point is left out. */
  @Test
  void aHugeFiniteValueDoesNotBreakTheReport() {
    Study h = Study.builder().direction(StudyDirection.MINIMIZE)
        .sampler(new RandomSampler(3)).build();
    h.optimize(t -> {
      double x = t.suggestFloat("x", -2, 2);
      return x > 1.5 ? 1e200 : x * x;           // a penalty for a configuration that broke
    }, 30);
    assertThatCode(() -> StudyReport.html(h)).doesNotThrowAnyException();
  }
}
