package dev.jtune.sampler.gp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jtune.sampler.Constraints;
import dev.jtune.sampler.RandomSampler;
import dev.jtune.sampler.Sampler;
import dev.jtune.study.Objective;
import dev.jtune.study.Study;
import dev.jtune.study.StudyDirection;
import dev.jtune.trial.FrozenTrial;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The GP sampler on a constrained study: expected improvement times P(feasible). */
class ConstrainedGpTest {
  /** Minimize the squared distance to (1, 1) where x + y <= 0: the optimum is (0, 0), value 2. */
  private static final Objective BOWL = t -> {
    double x = t.suggestFloat("x", -2, 2);
    double y = t.suggestFloat("y", -2, 2);
    return (x - 1) * (x - 1) + (y - 1) * (y - 1);
  };
  private static final Constraints HALF_PLANE =
      t -> new double[] {(double) t.param("x") + (double) t.param("y")};
  private static final int TRIALS = 30;

  private static Study run(Sampler sampler, Constraints studyConstraints) {
    var builder = Study.builder().direction(StudyDirection.MINIMIZE).sampler(sampler);
    if (studyConstraints != null) {
      builder.constraints(studyConstraints);
    }
    Study study = builder.build();
    study.optimize(BOWL, TRIALS);
    return study;
  }

  private static boolean feasible(FrozenTrial t) {
    return HALF_PLANE.of(t)[0] <= 0;
  }

  private static double bestFeasible(Study study) {
    return study.trials().stream().filter(ConstrainedGpTest::feasible)
        .mapToDouble(FrozenTrial::value).min().orElse(Double.POSITIVE_INFINITY);
  }

  /** The median distance of the trials after the Sobol' startup from the point {@code (a, a)}. */
  private static double lateDistance(Study study, double a) {
    int startup = GpConfig.defaults().startupTrials();
    double[] d = study.trials().subList(startup, study.trials().size()).stream()
        .mapToDouble(t -> Math.hypot((double) t.param("x") - a, (double) t.param("y") - a))
        .sorted().toArray();
    return d[d.length / 2];
  }

  @ParameterizedTest
  @ValueSource(longs = {0, 1, 2})
  void itFindsTheConstrainedOptimumWhereTheUnconstrainedGpLeaves(long seed) {
    Study constrained = run(new GpSampler(GpConfig.defaults().withSeed(seed), HALF_PLANE), null);
    Study plain = run(new GpSampler(GpConfig.defaults().withSeed(seed)), null);
    Study random = run(new RandomSampler(seed), null);
    double best = bestFeasible(constrained);
    assertThat(best).as("best feasible value; unconstrained GP %s, random %s",
        bestFeasible(plain), bestFeasible(random)).isLessThan(2.1)
        .isLessThan(bestFeasible(random));
    // after the startup the constrained GP proposes at the constrained optimum (0, 0) (on the
    // boundary, so about half its proposals miss by a rounding), the plain one at (1, 1)
    assertThat(lateDistance(constrained, 0)).isLessThan(0.15);
    assertThat(lateDistance(plain, 1)).isLessThan(0.3);
    assertThat(constrained.bestTrial().value()).isEqualTo(best);
  }

  @Test
  void constraintsGivenToTheStudyAloneSteerTheGpThroughTheStoredValues() {
    Study viaStudy = run(new GpSampler(GpConfig.defaults().withSeed(3)), HALF_PLANE);
    Study viaSampler = run(new GpSampler(GpConfig.defaults().withSeed(3), HALF_PLANE), null);
    assertThat(viaStudy.trials()).extracting(FrozenTrial::params)
        .isEqualTo(viaSampler.trials().stream().map(FrozenTrial::params).toList());
  }

  @Test
  void aSeededConstrainedStudyOnThreeThreadsRepeatsExactly() {
    // the reproducible parallel history: the same suggestions however the threads interleave
    List<List<Object>> runs = new java.util.ArrayList<>();
    for (int jobs : new int[] {3, 3}) {
      Study study = Study.builder().sampler(new GpSampler(GpConfig.defaults().withSeed(8)
          .withStartupTrials(5), HALF_PLANE)).build();
      study.optimize(BOWL, dev.jtune.study.OptimizeOptions.trials(24).withJobs(jobs));
      runs.add(study.trials().stream().map(t -> (Object) t.params()).toList());
    }
    assertThat(runs.get(1)).isEqualTo(runs.get(0));
  }

  @Test
  void whileNoTrialIsFeasibleItSeeksFeasibility() {
    // feasible only in the corner x + y <= -3: a tenth of the square
    Constraints corner = t -> new double[] {(double) t.param("x") + (double) t.param("y") + 3};
    var study = Study.builder().sampler(new GpSampler(GpConfig.defaults().withSeed(1), corner))
        .build();
    study.optimize(BOWL, 30);
    int startup = GpConfig.defaults().startupTrials();
    assertThat(study.trials().subList(0, startup).stream().filter(t -> corner.of(t)[0] <= 0)
        .count()).as("feasible startup trials").isZero();
    // no feasible trial to improve on: the probability of feasibility alone leads it to the
    // corner, and then to its best point (-1.5, -1.5), value 12.5
    List<FrozenTrial> late = study.trials().subList(startup, 30);
    assertThat(late.stream().filter(t -> corner.of(t)[0] <= 0).count()).isGreaterThan(3);
    assertThat(study.bestValue()).isLessThan(12.7);
  }

  @Test
  void theLogProbabilityAndItsDerivativesMatchTheNormalDistribution() {
    var p = new AcquisitionFunction.LogProbabilityBelow(0.5);
    // P(N(0.5, 1) <= 0.5) = 1/2; P(N(-1, 4) <= 0.5) = Phi(0.75) = 0.7733726...
    assertThat(p.value(0.5, 1)).isCloseTo(Math.log(0.5), Offset.offset(1e-12));
    assertThat(p.value(-1, 4)).isCloseTo(Math.log(0.77337264762313), Offset.offset(1e-10));
    // far in the tail it stays finite: log Phi(-40) = -804.608...
    assertThat(p.value(40.5, 1)).isCloseTo(-804.60844, Offset.offset(1e-4));
    double[] out = new double[2];
    for (double[] mv : new double[][] {{0.1, 0.3}, {3, 0.01}, {-2, 2}, {9, 0.5}}) {
      p.valueWithDerivatives(mv[0], mv[1], out);
      double h = 1e-6;
      double dMean = (p.value(mv[0] + h, mv[1]) - p.value(mv[0] - h, mv[1])) / (2 * h);
      double dVar = (p.value(mv[0], mv[1] + h) - p.value(mv[0], mv[1] - h)) / (2 * h);
      assertThat(out[0]).isCloseTo(dMean, Offset.offset(1e-5 * Math.max(1, Math.abs(dMean))));
      assertThat(out[1]).isCloseTo(dVar, Offset.offset(1e-5 * Math.max(1, Math.abs(dVar))));
    }
  }

  @Property(tries = 300)
  void theWarpKeepsEachValueOnItsSideOfTheThreshold(
      @ForAll @Size(min = 1, max = 30) List<@DoubleRange(min = -1e7, max = 1e7) Double> values) {
    double[] y = values.stream().mapToDouble(Double::doubleValue).toArray();
    double threshold = FeasibilityModel.warpAndStandardize(y);
    for (int i = 0; i < y.length; i++) {
      assertThat(y[i] <= threshold + 1e-9).as("value %s", values.get(i))
          .isEqualTo(values.get(i) <= 0);
    }
  }
}
