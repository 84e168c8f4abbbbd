package dev.jtune.nn.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import dev.jtune.nn.optim.OptimizerChoice;
import dev.jtune.nn.schedule.BatchSizeSchedule;
import dev.jtune.nn.schedule.LearningRateSchedule;
import dev.jtune.nn.train.EarlyStopping;
import dev.jtune.nn.train.TrainingPlan;
import dev.jtune.trial.Trial;
import java.util.List;

/**
 * A tunable convolutional network for images of shape {@code (channels, height, width)}:
 * {@code conv_blocks} blocks of {@code Conv2d(filters_b{i}, kernel_b{i} x kernel_b{i}, same
 * padding) → [BatchNorm] → ReLU → 2x2 pooling}, then flatten, {@code Dense(dense_units) → ReLU →
 * [Dropout]} and the output layer. Hyperparameters (ranges with one value are not asked):
 * {@code conv_blocks} in {@code [minBlocks, maxBlocks]}; per existing block {@code filters_b{i}}
 * and {@code kernel_b{i}}; {@code pooling} ({@code max} or {@code avg}); {@code dense_units};
 * {@code dropout} in {@code [0, maxDropout]}; with {@code tuneBatchNorm} per existing block
 * {@code batch_norm_b{i}}; the optimizer's; {@code batch_size} (not for full-batch {@code gd}).
 *
 * @param minBlocks the fewest convolution blocks, at least 1
 * @param maxBlocks the most convolution blocks (each halves height and width)
 * @param filters filter counts a block may have
 * @param kernels odd kernel sizes a block may have
 * @param poolings {@code "max"} and/or {@code "avg"}
 * @param denseUnits widths of the dense layer
 * @param maxDropout the largest dropout rate before the output, 0 for none
 * @param tuneBatchNorm whether batch normalisation is a hyperparameter
 * @param optimizers the optimizer choice
 * @param batchSizes batch sizes to choose among
 * @param schedule the learning-rate schedule
 * @param earlyStopping early stopping, or {@code null}
 */
public record CnnHyperModel(int minBlocks, int maxBlocks, List<Integer> filters,
    List<Integer> kernels, List<String> poolings, List<Integer> denseUnits, double maxDropout,
    boolean tuneBatchNorm, OptimizerChoice optimizers, List<Integer> batchSizes,
    LearningRateSchedule schedule, EarlyStopping earlyStopping) implements HyperModel {

  public CnnHyperModel {
    if (minBlocks < 1 || maxBlocks < minBlocks) {
      throw new IllegalArgumentException("need 1 <= minBlocks=" + minBlocks + " <= maxBlocks="
          + maxBlocks);
    }
    java.util.Objects.requireNonNull(optimizers, "optimizers");
    java.util.Objects.requireNonNull(schedule, "schedule");
    filters = ChoiceLists.positive("filters", filters);
    kernels = ChoiceLists.positive("kernels", kernels);
    poolings = ChoiceLists.nonEmpty("poolings", poolings);
    denseUnits = ChoiceLists.positive("denseUnits", denseUnits);
    batchSizes = ChoiceLists.positive("batchSizes", batchSizes);
    for (int k : kernels) {
      if (k < 1 || k % 2 == 0) {
        throw new IllegalArgumentException("kernel size " + k + " must be odd and positive");
      }
    }
    for (String p : poolings) {
      if (!p.equals("max") && !p.equals("avg")) {
        throw new IllegalArgumentException("pooling '" + p + "' must be 'max' or 'avg'");
      }
    }
    if (!(maxDropout >= 0 && maxDropout < 1)) {
      throw new IllegalArgumentException("maxDropout=" + maxDropout + " must be in [0, 1)");
    }
  }

  /** 1–2 blocks of 16/32/64 filters, kernels 3/5, max pooling, dense 64/128, Adam or SGD. */
  public static CnnHyperModel defaults() {
    return new CnnHyperModel(1, 2, List.of(16, 32, 64), List.of(3, 5), List.of("max"),
        List.of(64, 128), 0.5, false, OptimizerChoice.of(1e-4, 1e-2, "adam", "momentum"),
        List.of(32, 64, 128), LearningRateSchedule.constant(), null);
  }

  public CnnHyperModel withOptimizers(OptimizerChoice choice) {
    return new CnnHyperModel(minBlocks, maxBlocks, filters, kernels, poolings, denseUnits,
        maxDropout, tuneBatchNorm, choice, batchSizes, schedule, earlyStopping);
  }

  public CnnHyperModel withBatchSizes(Integer... sizes) {
    return new CnnHyperModel(minBlocks, maxBlocks, filters, kernels, poolings, denseUnits,
        maxDropout, tuneBatchNorm, optimizers, java.util.Arrays.asList(sizes), schedule,
        earlyStopping);
  }

  public CnnHyperModel withBlocks(int min, int max, Integer... filterCounts) {
    return new CnnHyperModel(min, max, List.of(filterCounts), kernels, poolings, denseUnits,
        maxDropout, tuneBatchNorm, optimizers, batchSizes, schedule, earlyStopping);
  }

  @Override
  public Block build(Trial trial, Task task) {
    int[] shape = task.inputShape();
    if (shape.length != 3) {
      throw new IllegalArgumentException("a CNN needs samples shaped (channels, height, width), "
          + "not " + java.util.Arrays.toString(shape));
    }
    int blocks = pick(trial, "conv_blocks", minBlocks, maxBlocks);
    int side = Math.min(shape[1], shape[2]);
    if (side >> blocks < 1) {
      throw new IllegalArgumentException(blocks + " pooling blocks shrink a " + side
          + "-pixel side below 1");
    }
    String pooling = one(trial, "pooling", poolings);
    SequentialBlock net = new SequentialBlock();
    for (int b = 0; b < blocks; b++) {
      int f = one(trial, "filters_b" + b, filters);
      int k = one(trial, "kernel_b" + b, kernels);
      net.add(Conv2d.builder().setFilters(f).setKernelShape(new Shape(k, k))
          .optPadding(new Shape(k / 2, k / 2)).build());
      if (tuneBatchNorm && trial.suggestBoolean("batch_norm_b" + b)) {
        net.add(BatchNorm.builder().build());
      }
      net.add(ai.djl.nn.Activation.reluBlock());
      net.add(pooling.equals("max") ? new MaxPoolBlock()
          : Pool.avgPool2dBlock(new Shape(2, 2)));
    }
    net.add(Blocks.batchFlattenBlock());
    net.add(Linear.builder().setUnits(one(trial, "dense_units", denseUnits)).build());
    net.add(ai.djl.nn.Activation.reluBlock());
    if (maxDropout > 0) {
      // at rate 0 too: the network's shape must not depend on the rate, which population-based
      // training changes while a member trains
      net.add(new DropoutBlock(trial.suggestFloat("dropout", 0, maxDropout)));
    }
    net.add(Linear.builder().setUnits(task.outputs()).build());
    return net;
  }

  @Override
  public TrainingPlan plan(Trial trial) {
    var optimizer = optimizers.suggest(trial);
    // full-batch gradient descent has no batch size to search (the plan's is unused)
    int batch = optimizer.fullBatch() ? batchSizes.get(0) : one(trial, "batch_size", batchSizes);
    return new TrainingPlan(optimizer, schedule, BatchSizeSchedule.constant(batch), earlyStopping,
        0);
  }

  private static int pick(Trial trial, String name, int low, int high) {
    return low == high ? low : trial.suggestInt(name, low, high);
  }

  private static <T> T one(Trial trial, String name, List<T> choices) {
    return choices.size() == 1 ? choices.get(0) : trial.suggestCategorical(name, choices);
  }
}
