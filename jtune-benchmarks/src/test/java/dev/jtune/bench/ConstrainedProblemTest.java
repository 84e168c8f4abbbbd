package dev.jtune.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.jtune.sampler.RandomSampler;
import dev.jtune.study.Feasibility;
import dev.jtune.study.OptimizeOptions;
import dev.jtune.study.Study;
import dev.jtune.trial.FrozenTrial;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The constrained problems give known values at known points. */
class ConstrainedProblemTest {
  private static final double TOLERANCE = 1e-3;

  @Test
  void gardnersMinimumIsFeasibleAndTheOriginIsNot() {
    ConstrainedProblem p = ConstrainedProblem.GARDNER;
    assertThat(p.objectives(1.5 * Math.PI, 0)[0]).isCloseTo(-2, within(1e-12));
    assertThat(p.constraints(1.5 * Math.PI, 0)[0]).isCloseTo(-0.5, within(1e-12));
    // cos(0 + 0) - 0.5 = 0.5 > 0
    assertThat(p.objectives(0, 0)[0]).isCloseTo(1, within(1e-12));
    assertThat(p.constraints(0, 0)[0]).isCloseTo(0.5, within(1e-12));
  }

  @Test
  void gramacysOptimumRegionIsFeasibleAndAKnownPointIsNot() {
    ConstrainedProblem p = ConstrainedProblem.GRAMACY;
    // the published optimum, about 0.5998 at (0.1954, 0.4044), on c1's boundary
    assertThat(p.objectives(0.1954, 0.4044)[0]).isCloseTo(0.5998, within(TOLERANCE));
    assertThat(p.constraints(0.1954, 0.4044)[0]).isNegative().isCloseTo(0, within(1e-4));
    assertThat(p.constraints(0.1954, 0.4044)[1]).isNegative();
    // CompModels' gram(0.2, 0.2): obj 0.4, con (1.29, -1.42), infeasible
    assertThat(p.objectives(0.2, 0.2)[0]).isCloseTo(0.4, within(1e-12));
    assertThat(p.constraints(0.2, 0.2)[0]).isCloseTo(1.2853, within(TOLERANCE));
    assertThat(p.constraints(0.2, 0.2)[1]).isCloseTo(-1.42, within(1e-12));
  }

  @Test
  void optunasQuadraticExampleByHand() {
    ConstrainedProblem p = ConstrainedProblem.QUADRATIC;
    // x = 30, y = -1: 3xy + 10 = -80, xy + 30 = 0 (on the boundary), x^2 + y = 899
    assertThat(p.objectives(30, -1)[0]).isEqualTo(899);
    assertThat(p.constraints(30, -1)).containsExactly(-80, 0);
    // x = 10, y = 1: 40 and 40; y = 0 never holds (10 and 30)
    assertThat(p.constraints(10, 1)).containsExactly(40, 40);
    assertThat(p.constraints(-50, 0)).containsExactly(10, 30);
  }

  @Test
  void bnhsCornersAndReference() {
    ConstrainedProblem p = ConstrainedProblem.BNH;
    assertThat(p.objectives(0, 0)).containsExactly(0, 50);
    assertThat(p.constraints(0, 0)).containsExactly(0, 7.7 - 64 - 9);
    assertThat(p.objectives(5, 3)).containsExactly(136, 4);
    assertThat(p.constraints(5, 3)).containsExactly(-16, 7.7 - 9 - 36);
    // every feasible point's objectives lie within the reference point (140, 50)
    assertThat(p.reference()).containsExactly(140, 50);
  }

  @Test
  void theStudyStoresTheProblemsFeasibilityWithEveryTrial() {
    for (ConstrainedProblem p : ConstrainedProblem.values()) {
      Study study = Study.builder().directions(p.directions()).sampler(new RandomSampler(3))
          .constraints(p::constraints).build();
      if (p.objectives() == 1) {
        study.optimize(t -> p.evaluate(t)[0], OptimizeOptions.trials(40));
      } else {
        study.optimizeMulti(p::evaluate, OptimizeOptions.trials(40));
      }
      for (FrozenTrial t : study.trials()) {
        double x = ((Number) t.param("x")).doubleValue();
        double y = ((Number) t.param("y")).doubleValue();
        boolean holds = Arrays.stream(p.constraints(x, y)).allMatch(c -> c <= 0);
        assertThat(Feasibility.feasible(t)).as("%s trial %d", p, t.number()).isEqualTo(holds);
        assertThat(t.constraintValues()).hasValueSatisfying(
            c -> assertThat(c).containsExactly(p.constraints(x, y)));
      }
    }
  }
}
