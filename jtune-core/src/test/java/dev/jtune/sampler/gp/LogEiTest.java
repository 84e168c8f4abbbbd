package dev.jtune.sampler.gp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;

class LogEiTest {
  /**
   * {z, log h(z), d log h / dz} with h(z) = phi(z) + z Phi(z), computed with mpmath at 50 digits:
   * {@code mp.log(mp.npdf(z) + z * mp.ncdf(z))} and {@code mp.ncdf(z) / (mp.npdf(z) + z * mp.ncdf(z))}.
   */
  private static final double[][] REFERENCE = {
      {8, 2.079441541679835938, 0.1249999999999999211},
      {1, 0.08002621884930694003, 0.7766387252017392597},
      {0, -0.9189385332046727418, 1.253314137315500251},
      {-1, -2.485121025712641337, 1.904271233329691823},
      {-4.9, -16.21281640789773399, 5.267910100563279212},
      {-5, -16.74430116266099014, 5.36181624128808853},
      {-5.1, -17.28518577470483608, 5.455905951876873809},
      {-6, -22.57887939216979737, 6.309840773209831577},
      {-10, -55.55312203612235593, 10.19438303341255331},
      {-20, -206.9178385094250979, 20.09926281110128178},
      {-37.5, -711.2947484475127223, 37.55322011798027489},
      {-60, -1809.108460182272179, 60.0333056094205102},
      {-250, -31261.96190836624145, 250.0079996160430012},
      {-1e4, -50000019.33961930716, 10000.000199999994},
      {-1e6, -500000000028.5499596, 1000000.000002},
      {-1e9, -500000000000000042.4, 1000000000.000000001},
  };

  @Test
  void matchesAHighPrecisionReferenceIntoTheFarTail() {
    for (double[] r : REFERENCE) {
      double z = r[0];
      // Relative 1e-13 on log h: h itself is below 1e-300 from z = -37.5 on, where a naive
      // log(phi + z Phi) returns -infinity.
      assertThat(LogEi.logH(z)).as("log h(%s)", z)
          .isCloseTo(r[1], within(Math.abs(r[1]) * 1e-13 + 1e-15));
      assertThat(LogEi.dLogH(z)).as("d log h(%s)", z).isCloseTo(r[2], Percentage.withPercentage(1e-10));
    }
  }

  @Test
  void logEiShiftsByLogSigma() {
    assertThat(LogEi.logEi(1.0, 2.0, 3.0)).isCloseTo(LogEi.logH(-1.0) + Math.log(2), within(1e-15));
  }

  @Property
  void isIncreasingAndItsSlopeMatchesFiniteDifferences(
      @ForAll @DoubleRange(min = -300, max = 30) double z) {
    double h = 1e-6 * Math.max(1, Math.abs(z));
    double numeric = (LogEi.logH(z + h) - LogEi.logH(z - h)) / (2 * h);
    assertThat(LogEi.dLogH(z)).isPositive().isCloseTo(numeric, within(1e-5 * Math.max(1, Math.abs(z))));
    assertThat(LogEi.logH(z + 0.01)).isGreaterThan(LogEi.logH(z));
  }

  @Test
  void isContinuousWhereTheFormulaChanges() {
    double below = Math.nextDown(LogEi.TAIL);
    assertThat(LogEi.logH(below)).isCloseTo(LogEi.logH(LogEi.TAIL), within(1e-12));
    assertThat(LogEi.dLogH(below)).isCloseTo(LogEi.dLogH(LogEi.TAIL), within(1e-11));
  }
}
