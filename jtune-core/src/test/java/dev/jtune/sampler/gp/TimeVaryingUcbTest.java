package dev.jtune.sampler.gp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.jtune.sampler.gp.TimeVaryingUcb.Observation;
import dev.jtune.sampler.gp.TimeVaryingUcb.Point;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

class TimeVaryingUcbTest {

  /** {@code count} intervals at times {@code from .. to} with gains {@code gain(x)} plus noise. */
  private static List<Observation> intervals(int count, int from, int to, DoubleUnaryOperator gain,
      long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    List<Observation> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      double x = rng.nextDouble();
      int time = from + i * (to - from + 1) / count;
      out.add(new Observation(new Point(time, 1.0 - 0.01 * time, new double[] {x}),
          gain.applyAsDouble(x) + 0.01 * rng.nextGaussian()));
    }
    return out;
  }

  private static double suggest(List<Observation> observed, List<Point> running, int time) {
    return TimeVaryingUcb.suggest(observed, running, time, 1.0 - 0.01 * time, 1,
        new SplittableRandom(7)).orElseThrow()[0];
  }

  @Test
  void suggestsWhereIntervalsImprovedMost() {
    for (double best : new double[] {0.2, 0.5, 0.8}) {
      List<Observation> observed = intervals(40, 0, 9, x -> -(x - best) * (x - best), 1);
      assertThat(suggest(observed, List.of(), 10)).as("optimum %s", best)
          .isCloseTo(best, within(0.1));
    }
  }

  /** The kernel forgets: when the best parameters move, the recent intervals win. */
  @Test
  void followsTheOptimumAsItMovesOverTime() {
    List<Observation> observed = new ArrayList<>(
        intervals(40, 0, 9, x -> -(x - 0.8) * (x - 0.8), 2));
    observed.addAll(intervals(12, 10, 12, x -> -(x - 0.2) * (x - 0.2), 3));
    assertThat(suggest(observed, List.of(), 13)).isCloseTo(0.2, within(0.15));
  }

  @Test
  void runningIntervalsPushALaterChoiceAway() {
    List<Observation> observed = intervals(12, 0, 3, x -> -Math.abs(x - 0.5), 4);
    double first = suggest(observed, List.of(), 4);
    List<Point> running = new ArrayList<>();
    running.add(new Point(4, 1.0 - 0.04, new double[] {first}));
    double second = suggest(observed, running, 4);
    System.err.println("PROBE first " + first + " second " + second);
    assertThat(Math.abs(second - first)).isGreaterThan(0.05);
  }

  @Test
  void theSameRandomSourceGivesTheSameSuggestion() {
    List<Observation> observed = intervals(30, 0, 5, x -> Math.sin(6 * x), 5);
    assertThat(suggest(observed, List.of(), 6)).isEqualTo(suggest(observed, List.of(), 6));
  }

  @Test
  void needsTwoObservationsAndRefusesBadPoints() {
    List<Observation> one = intervals(1, 0, 0, x -> x, 6);
    assertThat(TimeVaryingUcb.suggest(one, List.of(), 1, 0, 1, new SplittableRandom(1)))
        .isEmpty();
    assertThatThrownBy(() -> TimeVaryingUcb.suggest(intervals(3, 0, 1, x -> x, 6), List.of(), 2,
        0, 2, new SplittableRandom(1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 parameters")
        .hasMessageContaining("expected 2");
    assertThatThrownBy(() -> new Observation(new Point(0, 0, new double[] {0.5}), Double.NaN))
        .hasMessageContaining("NaN");
    assertThatThrownBy(() -> new Point(0, Double.POSITIVE_INFINITY, new double[] {0.5}))
        .hasMessageContaining("Infinity");
  }

  @Test
  void allEqualImprovementsStillSuggestAPointInTheCube() {
    List<Observation> observed = intervals(10, 0, 3, x -> 0.0, 8);
    List<Observation> flat = new ArrayList<>();
    observed.forEach(o -> flat.add(new Observation(o.point(), 0.25)));
    double[] x = TimeVaryingUcb.suggest(flat, List.of(), 4, 0.9, 1, new SplittableRandom(3))
        .orElseThrow();
    assertThat(x[0]).isBetween(0.0, 1.0);
  }
}
