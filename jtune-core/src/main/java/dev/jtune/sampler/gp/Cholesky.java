package dev.jtune.sampler.gp;

/**
 * Cholesky factorization {@code A = L L^T} of a symmetric positive-definite matrix and the
 * triangular solves built on it. Matrices are dense, row-major {@code double[n * n]}; only the lower
 * triangle of the input is read. Loops are written as AXPYs over contiguous rows so that the JIT can
 * vectorize them.
 */
final class Cholesky {
  private final int n;
  /** L in the lower triangle, row-major; the strict upper triangle is zero. */
  private final double[] l;

  private Cholesky(int n, double[] l) {
    this.n = n;
    this.l = l;
  }

  /**
   * Factors {@code a} (lower triangle read; not modified).
   *
   * @return the factor, or {@code null} if {@code a} is not numerically positive definite
   */
  static Cholesky factor(double[] a, int n) {
    double[] l = new double[n * n];
    for (int i = 0; i < n; i++) {
      System.arraycopy(a, i * n, l, i * n, i + 1);
    }
    double[] column = new double[n];
    for (int k = 0; k < n; k++) {
      double pivot = l[k * n + k];
      if (!(pivot > 0) || Double.isInfinite(pivot)) {
        return null;
      }
      double root = Math.sqrt(pivot);
      l[k * n + k] = root;
      double inv = 1 / root;
      for (int i = k + 1; i < n; i++) {
        double v = l[i * n + k] * inv;
        l[i * n + k] = v;
        column[i] = v;
      }
      for (int i = k + 1; i < n; i++) {
        double f = column[i];
        if (f == 0) {
          continue;
        }
        int row = i * n;
        for (int j = k + 1; j <= i; j++) {
          l[row + j] -= f * column[j];
        }
      }
    }
    return new Cholesky(n, l);
  }

  /**
   * Extends the factor of {@code A} to the factor of {@code [[A, B], [B^T, D]]}, where {@code b} is
   * {@code n x r} row-major and {@code d} is {@code r x r} (lower triangle read).
   *
   * @return the factor, or {@code null} if the extended matrix is not positive definite
   */
  Cholesky extend(double[] b, double[] d, int r) {
    int m = n + r;
    // L21^T = L^{-1} B  (n x r)
    double[] l21t = b.clone();
    solveLowerInPlace(l21t, r);
    double[] schur = new double[r * r];
    for (int i = 0; i < r; i++) {
      for (int j = 0; j <= i; j++) {
        double s = d[i * r + j];
        for (int k = 0; k < n; k++) {
          s -= l21t[k * r + i] * l21t[k * r + j];
        }
        schur[i * r + j] = s;
      }
    }
    Cholesky l22 = factor(schur, r);
    if (l22 == null) {
      return null;
    }
    double[] out = new double[m * m];
    for (int i = 0; i < n; i++) {
      System.arraycopy(l, i * n, out, i * m, i + 1);
    }
    for (int i = 0; i < r; i++) {
      int row = (n + i) * m;
      for (int k = 0; k < n; k++) {
        out[row + k] = l21t[k * r + i];
      }
      System.arraycopy(l22.l, i * r, out, row + n, i + 1);
    }
    return new Cholesky(m, out);
  }

  int size() {
    return n;
  }

  /** {@code sum log L_ii = log det(A) / 2}. */
  double halfLogDet() {
    double s = 0;
    for (int i = 0; i < n; i++) {
      s += Math.log(l[i * n + i]);
    }
    return s;
  }

  /** Overwrites {@code b} (length n) with {@code L^{-1} b}. */
  void solveLower(double[] b) {
    for (int i = 0; i < n; i++) {
      int row = i * n;
      double s = b[i];
      for (int k = 0; k < i; k++) {
        s -= l[row + k] * b[k];
      }
      b[i] = s / l[row + i];
    }
  }

  /** Overwrites {@code b} (length n) with {@code L^{-T} b}. */
  void solveUpper(double[] b) {
    for (int i = n - 1; i >= 0; i--) {
      double v = b[i] / l[i * n + i];
      b[i] = v;
      for (int k = 0; k < i; k++) {
        b[k] -= l[i * n + k] * v;
      }
    }
  }

  /** Overwrites {@code b} (length n) with {@code A^{-1} b}. */
  void solve(double[] b) {
    solveLower(b);
    solveUpper(b);
  }

  /** Overwrites {@code b} ({@code n x m} row-major) with {@code L^{-1} b}, column by column. */
  void solveLowerInPlace(double[] b, int m) {
    for (int i = 0; i < n; i++) {
      int row = i * m;
      for (int k = 0; k < i; k++) {
        double f = l[i * n + k];
        if (f == 0) {
          continue;
        }
        int other = k * m;
        for (int j = 0; j < m; j++) {
          b[row + j] -= f * b[other + j];
        }
      }
      double inv = 1 / l[i * n + i];
      for (int j = 0; j < m; j++) {
        b[row + j] *= inv;
      }
    }
  }

  /** {@code A^{-1}}, full and symmetric, row-major. */
  double[] inverse() {
    // Rows of L^{-1}: row_i = (e_i - sum_{k<i} L_ik row_k) / L_ii.
    double[] li = new double[n * n];
    for (int i = 0; i < n; i++) {
      int row = i * n;
      for (int k = 0; k < i; k++) {
        double f = l[row + k];
        if (f == 0) {
          continue;
        }
        int other = k * n;
        for (int j = 0; j <= k; j++) {
          li[row + j] -= f * li[other + j];
        }
      }
      double inv = 1 / l[row + i];
      for (int j = 0; j < i; j++) {
        li[row + j] *= inv;
      }
      li[row + i] = inv;
    }
    // A^{-1} = L^{-T} L^{-1} = sum_k row_k^T row_k; lower triangle first, then mirror.
    double[] out = new double[n * n];
    for (int k = 0; k < n; k++) {
      int rk = k * n;
      for (int i = 0; i <= k; i++) {
        double f = li[rk + i];
        if (f == 0) {
          continue;
        }
        int row = i * n;
        for (int j = 0; j <= i; j++) {
          out[row + j] += f * li[rk + j];
        }
      }
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < i; j++) {
        out[j * n + i] = out[i * n + j];
      }
    }
    return out;
  }
}
