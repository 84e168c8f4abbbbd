package dev.jtune.nn.train;

import dev.jtune.nn.model.Task;
import dev.jtune.study.StudyDirection;

/**
 * What a fit measures on the validation data. Names follow Keras: {@code loss}, {@code accuracy},
 * {@code auc}, {@code mse}, {@code mae}, and with the {@code val_} prefix for the validation split.
 */
public enum Metric {
  /** The training loss on the validation data: cross-entropy, or mean squared error. */
  LOSS("loss", false),
  /** The fraction of correctly classified samples (classification). */
  ACCURACY("accuracy", true),
  /** The area under the ROC curve (binary classification), ties counted half. */
  AUC("auc", true),
  /** Mean squared error (regression). */
  MSE("mse", false),
  /** Mean absolute error (regression). */
  MAE("mae", false);

  private final String label;
  private final boolean higherIsBetter;

  Metric(String label, boolean higherIsBetter) {
    this.label = label;
    this.higherIsBetter = higherIsBetter;
  }

  /** Keras's name without prefix ({@code "accuracy"}). */
  public String label() {
    return label;
  }

  /** Whether larger values are better. */
  public boolean higherIsBetter() {
    return higherIsBetter;
  }

  /** Whether {@code value} is better than {@code best} (NaN is never better; anything beats NaN). */
  public boolean better(double value, double best) {
    if (Double.isNaN(value)) {
      return false;
    }
    return Double.isNaN(best) || (higherIsBetter ? value > best : value < best);
  }

  /** The study direction that optimizes this metric. */
  public StudyDirection direction() {
    return higherIsBetter ? StudyDirection.MAXIMIZE : StudyDirection.MINIMIZE;
  }

  /** Whether a fit on this task computes the metric. */
  public boolean appliesTo(Task task) {
    return switch (this) {
      case LOSS -> true;
      case ACCURACY -> task.kind() != Task.Kind.REGRESSION;
      case AUC -> task.kind() == Task.Kind.BINARY;
      case MSE, MAE -> task.kind() == Task.Kind.REGRESSION;
    };
  }

  /**
   * The metric a Keras name denotes: {@code "val_accuracy"}, {@code "accuracy"}, {@code "val_loss"}
   * and so on, and Keras 2's {@code "acc"} for accuracy (the {@code val_} prefix is accepted and
   * ignored: jtune always judges on validation).
   */
  public static Metric parse(String name) {
    String bare = name.startsWith("val_") ? name.substring(4) : name;
    if (bare.equals("acc")) {
      return ACCURACY;
    }
    for (Metric m : values()) {
      if (m.label.equals(bare)) {
        return m;
      }
    }
    throw new IllegalArgumentException("unknown metric '" + name + "'; known: val_loss, "
        + "val_accuracy, val_auc, val_mse, val_mae");
  }
}
