package dev.jtune.sampler.cmaes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.EigenDecompositionSymmetric;

/**
 * One CMA-ES search distribution {@code N(mean, sigma^2 C)} with its evolution paths, minimizing,
 * with the ask-and-tell interface (Hansen 2016, "The CMA Evolution Strategy: A Tutorial": equation
 * numbers below are the tutorial's; the constants follow CyberAgent's {@code cmaes} library, which
 * Optuna uses: negative weights, {@code c_m = 1}).
 *
 * <p>Margin (Hamano et al. 2022, "CMA-ES with Margin"): on a discrete coordinate the sample is
 * rounded to the nearest grid value after an affine stretch {@code A}; after each update the mean
 * and {@code A} are corrected so that the probability of leaving the current grid cell stays at
 * least {@code margin}, so the search does not freeze on a grid value. Continuous coordinates are
 * kept in their bounds by resampling, then clipping.
 *
 * <p>Immutable: {@link #tell} returns the next distribution. The eigendecomposition is computed on
 * construction. Serializable to a JSON-like map ({@link #toJson}, {@link #fromJson}) so that any
 * worker can continue the search from a trial's system attributes.
 */
final class CmaEs {
  private static final double EPS = 1e-8;
  private static final double SIGMA_MAX = 1e32;
  private static final int MAX_RESAMPLING = 100;

  private final int n;
  private final int popsize;
  private final int mu;
  private final double[] weights;
  private final double muEff;
  private final double c1;
  private final double cmu;
  private final double cSigma;
  private final double dSigma;
  private final double cc;
  private final double chiN;
  private final double margin;
  private final int funhistTerm;

  private final double[] mean;
  private final double sigma;
  private final double sigma0;
  private final double[][] c;
  private final double[] pSigma;
  private final double[] pc;
  private final int generation;
  private final double[] funhist;
  /** Per coordinate: the grid size of a discrete one, 0 for a continuous one. */
  private final int[] grid;
  private final double[] stretch;
  private final double[][] b;
  private final double[] d;

  /** A fresh distribution: mean {@code mean}, step size {@code sigma}, identity covariance. */
  static CmaEs start(double[] mean, double sigma, int popsize, int[] grid) {
    int n = mean.length;
    double[][] c = new double[n][n];
    for (int i = 0; i < n; i++) {
      c[i][i] = 1;
    }
    double[] stretch = new double[n];
    Arrays.fill(stretch, 1);
    return new CmaEs(mean.clone(), sigma, sigma, c, new double[n], new double[n], 0, null,
        popsize > 0 ? popsize : defaultPopsize(n), grid.clone(), stretch);
  }

  /** {@code 4 + floor(3 ln n)} (eq. 48). */
  static int defaultPopsize(int n) {
    return 4 + (int) Math.floor(3 * Math.log(n));
  }

  private CmaEs(double[] mean, double sigma, double sigma0, double[][] c, double[] pSigma,
      double[] pc, int generation, double[] funhist, int popsize, int[] grid, double[] stretch) {
    this.n = mean.length;
    this.popsize = popsize;
    this.mu = popsize / 2;
    double[] w = new double[popsize];
    for (int i = 0; i < popsize; i++) {
      w[i] = Math.log((popsize + 1) / 2.0) - Math.log(i + 1); // eq. 49
    }
    double sumPos = 0;
    double sumPos2 = 0;
    double sumNeg = 0;
    double sumNeg2 = 0;
    for (int i = 0; i < popsize; i++) {
      if (i < mu) {
        sumPos += w[i];
        sumPos2 += w[i] * w[i];
      } else {
        sumNeg += w[i];
        sumNeg2 += w[i] * w[i];
      }
    }
    this.muEff = sumPos * sumPos / sumPos2;
    double muEffMinus = sumNeg2 > 0 ? sumNeg * sumNeg / sumNeg2 : 0;
    this.c1 = 2 / ((n + 1.3) * (n + 1.3) + muEff);
    this.cmu = Math.min(1 - c1 - 1e-8,
        2 * (muEff - 2 + 1 / muEff) / ((n + 2) * (n + 2) + muEff));
    double minAlpha = Math.min(1 + c1 / cmu,
        Math.min(1 + 2 * muEffMinus / (muEff + 2), (1 - c1 - cmu) / (n * cmu))); // eq. 50-52
    double positive = 0;
    double negative = 0;
    for (double v : w) {
      if (v > 0) {
        positive += v;
      } else {
        negative += -v;
      }
    }
    this.weights = new double[popsize];
    for (int i = 0; i < popsize; i++) {
      weights[i] = w[i] >= 0 ? w[i] / positive : minAlpha * w[i] / negative; // eq. 53
    }
    this.cSigma = (muEff + 2) / (n + muEff + 5); // eq. 55
    this.dSigma = 1 + 2 * Math.max(0, Math.sqrt((muEff - 1) / (n + 1)) - 1) + cSigma;
    this.cc = (4 + muEff / n) / (n + 4 + 2 * muEff / n); // eq. 56
    this.chiN = Math.sqrt(n) * (1 - 1.0 / (4 * n) + 1.0 / (21.0 * n * n));
    this.margin = 1.0 / (n * popsize);
    this.funhistTerm = 10 + (int) Math.ceil(30.0 * n / popsize);

    this.mean = mean;
    this.sigma = sigma;
    this.sigma0 = sigma0;
    this.pSigma = pSigma;
    this.pc = pc;
    this.generation = generation;
    this.funhist = funhist != null ? funhist : filledNaN(2 * funhistTerm);
    this.grid = grid;
    this.stretch = stretch;
    // Symmetrize, decompose, and rebuild C from the clamped spectrum (as the cmaes library does).
    double[][] sym = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        sym[i][j] = (c[i][j] + c[j][i]) / 2;
      }
    }
    EigenDecompositionSymmetric eigen =
        new EigenDecompositionSymmetric(new Array2DRowRealMatrix(sym, false));
    double[] values = eigen.getEigenvalues();
    this.d = new double[n];
    this.b = new double[n][n];
    for (int k = 0; k < n; k++) {
      d[k] = Math.sqrt(values[k] < 0 ? EPS : values[k]);
      double[] v = eigen.getEigenvector(k).toArray();
      for (int i = 0; i < n; i++) {
        b[i][k] = v[i];
      }
    }
    this.c = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double s = 0;
        for (int k = 0; k < n; k++) {
          s += b[i][k] * d[k] * d[k] * b[j][k];
        }
        this.c[i][j] = s;
      }
    }
  }

  private static double[] filledNaN(int size) {
    double[] out = new double[size];
    Arrays.fill(out, Double.NaN);
    return out;
  }

  int popsize() {
    return popsize;
  }

  int generation() {
    return generation;
  }

  int dimensions() {
    return n;
  }

  double sigma() {
    return sigma;
  }

  double[] mean() {
    return mean.clone();
  }

  /** A sample: {@code tell} is the raw point the update learns from, {@code eval} the one to try. */
  record Sample(double[] tell, double[] eval) {}

  /**
   * Draws a sample in {@code [0, 1]^n}: continuous coordinates resampled until inside, then
   * clipped; discrete coordinates rounded (after the margin's stretch) to their grid.
   */
  Sample ask(SplittableRandom rng) {
    double[] x = null;
    for (int attempt = 0; attempt <= MAX_RESAMPLING; attempt++) {
      x = draw(rng);
      if (continuousInside(x)) {
        break;
      }
    }
    for (int i = 0; i < n; i++) {
      if (grid[i] == 0) {
        x[i] = Math.min(Math.max(x[i], 0), 1);
      }
    }
    double[] eval = x.clone();
    for (int i = 0; i < n; i++) {
      if (grid[i] > 0) {
        eval[i] = gridValue(i, gridIndex(i, (x[i] - mean[i]) * stretch[i] + mean[i]));
      }
    }
    return new Sample(x, eval);
  }

  private double[] draw(SplittableRandom rng) {
    double[] z = new double[n];
    for (int k = 0; k < n; k++) {
      z[k] = d[k] * gaussian(rng);
    }
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      double s = 0;
      for (int k = 0; k < n; k++) {
        s += b[i][k] * z[k];
      }
      x[i] = mean[i] + sigma * s;
    }
    return x;
  }

  private static double gaussian(SplittableRandom rng) {
    // Marsaglia's polar method. Java 17's SplittableRandom.nextGaussian (from RandomGenerator)
    // would do, but draws differently: switching would change every seeded CMA-ES run.
    while (true) {
      double u = 2 * rng.nextDouble() - 1;
      double v = 2 * rng.nextDouble() - 1;
      double s = u * u + v * v;
      if (s > 0 && s < 1) {
        return u * Math.sqrt(-2 * Math.log(s) / s);
      }
    }
  }

  private boolean continuousInside(double[] x) {
    for (int i = 0; i < n; i++) {
      if (grid[i] == 0 && (x[i] < 0 || x[i] > 1)) {
        return false;
      }
    }
    return true;
  }

  /** Grid value {@code k} of a discrete coordinate: the centre of cell {@code k} of {@code [0, 1]}. */
  private double gridValue(int i, int k) {
    return (k + 0.5) / grid[i];
  }

  /** The nearest grid index, the lower one on a tie. */
  private int gridIndex(int i, double v) {
    int k = (int) Math.ceil(v * grid[i] - 1); // cell centres are (k + 0.5) / G
    return Math.min(Math.max(k, 0), grid[i] - 1);
  }

  /** A solution: the sample's tell point and its objective value (minimized). */
  record Solution(double[] x, double value) {}

  /** The distribution after one generation (eq. 39-47), with the margin correction. */
  CmaEs tell(List<Solution> solutions) {
    if (solutions.size() != popsize) {
      throw new IllegalArgumentException(
          "tell needs popsize=" + popsize + " solutions, got " + solutions.size());
    }
    List<Solution> sorted = new ArrayList<>(solutions);
    sorted.sort(Comparator.comparingDouble(Solution::value));
    int g = generation + 1;
    double[] hist = funhist.clone();
    int idx = 2 * (g % funhistTerm);
    hist[idx] = sorted.get(0).value();
    hist[idx + 1] = sorted.get(popsize - 1).value();

    double[][] y = new double[popsize][n];
    for (int k = 0; k < popsize; k++) {
      for (int i = 0; i < n; i++) {
        y[k][i] = (sorted.get(k).x()[i] - mean[i]) / sigma;
      }
    }
    double[] yw = new double[n];
    for (int k = 0; k < mu; k++) {
      for (int i = 0; i < n; i++) {
        yw[i] += weights[k] * y[k][i]; // eq. 41
      }
    }
    double[] m = mean.clone();
    for (int i = 0; i < n; i++) {
      m[i] += sigma * yw[i];
    }
    double[] cInvSqrtYw = invSqrtC(yw);
    double[] ps = new double[n];
    double coef = Math.sqrt(cSigma * (2 - cSigma) * muEff);
    double normPs = 0;
    for (int i = 0; i < n; i++) {
      ps[i] = (1 - cSigma) * pSigma[i] + coef * cInvSqrtYw[i];
      normPs += ps[i] * ps[i];
    }
    normPs = Math.sqrt(normPs);
    double s = Math.min(sigma * Math.exp((cSigma / dSigma) * (normPs / chiN - 1)), SIGMA_MAX);
    double left = normPs / Math.sqrt(1 - Math.pow(1 - cSigma, 2.0 * (g + 1)));
    double hSigma = left < (1.4 + 2.0 / (n + 1)) * chiN ? 1 : 0;
    double[] p = new double[n];
    double coefC = hSigma * Math.sqrt(cc * (2 - cc) * muEff);
    for (int i = 0; i < n; i++) {
      p[i] = (1 - cc) * pc[i] + coefC * yw[i]; // eq. 45
    }
    double[] wio = new double[popsize];
    double sumW = 0;
    for (int k = 0; k < popsize; k++) {
      sumW += weights[k];
      if (weights[k] >= 0) {
        wio[k] = weights[k];
      } else {
        double[] t = invSqrtC(y[k]);
        double norm2 = 0;
        for (double v : t) {
          norm2 += v * v;
        }
        wio[k] = weights[k] * n / (norm2 + EPS); // eq. 46
      }
    }
    double deltaH = (1 - hSigma) * cc * (2 - cc);
    double keep = 1 + c1 * deltaH - c1 - cmu * sumW;
    double[][] next = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double rankMu = 0;
        for (int k = 0; k < popsize; k++) {
          rankMu += wio[k] * y[k][i] * y[k][j];
        }
        next[i][j] = keep * c[i][j] + c1 * p[i] * p[j] + cmu * rankMu; // eq. 47
      }
    }
    double[] a = stretch.clone();
    applyMargin(m, s, next, a);
    return new CmaEs(m, s, sigma0, next, ps, p, g, hist, popsize, grid, a);
  }

  private double[] invSqrtC(double[] v) {
    double[] t = new double[n];
    for (int k = 0; k < n; k++) {
      double s = 0;
      for (int i = 0; i < n; i++) {
        s += b[i][k] * v[i];
      }
      t[k] = s / d[k];
    }
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      double s = 0;
      for (int k = 0; k < n; k++) {
        s += b[i][k] * t[k];
      }
      out[i] = s;
    }
    return out;
  }

  /** Hamano et al.'s margin correction of the mean and stretch on discrete coordinates. */
  private void applyMargin(double[] m, double s, double[][] cNext, double[] a) {
    for (int i = 0; i < n; i++) {
      int size = grid[i];
      if (size == 0) {
        continue;
      }
      int position = gridIndex(i, m[i]);
      double limLow = limit(i, Math.min(Math.max(position - 1, 0), size - 2));
      double limUp = limit(i, Math.min(Math.max(position, 0), size - 2));
      double sd = Math.sqrt(cNext[i][i]);
      double zScale = s * a[i] * sd;
      double lowCdf = Margins.normalCdf((limLow - m[i]) / zScale);
      double upCdf = 1 - Margins.normalCdf((limUp - m[i]) / zScale);
      double midCdf = 1 - (lowCdf + upCdf);
      if (Math.max(lowCdf, upCdf) > 0.5) {
        if (Math.min(lowCdf, upCdf) < margin) {
          double sign = Math.signum(m[i] - limUp);
          double dist = s * a[i] * Math.sqrt(Margins.chi2Quantile1(1 - 2 * margin)) * sd;
          m[i] = limUp + sign * dist;
        }
        continue;
      }
      lowCdf = Math.max(lowCdf, margin / 2);
      upCdf = Math.max(upCdf, margin / 2);
      double denominator = lowCdf + midCdf + upCdf - 3 * margin / 2;
      double rest = 1 - lowCdf - upCdf - midCdf;
      double modLow = lowCdf + rest * (lowCdf - margin / 2) / denominator;
      double modUp = upCdf + rest * (upCdf - margin / 2) / denominator;
      modLow = Math.min(Math.max(modLow, 1e-10), 0.5 - 1e-10);
      modUp = Math.min(Math.max(modUp, 1e-10), 0.5 - 1e-10);
      double chiLow = Math.sqrt(Margins.chi2Quantile1(1 - 2 * modLow));
      double chiUp = Math.sqrt(Margins.chi2Quantile1(1 - 2 * modUp));
      a[i] = (limUp - limLow) / ((chiLow + chiUp) * s * sd);
      m[i] = (limLow * chiUp + limUp * chiLow) / (chiLow + chiUp);
    }
  }

  /** The boundary between grid values {@code k} and {@code k + 1}. */
  private double limit(int i, int k) {
    return (gridValue(i, k) + gridValue(i, k + 1)) / 2;
  }

  /**
   * Whether the search has converged or degenerated (the cmaes library's criteria: flat function
   * history, tiny or huge steps, no effect along a coordinate or axis, ill-conditioning); the
   * sampler then restarts with a larger population.
   */
  boolean shouldStop() {
    if (generation > funhistTerm) {
      double lo = Double.POSITIVE_INFINITY;
      double hi = Double.NEGATIVE_INFINITY;
      for (double v : funhist) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
      if (hi - lo < 1e-12) {
        return true;
      }
    }
    double tolx = 1e-12 * sigma0;
    boolean tiny = true;
    for (int i = 0; i < n; i++) {
      tiny &= sigma * c[i][i] < tolx && sigma * pc[i] < tolx;
    }
    if (tiny) {
      return true;
    }
    double maxD = Arrays.stream(d).max().orElse(0);
    double minD = Arrays.stream(d).min().orElse(0);
    if (sigma * maxD > 1e4) {
      return true;
    }
    for (int i = 0; i < n; i++) {
      if (mean[i] == mean[i] + 0.2 * sigma * Math.sqrt(c[i][i])) {
        return true;
      }
    }
    int axis = generation % n;
    boolean noEffect = true;
    for (int i = 0; i < n; i++) {
      noEffect &= mean[i] == mean[i] + 0.1 * sigma * d[axis] * b[i][axis];
    }
    return noEffect || maxD / minD > 1e14;
  }

  /** The state as a JSON-like map (lists of numbers). */
  Map<String, Object> toJson() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("popsize", popsize);
    out.put("generation", generation);
    out.put("sigma", sigma);
    out.put("sigma0", sigma0);
    out.put("mean", list(mean));
    List<Object> rows = new ArrayList<>();
    for (double[] row : c) {
      rows.add(list(row));
    }
    out.put("C", rows);
    out.put("p_sigma", list(pSigma));
    out.put("p_c", list(pc));
    out.put("funhist", list(funhist));
    List<Object> g = new ArrayList<>();
    for (int v : grid) {
      g.add(v);
    }
    out.put("grid", g);
    out.put("A", list(stretch));
    return out;
  }

  /** The state {@link #toJson} wrote. */
  static CmaEs fromJson(Map<?, ?> json) {
    List<?> rows = (List<?>) json.get("C");
    double[][] c = new double[rows.size()][];
    for (int i = 0; i < c.length; i++) {
      c[i] = array((List<?>) rows.get(i));
    }
    List<?> g = (List<?>) json.get("grid");
    int[] grid = new int[g.size()];
    for (int i = 0; i < grid.length; i++) {
      grid[i] = ((Number) g.get(i)).intValue();
    }
    return new CmaEs(array((List<?>) json.get("mean")), number(json, "sigma"),
        number(json, "sigma0"), c, array((List<?>) json.get("p_sigma")),
        array((List<?>) json.get("p_c")), (int) number(json, "generation"),
        array((List<?>) json.get("funhist")), (int) number(json, "popsize"), grid,
        array((List<?>) json.get("A")));
  }

  private static double number(Map<?, ?> json, String key) {
    return ((Number) json.get(key)).doubleValue();
  }

  private static List<Object> list(double[] values) {
    List<Object> out = new ArrayList<>(values.length);
    for (double v : values) {
      // JSON has no NaN: the unfilled function history is stored as null.
      out.add(Double.isNaN(v) ? null : v);
    }
    return out;
  }

  private static double[] array(List<?> values) {
    double[] out = new double[values.size()];
    for (int i = 0; i < out.length; i++) {
      Object v = values.get(i);
      out[i] = v == null ? Double.NaN : ((Number) v).doubleValue();
    }
    return out;
  }
}
