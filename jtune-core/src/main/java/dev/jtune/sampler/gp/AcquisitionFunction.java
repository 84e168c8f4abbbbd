package dev.jtune.sampler.gp;

/**
 * How much a point's posterior is worth evaluating, for a maximized (standardized) objective; the
 * optimizer maximizes it. Implementations are immutable.
 */
sealed interface AcquisitionFunction
    permits AcquisitionFunction.LogExpectedImprovement, AcquisitionFunction.UpperConfidenceBound,
        AcquisitionFunction.LogProbabilityBelow {

  /** Added to every posterior variance so that {@code sigma > 0} at observed points. */
  double STABILIZING_NOISE = 1e-12;

  /** The value for a posterior mean and variance. */
  double value(double mean, double variance);

  /**
   * The value, with its derivatives with respect to the mean ({@code out[0]}) and the variance
   * ({@code out[1]}).
   */
  double valueWithDerivatives(double mean, double variance, double[] out);

  /** {@code log E[max(0, f(x) - best)]}; see {@link LogEi}. */
  record LogExpectedImprovement(double best) implements AcquisitionFunction {
    @Override
    public double value(double mean, double variance) {
      return LogEi.logEi(mean, Math.sqrt(variance + STABILIZING_NOISE), best);
    }

    @Override
    public double valueWithDerivatives(double mean, double variance, double[] out) {
      double sigma = Math.sqrt(variance + STABILIZING_NOISE);
      double z = (mean - best) / sigma;
      double slope = LogEi.dLogH(z);
      out[0] = slope / sigma;
      double dSigma = (1 - slope * z) / sigma;
      out[1] = dSigma / (2 * sigma);
      return LogEi.logH(z) + Math.log(sigma);
    }
  }

  /** {@code mean + kappa * sigma}. */
  record UpperConfidenceBound(double kappa) implements AcquisitionFunction {
    @Override
    public double value(double mean, double variance) {
      return mean + kappa * Math.sqrt(variance + STABILIZING_NOISE);
    }

    @Override
    public double valueWithDerivatives(double mean, double variance, double[] out) {
      double sigma = Math.sqrt(variance + STABILIZING_NOISE);
      out[0] = 1;
      out[1] = kappa / (2 * sigma);
      return mean + kappa * sigma;
    }
  }

  /**
   * {@code log P(f(x) <= threshold)}: the log-probability that a constraint modelled by the
   * process holds; see {@link LogEi#logCdf}.
   */
  record LogProbabilityBelow(double threshold) implements AcquisitionFunction {
    @Override
    public double value(double mean, double variance) {
      return LogEi.logCdf((threshold - mean) / Math.sqrt(variance + STABILIZING_NOISE));
    }

    @Override
    public double valueWithDerivatives(double mean, double variance, double[] out) {
      double sigma = Math.sqrt(variance + STABILIZING_NOISE);
      double z = (threshold - mean) / sigma;
      double slope = LogEi.dLogCdf(z); // d log Phi / dz
      out[0] = -slope / sigma;
      out[1] = -slope * z / sigma / (2 * sigma);
      return LogEi.logCdf(z);
    }
  }
}
