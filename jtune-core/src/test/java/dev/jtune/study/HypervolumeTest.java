package dev.jtune.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class HypervolumeTest {

  @Test
  void matchesHandComputedVolumes() {
    // three boxes against (4, 4, 4): 3*2*1 + 2*3*2 + 1*1*3 less their overlaps
    assertThat(Hypervolume.of(List.of(new double[] {1, 2, 3}, new double[] {2, 1, 2},
        new double[] {3, 3, 1}), new double[] {4, 4, 4})).isEqualTo(15.0);
    // a staircase, a dominated point, and one beyond the reference that adds nothing
    assertThat(Hypervolume.of(List.of(new double[] {1, 3}, new double[] {2, 2},
        new double[] {3, 3}, new double[] {0, 5}), new double[] {4, 4})).isEqualTo(3 + 2);
    assertThat(Hypervolume.of(List.of(new double[] {2}, new double[] {1}), new double[] {3}))
        .isEqualTo(2);
    assertThat(Hypervolume.of(List.of(), new double[] {1, 1})).isZero();
  }

  @Test
  void matchesOptunasWfg() {
    // the same points through optuna._hypervolume.WFG (Optuna 3.1)
    List<double[]> four = new ArrayList<>();
    for (int i = 1; i <= 60; i++) {
      four.add(new double[] {(i * 37 % 101) / 101.0, (i * 53 % 103) / 103.0,
          (i * 71 % 107) / 107.0, (i * 29 % 109) / 109.0});
    }
    assertThat(Hypervolume.of(first(four, 60, 3), new double[] {1, 1, 1}))
        .isCloseTo(0.7509722662675488, within(1e-12));
    assertThat(Hypervolume.of(first(four, 60, 2), new double[] {1, 1}))
        .isCloseTo(0.9265596462558878, within(1e-12));
    assertThat(Hypervolume.of(first(four, 40, 4), new double[] {1, 1, 1, 1}))
        .isCloseTo(0.40786007512112243, within(1e-12));
  }

  private static List<double[]> first(List<double[]> points, int n, int dims) {
    return points.subList(0, n).stream().map(p -> java.util.Arrays.copyOf(p, dims)).toList();
  }

  @Property(tries = 100)
  void aConstantExtraObjectiveScalesTheVolume(
      @ForAll @Size(min = 1, max = 12) List<@Size(3) List<@DoubleRange(min = 0, max = 1) Double>>
          raw,
      @ForAll @DoubleRange(min = 0, max = 0.9) double extra) {
    List<double[]> three = new ArrayList<>();
    List<double[]> four = new ArrayList<>();
    for (List<Double> p : raw) {
      three.add(new double[] {p.get(0), p.get(1), p.get(2)});
      four.add(new double[] {p.get(0), p.get(1), p.get(2), extra});
    }
    // the four-objective path (WFG) against the three-objective one (slabs)
    assertThat(Hypervolume.of(four, new double[] {1, 1, 1, 1})).isCloseTo(
        Hypervolume.of(three, new double[] {1, 1, 1}) * (1 - extra), within(1e-12));
  }

  @Property(tries = 100)
  void addingAPointNeverShrinksTheVolumeAndADominatedOneAddsNothing(
      @ForAll @Size(min = 1, max = 15) List<@Size(3) List<@DoubleRange(min = 0, max = 2) Double>>
          raw,
      @ForAll @IntRange(min = 0, max = 14) int pick) {
    List<double[]> points = new ArrayList<>();
    for (List<Double> p : raw) {
      points.add(new double[] {p.get(0), p.get(1), p.get(2)});
    }
    double[] r = {1.5, 1.5, 1.5};
    double base = Hypervolume.of(points, r);
    double[] chosen = points.get(pick % points.size());
    List<double[]> dominated = new ArrayList<>(points);
    dominated.add(new double[] {chosen[0] + 0.1, chosen[1], chosen[2] + 0.01});
    assertThat(Hypervolume.of(dominated, r)).isCloseTo(base, within(1e-12));
    List<double[]> better = new ArrayList<>(points);
    better.add(new double[] {chosen[0] - 0.1, chosen[1], chosen[2]});
    assertThat(Hypervolume.of(better, r)).isGreaterThanOrEqualTo(base - 1e-12);
  }

  @Test
  void aNegativeInfinityMakesTheVolumeInfiniteInAnyDimension() {
    for (int m = 2; m <= 5; m++) {
      double[] a = new double[m];
      double[] b = new double[m];
      double[] r = new double[m];
      java.util.Arrays.fill(r, 2);
      a[0] = Double.NEGATIVE_INFINITY;
      b[0] = Double.NEGATIVE_INFINITY;
      a[1] = 1;
      b[2 % m] = 1;
      assertThat(Hypervolume.of(List.of(a, b), r)).as("%d objectives", m).isInfinite()
          .isPositive();
    }
  }

  @Test
  void badInputIsRefusedNamingTheValue() {
    assertThatThrownBy(() -> Hypervolume.of(List.of(new double[] {1}), new double[] {1, 1}))
        .hasMessageContaining("[1.0] has 1 objectives, the reference 2");
    assertThatThrownBy(() -> Hypervolume.of(List.of(new double[] {Double.NaN, 0}),
        new double[] {1, 1})).hasMessageContaining("[NaN, 0.0] has a NaN");
    assertThatThrownBy(() -> Hypervolume.of(List.of(), new double[] {1, Double.POSITIVE_INFINITY}))
        .hasMessageContaining("[1.0, Infinity]");
  }
}
