package dev.jtune.sampler.tpe;

import java.util.SplittableRandom;

/**
 * Optuna's categorical kernel: component {@code j} puts weight 1 on its observed choice plus
 * {@code priorWeight / components} on every choice, normalized; the prior component is uniform.
 * The smoothing keeps every choice possible however often one was observed.
 */
final class CategoricalKernel implements Kernel {
  private final double[][] probabilities;
  private final double[][] logProbabilities;

  /**
   * @param observations the observed choice indices
   * @param choices the number of choices
   * @param withPrior whether a last, uniform prior component is added
   * @param priorWeight the prior's weight
   */
  CategoricalKernel(double[] observations, int choices, boolean withPrior, double priorWeight) {
    int n = observations.length;
    int components = withPrior ? n + 1 : n;
    double smoothing = priorWeight / components;
    probabilities = new double[components][choices];
    logProbabilities = new double[components][choices];
    for (int j = 0; j < components; j++) {
      double[] row = probabilities[j];
      java.util.Arrays.fill(row, smoothing);
      if (j < n) {
        row[(int) observations[j]] += 1;
      }
      double sum = 0;
      for (double p : row) {
        sum += p;
      }
      for (int k = 0; k < choices; k++) {
        row[k] /= sum;
        logProbabilities[j][k] = Math.log(row[k]);
      }
    }
  }

  @Override
  public int size() {
    return probabilities.length;
  }

  /** The probability of choice {@code k} under component {@code j}. */
  double probability(int j, int k) {
    return probabilities[j][k];
  }

  @Override
  public void addLogPdf(double[] samples, double[][] out) {
    for (int s = 0; s < samples.length; s++) {
      int k = (int) samples[s];
      double[] row = out[s];
      for (int j = 0; j < row.length; j++) {
        row[j] += logProbabilities[j][k];
      }
    }
  }

  @Override
  public double[] sample(int[] components, SplittableRandom random) {
    double[] out = new double[components.length];
    for (int s = 0; s < components.length; s++) {
      double[] row = probabilities[components[s]];
      double u = random.nextDouble();
      double cumulative = 0;
      int k = 0;
      while (k < row.length - 1) {
        cumulative += row[k];
        if (cumulative >= u) {
          break;
        }
        k++;
      }
      out[s] = k;
    }
    return out;
  }
}
