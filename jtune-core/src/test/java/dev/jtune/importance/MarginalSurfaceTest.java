package dev.jtune.importance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.jtune.sampler.RandomSampler;
import dev.jtune.study.Objective;
import dev.jtune.study.Study;
import java.util.List;
import org.junit.jupiter.api.Test;

class MarginalSurfaceTest {

  private static Study randomStudy(int trials, Objective objective) {
    Study study = Study.builder().sampler(new RandomSampler(11)).build();
    study.optimize(objective, trials);
    return study;
  }

  @Test
  void anInteractionShowsInTheSurfaceInTheObjectivesUnits() {
    // 1e6 + 10xy + z: averaged over z (mean 0.5), the corners are about 1e6 + 0.5 and 1e6 + 10.5
    Study study = randomStudy(400, t -> 1e6 + 10 * t.suggestFloat("x", 0, 1)
        * t.suggestFloat("y", 0, 1) + t.suggestFloat("z", 0, 1));

    MarginalSurface surface = ImportanceEvaluator.fanova().surface(study.trials(), "x", "y",
        ImportanceTarget.value(), 10);

    assertThat(surface.firstGrid()).hasSize(10);
    assertThat(surface.firstGrid()[0]).isCloseTo(0.05, within(1e-12));
    assertThat(surface.secondGrid()[9]).isCloseTo(0.95, within(1e-12));
    double[][] v = surface.values();
    assertThat(v[9][9] - 1e6).isCloseTo(10 * 0.95 * 0.95 + 0.5, within(1.5));
    assertThat(v[0][0] - 1e6).isCloseTo(10 * 0.05 * 0.05 + 0.5, within(1.0));
    // along x the rise depends on y: the interaction
    assertThat(v[9][9] - v[0][9]).isGreaterThan(3 * (v[9][0] - v[0][0]));
    assertThat(surface.min()).isLessThan(surface.max());
    assertThat(surface.trials()).isEqualTo(400);
  }

  @Test
  void aCategoricalHasOneRowPerChoice() {
    Study study = randomStudy(200, t -> {
      String c = t.suggestCategorical("c", List.of("a", "b", "c"));
      return (c.equals("b") ? 5 : 0) + t.suggestInt("n", 1, 4);
    });

    MarginalSurface surface = ImportanceEvaluator.fanova().surface(study.trials(), "c", "n",
        ImportanceTarget.value(), 30);

    assertThat(surface.firstGrid()).containsExactly(0, 1, 2);
    assertThat(surface.secondGrid()).containsExactly(1, 2, 3, 4);
    for (int j = 0; j < 4; j++) {
      assertThat(surface.values()[1][j] - surface.values()[0][j]).isCloseTo(5, within(0.8));
      assertThat(surface.values()[1][j]).isCloseTo(5 + j + 1, within(0.8));
    }
  }

  @Test
  void badRequestsAreRefusedByName() {
    Study study = randomStudy(20, t -> t.suggestFloat("x", 0, 1) + t.suggestFloat("y", 0, 1));
    FanovaEvaluator fanova = ImportanceEvaluator.fanova();

    assertThatThrownBy(() -> fanova.surface(study.trials(), "x", "x", ImportanceTarget.value(), 5))
        .hasMessage("a surface needs two parameters, got 'x' twice");
    assertThatThrownBy(() -> fanova.surface(study.trials(), "x", "lr", ImportanceTarget.value(), 5))
        .hasMessage("parameter 'lr' is not one that every complete trial has with more than one"
            + " value; those are [x, y]");
    assertThatThrownBy(() -> fanova.surface(study.trials(), "x", "y", ImportanceTarget.value(), 1))
        .hasMessage("points must be >= 2, got 1");
  }

  @Test
  void aDiscreteParameterIsEvaluatedWhereItsTrialsLie() {
    // an integer on a log scale has cells of unequal width: evenly spaced positions reported
    // 1, 1, 1, 1, 2, 3, 4, 5, 7, 9 for 1..10
    Study logInt = randomStudy(200, t -> t.suggestInt("k", 1, 10, true)
        + t.suggestFloat("x", 0, 1));
    MarginalSurface surface = ImportanceEvaluator.fanova().surface(logInt.trials(), "k", "x",
        ImportanceTarget.value(), 25);
    assertThat(surface.firstGrid()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
    for (int i = 0; i < 10; i++) {
      assertThat(surface.values()[i][12]).as("k=%d", i + 1).isCloseTo(i + 1.5, within(1.0));
    }

    // more values than points: each reported value is one whose trials the forest saw there
    Study wide = randomStudy(600, t -> (t.suggestInt("n", 0, 49) == 0 ? 100 : 0)
        + t.suggestFloat("x", 0, 1));
    MarginalSurface spread = ImportanceEvaluator.fanova().surface(wide.trials(), "n", "x",
        ImportanceTarget.value(), 25);
    assertThat(spread.firstGrid()).hasSize(25).doesNotHaveDuplicates().isSorted();
    for (int i = 0; i < spread.firstGrid().length; i++) {
      double expected = spread.firstGrid()[i] == 0 ? 100.5 : 0.5;
      assertThat(spread.values()[i][12]).as("n=%s", spread.firstGrid()[i])
          .isCloseTo(expected, within(20.0));
    }
  }

  @Test
  void valuesAtTheEndOfTheDoublesStayFinite() {
    Study study = randomStudy(60, t -> t.suggestFloat("x", 0, 1) > 0.5 ? Double.MAX_VALUE
        : -0.999999 * Double.MAX_VALUE + 0 * t.suggestFloat("y", 0, 1));
    Study both = randomStudy(60, t -> {
      double x = t.suggestFloat("x", 0, 1);
      double y = t.suggestFloat("y", 0, 1);
      return x > 0.5 ? Double.MAX_VALUE : -0.999999 * Double.MAX_VALUE + y;
    });

    MarginalSurface surface = ImportanceEvaluator.fanova().surface(both.trials(), "x", "y",
        ImportanceTarget.value(), 5);

    assertThat(surface.max()).isFinite();
    assertThat(surface.min()).isFinite();
    assertThat(study.trials()).isNotEmpty();
  }

  @Test
  void oneAnalysisAnswersAsTheSeparateCallsDo() {
    Study study = randomStudy(120, t -> t.suggestFloat("x", 0, 1) * t.suggestFloat("y", 0, 1)
        + t.suggestInt("n", 0, 3));
    FanovaEvaluator fanova = ImportanceEvaluator.fanova();

    FanovaAnalysis analysis = fanova.analyze(study.trials(), List.of(), ImportanceTarget.value());

    assertThat(analysis.importances()).isEqualTo(fanova.evaluate(study));
    MarginalSurface once = analysis.surface("x", "y", 6);
    MarginalSurface alone = fanova.surface(study.trials(), "x", "y", ImportanceTarget.value(), 6);
    assertThat(once.values()).isDeepEqualTo(alone.values());
  }
}