package dev.jtune.dashboard;

import static dev.jtune.dashboard.StudyReportTest.marks;
import static dev.jtune.dashboard.StudyReportTest.parse;
import static dev.jtune.dashboard.StudyReportTest.section;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jtune.sampler.pbt.Lineage;
import dev.jtune.sampler.pbt.PopulationBasedSampler;
import dev.jtune.sampler.pbt.Segment;
import dev.jtune.study.Study;
import dev.jtune.study.StudyDirection;
import dev.jtune.trial.FrozenTrial;
import dev.jtune.trial.TrialState;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** The report of a population-based study: its members by interval, the schedule found. */
class PopulationPlotTest {

  /** Four members; the value falls as training goes on, faster with a rate near 0.01. */
  private static Study populationStudy() {
    Study study = Study.builder().name("pbt").direction(StudyDirection.MINIMIZE)
        .sampler(new PopulationBasedSampler(4, 3)).build();
    study.optimize(t -> {
      double lr = t.suggestFloat("lr", 1e-4, 1, true);
      int interval = Segment.of(t.systemAttrs()).orElseThrow().index();
      return Math.abs(Math.log10(lr) + 2) + 1.0 / (interval + 1) + 0.01 * (t.number() % 3);
    }, 32);
    return study;
  }

  @Test
  void membersAreDrawnIntervalByIntervalWithTheirCopiesAndTheBestLineage() throws Exception {
    Study study = populationStudy();
    List<FrozenTrial> complete = study.trials(TrialState.COMPLETE);
    Lineage best = Lineage.of(study.bestTrial(), study.trials()).orElseThrow();
    long joined = complete.stream().filter(t -> Segment.of(t.systemAttrs()).orElseThrow()
        .parent().isPresent()).count();
    long copies = complete.stream().filter(t -> Segment.of(t.systemAttrs()).orElseThrow()
        .exploited()).count();
    assertThat(copies).as("the bottom quarter copied the top").isPositive();

    Document page = parse(StudyReport.html(study));
    Element population = section(page, "Population: each member's value by interval");
    assertThat(marks(population, "circle", "trial")).isEqualTo(complete.size());
    assertThat(marks(population, "polyline", "lineage") + marks(population, "polyline", "exploit")
        + marks(population, "polyline", "best")).isEqualTo(joined);
    assertThat(marks(population, "polyline", "best")).isEqualTo(best.trials().size() - 1);
    assertThat(marks(population, "polyline", "exploit")).isLessThanOrEqualTo(copies);
    assertThat(population.getTextContent()).contains("of 4 members");

    if (best.values("lr").stream().distinct().count() > 1) {
      Element schedule = section(page, "Schedule found: lr along the best trial's lineage");
      assertThat(marks(schedule, "circle", "trial")).isEqualTo(best.trials().size());
      assertThat(marks(schedule, "polyline", "best")).isEqualTo(1);
      assertThat(schedule.getElementsByTagName("svg").item(0).getTextContent())
          .as("a log axis for a log-scale rate").contains("0.01");
    }
  }

  @Test
  void aStudyWithoutAPopulationHasNoPopulationChart() {
    assertThat(StudyReport.html(StudyReportTest.trainingStudy())).doesNotContain("Population:")
        .doesNotContain("Schedule found");
  }
}
