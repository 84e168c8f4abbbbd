package dev.jtune.nn.train;

import dev.jtune.study.StudyDirection;
import java.util.Locale;

/**
 * One value a training trial returns to a study of several objectives: a validation
 * {@link Metric} read at the trial's best epoch, or the size of its network. The study's first
 * objective is always a metric, the one that picks the best epoch (and that early stopping and the
 * pruner watch); the others are read at that epoch, so a trial's values describe one network, the
 * one whose weights it keeps.
 */
public sealed interface Score {

  /** The study direction that improves this score. */
  StudyDirection direction();

  /** The name in study files: {@code val_accuracy}, {@code parameters}. */
  String label();

  /** This score of a fit (one fold's, for cross-validation). */
  double of(FitResult fit);

  /** A validation metric at the best epoch (mean over the folds, cross-validated). */
  record Validation(Metric metric) implements Score {
    @Override
    public StudyDirection direction() {
      return metric.direction();
    }

    @Override
    public String label() {
      return "val_" + metric.label();
    }

    @Override
    public double of(FitResult fit) {
      return fit.best().get(metric);
    }
  }

  /**
   * The network's trainable parameters (weights and biases; batch normalization's running
   * statistics are not trained and do not count), minimized: model size against accuracy.
   */
  record Parameters() implements Score {
    @Override
    public StudyDirection direction() {
      return StudyDirection.MINIMIZE;
    }

    @Override
    public String label() {
      return "parameters";
    }

    @Override
    public double of(FitResult fit) {
      return fit.parameters();
    }
  }

  /**
   * The score a study file names: a metric as {@link Metric#parse} reads it, or
   * {@code parameters} (also {@code params}).
   *
   * @throws IllegalArgumentException for any other name, listing the known ones
   */
  static Score parse(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.equals("parameters") || lower.equals("params")) {
      return new Parameters();
    }
    try {
      return new Validation(Metric.parse(lower));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown score '" + name + "'; known: val_loss, "
          + "val_accuracy, val_auc, val_mse, val_mae, parameters", e);
    }
  }
}
