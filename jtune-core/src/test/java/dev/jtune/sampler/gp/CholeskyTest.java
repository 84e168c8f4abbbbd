package dev.jtune.sampler.gp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CholeskyTest {
  @Test
  void solvesInvertsAndExtends() {
    int n = 12;
    double[] a = spd(n, new SplittableRandom(3));
    Cholesky chol = Cholesky.factor(a, n);
    double[] inverse = chol.inverse();
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double s = 0;
        for (int k = 0; k < n; k++) {
          s += a[i * n + k] * inverse[k * n + j];
        }
        assertThat(s).isCloseTo(i == j ? 1 : 0, within(1e-10));
      }
    }
    double[] b = new double[n];
    for (int i = 0; i < n; i++) {
      b[i] = i - 3.5;
    }
    double[] xs = b.clone();
    chol.solve(xs);
    for (int i = 0; i < n; i++) {
      double s = 0;
      for (int k = 0; k < n; k++) {
        s += a[i * n + k] * xs[k];
      }
      assertThat(s).isCloseTo(b[i], within(1e-10));
    }
    // log det of A = 2 sum log L_ii, against the determinant by elimination of the 12x12.
    assertThat(2 * chol.halfLogDet()).isCloseTo(Math.log(determinant(a, n)), within(1e-9));

    int m = 8;
    Cholesky head = Cholesky.factor(topLeft(a, n, m), m);
    double[] border = new double[m * (n - m)];
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n - m; j++) {
        border[i * (n - m) + j] = a[i * n + m + j];
      }
    }
    double[] corner = new double[(n - m) * (n - m)];
    for (int i = 0; i < n - m; i++) {
      for (int j = 0; j < n - m; j++) {
        corner[i * (n - m) + j] = a[(m + i) * n + m + j];
      }
    }
    Cholesky extended = head.extend(border, corner, n - m);
    assertThat(extended.halfLogDet()).isCloseTo(chol.halfLogDet(), within(1e-10));
  }

  @Test
  void refusesAMatrixThatIsNotPositiveDefinite() {
    assertThat(Cholesky.factor(new double[] {1, 2, 2, 1}, 2)).isNull();
  }

  private static double[] spd(int n, SplittableRandom rng) {
    double[] m = new double[n * n];
    for (int i = 0; i < n * n; i++) {
      m[i] = rng.nextDouble(-1, 1);
    }
    double[] a = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double s = i == j ? n : 0;
        for (int k = 0; k < n; k++) {
          s += m[i * n + k] * m[j * n + k];
        }
        a[i * n + j] = s;
      }
    }
    return a;
  }

  private static double[] topLeft(double[] a, int n, int m) {
    double[] out = new double[m * m];
    for (int i = 0; i < m; i++) {
      System.arraycopy(a, i * n, out, i * m, m);
    }
    return out;
  }

  private static double determinant(double[] a, int n) {
    double[] m = a.clone();
    double det = 1;
    for (int k = 0; k < n; k++) {
      det *= m[k * n + k];
      for (int i = k + 1; i < n; i++) {
        double f = m[i * n + k] / m[k * n + k];
        for (int j = k; j < n; j++) {
          m[i * n + j] -= f * m[k * n + j];
        }
      }
    }
    return det;
  }
}
