package dev.jtune.sampler.tpe;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A Parzen estimator over one or several parameters (Bergstra et al. 2011): a weighted mixture
 * with one component per observation plus, optionally, a prior component. Along each parameter a
 * component is a {@link Kernel}; with several parameters a component is the product of its kernels
 * (the multivariate estimator of Falkner et al. 2018 that Optuna's {@code multivariate=True} uses),
 * so a univariate estimator is the one-parameter case.
 *
 * <p>Component weights follow Optuna's {@code default_weights}: equal for up to 25 observations;
 * beyond that the oldest observations are ramped linearly from {@code 1/n} to 1 while the 25 most
 * recent keep weight 1 (observations are given in trial order), so the model follows the study as
 * it moves. The prior gets {@code priorWeight}; weights are normalized.
 *
 * <p>Immutable once built; not shared between threads.
 */
final class ParzenEstimator {
  /** Terms this far below a sample's largest are below 1e-17 of it and are skipped in the sum. */
  private static final double NEGLIGIBLE = -40.0;

  private final List<Dimension> dims;
  private final List<Kernel> kernels;
  private final double[] weights;
  private final double[] logWeights;
  private final double[] cumulative;

  private ParzenEstimator(List<Dimension> dims, List<Kernel> kernels, double[] weights) {
    this.dims = dims;
    this.kernels = kernels;
    this.weights = weights;
    this.logWeights = new double[weights.length];
    this.cumulative = new double[weights.length];
    double sum = 0;
    for (int j = 0; j < weights.length; j++) {
      logWeights[j] = Math.log(weights[j]);
      sum += weights[j];
      cumulative[j] = sum;
    }
  }

  /**
   * Fits the estimator.
   *
   * @param dims the parameters
   * @param observations internal values, {@code observations[d][i]} for parameter {@code d} of
   *     observation {@code i}, observations in trial order
   * @param config the prior, bandwidth and weight settings
   */
  static ParzenEstimator fit(List<Dimension> dims, double[][] observations, TpeConfig config) {
    return fit(dims, observations, config, null);
  }

  /**
   * Fits the estimator with the observations' weights given ({@code null}: the recency weights);
   * the prior's is added and all are normalized.
   */
  static ParzenEstimator fit(List<Dimension> dims, double[][] observations, TpeConfig config,
      double[] observationWeights) {
    int n = observations.length == 0 ? 0 : observations[0].length;
    boolean withPrior = config.considerPrior() || n == 0;
    int multivariateDims = dims.size() > 1 || config.multivariate() ? dims.size() : 0;
    List<Kernel> kernels = new ArrayList<>(dims.size());
    for (int d = 0; d < dims.size(); d++) {
      Dimension dim = dims.get(d);
      double[] model = new double[n];
      for (int i = 0; i < n; i++) {
        model[i] = dim.toModel(observations[d][i]);
      }
      kernels.add(dim.categorical()
          ? new CategoricalKernel(model, dim.choices(), withPrior, config.priorWeight())
          : NumericalKernel.fit(model, dim, withPrior, multivariateDims,
              config.considerMagicClip(), config.considerEndpoints(),
              config.bandwidthWeightedScore()));
    }
    double[] w = observationWeights != null ? observationWeights
        : observationWeights(n, config.fullWeightTrials());
    double[] weights = new double[withPrior ? n + 1 : n];
    System.arraycopy(w, 0, weights, 0, n);
    if (withPrior) {
      weights[n] = config.priorWeight();
    }
    double sum = 0;
    for (double x : weights) {
      sum += x;
    }
    for (int j = 0; j < weights.length; j++) {
      weights[j] /= sum;
    }
    return new ParzenEstimator(List.copyOf(dims), List.copyOf(kernels), weights);
  }

  /** Optuna's {@code default_weights(n)} with the flat window as a parameter. */
  static double[] observationWeights(int n, int flat) {
    double[] w = new double[n];
    java.util.Arrays.fill(w, 1.0);
    if (n >= flat && flat > 0) {
      int ramp = n - flat;
      for (int i = 0; i < ramp; i++) {
        // numpy.linspace(1/n, 1, ramp)
        w[i] = ramp == 1 ? 1.0 / n : 1.0 / n + (1.0 - 1.0 / n) * i / (ramp - 1);
      }
    }
    return w;
  }

  /** The normalized component weights; the prior's is last. */
  double weight(int j) {
    return weights[j];
  }

  /** The number of components. */
  int components() {
    return weights.length;
  }

  Kernel kernel(int d) {
    return kernels.get(d);
  }

  /** Draws {@code size} points; returns internal values, {@code [parameter][sample]}. */
  double[][] sample(SplittableRandom random, int size) {
    int[] chosen = new int[size];
    for (int s = 0; s < size; s++) {
      double u = random.nextDouble() * cumulative[cumulative.length - 1];
      int j = java.util.Arrays.binarySearch(cumulative, u);
      j = j >= 0 ? j : -j - 1;
      chosen[s] = Math.min(j, cumulative.length - 1);
    }
    double[][] out = new double[dims.size()][];
    for (int d = 0; d < dims.size(); d++) {
      double[] model = kernels.get(d).sample(chosen, random);
      Dimension dim = dims.get(d);
      for (int s = 0; s < size; s++) {
        model[s] = dim.fromModel(model[s]);
      }
      out[d] = model;
    }
    return out;
  }

  /**
   * The log density of each point, given as internal values {@code [parameter][sample]}; with
   * {@link TpeConfig#bandwidthWeightedScore} continuous kernels enter at their peak height, so the
   * result is the log of a score, not of a normalized density.
   */
  double[] logPdf(double[][] samples) {
    int size = samples.length == 0 ? 0 : samples[0].length;
    double[][] terms = new double[size][weights.length];
    for (int s = 0; s < size; s++) {
      System.arraycopy(logWeights, 0, terms[s], 0, weights.length);
    }
    for (int d = 0; d < dims.size(); d++) {
      Dimension dim = dims.get(d);
      double[] model = new double[size];
      for (int s = 0; s < size; s++) {
        model[s] = dim.toModel(samples[d][s]);
      }
      kernels.get(d).addLogPdf(model, terms);
    }
    double[] out = new double[size];
    for (int s = 0; s < size; s++) {
      out[s] = logSumExp(terms[s]);
    }
    return out;
  }

  private static double logSumExp(double[] terms) {
    double max = Double.NEGATIVE_INFINITY;
    for (double t : terms) {
      if (t > max) {
        max = t;
      }
    }
    if (max == Double.NEGATIVE_INFINITY || Double.isNaN(max)) {
      return max;
    }
    double sum = 0;
    for (double t : terms) {
      double diff = t - max;
      if (diff > NEGLIGIBLE) {
        sum += Math.exp(diff);
      }
    }
    return max + Math.log(sum);
  }
}
