package dev.jtune.sampler.gp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jtune.sampler.RandomSampler;
import dev.jtune.sampler.Zdt1;
import dev.jtune.study.Study;
import dev.jtune.study.StudyDirection;
import dev.jtune.trial.FrozenTrial;
import dev.jtune.trial.TrialState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The GP sampler on several objectives, through ParEGO's random Chebyshev scalarizations. */
class ParEgoTest {

  private static FrozenTrial trial(int number, double... values) {
    List<Double> v = new ArrayList<>();
    for (double d : values) {
      v.add(d);
    }
    StudyDirection[] directions = new StudyDirection[values.length];
    java.util.Arrays.fill(directions, StudyDirection.MINIMIZE);
    Study study = Study.builder().directions(directions).build();
    return study.addTrial(new dev.jtune.storage.TrialTemplate(TrialState.COMPLETE, v, Map.of(),
        Map.of(), new java.util.TreeMap<>(), Map.of(), Map.of()));
  }

  @Property(tries = 200)
  void weightsLieOnTheSimplex(@ForAll @IntRange(min = 1, max = 6) int m,
      @ForAll long seed) {
    double[] w = ParEgo.weights(m, new SplittableRandom(seed));
    assertThat(w).hasSize(m);
    assertThat(java.util.Arrays.stream(w).sum()).isCloseTo(1.0,
        org.assertj.core.data.Offset.offset(1e-12));
    assertThat(java.util.Arrays.stream(w).min().orElseThrow()).isPositive();
  }

  @Test
  void theChebyshevValueByHand() {
    // minimize both: f1 in [1, 3], f2 in [10, 30]; weights 0.25, 0.75
    List<FrozenTrial> trials = List.of(trial(0, 1, 30), trial(1, 3, 10), trial(2, 2, 20));
    double[] y = ParEgo.scalarize(trials, List.of(StudyDirection.MINIMIZE,
        StudyDirection.MINIMIZE), new double[] {0.25, 0.75});
    // unit values (0, 1), (1, 0), (0.5, 0.5)
    assertThat(y[0]).isCloseTo(-(0.75 + 0.05 * 0.75), org.assertj.core.data.Offset.offset(1e-12));
    assertThat(y[1]).isCloseTo(-(0.25 + 0.05 * 0.25), org.assertj.core.data.Offset.offset(1e-12));
    assertThat(y[2]).isCloseTo(-(0.375 + 0.05 * 0.5), org.assertj.core.data.Offset.offset(1e-12));
    // a maximized objective is turned first: the largest accuracy is the best
    double[] up = ParEgo.scalarize(List.of(trial(0, 0.9, 5), trial(1, 0.5, 5)),
        List.of(StudyDirection.MAXIMIZE, StudyDirection.MINIMIZE), new double[] {0.5, 0.5});
    assertThat(up[0]).isGreaterThan(up[1]);
    // infinite values land on the ends, a constant objective at 0
    double[] inf = ParEgo.scalarize(List.of(trial(0, Double.POSITIVE_INFINITY, 1),
        trial(1, 0, 1), trial(2, 1, 1)), List.of(StudyDirection.MINIMIZE,
        StudyDirection.MINIMIZE), new double[] {0.5, 0.5});
    assertThat(inf[0]).isEqualTo(-(0.5 + 0.05 * 0.5));
    assertThat(inf[1]).isEqualTo(-0.0);
  }

  @ParameterizedTest
  @ValueSource(longs = {0, 1, 2})
  void findsABetterFrontThanRandomSearchWithFewTrials(long seed) {
    double gp = Zdt1.hypervolume(new GpSampler(seed), 40);
    double random = Zdt1.hypervolume(new RandomSampler(seed), 40);
    assertThat(gp).as("GP %s against random %s", gp, random).isGreaterThan(random + 0.3);
  }

  @Test
  void weightsAreUniformOnTheSimplex() {
    // for two objectives the first weight is uniform on [0, 1]: mean 1/2, a quarter below 1/4
    SplittableRandom rng = new SplittableRandom(11);
    int n = 40_000;
    double sum = 0;
    int below = 0;
    for (int i = 0; i < n; i++) {
      double w = ParEgo.weights(2, rng)[0];
      sum += w;
      below += w < 0.25 ? 1 : 0;
    }
    assertThat(sum / n).isCloseTo(0.5, org.assertj.core.data.Offset.offset(0.01));
    assertThat((double) below / n).isCloseTo(0.25, org.assertj.core.data.Offset.offset(0.01));
  }

  /** One diverged trial must not take its objective out of every other trial's value. */
  @Test
  void anOutlierDoesNotEraseItsObjective() {
    List<FrozenTrial> trials = new ArrayList<>(List.of(trial(0, 0.1, 0.9), trial(1, 0.5, 0.5),
        trial(2, 0.9, 0.1), trial(3, 0.3, 0.7), trial(4, 0.7, 0.3)));
    List<StudyDirection> min = List.of(StudyDirection.MINIMIZE, StudyDirection.MINIMIZE);
    double[] w = {0.9, 0.1};
    assertThat(argmax(ParEgo.scalarize(trials, min, w))).isZero();
    trials.add(trial(5, 1e6, 0.5));
    double[] withOutlier = ParEgo.scalarize(trials, min, w);
    assertThat(argmax(java.util.Arrays.copyOf(withOutlier, 5))).isZero();
    assertThat(argmax(withOutlier)).isZero();
  }

  private static int argmax(double[] y) {
    int best = 0;
    for (int i = 1; i < y.length; i++) {
      if (y[i] > y[best]) {
        best = i;
      }
    }
    return best;
  }

  /** Each trial asks for another trade-off: the GP's proposals spread along the front. */
  @Test
  void theProposalsSpreadAlongTheFront() {
    Study study = Study.builder().directions(StudyDirection.MINIMIZE, StudyDirection.MINIMIZE)
        .sampler(new GpSampler(3)).build();
    study.optimizeMulti(Zdt1::evaluate, dev.jtune.study.OptimizeOptions.trials(40));
    double[] x0 = study.trials().subList(20, 40).stream()
        .mapToDouble(t -> (Double) t.param("x0")).toArray();
    double mean = java.util.Arrays.stream(x0).average().orElseThrow();
    double sd = Math.sqrt(java.util.Arrays.stream(x0).map(v -> (v - mean) * (v - mean)).sum()
        / x0.length);
    assertThat(sd).as("spread of f1 = x0 over the GP's trials").isGreaterThan(0.2);
  }

  /**
   * Each trial's targets are another scalarization, so no trial takes a kernel fit made for
   * another's (past 100 trials a single objective reuses the last fit until the trials grow by a
   * twentieth): every fit kept was optimized on its own trial's trials.
   */
  @Test
  void everyTrialFitsItsOwnScalarization() {
    GpSampler sampler = new GpSampler(0);
    Study study = Study.builder().directions(StudyDirection.MINIMIZE, StudyDirection.MINIMIZE)
        .sampler(sampler).build();
    study.optimizeMulti(t -> {
      double a = t.suggestFloat("x0", 0, 1);
      double b = t.suggestFloat("x1", 0, 1);
      return new double[] {a, 10 * (b - 0.3) * (b - 0.3)};
    }, dev.jtune.study.OptimizeOptions.trials(115));
    var kept = sampler.fits.values().iterator().next().values();
    assertThat(kept).isNotEmpty().allSatisfy(state -> assertThat(state.optimizedAt())
        .isEqualTo(state.trials().size()));
  }

  /**
   * The augmented Chebyshev scalarization is Pareto-compliant: a trial that dominates another
   * never scores lower, whatever the weights and the other trials (the outlier fence included,
   * which only raises bad values towards one bound).
   */
  @Property(tries = 300)
  void aDominatingTrialNeverScoresLower(@ForAll @IntRange(min = 2, max = 4) int m,
      @ForAll @IntRange(min = 2, max = 12) int n, @ForAll long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    List<FrozenTrial> trials = new ArrayList<>();
    double[][] values = new double[n][m];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < m; j++) {
        // a coarse grid makes ties and dominance common; now and then a huge value
        values[i][j] = rng.nextInt(5) + (rng.nextInt(20) == 0 ? 1e6 : 0);
      }
      trials.add(trial(i, values[i]));
    }
    List<StudyDirection> directions = new ArrayList<>();
    for (int j = 0; j < m; j++) {
      directions.add(rng.nextBoolean() ? StudyDirection.MINIMIZE : StudyDirection.MAXIMIZE);
    }
    double[] y = ParEgo.scalarize(trials, directions, ParEgo.weights(m, rng));
    for (int a = 0; a < n; a++) {
      for (int b = 0; b < n; b++) {
        if (weaklyDominates(values[a], values[b], directions)) {
          assertThat(y[a]).as("trial %d dominates %d", a, b).isGreaterThanOrEqualTo(y[b]);
        }
      }
    }
  }

  private static boolean weaklyDominates(double[] a, double[] b, List<StudyDirection> d) {
    for (int j = 0; j < a.length; j++) {
      double sa = d.get(j) == StudyDirection.MINIMIZE ? a[j] : -a[j];
      double sb = d.get(j) == StudyDirection.MINIMIZE ? b[j] : -b[j];
      if (sa > sb) {
        return false;
      }
    }
    return true;
  }
}
