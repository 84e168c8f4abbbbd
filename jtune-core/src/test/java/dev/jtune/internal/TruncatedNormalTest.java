package dev.jtune.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * Known answers from SciPy 1.10.1 ({@code scipy.special.log_ndtr},
 * {@code scipy.stats.truncnorm.ppf/logpdf}), printed with {@code /usr/bin/python3} on this machine.
 */
class TruncatedNormalTest {

  @Test
  void erfcxAndPhiMatchMpmath() {
    // mpmath (dps=30): exp(x^2) * erfc(x), and ncdf(a).
    double[][] erfcx = {{0, 1.0}, {0.3, 0.7345993345676551}, {1, 0.427583576155807},
        {2.5, 0.2108063640611436}, {5, 0.11070463773306863}, {10, 0.05614099274382259},
        {30, 0.01879588886141675}, {1e3, 0.0005641893014533876}, {1e6, 5.641895835474742e-07}};
    for (double[] c : erfcx) {
      assertThat(TruncatedNormal.erfcx(c[0])).as("erfcx(%s)", c[0])
          .isCloseTo(c[1], within(3e-15 * c[1]));
    }
    double[][] phi = {{-10, 7.619853024160525e-24}, {-3, 0.0013498980316300946},
        {-0.5, 0.3085375387259869}, {0.5, 0.6914624612740131}, {3, 0.9986501019683699},
        {10, 1.0}};
    for (double[] c : phi) {
      assertThat(TruncatedNormal.ndtr(c[0])).as("Phi(%s)", c[0])
          .isCloseTo(c[1], within(1e-14 * c[1]));
    }
  }

  @Test
  void logNdtrMatchesScipyInBothTails() {
    double[][] cases = {
        {-40, -804.6084420137539}, {-20.5, -214.06672896326387}, {-5, -15.064998393988727},
        {-1, -1.841021645009264}, {0, -0.6931471805599453}, {1, -0.17275377902344985},
        {5, -2.8665161296376305e-07}, {7, -1.2798125438866539e-12}, {10, -7.619853024160473e-24}};
    for (double[] c : cases) {
      assertThat(TruncatedNormal.logNdtr(c[0])).as("log_ndtr(%s)", c[0])
          .isCloseTo(c[1], within(1e-12 * Math.abs(c[1])));
    }
  }

  @Test
  void quantilesMatchScipy() {
    double[] qs = {0.01, 0.3, 0.5, 0.9, 0.999};
    check(-1, 2, qs, -0.9667232518503339, -0.24240381788922707, 0.17116391801782455,
        1.2557153641502148, 1.9850630859441663);
    check(-30, -25, qs, -25.18324403941237, -25.048036221694353, -25.027666476956796,
        -25.00420735675087, -25.000039956254412);
    check(3, 40, qs, 3.0030599094211876, 3.107016696637142, 3.2051549205989334,
        3.6425222758316242, 4.69242948373014);
    check(-0.5, 0.5, qs, -0.48915272512194496, -0.19316463921382346, 0.0, 0.3938929684383988,
        0.49891264238695565);
    check(-8, 9, qs, -2.3263478740408177, -0.5244005127080396, 0.0, 1.2815515655446008,
        3.0902323061678265);
  }

  private static void check(double a, double b, double[] qs, double... expected) {
    for (int i = 0; i < qs.length; i++) {
      assertThat(TruncatedNormal.ppf(qs[i], a, b)).as("ppf(%s; %s, %s)", qs[i], a, b)
          .isCloseTo(expected[i], within(1e-9 * Math.max(1, Math.abs(expected[i]))));
    }
  }

  @Test
  void logDensityMatchesScipyAndIsMinusInfinityOutside() {
    assertThat(TruncatedNormal.logPdf(0.5, -1, 2)).isCloseTo(-0.84377223888021, within(1e-12));
    assertThat(TruncatedNormal.logPdf(-27.5, -30, -25))
        .isCloseTo(-62.404530525184384, within(1e-10));
    assertThat(TruncatedNormal.logPdf(21.5, 3, 40)).isCloseTo(-225.43621231169433, within(1e-10));
    assertThat(TruncatedNormal.logPdf(0, -0.5, 0.5)).isCloseTo(0.04097780049094957, within(1e-12));
    assertThat(TruncatedNormal.logPdf(0.5, -8, 9)).isCloseTo(-1.043938533204672, within(1e-12));
    assertThat(TruncatedNormal.logPdf(2.5, -1, 2)).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(TruncatedNormal.logPdf(0, 1, 1)).isNaN();
  }

  @Test
  void quantileEndsAreTheBoundsAndTheQuantileInvertsTheMass() {
    assertThat(TruncatedNormal.ppf(0, -1, 2)).isEqualTo(-1);
    assertThat(TruncatedNormal.ppf(1, -1, 2)).isEqualTo(2);
    for (double q = 0.05; q < 1; q += 0.1) {
      double x = TruncatedNormal.ppf(q, -3, 0.7);
      double mass = Math.exp(TruncatedNormal.logGaussMass(-3, x)
          - TruncatedNormal.logGaussMass(-3, 0.7));
      assertThat(mass).isCloseTo(q, within(1e-12));
    }
  }
}
