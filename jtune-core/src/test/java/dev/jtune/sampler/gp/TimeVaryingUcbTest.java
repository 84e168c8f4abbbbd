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
    assertThat(Math.abs(second - first)).isGreaterThan(0.05);
  }

  /**
   * Every observed interval started from one value (an accuracy plateau): a parent a little off
   * that value is still modelled (a span of 1e-8 once put it a million lengths from every
   * observation, and the choice was the best of the random candidates).
   */
  @Test
  void equalStartsDoNotBlindTheModel() {
    SplittableRandom rng = new SplittableRandom(1);
    List<Observation> observed = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      double x = rng.nextDouble();
      observed.add(new Observation(new Point(i / 4, 0.5, new double[] {x}),
          -(x - 0.2) * (x - 0.2) + 0.01 * rng.nextGaussian()));
    }
    for (double start : new double[] {0.5, 0.51, 0.3}) {
      assertThat(TimeVaryingUcb.suggest(observed, List.of(), 10, start, 1,
          new SplittableRandom(7)).orElseThrow()[0]).as("start %s", start)
          .isCloseTo(0.2, within(0.1));
    }
  }

  @Test
  void theLikelihoodsGradientMatchesFiniteDifferences() {
    SplittableRandom rng = new SplittableRandom(3);
    int n = 12;
    int d = 3;
    double[] z = new double[n * d];
    int[] times = new int[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < d; k++) {
        z[i * d + k] = rng.nextDouble();
      }
      times[i] = rng.nextInt(6);
      y[i] = rng.nextGaussian();
    }
    TimeVaryingUcb.Likelihood likelihood = new TimeVaryingUcb.Likelihood(z, times, y, n, d);
    for (double[] theta : new double[][] {{0.3, -0.5, Math.log(0.2), Math.log(0.05)},
        {-1, 0.4, Math.log(0.01), Math.log(0.3)}}) {
      double[] g = new double[4];
      likelihood.negativeLog(theta, g);
      for (int q = 0; q < 4; q++) {
        double[] up = theta.clone();
        double[] down = theta.clone();
        up[q] += 1e-6;
        down[q] -= 1e-6;
        double fd = (likelihood.negativeLog(up, new double[4])
            - likelihood.negativeLog(down, new double[4])) / 2e-6;
        assertThat(g[q]).as("theta[%d]", q).isCloseTo(fd, within(1e-5 * Math.max(1,
            Math.abs(fd))));
      }
    }
  }

  @Test
  void theBoundsGradientMatchesFiniteDifferencesWithRunningIntervals() {
    SplittableRandom rng = new SplittableRandom(5);
    List<Observation> observed = new ArrayList<>();
    for (int i = 0; i < 15; i++) {
      double[] x = {rng.nextDouble(), rng.nextDouble()};
      observed.add(new Observation(new Point(i / 3, 1 - 0.05 * i + 0.01 * rng.nextGaussian(), x),
          Math.sin(4 * x[0]) - x[1] + 0.05 * rng.nextGaussian()));
    }
    TimeVaryingUcb.Model model = TimeVaryingUcb.Model.fit(observed,
        List.of(new Point(5, 0.3, new double[] {0.4, 0.6})), 0.3, 2);
    for (double[] x : new double[][] {{0.2, 0.7}, {0.55, 0.1}, {0.9, 0.9}}) {
      double[] negative = new double[2];
      model.ucb(5, 0.4, x, negative);
      for (int j = 0; j < 2; j++) {
        double[] up = x.clone();
        double[] down = x.clone();
        up[j] += 1e-6;
        down[j] -= 1e-6;
        double fd = (model.ucb(5, 0.4, up, null) - model.ucb(5, 0.4, down, null)) / 2e-6;
        assertThat(-negative[j]).as("x[%d] at %s", j, java.util.Arrays.toString(x))
            .isCloseTo(fd, within(1e-4 * Math.max(1, Math.abs(fd))));
      }
    }
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
