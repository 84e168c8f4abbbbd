package dev.jtune.sampler.gp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.jtune.study.Study;
import dev.jtune.study.StudyDirection;
import dev.jtune.trial.FrozenTrial;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Scale;
import org.junit.jupiter.api.Test;

class NoisyRefinementTest {

  @Test
  void trialsCycleThroughAcquisitionProbesAndMean() {
    assertThat(List.of(30, 31, 32, 33, 34, 35).stream().map(NoisyRefinement::role).toList())
        .containsExactly(NoisyRefinement.Role.ACQUISITION, NoisyRefinement.Role.PROBE,
            NoisyRefinement.Role.PROBE, NoisyRefinement.Role.PROBE, NoisyRefinement.Role.MEAN,
            NoisyRefinement.Role.ACQUISITION);
  }

  /**
   * One observation y = 1 at 0, prior mean 0, Matérn 5/2 with w = 4, scale 1.5, noise 0.01: the
   * mean is 1.5 k(x) / 1.51 with k(d) = 1 - 5 w d^2 / 6 + O(d^3), so minus its second derivative at
   * 0 is 5 w / 3 * 1.5 / 1.51 = 6.6225...
   */
  @Test
  void curvatureOfTheMeanAtAnObservationByHand() {
    Kernel kernel = new Kernel(new double[] {4}, 1.5, new boolean[] {false});
    GaussianProcess gp = GaussianProcess.condition(new double[] {0}, new double[] {1}, 1, kernel,
        0.01);
    double[] a = NoisyRefinement.curvature(gp, new double[] {0}, new int[] {0});
    assertThat(a[0]).isCloseTo(5.0 * 4 / 3 * 1.5 / 1.51, within(0.02));
  }

  /** A rotated quadratic, sampled without noise on a grid: the mean's curvature is its own. */
  @Test
  void curvatureOfTheMeanRecoversAQuadratic() {
    int side = 11;
    int n = side * side;
    double[] x = new double[2 * n];
    double[] y = new double[n];
    for (int i = 0; i < side; i++) {
      for (int j = 0; j < side; j++) {
        int r = i * side + j;
        double u = i / (side - 1.0) - 0.4;
        double v = j / (side - 1.0) - 0.6;
        x[2 * r] = u + 0.4;
        x[2 * r + 1] = v + 0.6;
        y[r] = -(2 * u * u + v * v + 1.2 * u * v);
      }
    }
    Kernel kernel = new Kernel(new double[] {1, 1}, 1, new boolean[] {false, false});
    GaussianProcess gp = GaussianProcess.condition(x, y, n, kernel, 1e-8).withGlsMean();
    double[] a = NoisyRefinement.curvature(gp, new double[] {0.4, 0.6}, new int[] {0, 1});
    assertThat(a[0]).isCloseTo(4, within(0.1));
    assertThat(a[3]).isCloseTo(2, within(0.1));
    assertThat(a[1]).isCloseTo(1.2, within(0.1));
    assertThat(a[2]).isEqualTo(a[1]);
  }

  /** A probe sits where the quadratic model has dropped by exactly {@code drop}. */
  @Property(tries = 200)
  void aProbeLiesOnTheContourAndMovesOnlyItsDimensions(@ForAll long seed,
      @ForAll @DoubleRange(min = 0.001, max = 0.01) @Scale(5) double drop) {
    double[] a = {4, 1.2, 0.3, 1.2, 2, -0.5, 0.3, -0.5, 9};
    int[] dims = {0, 2, 3};
    double[] centre = {0.5, 0.25, 0.5, 0.5};
    double[] p = NoisyRefinement.probe(centre, dims, a, drop, new SplittableRandom(seed), false);
    assertThat(p[1]).isEqualTo(0.25);
    double[] z = {p[0] - 0.5, p[2] - 0.5, p[3] - 0.5};
    double q = 0;
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        q += z[i] * a[i * 3 + j] * z[j];
      }
    }
    assertThat(q / 2).isCloseTo(drop, within(drop * 1e-9));
  }

  /** The two probes of a pair lie on either side of the centre, on the same line. */
  @Property(tries = 200)
  void theSecondProbeOfAPairMirrorsTheFirst(@ForAll long seed) {
    double[] a = {4, 1.2, 1.2, 2};
    double[] centre = {0.5, 0.45};
    double drop = 0.002; // steps of at most 0.05: neither side is clipped
    double[] p = NoisyRefinement.probe(centre, new int[] {0, 1}, a, drop,
        new SplittableRandom(seed), false);
    double[] m = NoisyRefinement.probe(centre, new int[] {0, 1}, a, drop,
        new SplittableRandom(seed), true);
    assertThat(p[0] - centre[0]).isNotZero().isCloseTo(centre[0] - m[0], within(1e-12));
    assertThat(p[1] - centre[1]).isCloseTo(centre[1] - m[1], within(1e-12));
  }

  /** A step of length 2 (longer than the square's diagonal) always stops at a bound. */
  @Property(tries = 100)
  void aProbeStaysInTheUnitCube(@ForAll long seed) {
    double[] a = {4, 0, 0, 4};
    double[] p = NoisyRefinement.probe(new double[] {0.02, 0.97}, new int[] {0, 1}, a, 8,
        new SplittableRandom(seed), seed % 2 == 0);
    assertThat(p[0]).isBetween(0.0, 1.0);
    assertThat(p[1]).isBetween(0.0, 1.0);
    assertThat(p[0] == 0 || p[0] == 1 || p[1] == 0 || p[1] == 1).isTrue();
  }

  /** Minimum 0 at (0.3, 0.7, 0.5), curvatures 4, 2 and 1. */
  private static double bowl(double a, double b, double c) {
    return 2 * (a - 0.3) * (a - 0.3) + (b - 0.7) * (b - 0.7) + 0.5 * (c - 0.5) * (c - 0.5);
  }

  /** The parameters of the study's 75 trials, in order. */
  private static List<double[]> run(boolean refine, long seed) {
    Study study = Study.builder().name("noisy bowl").direction(StudyDirection.MINIMIZE)
        .sampler(new GpSampler(GpConfig.defaults().withSeed(seed).withRefineNoisy(refine)))
        .build();
    study.optimize(t -> {
      double a = t.suggestFloat("a", 0, 1);
      double b = t.suggestFloat("b", 0, 1);
      double c = t.suggestFloat("c", 0, 1);
      double noise = new SplittableRandom(seed * 1000 + t.number()).nextGaussian() * 0.1;
      return bowl(a, b, c) + noise;
    }, 75);
    return points(study);
  }

  private static List<double[]> points(Study study) {
    List<double[]> points = new ArrayList<>();
    for (FrozenTrial t : study.trials()) {
      points.add(new double[] {(Double) t.params().get("a"), (Double) t.params().get("b"),
          (Double) t.params().get("c")});
    }
    return points;
  }

  private static double medianRegret(List<double[]> points, int from, int to,
      NoisyRefinement.Role role) {
    List<Double> regrets = new ArrayList<>();
    for (int k = from; k < to; k++) {
      if (role == null || NoisyRefinement.role(k) == role) {
        double[] p = points.get(k);
        regrets.add(bowl(p[0], p[1], p[2]));
      }
    }
    regrets.sort(null);
    return regrets.get(regrets.size() / 2);
  }

  /**
   * Noise of standard deviation 0.1 on a bowl about 1.6 deep: the trials that sample the posterior
   * mean's maximizer (among trials 50-74) sit closer to the minimum than the acquisition
   * function's trials do without refinement, on 12 of these 16 seeds (19 of seeds 1-24). Without
   * refinement the same trials are closer on 7 of 16 (11 of 24), so the test fails. The bowl is
   * easy for plain expected improvement in 3 dimensions; the benchmark that shows the gain is
   * noisy Hartmann6 ({@code GpQualityTest} in jtune-benchmarks).
   */
  @Test
  void theMeanTrialsOfANoisyBowlSitCloserToItsMinimum() {
    int closer = 0;
    for (long seed = 1; seed <= 16; seed++) {
      double plain = medianRegret(run(false, seed), 50, 75, null);
      double refined = medianRegret(run(true, seed), 50, 75, NoisyRefinement.Role.MEAN);
      if (refined < plain) {
        closer++;
      }
    }
    assertThat(closer).isGreaterThanOrEqualTo(9);
  }

  /**
   * A conditional space: branch "bowl" has {@code a} and {@code b} (five times the bowl, minimum 0
   * at (0.3, 0.7)), branch "flat" has {@code c} and is at least 0.8 everywhere; noise of standard
   * deviation 0.1.
   */
  private static List<FrozenTrial> runConditional(boolean refine, long seed) {
    Study study = Study.builder().name("noisy branches").direction(StudyDirection.MINIMIZE)
        .sampler(new GpSampler(GpConfig.defaults().withSeed(seed).withRefineNoisy(refine)))
        .build();
    study.optimize(t -> {
      double noise = new SplittableRandom(seed * 1000 + t.number()).nextGaussian() * 0.1;
      if (t.suggestCategorical("kind", List.of("bowl", "flat")).equals("bowl")) {
        double a = t.suggestFloat("a", 0, 1);
        double b = t.suggestFloat("b", 0, 1);
        return 5 * bowl(a, b, 0.5) + noise;
      }
      return 0.8 + 0.2 * t.suggestFloat("c", 0, 1) + noise;
    }, 75);
    return study.trials();
  }

  /** The largest distance between two of the trials numbered 4 mod 5 among 50-74. */
  private static double spreadOfMeanTrials(List<FrozenTrial> trials, boolean checkBranch) {
    List<double[]> points = new ArrayList<>();
    for (int k = 50; k < 75; k++) {
      FrozenTrial t = trials.get(k);
      if (NoisyRefinement.role(k) != NoisyRefinement.Role.MEAN) {
        continue;
      }
      if (checkBranch) {
        assertThat(t.params()).as("trial %s", k).containsOnlyKeys("kind", "a", "b")
            .containsEntry("kind", "bowl");
      }
      points.add(t.params().get("kind").equals("bowl")
          ? new double[] {(Double) t.params().get("a"), (Double) t.params().get("b")}
          : new double[] {Double.NaN, Double.NaN});
    }
    double spread = 0;
    for (double[] p : points) {
      for (double[] q : points) {
        double d = Math.hypot(p[0] - q[0], p[1] - q[1]);
        spread = Double.isNaN(d) ? Double.POSITIVE_INFINITY : Math.max(spread, d);
      }
    }
    return spread;
  }

  /**
   * Refinement engages on a conditional space and keeps to its branches: the trials that sample
   * the posterior mean's maximizer (numbered 4 mod 5 among 50-74) stay in the better branch with
   * only its parameters, and lie within 0.03 of each other, closer together than the acquisition
   * function's trials at the same numbers without refinement (spread 0.004-0.022 against
   * 0.033-0.11 on these seeds). The test fails if refinement does not run on such a space (every
   * trial then follows the acquisition function) or its maximizer leaves the better branch.
   */
  @Test
  void refinementKeepsToTheBranchOfAConditionalSpace() {
    for (long seed = 1; seed <= 4; seed++) {
      double refined = spreadOfMeanTrials(runConditional(true, seed), true);
      double plain = spreadOfMeanTrials(runConditional(false, seed), false);
      assertThat(refined).as("seed %s", seed).isLessThan(0.03).isLessThan(plain);
    }
  }

  /** On a deterministic objective the fitted noise stays tiny and nothing changes. */
  @Test
  void aDeterministicObjectiveIsNotRefined() {
    List<double[]> plain = new ArrayList<>();
    List<double[]> refined = new ArrayList<>();
    for (boolean refine : new boolean[] {false, true}) {
      Study study = Study.builder().name("bowl").direction(StudyDirection.MINIMIZE)
          .sampler(new GpSampler(GpConfig.defaults().withSeed(7).withRefineNoisy(refine)))
          .build();
      study.optimize(t -> bowl(t.suggestFloat("a", 0, 1), t.suggestFloat("b", 0, 1),
          t.suggestFloat("c", 0, 1)), 45);
      (refine ? refined : plain).addAll(points(study));
    }
    for (int k = 0; k < plain.size(); k++) {
      assertThat(refined.get(k)).as("trial %s", k).containsExactly(plain.get(k));
    }
  }
}
