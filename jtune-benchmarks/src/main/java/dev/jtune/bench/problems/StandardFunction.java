package dev.jtune.bench.problems;

/**
 * The vector test functions of the suite, exactly as {@code problems.py} defines them (constants
 * included). Each maps a point, in the order of its problem's parameters, to its value.
 */
enum StandardFunction {
  /** Branin-Hoo on two variables. */
  BRANIN {
    @Override
    double value(double[] x) {
      double b = 5.1 / (4 * Math.PI * Math.PI);
      double c = 5.0 / Math.PI;
      double t = 1.0 / (8 * Math.PI);
      double inner = x[1] - b * x[0] * x[0] + c * x[0] - 6.0;
      return inner * inner + 10.0 * (1 - t) * Math.cos(x[0]) + 10.0;
    }
  },
  /** Hartmann on six variables, the standard alpha, A and P. */
  HARTMANN6 {
    private final double[] alpha = {1.0, 1.2, 3.0, 3.2};
    private final double[][] a = {
        {10, 3, 17, 3.50, 1.7, 8},
        {0.05, 10, 17, 0.1, 8, 14},
        {3, 3.5, 1.7, 10, 17, 8},
        {17, 8, 0.05, 10, 0.1, 14}};
    private final double[][] p = {
        {1312, 1696, 5569, 124, 8283, 5886},
        {2329, 4135, 8307, 3736, 1004, 9991},
        {2348, 1451, 3522, 2883, 3047, 6650},
        {4047, 8828, 8732, 5743, 1091, 381}};

    @Override
    double value(double[] x) {
      double sum = 0;
      for (int i = 0; i < 4; i++) {
        double inner = 0;
        for (int j = 0; j < 6; j++) {
          double d = x[j] - 1e-4 * p[i][j];
          inner += a[i][j] * d * d;
        }
        sum += alpha[i] * Math.exp(-inner);
      }
      return -sum;
    }
  },
  /** Rosenbrock in any dimension. */
  ROSENBROCK {
    @Override
    double value(double[] x) {
      double sum = 0;
      for (int i = 0; i + 1 < x.length; i++) {
        double a = x[i + 1] - x[i] * x[i];
        double b = x[i] - 1.0;
        sum += 100.0 * a * a + b * b;
      }
      return sum;
    }
  },
  /** Ackley in any dimension, a = 20, b = 0.2, c = 2 pi. */
  ACKLEY {
    @Override
    double value(double[] x) {
      double squares = 0;
      double cosines = 0;
      for (double xi : x) {
        squares += xi * xi;
        cosines += Math.cos(2 * Math.PI * xi);
      }
      int d = x.length;
      return -20.0 * Math.exp(-0.2 * Math.sqrt(squares / d)) - Math.exp(cosines / d) + 20.0 + Math.E;
    }
  },
  /** Levy in any dimension. */
  LEVY {
    @Override
    double value(double[] x) {
      int d = x.length;
      double[] w = new double[d];
      for (int i = 0; i < d; i++) {
        w[i] = 1.0 + (x[i] - 1.0) / 4.0;
      }
      double first = Math.sin(Math.PI * w[0]);
      double sum = first * first;
      for (int i = 0; i < d - 1; i++) {
        double s = Math.sin(Math.PI * w[i] + 1);
        sum += (w[i] - 1) * (w[i] - 1) * (1 + 10 * s * s);
      }
      double last = Math.sin(2 * Math.PI * w[d - 1]);
      return sum + (w[d - 1] - 1) * (w[d - 1] - 1) * (1 + last * last);
    }
  },
  /** Styblinski-Tang in any dimension, {@code 0.5 * sum(x^4 - 16 x^2 + 5 x)}. */
  STYBLINSKI_TANG {
    @Override
    double value(double[] x) {
      double sum = 0;
      for (double xi : x) {
        sum += xi * xi * xi * xi - 16 * xi * xi + 5 * xi;
      }
      return 0.5 * sum;
    }
  };

  /** The 1-D minimizer of Styblinski-Tang: the root of {@code 4x^3 - 32x + 5 = 0} near -2.9. */
  static final double STYBLINSKI_TANG_X_OPT = -2.903534027771178;

  /** The function's value at {@code x}. */
  abstract double value(double[] x);
}
