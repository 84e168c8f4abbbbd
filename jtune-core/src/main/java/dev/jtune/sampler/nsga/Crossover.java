package dev.jtune.sampler.nsga;

import java.util.OptionalDouble;
import java.util.SplittableRandom;

/**
 * How {@link NsgaIISampler} makes a child's numerical parameters from its parents', the operators
 * of Optuna 3.1's NSGA-II. Every parameter is first mapped to the unit interval
 * ({@link dev.jtune.space.UnitScale}: a log-scale parameter in log space, an integer or stepped
 * one at its cell's centre), so every operator works on the cube {@code [0, 1]^n}; a child that
 * leaves it is handled by the sampler. Categorical parameters always take the uniform crossover of
 * the first and last parent.
 */
public sealed interface Crossover
    permits Crossover.Uniform, Crossover.BlxAlpha, Crossover.Sbx, Crossover.Vsbx, Crossover.Undx,
    Crossover.Spx {

  /** How many parents the operator combines (2 or 3). */
  int parents();

  /**
   * One child of {@code parents} ({@link #parents()} points of one dimension {@code n}, on the unit
   * cube), drawn with {@code rng}; {@code multiObjective} picks the default of operators whose
   * default differs between single- and multi-objective studies. The child may lie outside the
   * cube. Pure: the same arguments and random stream give the same child.
   */
  double[] cross(double[][] parents, SplittableRandom rng, boolean multiObjective);

  /** The default: {@link Uniform} with swapping probability 0.5. */
  static Crossover uniform() {
    return new Uniform(0.5);
  }

  /**
   * Uniform crossover (Syswerda 1989): each parameter comes from the second parent with probability
   * {@code 1 - swappingProbability}, else from the first.
   */
  record Uniform(double swappingProbability) implements Crossover {
    public Uniform {
      NsgaIIConfig.checkProbability("swappingProbability", swappingProbability);
    }

    @Override
    public int parents() {
      return 2;
    }

    @Override
    public double[] cross(double[][] parents, SplittableRandom rng, boolean multiObjective) {
      double[] child = new double[parents[0].length];
      for (int i = 0; i < child.length; i++) {
        child[i] = rng.nextDouble() >= swappingProbability ? parents[1][i] : parents[0][i];
      }
      return child;
    }
  }

  /**
   * Blend crossover BLX-alpha (Eshelman and Schaffer 1993): each parameter uniform on the parents'
   * interval widened by {@code alpha} times its length on both sides.
   */
  record BlxAlpha(double alpha) implements Crossover {
    public BlxAlpha {
      if (!(alpha >= 0) || Double.isInfinite(alpha)) {
        throw new IllegalArgumentException("alpha must be finite and >= 0, got " + alpha);
      }
    }

    @Override
    public int parents() {
      return 2;
    }

    @Override
    public double[] cross(double[][] parents, SplittableRandom rng, boolean multiObjective) {
      double[] child = new double[parents[0].length];
      for (int i = 0; i < child.length; i++) {
        double low = Math.min(parents[0][i], parents[1][i]);
        double high = Math.max(parents[0][i], parents[1][i]);
        double spread = alpha * (high - low);
        child[i] = low - spread + rng.nextDouble() * (high - low + 2 * spread);
      }
      return child;
    }
  }

  /**
   * Simulated binary crossover (Deb and Agrawal 1995) with the spread distribution bounded so that
   * children stay in the cube, as Optuna's: each parameter is, with probability 1/2, one of the two
   * SBX children and otherwise one of the parents' values. {@code eta} is the distribution index
   * (larger keeps children nearer the parents); empty means 20 for several objectives, 2 for one.
   */
  record Sbx(OptionalDouble eta) implements Crossover {
    public Sbx {
      checkEta(eta);
    }

    @Override
    public int parents() {
      return 2;
    }

    @Override
    public double[] cross(double[][] parents, SplittableRandom rng, boolean multiObjective) {
      double e = distributionIndex(eta, multiObjective);
      double[] child = new double[parents[0].length];
      for (int i = 0; i < child.length; i++) {
        double min = Math.min(parents[0][i], parents[1][i]);
        double max = Math.max(parents[0][i], parents[1][i]);
        double diff = Math.max(max - min, 1e-10);
        double u = rng.nextDouble();
        double low = 0.5 * ((min + max) - spread(u, 1 + 2 * min / diff, e) * diff);
        double high = 0.5 * ((min + max) + spread(u, 1 + 2 * (1 - max) / diff, e) * diff);
        child[i] = pickGene(rng, low, high, parents[0][i], parents[1][i]);
      }
      return child;
    }

    /** The bounded spread factor for a uniform draw {@code u}; {@code beta} measures the room. */
    private static double spread(double u, double beta, double eta) {
      double alpha = 2 - Math.pow(beta, -(eta + 1));
      return u > 1 / alpha ? Math.pow(1 / (2 - u * alpha), 1 / (eta + 1))
          : Math.pow(u * alpha, 1 / (eta + 1));
    }
  }

  /**
   * Vector-wise simulated binary crossover (Ono et al.'s vSBX, as in Optuna): children spread
   * around each parent rather than around their middle; {@code eta} as for {@link Sbx}.
   */
  record Vsbx(OptionalDouble eta) implements Crossover {
    public Vsbx {
      checkEta(eta);
    }

    @Override
    public int parents() {
      return 2;
    }

    @Override
    public double[] cross(double[][] parents, SplittableRandom rng, boolean multiObjective) {
      double e = distributionIndex(eta, multiObjective);
      double[] child = new double[parents[0].length];
      for (int i = 0; i < child.length; i++) {
        double x1 = parents[0][i];
        double x2 = parents[1][i];
        double u = rng.nextDouble();
        double b1 = Math.pow(0.5 * u, 1 / (e + 1));
        double b2 = Math.pow(0.5 * (1 - u), 1 / (e + 1));
        double c1;
        double c2;
        if (u > 0.5) {
          c1 = 0.5 * ((1 - b1) * x1 + (1 + b1) * x2);
          c2 = 0.5 * (-(1 - b2) * x1 + (3 - b2) * x2);
        } else {
          c1 = 0.5 * ((1 + b1) * x1 + (1 - b1) * x2);
          c2 = 0.5 * ((3 - b2) * x1 - (1 - b2) * x2);
        }
        child[i] = pickGene(rng, c1, c2, x1, x2);
      }
      return child;
    }
  }

  /**
   * Unimodal normal distribution crossover (Ono and Kobayashi 1997): a child near the middle of the
   * first two parents, spread along their difference with standard deviation {@code sigmaXi} and
   * across it, scaled by the third parent's distance from their line, with standard deviation
   * {@code sigmaEta} (empty: {@code 0.35 / sqrt(n)}). Optuna 3.1 passes the variances
   * {@code sigmaXi^2} and {@code sigmaEta^2} where standard deviations are meant; jtune follows the
   * paper.
   */
  record Undx(double sigmaXi, OptionalDouble sigmaEta) implements Crossover {
    public Undx {
      if (!(sigmaXi >= 0) || Double.isInfinite(sigmaXi)) {
        throw new IllegalArgumentException("sigmaXi must be finite and >= 0, got " + sigmaXi);
      }
      if (sigmaEta.isPresent() && (!(sigmaEta.getAsDouble() >= 0)
          || Double.isInfinite(sigmaEta.getAsDouble()))) {
        throw new IllegalArgumentException("sigmaEta must be finite and >= 0, got "
            + sigmaEta.getAsDouble());
      }
    }

    /** The paper's recommendation: {@code sigmaXi = 0.5}, {@code sigmaEta = 0.35 / sqrt(n)}. */
    public Undx() {
      this(0.5, OptionalDouble.empty());
    }

    @Override
    public int parents() {
      return 3;
    }

    @Override
    public double[] cross(double[][] parents, SplittableRandom rng, boolean multiObjective) {
      int n = parents[0].length;
      double[] x1 = parents[0];
      double[] x2 = parents[1];
      double[] child = new double[n];
      double[] d = new double[n];
      double norm = 0;
      for (int i = 0; i < n; i++) {
        child[i] = (x1[i] + x2[i]) / 2;
        d[i] = x1[i] - x2[i];
        norm += d[i] * d[i];
      }
      double xi = rng.nextGaussian() * sigmaXi;
      for (int i = 0; i < n; i++) {
        child[i] += xi * d[i];
      }
      if (n == 1) {
        return child;
      }
      norm = Math.sqrt(norm);
      double[] primary = new double[n];
      if (norm > 1e-10) {
        for (int i = 0; i < n; i++) {
          primary[i] = -d[i] / norm; // from x1 towards x2
        }
      }
      // the third parent's distance from the line through x1 and x2
      double[] v = new double[n];
      for (int i = 0; i < n; i++) {
        v[i] = parents[2][i] - x1[i];
      }
      subtractProjection(v, primary);
      double distance = Math.sqrt(dot(v, v));
      double sigma = sigmaEta.orElse(0.35 / Math.sqrt(n));
      for (double[] basis : orthonormalComplement(primary, n)) {
        double eta = rng.nextGaussian() * sigma * distance;
        for (int i = 0; i < n; i++) {
          child[i] += eta * basis[i];
        }
      }
      return child;
    }

    /**
     * {@code n - 1} orthonormal vectors orthogonal to the unit vector {@code primary} (or to the
     * first axis when it is zero), by Gram-Schmidt over the axes.
     */
    static double[][] orthonormalComplement(double[] primary, int n) {
      double[][] basis = new double[n][];
      int count = 0;
      boolean zero = dot(primary, primary) == 0;
      basis[count++] = zero ? axis(0, n) : primary.clone();
      for (int axis = zero ? 1 : 0; axis < n && count < n; axis++) {
        double[] v = axis(axis, n);
        for (int k = 0; k < count; k++) {
          subtractProjection(v, basis[k]);
        }
        double length = Math.sqrt(dot(v, v));
        if (length > 1e-8) {
          for (int i = 0; i < n; i++) {
            v[i] /= length;
          }
          basis[count++] = v;
        }
      }
      return java.util.Arrays.copyOfRange(basis, 1, count);
    }

    private static double[] axis(int index, int n) {
      double[] v = new double[n];
      v[index] = 1;
      return v;
    }

    private static void subtractProjection(double[] v, double[] unit) {
      double p = dot(v, unit);
      for (int i = 0; i < v.length; i++) {
        v[i] -= p * unit[i];
      }
    }

    private static double dot(double[] a, double[] b) {
      double s = 0;
      for (int i = 0; i < a.length; i++) {
        s += a[i] * b[i];
      }
      return s;
    }
  }

  /**
   * Simplex crossover (Tsutsui et al. 1999) of three parents: a child uniform in their simplex
   * expanded about its centroid by {@code epsilon} (empty: {@code sqrt(n + 2)}).
   */
  record Spx(OptionalDouble epsilon) implements Crossover {
    public Spx {
      if (epsilon.isPresent() && (!(epsilon.getAsDouble() > 0)
          || Double.isInfinite(epsilon.getAsDouble()))) {
        throw new IllegalArgumentException("epsilon must be finite and > 0, got "
            + epsilon.getAsDouble());
      }
    }

    @Override
    public int parents() {
      return 3;
    }

    @Override
    public double[] cross(double[][] parents, SplittableRandom rng, boolean multiObjective) {
      int n = parents[0].length;
      int k = parents.length;
      double e = epsilon.orElse(Math.sqrt(n + 2));
      double[][] expanded = new double[k][n];
      for (int i = 0; i < n; i++) {
        double centroid = 0;
        for (double[] p : parents) {
          centroid += p[i];
        }
        centroid /= k;
        for (int j = 0; j < k; j++) {
          expanded[j][i] = centroid + e * (parents[j][i] - centroid);
        }
      }
      double[] c = new double[n];
      for (int j = 1; j < k; j++) {
        double r = Math.pow(rng.nextDouble(), 1.0 / j);
        for (int i = 0; i < n; i++) {
          c[i] = r * (expanded[j - 1][i] - expanded[j][i] + c[i]);
        }
      }
      for (int i = 0; i < n; i++) {
        c[i] += expanded[k - 1][i];
      }
      return c;
    }
  }

  /** With probability 1/2 one of the two crossed values, else one of the parents' values. */
  private static double pickGene(SplittableRandom rng, double c1, double c2, double x1, double x2) {
    boolean crossed = rng.nextDouble() < 0.5;
    boolean first = rng.nextDouble() < 0.5;
    return crossed ? (first ? c1 : c2) : (first ? x1 : x2);
  }

  /** The SBX distribution index: as given, else 20 for several objectives and 2 for one. */
  private static double distributionIndex(OptionalDouble eta, boolean multiObjective) {
    return eta.orElse(multiObjective ? 20 : 2);
  }

  private static void checkEta(OptionalDouble eta) {
    if (eta.isPresent() && (!(eta.getAsDouble() >= 0) || Double.isInfinite(eta.getAsDouble()))) {
      throw new IllegalArgumentException("eta must be finite and >= 0, got " + eta.getAsDouble());
    }
  }
}
