package dev.jtune.sampler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class SobolSequenceTest {

  @Test
  void unscrambledPointsMatchTheHandComputedSequence() {
    SobolSequence s = new SobolSequence(3, false, 0);
    assertThat(s.point(0)).containsExactly(0, 0, 0);
    assertThat(s.point(1)).containsExactly(0.5, 0.5, 0.5);
    // natural order: index 2 is scipy's (Gray-code order) point 3, and index 3 its point 2
    assertThat(s.point(2)).containsExactly(0.25, 0.75, 0.75);
    assertThat(s.point(3)).containsExactly(0.75, 0.25, 0.25);
  }

  @Test
  void unscrambledSecondPointIsTheExactCentreWhichScramblingAvoids() {
    assertThat(new SobolSequence(5, false, 0).point(1)).containsOnly(0.5);
    for (long seed = 0; seed < 2_000; seed++) {
      SobolSequence s = new SobolSequence(5, true, seed);
      for (int index = 0; index < 2; index++) {
        double[] p = s.point(index);
        boolean centre = true;
        for (double x : p) {
          centre &= x == 0.5;
        }
        assertThat(centre).as("seed %s point %s at the centre", seed, index).isFalse();
      }
    }
  }

  @Test
  void scrambledFirstPointsDifferBySeed() {
    Set<Double> firsts = new HashSet<>();
    for (long seed = 0; seed < 100; seed++) {
      firsts.add(new SobolSequence(2, true, seed).point(0)[0]);
    }
    assertThat(firsts).hasSizeGreaterThan(95);
  }

  /** Scrambling keeps the net property: the first 2^m points put one point in each 1/2^m cell. */
  @Property(tries = 200)
  void everyDimensionStratifiesDyadicCells(
      @ForAll long seed, @ForAll @IntRange(min = 1, max = 10) int m,
      @ForAll @IntRange(min = 0, max = 39) int dimension, @ForAll boolean scramble) {
    SobolSequence s = new SobolSequence(40, scramble, seed);
    int n = 1 << m;
    boolean[] seen = new boolean[n];
    for (int i = 0; i < n; i++) {
      double x = s.coordinate(i, dimension);
      assertThat(x).isGreaterThanOrEqualTo(0).isLessThan(1);
      int cell = (int) (x * n);
      assertThat(seen[cell]).as("cell %s hit twice", cell).isFalse();
      seen[cell] = true;
    }
  }

  /** Pairs of dimensions stratify too: 2^m points fill the 2^(m/2) x 2^(m/2) grid evenly. */
  @Property(tries = 50)
  void pairsOfDimensionsFillSquareCells(@ForAll long seed, @ForAll @IntRange(min = 1, max = 5) int half) {
    SobolSequence s = new SobolSequence(2, true, seed);
    int side = 1 << half;
    int[][] counts = new int[side][side];
    for (int i = 0; i < side * side; i++) {
      double[] p = s.point(i);
      counts[(int) (p[0] * side)][(int) (p[1] * side)]++;
    }
    for (int[] row : counts) {
      assertThat(row).containsOnly(1);
    }
  }

  @Test
  void moreDimensionsExtendFewer() {
    SobolSequence small = new SobolSequence(3, true, 9);
    SobolSequence large = new SobolSequence(30, true, 9);
    for (int i = 0; i < 50; i++) {
      for (int j = 0; j < 3; j++) {
        assertThat(large.coordinate(i, j)).isEqualTo(small.coordinate(i, j));
      }
    }
  }

  @Test
  void rejectsBadDimensionsAndIndices() {
    assertThatThrownBy(() -> new SobolSequence(0, true, 0)).hasMessageContaining("got 0");
    assertThatThrownBy(() -> new SobolSequence(21_202, true, 0)).hasMessageContaining("21202");
    assertThatThrownBy(() -> new SobolSequence(1, true, 0).point(-1)).hasMessageContaining("-1");
  }
}
