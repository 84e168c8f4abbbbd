package dev.jtune.sampler.tpe;

import org.hipparchus.special.Erf;

/**
 * The standard normal distribution truncated to {@code [a, b]}, computed in log space so that
 * intervals far in a tail keep their precision: the log of the mass of an interval, the log
 * density, and the quantile function used to draw from it by inversion.
 *
 * <p>The case analysis follows SciPy's {@code truncnorm} as Optuna's {@code _truncnorm.py} adapts
 * it: masses in the right tail are computed by symmetry in the left tail, and a central interval as
 * {@code log1p(-Phi(a) - Phi(-b))}, which avoids the cancellation of {@code Phi(b) - Phi(a)} near 1.
 * Our deviations: {@code log Phi(a)} for {@code a > 6} is {@code log1p(-Phi(-a))} (Optuna uses the
 * first-order {@code -Phi(-a)}); the inverse of {@code log Phi} is found by Newton's method in log
 * space from a closed-form start (Optuna bisects 100 times), which is exact to a few ulps and about
 * 20 times cheaper; a draw is clamped into {@code [a, b]} against rounding. {@code erf}/{@code erfc}
 * are Hipparchus's.
 */
final class TruncatedNormal {
  private static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
  private static final double SQRT2 = Math.sqrt(2.0);
  /** Beyond this many standard deviations from both bounds the mass is 1 to double precision. */
  private static final double FULL_MASS = 8.5;

  private TruncatedNormal() {}

  /** {@code Phi(a)}, the standard normal distribution function. */
  static double ndtr(double a) {
    double x = a / SQRT2;
    if (x < -1 / SQRT2) {
      return 0.5 * Erf.erfc(-x);
    }
    if (x < 1 / SQRT2) {
      return 0.5 + 0.5 * Erf.erf(x);
    }
    return 1.0 - 0.5 * Erf.erfc(x);
  }

  /** {@code log Phi(a)}, accurate in both tails. */
  static double logNdtr(double a) {
    if (a > 6) {
      return Math.log1p(-ndtr(-a));
    }
    if (a > -20) {
      return Math.log(ndtr(a));
    }
    // Asymptotic series of the Mills ratio: Phi(a) ~ phi(a)/(-a) * sum (-1)^k (2k-1)!! / a^(2k).
    double logLhs = -0.5 * a * a - Math.log(-a) - LOG_SQRT_2PI;
    double last = 0.0;
    double rhs = 1.0;
    double numerator = 1.0;
    double denomFactor = 1.0;
    double denomCons = 1 / (a * a);
    int sign = 1;
    int i = 0;
    while (Math.abs(last - rhs) > Math.ulp(1.0)) {
      i++;
      last = rhs;
      sign = -sign;
      denomFactor *= denomCons;
      numerator *= 2 * i - 1;
      rhs += sign * numerator * denomFactor;
    }
    return logLhs + Math.log(rhs);
  }

  /** The log density of the standard normal at {@code x}. */
  static double normLogPdf(double x) {
    return -0.5 * x * x - LOG_SQRT_2PI;
  }

  /** {@code log(Phi(b) - Phi(a))}, the log of the standard normal mass of {@code [a, b]}. */
  static double logGaussMass(double a, double b) {
    if (b <= 0) {
      return logDiff(logNdtr(b), logNdtr(a));
    }
    if (a > 0) {
      return logDiff(logNdtr(-a), logNdtr(-b));
    }
    if (a < -FULL_MASS && b > FULL_MASS) {
      return 0.0;
    }
    return Math.log1p(-ndtr(a) - ndtr(-b));
  }

  /** {@code log(exp(p) - exp(q))} for {@code p >= q}. */
  private static double logDiff(double logP, double logQ) {
    return logP + Math.log1p(-Math.exp(logQ - logP));
  }

  /** {@code log(exp(p) + exp(q))}. */
  private static double logSum(double logP, double logQ) {
    double max = Math.max(logP, logQ);
    if (max == Double.NEGATIVE_INFINITY) {
      return max;
    }
    return max + Math.log(Math.exp(logP - max) + Math.exp(logQ - max));
  }

  /**
   * The log density at {@code x} of the standard normal truncated to {@code [a, b]}: minus infinity
   * outside, NaN when {@code a == b}.
   */
  static double logPdf(double x, double a, double b) {
    if (a == b) {
      return Double.NaN;
    }
    if (x < a || x > b) {
      return Double.NEGATIVE_INFINITY;
    }
    return normLogPdf(x) - logGaussMass(a, b);
  }

  /**
   * The {@code q}-quantile, {@code q} in {@code [0, 1]}, of the standard normal truncated to
   * {@code [a, b]}, {@code a < b}; always in {@code [a, b]}.
   */
  static double ppf(double q, double a, double b) {
    if (a == b) {
      return Double.NaN;
    }
    if (q <= 0) {
      return a;
    }
    if (q >= 1) {
      return b;
    }
    double x;
    if (a < 0) {
      x = ndtriExp(logSum(logNdtr(a), Math.log(q) + logGaussMass(a, b)));
    } else {
      x = -ndtriExp(logSum(logNdtr(-b), Math.log1p(-q) + logGaussMass(a, b)));
    }
    return Math.min(Math.max(x, a), b);
  }

  /** The inverse of {@link #logNdtr}: the {@code x} with {@code log Phi(x) = y}, {@code y <= 0}. */
  static double ndtriExp(double y) {
    if (y >= 0) {
      return Double.POSITIVE_INFINITY;
    }
    if (y == Double.NEGATIVE_INFINITY) {
      return Double.NEGATIVE_INFINITY;
    }
    double x = start(y);
    for (int i = 0; i < 50; i++) {
      double logPhi = logNdtr(x);
      // d/dx log Phi(x) = phi(x) / Phi(x); log Phi is increasing and concave, so Newton converges.
      double slope = Math.exp(normLogPdf(x) - logPhi);
      double dx = (logPhi - y) / slope;
      if (!Double.isFinite(dx)) {
        break;
      }
      x -= dx;
      if (Math.abs(dx) <= 1e-15 * Math.max(1.0, Math.abs(x))) {
        break;
      }
    }
    return x;
  }

  /** A start for Newton's method: the central inverse, or the tails' asymptotic inverse. */
  private static double start(double y) {
    if (y < -23) {
      // log Phi(x) ~ -x^2/2 - log(-x) - log sqrt(2 pi) for x -> -infinity.
      double t = -2 * y - 2 * LOG_SQRT_2PI;
      return -Math.sqrt(t - Math.log(t));
    }
    double p = Math.exp(y);
    double tailP = -Math.expm1(y);
    if (tailP < 1e-10) {
      double t = -2 * Math.log(tailP) - 2 * LOG_SQRT_2PI;
      return Math.sqrt(t - Math.log(t));
    }
    return SQRT2 * Erf.erfInv(2 * p - 1);
  }
}
