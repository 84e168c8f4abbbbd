package dev.jtune.sampler.cmaes;

import org.hipparchus.distribution.continuous.NormalDistribution;

/** The two distribution functions the margin correction needs. */
final class Margins {
  private static final NormalDistribution NORMAL = new NormalDistribution(0, 1);

  private Margins() {}

  /** {@code Phi(z)}. */
  static double normalCdf(double z) {
    return NORMAL.cumulativeProbability(z);
  }

  /** The {@code q}-quantile of the chi-squared distribution with one degree of freedom. */
  static double chi2Quantile1(double q) {
    double z = NORMAL.inverseCumulativeProbability((1 + q) / 2);
    return z * z;
  }
}
