package dev.jtune.sampler.nsga;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.OptionalDouble;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class CrossoverTest {

  @Test
  void uniformTakesEachGeneFromAParent() {
    double[][] parents = {{0.1, 0.2, 0.3}, {0.7, 0.8, 0.9}};
    SplittableRandom rng = new SplittableRandom(1);
    assertThat(new Crossover.Uniform(1).cross(parents, rng, true)).containsExactly(parents[0]);
    assertThat(new Crossover.Uniform(0).cross(parents, rng, true)).containsExactly(parents[1]);
    int fromFirst = 0;
    for (int k = 0; k < 10_000; k++) {
      double[] child = Crossover.uniform().cross(parents, rng, true);
      for (int i = 0; i < 3; i++) {
        assertThat(child[i]).isIn(parents[0][i], parents[1][i]);
        fromFirst += child[i] == parents[0][i] ? 1 : 0;
      }
    }
    assertThat(fromFirst / 30_000.0).isCloseTo(0.5, within(0.02));
  }

  @Property(tries = 300)
  void blendStaysInTheWidenedInterval(@ForAll @DoubleRange(min = 0, max = 1) double a,
      @ForAll @DoubleRange(min = 0, max = 1) double b,
      @ForAll @DoubleRange(min = 0, max = 2) double alpha, @ForAll long seed) {
    double[] child = new Crossover.BlxAlpha(alpha).cross(new double[][] {{a}, {b}},
        new SplittableRandom(seed), true);
    double spread = alpha * Math.abs(a - b);
    assertThat(child[0]).isBetween(Math.min(a, b) - spread - 1e-12,
        Math.max(a, b) + spread + 1e-12);
  }

  @Property(tries = 300)
  void simulatedBinaryChildrenOfParentsInsideTheCubeStayInside(
      @ForAll @DoubleRange(min = 0, max = 1) double a,
      @ForAll @DoubleRange(min = 0, max = 1) double b,
      @ForAll @DoubleRange(min = 0, max = 30) double eta, @ForAll long seed) {
    double[] child = new Crossover.Sbx(OptionalDouble.of(eta)).cross(
        new double[][] {{a, b}, {b, a}}, new SplittableRandom(seed), false);
    for (double v : child) {
      assertThat(v).isBetween(-1e-9, 1 + 1e-9);
    }
  }

  @Test
  void simulatedBinaryChildrenSpreadLessAsEtaGrows() {
    double[][] parents = {{0.4}, {0.6}};
    double wide = meanDistanceFromTheMiddle(new Crossover.Sbx(OptionalDouble.of(0)), parents);
    double narrow = meanDistanceFromTheMiddle(new Crossover.Sbx(OptionalDouble.of(20)), parents);
    // a large eta puts the crossed children near the parents (0.1 from the middle)
    assertThat(narrow).isCloseTo(0.1, within(0.01));
    assertThat(wide).isGreaterThan(narrow + 0.01);
  }

  @Test
  void undxIsCentredOnTheFirstTwoParentsMiddle() {
    double[][] parents = {{0.2, 0.5}, {0.6, 0.1}, {0.9, 0.9}};
    SplittableRandom rng = new SplittableRandom(3);
    double[] mean = new double[2];
    int draws = 40_000;
    for (int k = 0; k < draws; k++) {
      double[] child = new Crossover.Undx().cross(parents, rng, true);
      mean[0] += child[0] / draws;
      mean[1] += child[1] / draws;
    }
    assertThat(mean[0]).isCloseTo(0.4, within(0.01));
    assertThat(mean[1]).isCloseTo(0.3, within(0.01));
  }

  @Property(tries = 200)
  void identicalParentsHaveThemselvesAsChild(@ForAll @DoubleRange(min = 0, max = 1) double a,
      @ForAll @DoubleRange(min = 0, max = 1) double b, @ForAll @IntRange(max = 5) int operator,
      @ForAll long seed) {
    Crossover c = new Crossover[] {Crossover.uniform(), new Crossover.BlxAlpha(0.5),
        new Crossover.Sbx(OptionalDouble.empty()), new Crossover.Vsbx(OptionalDouble.empty()),
        new Crossover.Undx(), new Crossover.Spx(OptionalDouble.empty())}[operator];
    double[][] parents = new double[c.parents()][];
    for (int k = 0; k < parents.length; k++) {
      parents[k] = new double[] {a, b};
    }
    double[] child = c.cross(parents, new SplittableRandom(seed), true);
    assertThat(child[0]).as("%s", c).isCloseTo(a, within(1e-9));
    assertThat(child[1]).as("%s", c).isCloseTo(b, within(1e-9));
  }

  @Test
  void undxSpreadsWithTheDocumentedStandardDeviations() {
    // x1 = (0, 0), x2 = (1, 0): along the line sd = sigmaXi * |d| = 0.5; the third parent is 0.4
    // off the line, so across it sd = sigmaEta * 0.4 = 0.35 / sqrt(2) * 0.4
    double[][] parents = {{0, 0}, {1, 0}, {0.3, 0.4}};
    SplittableRandom rng = new SplittableRandom(4);
    int draws = 40_000;
    double along = 0;
    double across = 0;
    for (int k = 0; k < draws; k++) {
      double[] child = new Crossover.Undx().cross(parents, rng, true);
      along += (child[0] - 0.5) * (child[0] - 0.5) / draws;
      across += child[1] * child[1] / draws;
    }
    assertThat(Math.sqrt(along)).isCloseTo(0.5, within(0.01));
    assertThat(Math.sqrt(across)).isCloseTo(0.35 / Math.sqrt(2) * 0.4, within(0.003));
  }

  @Property(tries = 100)
  void undxBasisIsOrthonormalAndOrthogonalToTheParentsLine(
      @ForAll @IntRange(min = 1, max = 8) int n, @ForAll long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] primary = new double[n];
    double norm = 0;
    for (int i = 0; i < n; i++) {
      primary[i] = rng.nextInt(3) == 0 ? 0 : rng.nextGaussian();
      norm += primary[i] * primary[i];
    }
    for (int i = 0; i < n && norm > 0; i++) {
      primary[i] /= Math.sqrt(norm);
    }
    double[][] basis = Crossover.Undx.orthonormalComplement(primary, n);
    assertThat(basis).hasNumberOfRows(n - 1);
    for (int a = 0; a < basis.length; a++) {
      assertThat(dot(basis[a], basis[a])).isCloseTo(1, within(1e-9));
      if (norm > 0) {
        assertThat(dot(basis[a], primary)).isCloseTo(0, within(1e-9));
      }
      for (int b = a + 1; b < basis.length; b++) {
        assertThat(dot(basis[a], basis[b])).isCloseTo(0, within(1e-9));
      }
    }
  }

  @Property(tries = 300)
  void simplexChildrenLieInTheExpandedSimplex(@ForAll long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[][] parents = new double[3][2];
    for (double[] p : parents) {
      p[0] = rng.nextDouble();
      p[1] = rng.nextDouble();
    }
    double[] child = new Crossover.Spx(OptionalDouble.empty()).cross(parents, rng, true);
    // barycentric coordinates of the child in the simplex expanded by sqrt(2 + 2) = 2
    double[][] v = new double[3][2];
    for (int j = 0; j < 3; j++) {
      for (int i = 0; i < 2; i++) {
        double centroid = (parents[0][i] + parents[1][i] + parents[2][i]) / 3;
        v[j][i] = centroid + 2 * (parents[j][i] - centroid);
      }
    }
    double det = (v[1][1] - v[2][1]) * (v[0][0] - v[2][0]) + (v[2][0] - v[1][0])
        * (v[0][1] - v[2][1]);
    if (Math.abs(det) < 1e-9) {
      return; // parents on a line: no area to be inside of
    }
    double l0 = ((v[1][1] - v[2][1]) * (child[0] - v[2][0]) + (v[2][0] - v[1][0])
        * (child[1] - v[2][1])) / det;
    double l1 = ((v[2][1] - v[0][1]) * (child[0] - v[2][0]) + (v[0][0] - v[2][0])
        * (child[1] - v[2][1])) / det;
    double tolerance = 1e-7 / Math.min(1, Math.abs(det));
    assertThat(l0).isGreaterThan(-tolerance);
    assertThat(l1).isGreaterThan(-tolerance);
    assertThat(1 - l0 - l1).isGreaterThan(-tolerance);
  }

  private static double meanDistanceFromTheMiddle(Crossover c, double[][] parents) {
    SplittableRandom rng = new SplittableRandom(2);
    double sum = 0;
    int crossed = 0;
    for (int k = 0; k < 40_000; k++) {
      double v = c.cross(parents, rng, false)[0];
      if (v != parents[0][0] && v != parents[1][0]) {
        sum += Math.abs(v - 0.5);
        crossed++;
      }
    }
    return sum / crossed;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}
