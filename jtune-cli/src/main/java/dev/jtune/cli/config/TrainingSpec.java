package dev.jtune.cli.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The training sections of a study file ({@code data}, {@code model}, {@code training}, and the
 * {@code objective}'s {@code metric}, or its {@code metrics} for several objectives: the first
 * is {@code metric}, the rest {@code otherScores}), validated but not yet bound to a training library: the
 * {@code jtune-nn} module turns it into a {@code TrainingObjective} (data loader, hyper-model,
 * training plan). The names follow jtune-nn's: {@code SyntheticClassification}, {@code CsvFormat},
 * {@code IdxLoader}, {@code MlpHyperModel}, {@code CnnHyperModel}, {@code OptimizerChoice},
 * {@code LearningRateSchedule}, {@code EarlyStopping}, {@code Metric}.
 */
public record TrainingSpec(DataSpec data, ModelSpec model, Settings training, String metric,
    List<String> otherScores) {

  public TrainingSpec {
    otherScores = List.copyOf(otherScores);
  }

  /** A study of one objective, the metric. */
  public TrainingSpec(DataSpec data, ModelSpec model, Settings training, String metric) {
    this(data, model, training, metric, List.of());
  }

  /**
   * The study's objectives as jtune-nn names them: {@code val_METRIC}, then the other scores
   * ({@code val_loss}, {@code parameters}, ...).
   */
  public List<String> scoreLabels() {
    List<String> all = new java.util.ArrayList<>();
    all.add("val_" + metric);
    all.addAll(otherScores);
    return List.copyOf(all);
  }

  /** Where the examples come from, and how they are split. */
  public sealed interface DataSpec {
    /** The holdout split: fractions for validation and test, and the shuffling seed. */
    Split split();

    /** Generated classification data (scikit-learn's make_classification). */
    record Synthetic(int samples, int features, int classes, long seed, Split split)
        implements DataSpec {}

    /**
     * A CSV file with a header; {@code label} is the target column; {@code standardize}: the
     * numeric columns are standardized inside each network, with statistics of the rows it
     * trains on (jtune-nn's {@code HyperModel.withInputNormalization}).
     */
    record Csv(Path path, String label, List<String> categorical, boolean regression,
        boolean standardize, Split split) implements DataSpec {}

    /** IDX files (the MNIST format): images and labels. */
    record Idx(Path images, Path labels, Split split) implements DataSpec {}
  }

  /**
   * How the examples are split: the test fraction held out from the search, and either a
   * validation fraction (a holdout) or {@code folds >= 2} (k-fold cross-validation of the rest,
   * {@code validation} then 0); the shuffling seed.
   */
  public record Split(double validation, double test, long seed, int folds) {
    /** A holdout split. */
    public Split(double validation, double test, long seed) {
      this(validation, test, seed, 0);
    }

    /** Whether trials are scored by k-fold cross-validation. */
    public boolean crossValidated() {
      return folds >= 2;
    }
  }

  /** The model family and the ranges of its structural hyperparameters. */
  public sealed interface ModelSpec {
    /** A multilayer perceptron: layers in [minLayers, maxLayers], each with a width from units. */
    record Mlp(int minLayers, int maxLayers, List<Integer> units, List<String> activations,
        double maxDropout, boolean batchNorm) implements ModelSpec {}

    /**
     * A convolutional net: blocks in [minBlocks, maxBlocks], each with a filter count from
     * filters, an odd kernel size from kernels and a pooling from poolings ("max", "avg"); a dense
     * layer with a width from dense, dropout up to maxDropout, batch normalization per block tuned
     * when batchNorm.
     */
    record Cnn(int minBlocks, int maxBlocks, List<Integer> filters, List<Integer> kernels,
        List<String> poolings, List<Integer> dense, double maxDropout, boolean batchNorm)
        implements ModelSpec {}
  }

  /**
   * How a trial trains: epochs, the optimizers and learning-rate range searched, the batch sizes,
   * a learning-rate schedule and early stopping; where the members of a population-based study
   * keep their checkpoints ({@code training.checkpoints}, resolved against the study file's
   * folder), if the file says; how many networks each trial trains and averages
   * ({@code training.executions}, Keras Tuner's {@code executions_per_trial}); and whether the best
   * model judged on the test part is first refitted on the training and validation rows together
   * ({@code training.refit}; always with folds).
   */
  public record Settings(int epochs, List<String> optimizers, double lrLow, double lrHigh,
      List<Integer> batchSizes, Schedule schedule, Optional<EarlyStop> earlyStopping,
      Optional<java.nio.file.Path> checkpoints, int executions, boolean refit) {

    public Settings {
      if (executions < 1) {
        throw new IllegalArgumentException("executions=" + executions + " must be >= 1");
      }
    }

    /** Settings without a refit of the best model. */
    public Settings(int epochs, List<String> optimizers, double lrLow, double lrHigh,
        List<Integer> batchSizes, Schedule schedule, Optional<EarlyStop> earlyStopping,
        Optional<java.nio.file.Path> checkpoints, int executions) {
      this(epochs, optimizers, lrLow, lrHigh, batchSizes, schedule, earlyStopping, checkpoints,
          executions, false);
    }

    /** Settings of one execution per trial. */
    public Settings(int epochs, List<String> optimizers, double lrLow, double lrHigh,
        List<Integer> batchSizes, Schedule schedule, Optional<EarlyStop> earlyStopping,
        Optional<java.nio.file.Path> checkpoints) {
      this(epochs, optimizers, lrLow, lrHigh, batchSizes, schedule, earlyStopping, checkpoints, 1);
    }

    /** Settings of one execution per trial, without a checkpoint directory. */
    public Settings(int epochs, List<String> optimizers, double lrLow, double lrHigh,
        List<Integer> batchSizes, Schedule schedule, Optional<EarlyStop> earlyStopping) {
      this(epochs, optimizers, lrLow, lrHigh, batchSizes, schedule, earlyStopping,
          Optional.empty());
    }
  }

  /** A learning-rate schedule by name with its settings (jtune-nn's LearningRateSchedule). */
  public record Schedule(String name, java.util.Map<String, Double> settings) {}

  /** Early stopping on the monitored metric. */
  public record EarlyStop(int patience, double minDelta, boolean restoreBest) {}
}
