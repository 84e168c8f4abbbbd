package dev.jtune.sampler.tpe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.jtune.sampler.RandomSampler;
import dev.jtune.sampler.Zdt1;
import dev.jtune.study.OptimizeOptions;
import dev.jtune.study.Study;
import dev.jtune.study.StudyDirection;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class MultiObjectiveTpeTest {

  @Test
  void theGoodGroupTakesWholeRanksThenTheLargestHypervolume() {
    List<double[]> values = List.of(new double[] {0, 3}, new double[] {1, 1},
        new double[] {3, 0}, new double[] {2, 2}, new double[] {4, 4});
    // rank 0 is A(0,3), B(1,1), C(3,0). Two of them: against (3.3, 3.3) B's box (5.29) is the
    // largest; what A and C then add is 0.30 each, and the tie goes to the earlier trial, A.
    double[] two = ParetoGoodGroup.select(values, 2);
    assertThat(two[0]).isEqualTo(1.0);           // A adds 0.30 to {A, B} against (1.1, 3.3)
    assertThat(two[1]).isCloseTo(0.20 / 0.30, within(1e-9));   // B adds 0.20
    assertThat(two[2]).isNaN();
    assertThat(two[3]).isNaN();
    assertThat(two[4]).isNaN();
    // four: all of rank 0, then rank 1 (D) fits whole
    double[] four = ParetoGoodGroup.select(values, 4);
    assertThat(four).satisfies(w -> {
      assertThat(w[4]).isNaN();
      for (int i = 0; i < 4; i++) {
        assertThat(w[i]).isBetween(1e-13, 1.0);
      }
    });
    assertThat(ParetoGoodGroup.select(values, 1)).containsExactly(Double.NaN, 1.0, Double.NaN,
        Double.NaN, Double.NaN);
  }

  @Test
  void infiniteValuesFallBackToTrialOrderAndEqualWeights() {
    List<double[]> values = List.of(new double[] {Double.NEGATIVE_INFINITY, 3},
        new double[] {1, 1}, new double[] {3, Double.NEGATIVE_INFINITY});
    assertThat(ParetoGoodGroup.select(values, 2)).containsExactly(1.0, 1.0, Double.NaN);
  }

  @Test
  void hugeAndTinyValuesNeitherOverflowNorUnderflow() {
    // (found by review) a penalty of MAX_VALUE made the reference point infinite, and values of
    // 1e160 made every volume infinite, so the weights were NaN and the good group empty
    double max = Double.MAX_VALUE;
    double[] penalty = ParetoGoodGroup.select(List.of(new double[] {max, 0},
        new double[] {0, 1}, new double[] {1, 0.5}, new double[] {5, 5}), 3);
    assertThat(penalty[3]).isNaN();
    for (int i = 0; i < 3; i++) {
      assertThat(penalty[i]).isBetween(1e-13, 1.0);
    }
    for (double scale : new double[] {1e160, 1e-200, 1}) {
      double[] w = ParetoGoodGroup.select(List.of(new double[] {1 * scale, 3 * scale},
          new double[] {2 * scale, 2 * scale}, new double[] {3 * scale, 1 * scale},
          new double[] {4 * scale, 4 * scale}), 3);
      // the same group and weights at every scale: against (3.3, 3.3) in units of the scale,
      // the middle point adds 1.0 of the 2.29 the three dominate, each end 0.3
      assertThat(w[3]).as("scale %s", scale).isNaN();
      assertThat(w[1]).as("scale %s", scale).isEqualTo(1.0);
      assertThat(w[0]).as("scale %s", scale).isCloseTo(0.3, within(1e-9));
      assertThat(w[2]).as("scale %s", scale).isCloseTo(0.3, within(1e-9));
    }
  }

  @Test
  void ordinaryValuesKeepOptunasChoiceAndWeightsExactly() {
    // (found by review) scaling every set changed what a worst value of 0 (a reference of
    // 1e-12) and the 1e-12 added to each contribution mean; Optuna 3.1 picks trial 0 here
    assertThat(ParetoGoodGroup.select(List.of(new double[] {0, -4}, new double[] {-3, 0}), 1))
        .containsExactly(1.0, Double.NaN);
    // Optuna's weights for (1, 4, 0), (1, 3, 0): 0.909 and 1
    double[] w = ParetoGoodGroup.select(List.of(new double[] {1, 4, 0}, new double[] {1, 3, 0}),
        2);
    assertThat(w[0]).isCloseTo(0.909, within(0.001));
    assertThat(w[1]).isEqualTo(1.0);
  }

  @Test
  void aStudyWithAPenaltyOfMaxValueRunsOn() {
    Study study = Study.builder().directions(StudyDirection.MINIMIZE, StudyDirection.MINIMIZE)
        .sampler(new TpeSampler(TpeConfig.defaults().withSeed(1).withStartupTrials(5))).build();
    study.optimizeMulti(t -> {
      double x = t.suggestFloat("x", 0, 1);
      return x < 0.1 ? new double[] {Double.MAX_VALUE, 0} : new double[] {x, 1 - x};
    }, OptimizeOptions.trials(40));
    assertThat(study.trials()).allMatch(t -> t.state() == dev.jtune.trial.TrialState.COMPLETE);
  }

  @ParameterizedTest
  @ValueSource(longs = {0, 1, 2})
  void findsABetterFrontThanRandomSearchWithFewTrials(long seed) {
    double tpe = Zdt1.hypervolume(new TpeSampler(seed), 120);
    double multivariate = Zdt1.hypervolume(new TpeSampler(TpeConfig.defaults()
        .withSeed(seed).withMultivariate(true)), 120);
    double random = Zdt1.hypervolume(new RandomSampler(seed), 120);
    assertThat(tpe).as("TPE %s against random %s", tpe, random).isGreaterThan(random + 0.2);
    assertThat(multivariate).as("multivariate TPE %s against random %s", multivariate, random)
        .isGreaterThan(random + 0.2);
  }
}
