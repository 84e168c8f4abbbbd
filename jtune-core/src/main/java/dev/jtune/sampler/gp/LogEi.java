package dev.jtune.sampler.gp;

import org.hipparchus.special.Erf;

/**
 * The logarithm of expected improvement, computed without underflow or cancellation however far in
 * its tail (Ament et al. 2023, "Unexpected improvements to expected improvement for Bayesian
 * optimization", eq. 9, whose idea BoTorch's {@code log_ei} implements).
 *
 * <p>For a Gaussian {@code y ~ N(mu, sigma^2)} and a threshold {@code best},
 * {@code EI = E[max(0, y - best)] = sigma * h(z)} with {@code z = (mu - best) / sigma} and
 * {@code h(z) = phi(z) + z * Phi(z)}. So {@code log EI = log h(z) + log sigma}.
 *
 * <p>Deviation from the paper: instead of {@code erfcx} we use Laplace's continued fraction for the
 * Mills ratio. With {@code t = -z > 0}, {@code h(z) = phi(t) (1 - t M(t))} where
 * {@code 1/M(t) = t + E(t)} and {@code E(t) = 1/(t + 2/(t + 3/(t + ...)))}, so that
 * {@code 1 - t M(t) = E / (t + E)} holds without the catastrophic cancellation of the direct form,
 * and {@code d log h / dz = Phi(z) / h(z) = 1 / E}. Above {@value #TAIL} the direct form is used; it
 * loses at most one digit there.
 */
final class LogEi {
  /** Below this z, the continued fraction; above, {@code phi(z) + z Phi(z)} directly. */
  static final double TAIL = -5.0;
  private static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
  private static final double INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);
  private static final double SQRT_HALF = Math.sqrt(0.5);

  private LogEi() {}

  /** {@code log h(z) = log(phi(z) + z Phi(z))}, finite for every finite z. */
  static double logH(double z) {
    if (z > TAIL) {
      return Math.log(direct(z));
    }
    double t = -z;
    double e = tailE(t);
    return -0.5 * t * t - LOG_SQRT_2PI + Math.log(e) - Math.log(t + e);
  }

  /** {@code d log h(z) / dz = Phi(z) / h(z)}, positive, about {@code -z} deep in the tail. */
  static double dLogH(double z) {
    if (z > TAIL) {
      return cdf(z) / direct(z);
    }
    return 1 / tailE(-z);
  }

  /** {@code log E[max(0, y - best)]} for {@code y ~ N(mean, sigma^2)}, {@code sigma > 0}. */
  static double logEi(double mean, double sigma, double best) {
    return logH((mean - best) / sigma) + Math.log(sigma);
  }

  /**
   * {@code log Phi(z)}, the log of the standard normal distribution function, finite for every
   * finite z: below {@value #TAIL} through the same continued fraction, {@code Phi(z) = phi(t) /
   * (t + E(t))} with {@code t = -z}.
   */
  static double logCdf(double z) {
    if (z > TAIL) {
      return Math.log(cdf(z));
    }
    double t = -z;
    return -0.5 * t * t - LOG_SQRT_2PI - Math.log(t + tailE(t));
  }

  /** {@code d log Phi(z) / dz = phi(z) / Phi(z)}, positive, about {@code -z} deep in the tail. */
  static double dLogCdf(double z) {
    if (z > TAIL) {
      return Math.exp(-0.5 * z * z) * INV_SQRT_2PI / cdf(z);
    }
    double t = -z;
    return t + tailE(t);
  }

  private static double direct(double z) {
    return Math.exp(-0.5 * z * z) * INV_SQRT_2PI + z * cdf(z);
  }

  private static double cdf(double z) {
    return 0.5 * Erf.erfc(-z * SQRT_HALF);
  }

  /** {@code E(t) = 1/(t + 2/(t + 3/(t + ...)))}, evaluated backwards from a depth that suffices. */
  private static double tailE(double t) {
    // The continued fraction converges faster for larger t; these depths give full double precision
    // for t >= 5 (checked against a 50-digit reference in LogEiTest).
    int depth = t < 8 ? 400 : t < 20 ? 120 : 40;
    double tail = 0;
    for (int k = depth; k >= 2; k--) {
      tail = k / (t + tail);
    }
    return 1 / (t + tail);
  }
}
