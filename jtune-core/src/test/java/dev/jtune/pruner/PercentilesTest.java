package dev.jtune.pruner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PercentilesTest {
  private static final double NAN = Double.NaN;
  private static final double INF = Double.POSITIVE_INFINITY;

  @Test
  void matchesNumpyNanpercentileWithLinearInterpolation() {
    // Values from numpy 1.24: np.nanpercentile(values, p).
    double[] values = {4.0, 1.0, 10.0, 3.0, 2.0};
    assertThat(Percentiles.nanPercentile(values, 25)).isEqualTo(2.0);
    assertThat(Percentiles.nanPercentile(values, 50)).isEqualTo(3.0);
    assertThat(Percentiles.nanPercentile(values, 75)).isEqualTo(4.0);
    assertThat(Percentiles.nanPercentile(values, 0)).isEqualTo(1.0);
    assertThat(Percentiles.nanPercentile(values, 100)).isEqualTo(10.0);
    assertThat(Percentiles.nanPercentile(new double[] {1, 2}, 33.3)).isCloseTo(1.333, within(1e-12));
    assertThat(Percentiles.nanPercentile(new double[] {5, NAN, 1}, 50)).isEqualTo(3.0);
  }

  @Test
  void allNanOrEmptyIsNan() {
    assertThat(Percentiles.nanPercentile(new double[] {NAN, NAN}, 50)).isNaN();
    assertThat(Percentiles.nanPercentile(new double[0], 50)).isNaN();
  }

  @Test
  void infinitiesStayOrdered() {
    assertThat(Percentiles.nanPercentile(new double[] {1, INF}, 50)).isEqualTo(INF);
    assertThat(Percentiles.nanPercentile(new double[] {-INF, 1, 2}, 50)).isEqualTo(1.0);
    assertThat(Percentiles.nanPercentile(new double[] {-INF, 1, 2}, 0)).isEqualTo(-INF);
    assertThat(Percentiles.nanPercentile(new double[] {-INF, 1}, 25)).isEqualTo(-INF);
  }
}
