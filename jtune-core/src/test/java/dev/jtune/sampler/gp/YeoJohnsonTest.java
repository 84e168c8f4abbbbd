package dev.jtune.sampler.gp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

class YeoJohnsonTest {

  @Test
  void knownValues() {
    assertThat(new YeoJohnson(1).apply(-2.5)).isEqualTo(-2.5);
    assertThat(new YeoJohnson(1).apply(3)).isEqualTo(3);
    assertThat(new YeoJohnson(0).apply(3)).isCloseTo(Math.log(4), within(1e-12));
    assertThat(new YeoJohnson(2).apply(-3)).isCloseTo(-Math.log(4), within(1e-12));
    // ((3 + 1)^0.5 - 1) / 0.5 = 2 and -((1 + 3)^1.5 - 1) / 1.5 = -7 / 1.5
    assertThat(new YeoJohnson(0.5).apply(3)).isCloseTo(2, within(1e-12));
    assertThat(new YeoJohnson(0.5).apply(-3)).isCloseTo(-7 / 1.5, within(1e-12));
    assertThat(new YeoJohnson(-1).apply(0)).isEqualTo(0);
  }

  /**
   * Ten standardized values with a long right tail; scipy 1.10's {@code stats.yeojohnson_llf} over
   * the same grid is largest at -1.1 (5.4832), and {@code stats.yeojohnson} finds -1.096.
   */
  @Test
  void fitsScipysMaximumLikelihoodExponent() {
    double[] y = {-0.6656002185717914, -0.6522615368368857, -0.6255841733670744,
        -0.5989068098972632, -0.5455520829576406, -0.46551999254820675, -0.27877844825952786,
        0.12138200378764133, 1.1884765425800925, 2.5223447160706565};
    YeoJohnson t = YeoJohnson.fit(y);
    assertThat(t.lambda()).isCloseTo(-1.1, within(1e-9));
    // scipy.stats.yeojohnson(y, lmbda=-1.1)[:3]
    assertThat(t.apply(y[0])).isCloseTo(-1.24600303, within(1e-8));
    assertThat(t.apply(y[1])).isCloseTo(-1.20738812, within(1e-8));
    assertThat(t.apply(y[2])).isCloseTo(-1.13209993, within(1e-8));
  }

  @Test
  void staysPreciseNearTheLogarithmicCases() {
    assertThat(new YeoJohnson(2e-12).apply(0.5)).isCloseTo(Math.log1p(0.5), within(1e-11));
    assertThat(new YeoJohnson(2 - 2e-12).apply(-0.5)).isCloseTo(-Math.log1p(0.5), within(1e-11));
  }

  @Property
  void keepsTheOrder(@ForAll @DoubleRange(min = -2, max = 4) double lambda,
      @ForAll @DoubleRange(min = -20, max = 20) double a,
      @ForAll @DoubleRange(min = 0.01, max = 20) double gap) {
    YeoJohnson t = new YeoJohnson(lambda);
    assertThat(t.apply(a + gap)).isGreaterThan(t.apply(a));
  }

  @Property
  void mirroringTheDataMirrorsTheTransform(@ForAll @DoubleRange(min = -2, max = 4) double lambda,
      @ForAll @DoubleRange(min = -20, max = 20) double v) {
    assertThat(new YeoJohnson(lambda).apply(-v))
        .isCloseTo(-new YeoJohnson(2 - lambda).apply(v), within(1e-9 * (1 + Math.abs(v))));
  }

  @Test
  void normalDataKeepNearlyTheIdentity() {
    double[] y = standardized(new SplittableRandom(1).doubles(500).map(u -> normal(u)).toArray());
    assertThat(YeoJohnson.fit(y).lambda()).isCloseTo(1, within(0.25));
  }

  @Test
  void aLongTailIsPulledIn() {
    // A few very good trials among many flat ones, as on Hartmann6: a long right tail.
    SplittableRandom rng = new SplittableRandom(2);
    double[] y = new double[300];
    for (int i = 0; i < y.length; i++) {
      y[i] = Math.exp(normal(rng.nextDouble()));
    }
    standardized(y);
    YeoJohnson t = YeoJohnson.fit(y);
    assertThat(t.lambda()).isBetween(YeoJohnson.MIN_LAMBDA + 0.1, 0.5);
    double[] warped = y.clone();
    t.applyInPlace(warped);
    assertThat(Math.abs(skewness(warped))).isLessThan(Math.abs(skewness(y)) / 4);

    double[] mirrored = new double[y.length];
    for (int i = 0; i < y.length; i++) {
      mirrored[i] = -y[i];
    }
    assertThat(YeoJohnson.fit(mirrored).lambda()).isCloseTo(2 - t.lambda(), within(1e-9));
  }

  @Test
  void dataWithoutSpreadKeepTheIdentity() {
    assertThat(YeoJohnson.fit(new double[] {0, 0, 0})).isEqualTo(YeoJohnson.IDENTITY);
    assertThat(YeoJohnson.fit(new double[] {0.7})).isEqualTo(YeoJohnson.IDENTITY);
    assertThat(YeoJohnson.fit(new double[0])).isEqualTo(YeoJohnson.IDENTITY);
  }

  private static double normal(double u) {
    // A logistic variate scaled to the normal's slope at 0: symmetric and close enough to normal
    // for a test of shape.
    double clipped = Math.min(Math.max(u, 1e-9), 1 - 1e-9);
    return Math.sqrt(Math.PI / 8) * Math.log(clipped / (1 - clipped));
  }

  private static double[] standardized(double[] y) {
    GpSampler.standardize(y);
    return y;
  }

  private static double skewness(double[] y) {
    double mean = 0;
    for (double v : y) {
      mean += v;
    }
    mean /= y.length;
    double m2 = 0;
    double m3 = 0;
    for (double v : y) {
      m2 += (v - mean) * (v - mean);
      m3 += (v - mean) * (v - mean) * (v - mean);
    }
    m2 /= y.length;
    m3 /= y.length;
    return m3 / Math.pow(m2, 1.5);
  }
}
