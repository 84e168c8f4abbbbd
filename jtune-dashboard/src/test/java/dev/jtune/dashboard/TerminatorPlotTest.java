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
}
