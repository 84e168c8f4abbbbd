package dev.jtune.sampler.gp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class BoundedLbfgsTest {
  private static double rosenbrock(double[] x, double[] g) {
    double a = 1 - x[0];
    double b = x[1] - x[0] * x[0];
    g[0] = -2 * a - 400 * x[0] * b;
    g[1] = 200 * b;
    return a * a + 100 * b * b;
  }

  @Test
  void minimizesRosenbrockInsideTheBox() {
    BoundedLbfgs.Result r = BoundedLbfgs.minimize(BoundedLbfgsTest::rosenbrock,
        new double[] {-1.2, 1}, new double[] {-5, -5}, new double[] {5, 5}, 500, 1e-8);
    assertThat(r.x()[0]).isCloseTo(1, within(1e-4));
    assertThat(r.x()[1]).isCloseTo(1, within(1e-4));
  }

  @Test
  void stopsOnTheBoundWhenTheMinimumIsOutside() {
    // (x - 3)^2 + (y + 1)^2 on [0, 2] x [0, 2]: minimum at (2, 0)
    BoundedLbfgs.Result r = BoundedLbfgs.minimize((x, g) -> {
      g[0] = 2 * (x[0] - 3);
      g[1] = 2 * (x[1] + 1);
      return (x[0] - 3) * (x[0] - 3) + (x[1] + 1) * (x[1] + 1);
    }, new double[] {1, 1}, new double[] {0, 0}, new double[] {2, 2}, 100, 1e-9);
    assertThat(r.x()).containsExactly(2, 0);
    assertThat(r.value()).isCloseTo(2, within(1e-12));
  }
}
