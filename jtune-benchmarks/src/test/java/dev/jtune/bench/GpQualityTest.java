package dev.jtune.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jtune.bench.problems.Problem;
import dev.jtune.bench.problems.ProblemSuite;
import dev.jtune.sampler.gp.GpConfig;
import dev.jtune.sampler.gp.GpSampler;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Two of the GP's defaults on the suite's problems where they were measured (docs/benchmarks.md):
 * the noisy refinement ({@code GpConfig.refineNoisy}, "Noisy refinement") on noisy Hartmann6, and
 * the quadratic prior mean ({@code GpConfig.priorMean}, "A quadratic prior mean") on Levy in 10
 * dimensions, where it changed most.
 */
class GpQualityTest {

  /** The best observed trial's noiseless regret after {@code budget} trials. */
  private static double regret(Problem problem, long seed, GpConfig config, int budget) {
    GpSampler gp = new GpSampler(config.withSeed(seed));
    return QualityRun.run(problem, "jtune-gp", gp, seed, budget, 1, List.of(budget), "test")
        .checkpoints().get(String.valueOf(budget));
  }

  /**
   * Seeds 10-19, as the quality benchmark runs them: the best observed trial is within 10^-1.5 of
   * the optimum in 5 runs with refinement and none without (6 and 1 with the constant prior mean
   * that preceded the quadratic one; over seeds 0-89 then, 46 and 12).
   */
  @Test
  void theBestTrialOfNoisyHartmann6ReachesTheOptimumMoreOftenWithRefinement() {
    Problem noisy = ProblemSuite.get("hartmann6_noisy");
    int plain = 0;
    int refined = 0;
    for (long seed = 10; seed < 20; seed++) {
      plain += regret(noisy, seed, GpConfig.defaults().withRefineNoisy(false), 100) < 0.0316
          ? 1 : 0;
      refined += regret(noisy, seed, GpConfig.defaults(), 100) < 0.0316 ? 1 : 0;
    }
    assertThat(refined).as("runs within 10^-1.5, against %s without refinement", plain)
        .isGreaterThanOrEqualTo(plain + 3);
  }

  /**
   * Seeds 0-5 at 50 trials: the quadratic prior mean ends lower than the constant one on 5 of the
   * 6 (on 11 of seeds 0-11 at 50 trials, 28 of seeds 0-29 at 100).
   */
  @Test
  void levyTenEndsLowerWithTheQuadraticPriorMean() {
    Problem levy = ProblemSuite.get("levy10");
    int lower = 0;
    StringBuilder pairs = new StringBuilder();
    for (long seed = 0; seed < 6; seed++) {
      double quadratic = regret(levy, seed, GpConfig.defaults(), 50);
      double constant = regret(levy, seed,
          GpConfig.defaults().withPriorMean(GpConfig.PriorMean.CONSTANT), 50);
      lower += quadratic < constant ? 1 : 0;
      pairs.append(String.format(" %.2f/%.2f", quadratic, constant));
    }
    assertThat(lower).as("seeds where the quadratic mean ends lower (quadratic/constant:%s)", pairs)
        .isGreaterThanOrEqualTo(5);
  }
}
