package dev.jtune.nn.train;

import dev.jtune.nn.model.Task;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * The metrics of a network's raw outputs on labelled data, computed in Java in double precision.
 * Outputs are row-major, {@link Task#outputs()} per sample: a logit (binary), logits
 * (multi-class) or a prediction (regression).
 *
 * @param values every metric that applies to the task
 */
public record Evaluation(Map<Metric, Double> values) {

  public Evaluation {
    values = Collections.unmodifiableMap(new EnumMap<>(values));
  }

  /** A metric's value. @throws IllegalArgumentException if the task does not have it */
  public double get(Metric metric) {
    Double v = values.get(metric);
    if (v == null) {
      throw new IllegalArgumentException("metric " + metric.label() + " was not computed; this "
          + "evaluation has " + values.keySet());
    }
    return v;
  }

  /**
   * Scores outputs against labels for a task. Outputs that are not all finite come from a network
   * that diverged: every metric is then NaN (not, say, an AUC of 1.0 from the rank order NaNs
   * happen to get), so no such epoch can be kept as the best.
   */
  public static Evaluation of(Task task, float[] outputs, float[] labels) {
    int n = labels.length;
    if (outputs.length != n * task.outputs()) {
      throw new IllegalArgumentException(outputs.length + " outputs for " + n + " labels of "
          + task);
    }
    if (n == 0) {
      throw new IllegalArgumentException("cannot evaluate on 0 samples");
    }
    Map<Metric, Double> v = new EnumMap<>(Metric.class);
    if (!allFinite(outputs)) {
      for (Metric metric : Metric.values()) {
        if (metric.appliesTo(task)) {
          v.put(metric, Double.NaN);
        }
      }
      return new Evaluation(v);
    }
    switch (task.kind()) {
      case BINARY -> {
        double loss = 0;
        int correct = 0;
        for (int i = 0; i < n; i++) {
          double z = outputs[i];
          double y = labels[i];
          loss += Math.max(z, 0) - z * y + Math.log1p(Math.exp(-Math.abs(z)));
          correct += (z > 0 ? 1 : 0) == (int) y ? 1 : 0;
        }
        v.put(Metric.LOSS, loss / n);
        v.put(Metric.ACCURACY, (double) correct / n);
        v.put(Metric.AUC, auc(outputs, labels));
      }
      case MULTICLASS -> {
        int k = task.outputs();
        double loss = 0;
        int correct = 0;
        for (int i = 0; i < n; i++) {
          int best = 0;
          double max = Double.NEGATIVE_INFINITY;
          for (int c = 0; c < k; c++) {
            if (outputs[i * k + c] > max) {
              max = outputs[i * k + c];
              best = c;
            }
          }
          double sum = 0;
          for (int c = 0; c < k; c++) {
            sum += Math.exp(outputs[i * k + c] - max);
          }
          int y = (int) labels[i];
          loss += max + Math.log(sum) - outputs[i * k + y];
          correct += best == y ? 1 : 0;
        }
        v.put(Metric.LOSS, loss / n);
        v.put(Metric.ACCURACY, (double) correct / n);
      }
      case REGRESSION -> {
        double se = 0;
        double ae = 0;
        for (int i = 0; i < n; i++) {
          double d = outputs[i] - labels[i];
          se += d * d;
          ae += Math.abs(d);
        }
        v.put(Metric.LOSS, se / n);
        v.put(Metric.MSE, se / n);
        v.put(Metric.MAE, ae / n);
      }
      default -> throw new IllegalStateException(task.kind().toString());
    }
    return new Evaluation(v);
  }

  /**
   * Mann–Whitney AUC with mid-ranks for ties; NaN when one class is absent (the area is undefined:
   * scikit-learn's {@code roc_auc_score} refuses such labels, and 0.5 would rank as a real score;
   * {@link TrainingObjective} refuses validation data that would give it). The rows are ordered
   * by score ({@link Float#compare}'s order) with one primitive sort of (score, row) pairs packed
   * into longs: it runs every epoch, and sorting boxed row numbers with a comparator cost the JIT
   * a large compilation of {@code TimSort} in the first study.
   */
  static double auc(float[] scores, float[] labels) {
    int n = labels.length;
    long[] packed = new long[n];
    for (int i = 0; i < n; i++) {
      packed[i] = ((long) sortableBits(scores[i]) << 32) | i;
    }
    Arrays.sort(packed);
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = (int) packed[i];
    }
    double rankSumPositive = 0;
    long positives = 0;
    int i = 0;
    while (i < n) {
      int j = i;
      while (j + 1 < n && scores[order[j + 1]] == scores[order[i]]) {
        j++;
      }
      double midRank = (i + j) / 2.0 + 1;
      for (int k = i; k <= j; k++) {
        if (labels[order[k]] > 0.5f) {
          rankSumPositive += midRank;
          positives++;
        }
      }
      i = j + 1;
    }
    long negatives = n - positives;
    if (positives == 0 || negatives == 0) {
      return Double.NaN;
    }
    return (rankSumPositive - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
  }

  /** Whether the evaluation's outputs were finite: false when every metric is NaN. */
  public boolean finite() {
    return !Double.isNaN(get(Metric.LOSS));
  }

  private static boolean allFinite(float[] outputs) {
    for (float o : outputs) {
      if (!Float.isFinite(o)) {
        return false;
      }
    }
    return true;
  }

  /** An int whose signed order is {@link Float#compare}'s order of the floats (NaN last). */
  static int sortableBits(float f) {
    int bits = Float.floatToIntBits(f);
    return bits ^ ((bits >> 31) & 0x7fffffff);
  }
}
