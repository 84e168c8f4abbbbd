package dev.jtune.sampler.tpe;

import java.util.SplittableRandom;

/**
 * The kernels of all components of a Parzen estimator along one parameter. Component {@code j}
 * is observation {@code j}, and the last component is the prior when the estimator has one.
 */
sealed interface Kernel permits NumericalKernel, CategoricalKernel {

  /** The number of components. */
  int size();

  /**
   * Adds, for each sample {@code s} (a model coordinate) and component {@code j}, the log density
   * (or log mass, on a grid) of the sample under the component's kernel to {@code out[s][j]}.
   */
  void addLogPdf(double[] samples, double[][] out);

  /** One model coordinate per entry of {@code components}, drawn from that component's kernel. */
  double[] sample(int[] components, SplittableRandom random);
}
