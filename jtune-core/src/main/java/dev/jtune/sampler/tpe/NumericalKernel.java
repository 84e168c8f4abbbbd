package dev.jtune.sampler.tpe;

import dev.jtune.internal.TruncatedNormal;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Gaussian kernels truncated to {@code [low, high]} (model coordinates, see {@link Dimension}), one
 * per component: mean {@code mus[j]}, bandwidth {@code sigmas[j]}. On a grid ({@code step > 0}) a
 * sample's log mass is that of its cell {@code [x - step/2, x + step/2]} clipped to the bounds;
 * otherwise its log density, or, when bandwidth-weighted, its log density times {@code sigma}.
 * Each component's normalization (the log mass of the bounds, plus
 * {@code log sigma} for a density) is computed once, when the kernel is built.
 *
 * <p>Bandwidths (Optuna 3.x, after Bergstra et al. 2011 and Watanabe 2023):
 * <ul>
 *   <li>univariate: the larger distance to a neighbouring mean, the bounds counting as neighbours
 *       unless {@code considerEndpoints} is off, in which case the outermost means use their inner
 *       neighbour only (a mean next to a bound would otherwise get a tiny bandwidth);
 *   <li>multivariate: Scott's rule as in BOHB, {@code 0.2 * n^(-1/(d + 4)) * (high - low)};
 *   <li>then clipped to {@code [(high - low) / min(100, components), high - low]} ("magic clip",
 *       Bergstra's guard against kernels narrower than the data can resolve; {@code 1e-12} instead
 *       of the lower bound when it is off);
 *   <li>the prior component: mean at the centre, bandwidth {@code high - low}.
 * </ul>
 */
final class NumericalKernel implements Kernel {
  private static final double EPS = 1e-12;
  private final double[] mus;
  private final double[] sigmas;
  private final double[] logNorm;
  private final double low;
  private final double high;
  private final double step;

  /**
   * @param bandwidthWeighted whether a continuous kernel's log term omits {@code -log sigma} (see
   *     {@link TpeConfig#bandwidthWeightedScore})
   */
  NumericalKernel(double[] mus, double[] sigmas, double low, double high, double step,
      boolean bandwidthWeighted) {
    this.mus = mus;
    this.sigmas = sigmas;
    this.low = low;
    this.high = high;
    this.step = step;
    this.logNorm = new double[mus.length];
    for (int j = 0; j < mus.length; j++) {
      double mass = TruncatedNormal.logGaussMass((low - mus[j]) / sigmas[j],
          (high - mus[j]) / sigmas[j]);
      logNorm[j] = step > 0 || bandwidthWeighted ? mass : mass + Math.log(sigmas[j]);
    }
  }

  /**
   * Kernels for the observations (model coordinates) along one parameter.
   *
   * @param observations the observed model coordinates
   * @param dim the parameter
   * @param withPrior whether a last, prior component is added
   * @param multivariateDims {@code 0} for the univariate bandwidth rule, else the number of
   *     parameters modelled jointly (for Scott's rule)
   * @param magicClip whether the lower bandwidth bound is {@code range / min(100, components)}
   * @param considerEndpoints whether the bounds count as neighbours of the outermost means
   * @param bandwidthWeighted see {@link TpeConfig#bandwidthWeightedScore}
   */
  static NumericalKernel fit(double[] observations, Dimension dim, boolean withPrior,
      int multivariateDims, boolean magicClip, boolean considerEndpoints,
      boolean bandwidthWeighted) {
    int n = observations.length;
    double low = dim.low();
    double high = dim.high();
    double range = high - low;
    int components = withPrior ? n + 1 : n;
    double[] mus = Arrays.copyOf(observations, components);
    if (withPrior) {
      mus[n] = 0.5 * (low + high);
    }
    double[] sigmas = new double[components];
    if (multivariateDims > 0) {
      double sigma0 = 0.2 * Math.pow(Math.max(n, 1), -1.0 / (multivariateDims + 4));
      Arrays.fill(sigmas, sigma0 * range);
    } else {
      neighbourBandwidths(mus, low, high, considerEndpoints, sigmas);
    }
    double maxSigma = range;
    double minSigma = magicClip ? range / Math.min(100.0, 1.0 + components) : EPS;
    for (int j = 0; j < components; j++) {
      sigmas[j] = Math.min(Math.max(sigmas[j], minSigma), maxSigma);
    }
    if (withPrior) {
      sigmas[n] = range;
    }
    return new NumericalKernel(mus, sigmas, low, high, dim.step(), bandwidthWeighted);
  }

  private static void neighbourBandwidths(double[] mus, double low, double high,
      boolean considerEndpoints, double[] out) {
    int m = mus.length;
    double[] sorted = new double[m + 2];
    System.arraycopy(mus, 0, sorted, 1, m);
    Arrays.sort(sorted, 1, m + 1);
    sorted[0] = low;
    sorted[m + 1] = high;
    double[] bw = new double[m];
    for (int p = 0; p < m; p++) {
      bw[p] = Math.max(sorted[p + 1] - sorted[p], sorted[p + 2] - sorted[p + 1]);
    }
    if (!considerEndpoints && m >= 2) {
      bw[0] = sorted[2] - sorted[1];
      bw[m - 1] = sorted[m] - sorted[m - 1];
    }
    // Each mean takes the bandwidth of its sorted position; equal means take consecutive
    // positions in their original order (a stable argsort, as numpy's for small arrays).
    int[] taken = new int[m];
    for (int j = 0; j < m; j++) {
      int first = lowerBound(sorted, 1, m + 1, mus[j]) - 1;
      out[j] = bw[first + taken[first]++];
    }
  }

  /** The first index in {@code [from, to)} of the sorted array holding a value {@code >= x}. */
  private static int lowerBound(double[] sorted, int from, int to, double x) {
    int lo = from;
    int hi = to;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] < x) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  @Override
  public int size() {
    return mus.length;
  }

  double mu(int j) {
    return mus[j];
  }

  double sigma(int j) {
    return sigmas[j];
  }

  @Override
  public void addLogPdf(double[] samples, double[][] out) {
    int m = mus.length;
    for (int s = 0; s < samples.length; s++) {
      double x = samples[s];
      double[] row = out[s];
      if (x < low || x > high) {
        Arrays.fill(row, Double.NEGATIVE_INFINITY);
        continue;
      }
      if (step > 0) {
        double upper = Math.min(x + 0.5 * step, high);
        double lower = Math.max(x - 0.5 * step, low);
        for (int j = 0; j < m; j++) {
          row[j] += TruncatedNormal.logGaussMass((lower - mus[j]) / sigmas[j],
              (upper - mus[j]) / sigmas[j]) - logNorm[j];
        }
      } else {
        for (int j = 0; j < m; j++) {
          double z = (x - mus[j]) / sigmas[j];
          row[j] += TruncatedNormal.normLogPdf(z) - logNorm[j];
        }
      }
    }
  }

  @Override
  public double[] sample(int[] components, SplittableRandom random) {
    double[] out = new double[components.length];
    for (int s = 0; s < components.length; s++) {
      int j = components[s];
      double a = (low - mus[j]) / sigmas[j];
      double b = (high - mus[j]) / sigmas[j];
      double x = TruncatedNormal.ppf(random.nextDouble(), a, b) * sigmas[j] + mus[j];
      out[s] = Math.min(Math.max(x, low), high);
    }
    return out;
  }
}
