package dev.jtune.nn.model;

import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import dev.jtune.nn.optim.OptimizerChoice;
import dev.jtune.nn.schedule.BatchSizeSchedule;
import dev.jtune.nn.schedule.LearningRateSchedule;
import dev.jtune.nn.train.EarlyStopping;
import dev.jtune.nn.train.TrainingPlan;
import dev.jtune.trial.Trial;
import java.util.List;

/**
 * A tunable multi-layer perceptron: {@code n_layers} hidden blocks of
 * {@code Dense(units_l{i}) → [BatchNorm] → activation → [Dropout]}, then a dense output layer of
 * {@link Task#outputs()} units. Hyperparameters asked of the trial (a range with one value is not
 * asked, it is used as is):
 *
 * <ul>
 *   <li>{@code n_layers}: int in {@code [minLayers, maxLayers]};
 *   <li>{@code units_l0}, {@code units_l1}, ...: one of {@code units} for each layer that exists
 *       (conditional on {@code n_layers});
 *   <li>{@code activation}: one of {@code activations};
 *   <li>{@code dropout}: float in {@code [0, maxDropout]} when {@code maxDropout > 0} (its layers
 *       are there at any rate, 0 too, so that the network's shape does not depend on it);
 *   <li>{@code batch_norm}: boolean when {@code tuneBatchNorm};
 *   <li>the optimizer's parameters ({@link OptimizerChoice}: {@code optimizer}, {@code lr}, ...);
 *   <li>{@code batch_size}: one of {@code batchSizes}, unless the optimizer is full-batch gradient
 *       descent ({@code gd}), which steps on every row.
 * </ul>
 *
 * @param minLayers the fewest hidden layers, at least 0
 * @param maxLayers the most hidden layers
 * @param units the widths a hidden layer may have
 * @param activations activation labels ({@link Activation#label()})
 * @param maxDropout the largest dropout rate, 0 for no dropout
 * @param tuneBatchNorm whether batch normalisation is a hyperparameter (else never used)
 * @param optimizers the optimizer choice
 * @param batchSizes the batch sizes to choose among
 * @param schedule the learning-rate schedule every trial uses
 * @param earlyStopping early stopping for every trial, or {@code null}
 */
public record MlpHyperModel(int minLayers, int maxLayers, List<Integer> units,
    List<String> activations, double maxDropout, boolean tuneBatchNorm,
    OptimizerChoice optimizers, List<Integer> batchSizes, LearningRateSchedule schedule,
    EarlyStopping earlyStopping) implements HyperModel {

  public MlpHyperModel {
    if (minLayers < 0 || maxLayers < minLayers) {
      throw new IllegalArgumentException("need 0 <= minLayers=" + minLayers + " <= maxLayers="
          + maxLayers);
    }
    java.util.Objects.requireNonNull(optimizers, "optimizers");
    java.util.Objects.requireNonNull(schedule, "schedule");
    units = ChoiceLists.positive("units", units);
    activations = ChoiceLists.nonEmpty("activations", activations);
    batchSizes = ChoiceLists.positive("batchSizes", batchSizes);
    activations.forEach(Activation::of);
    if (!(maxDropout >= 0 && maxDropout < 1)) {
      throw new IllegalArgumentException("maxDropout=" + maxDropout + " must be in [0, 1)");
    }
  }

  /**
   * The seed example's space: 1–3 layers of 32/64/128/256 ReLU units, SGD/Adam/RMSprop at a
   * learning rate in {@code [1e-4, 1e-1]}, batch size 16/32/64, no dropout or batch norm.
   */
  public static MlpHyperModel seedExample() {
    return new MlpHyperModel(1, 3, List.of(32, 64, 128, 256), List.of("relu"), 0, false,
        OptimizerChoice.of(1e-4, 1e-1, "sgd", "adam", "rmsprop").withTunedExtras(false),
        List.of(16, 32, 64),
        LearningRateSchedule.constant(), null);
  }

  public MlpHyperModel withLayers(int min, int max, Integer... widths) {
    return new MlpHyperModel(min, max, java.util.Arrays.asList(widths), activations, maxDropout,
        tuneBatchNorm, optimizers, batchSizes, schedule, earlyStopping);
  }

  public MlpHyperModel withActivations(String... labels) {
    return new MlpHyperModel(minLayers, maxLayers, units, java.util.Arrays.asList(labels),
        maxDropout, tuneBatchNorm, optimizers, batchSizes, schedule, earlyStopping);
  }

  public MlpHyperModel withRegularization(double maxDropout, boolean tuneBatchNorm) {
    return new MlpHyperModel(minLayers, maxLayers, units, activations, maxDropout, tuneBatchNorm,
        optimizers, batchSizes, schedule, earlyStopping);
  }

  public MlpHyperModel withOptimizers(OptimizerChoice choice) {
    return new MlpHyperModel(minLayers, maxLayers, units, activations, maxDropout, tuneBatchNorm,
        choice, batchSizes, schedule, earlyStopping);
  }

  public MlpHyperModel withBatchSizes(Integer... sizes) {
    return new MlpHyperModel(minLayers, maxLayers, units, activations, maxDropout, tuneBatchNorm,
        optimizers, java.util.Arrays.asList(sizes), schedule, earlyStopping);
  }

  public MlpHyperModel withSchedule(LearningRateSchedule s) {
    return new MlpHyperModel(minLayers, maxLayers, units, activations, maxDropout, tuneBatchNorm,
        optimizers, batchSizes, s, earlyStopping);
  }

  public MlpHyperModel withEarlyStopping(EarlyStopping e) {
    return new MlpHyperModel(minLayers, maxLayers, units, activations, maxDropout, tuneBatchNorm,
        optimizers, batchSizes, schedule, e);
  }

  @Override
  public Block build(Trial trial, Task task) {
    int layers = minLayers == maxLayers ? minLayers : trial.suggestInt("n_layers", minLayers,
        maxLayers);
    int[] widths = new int[layers];
    for (int i = 0; i < layers; i++) {
      widths[i] = units.size() == 1 ? units.get(0)
          : trial.suggestCategorical("units_l" + i, units);
    }
    Activation activation = Activation.of(activations.size() == 1 ? activations.get(0)
        : trial.suggestCategorical("activation", activations));
    double dropout = maxDropout > 0 ? trial.suggestFloat("dropout", 0, maxDropout) : 0;
    boolean batchNorm = tuneBatchNorm && trial.suggestBoolean("batch_norm");
    // a tuned dropout keeps its layers at rate 0: the network's shape must not depend on the
    // rate, which population-based training changes while a member trains
    return network(task, widths, activation, dropout, batchNorm, maxDropout > 0);
  }

  /**
   * The network of given widths, without asking a trial: for fixed models and benchmarks. A
   * dropout of 0 adds no dropout layers.
   */
  public static SequentialBlock network(Task task, int[] widths, Activation activation,
      double dropout, boolean batchNorm) {
    return network(task, widths, activation, dropout, batchNorm, dropout > 0);
  }

  private static SequentialBlock network(Task task, int[] widths, Activation activation,
      double dropout, boolean batchNorm, boolean dropoutLayers) {
    SequentialBlock net = new SequentialBlock();
    if (task.inputShape().length > 1) {
      net.add(Blocks.batchFlattenBlock());
    }
    for (int width : widths) {
      net.add(Linear.builder().setUnits(width).build());
      if (batchNorm) {
        net.add(BatchNorm.builder().build());
      }
      net.add(activation.block());
      if (dropoutLayers) {
        net.add(new DropoutBlock(dropout));
      }
    }
    net.add(Linear.builder().setUnits(task.outputs()).build());
    return net;
  }

  @Override
  public TrainingPlan plan(Trial trial) {
    var optimizer = optimizers.suggest(trial);
    // full-batch gradient descent steps on every row: it has no batch size to search (the plan's
    // is unused), so its trials carry no dead batch_size dimension
    int batch = batchSizes.size() == 1 || optimizer.fullBatch() ? batchSizes.get(0)
        : trial.suggestCategorical("batch_size", batchSizes);
    return new TrainingPlan(optimizer, schedule, BatchSizeSchedule.constant(batch), earlyStopping,
        0);
  }
}
