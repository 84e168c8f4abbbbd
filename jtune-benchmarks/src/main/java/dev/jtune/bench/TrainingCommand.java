package dev.jtune.bench;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jtune.nn.TorchRuntime;
import dev.jtune.nn.data.IdxLoader;
import dev.jtune.nn.data.LabeledData;
import dev.jtune.nn.model.Activation;
import dev.jtune.nn.model.MlpHyperModel;
import dev.jtune.nn.model.Task;
import dev.jtune.nn.optim.OptimizerSpec;
import dev.jtune.nn.train.EpochRecord;
import dev.jtune.nn.train.EpochListener;
import dev.jtune.nn.train.FitLoop;
import dev.jtune.nn.train.Metric;
import dev.jtune.nn.train.TrainingPlan;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.LongSupplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The {@code training} benchmark, the counterpart of {@code torch_train.py}: Fashion-MNIST, the MLP
 * 784-256-128-10 or the CNN conv32(3x3)-pool-conv64(3x3)-pool-dense128-dense10, Adam 1e-3
 * (ε 1e-8, in the paper's form), cross-entropy, through jtune's {@link FitLoop}. One JSON line
 * per epoch and a final line; {@code samples_per_s} is measured as the peer measures it: the
 * rows of an epoch after its first 20 batches over the time from the end of the 20th batch to the
 * end of the last ({@code epoch_s}, the whole epoch's updates with the shuffle, is printed beside
 * it).
 */
@Command(name = "training", mixinStandardHelpOptions = true,
    description = "Training throughput on Fashion-MNIST, as torch_train.py measures it.")
final class TrainingCommand implements Callable<Integer> {

  /** Batches of each epoch left out of the throughput, as the peer leaves them out. */
  static final int WARM_UP_BATCHES = 20;

  @Option(names = "--max-pool", defaultValue = "jtune", description = "the CNN's max-pool: jtune "
      + "(MaxPoolBlock, oneDNN's kernel) or djl (Pool.maxPool2dBlock, libtorch's native one)")
  private String maxPool;

  @Option(names = "--model", defaultValue = "mlp", description = "mlp or cnn (default: mlp)")
  String model;

  @Option(names = "--epochs", defaultValue = "3")
  int epochs;

  @Option(names = "--threads", defaultValue = "1", description = "libtorch intra-op threads")
  int threads;

  @Option(names = "--batch", defaultValue = "128")
  int batch;

  @Option(names = "--seed", defaultValue = "42")
  long seed;

  @Option(names = "--data-dir", defaultValue = "/usr/share/datasets/fashion-mnist")
  Path dataDir;

  @Mixin
  ClockOption clockOption;

  @Override
  public Integer call() throws Exception {
    System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
    TorchRuntime.engine();
    ObjectMapper json = new ObjectMapper();
    LabeledData train = IdxLoader.standard(dataDir, true);
    LabeledData test = IdxLoader.standard(dataDir, false);
    boolean cnn = model.equals("cnn");
    if (!maxPool.equals("jtune") && !maxPool.equals("djl")) {
      throw new IllegalArgumentException("--max-pool " + maxPool + ": jtune or djl");
    }
    if (!cnn && !model.equals("mlp")) {
      throw new IllegalArgumentException("--model " + model + ": mlp or cnn");
    }
    if (!cnn) {
      train = train.reshaped(784);
      test = test.reshaped(784);
    }
    Task task = Task.of(train);
    var block = cnn ? smallCnn() : MlpHyperModel.network(task, new int[] {256, 128},
        Activation.RELU, 0, false);
    TrainingPlan plan = TrainingPlan.of(new OptimizerSpec.Adam(1e-3, 0.9, 0.999, 1e-8), batch);
    List<EpochRecord> records = new ArrayList<>();
    List<Double> steady = new ArrayList<>();
    int rows = train.rows();
    LongSupplier clock = clockOption.clock();
    EpochListener listener = new EpochListener() {
      private long warm;
      private int warmRows;
      private long last;

      @Override
      public void onBatch(int epoch, int index, int rowsDone) {
        long now = clock.getAsLong();
        if (index == WARM_UP_BATCHES - 1) {
          warm = now;
          warmRows = rowsDone;
        }
        last = now;
      }

      @Override
      public void onEpoch(EpochRecord r) {
        records.add(r);
        double samplesPerS = warmRows > 0 && last > warm
            ? (rows - warmRows) / ((last - warm) / 1e9) : rows / r.trainSeconds();
        steady.add(samplesPerS);
        warmRows = 0;
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("epoch", r.epoch());
        line.put("epoch_s", r.trainSeconds());
        line.put("samples_per_s", samplesPerS);
        line.put("test_accuracy", r.validation().get(Metric.ACCURACY));
        line.put("max_rss_mb", ResidentMemory.peakMb());
        line.put("rss_mb", ResidentMemory.currentMb());
        try {
          System.out.println(json.writeValueAsString(line));
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }
    };
    new FitLoop(task, plan, epochs, Metric.ACCURACY, seed).withClock(clock)
        .fit(block, train, test, List.of(listener));
    EpochRecord last = records.get(records.size() - 1);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("tool", "jtune");
    out.put("torch", TorchRuntime.engine().getVersion());
    out.put("model", model);
    if (cnn) {
      out.put("max_pool", maxPool.equals("djl") ? "djl (libtorch native)"
          : "jtune (" + dev.jtune.nn.Kernels.get().maxPoolKernel() + ")");
    }
    out.put("threads", threads);
    out.put("batch", batch);
    out.put("epochs", epochs);
    out.put("clock", clockOption.name);
    out.put("samples_per_s", steady.get(steady.size() - 1));
    out.put("test_accuracy", last.validation().get(Metric.ACCURACY));
    out.put("env", BenchEnvironment.current());
    System.out.println(json.writeValueAsString(out));
    return 0;
  }

  private SequentialBlock smallCnn() {
    java.util.function.Supplier<ai.djl.nn.Block> pool = maxPool.equals("djl")
        ? () -> Pool.maxPool2dBlock(new Shape(2, 2)) : dev.jtune.nn.model.MaxPoolBlock::new;
    return new SequentialBlock()
        .add(Conv2d.builder().setFilters(32).setKernelShape(new Shape(3, 3)).build())
        .add(ai.djl.nn.Activation.reluBlock())
        .add(pool.get())
        .add(Conv2d.builder().setFilters(64).setKernelShape(new Shape(3, 3)).build())
        .add(ai.djl.nn.Activation.reluBlock())
        .add(pool.get())
        .add(Blocks.batchFlattenBlock())
        .add(Linear.builder().setUnits(128).build())
        .add(ai.djl.nn.Activation.reluBlock())
        .add(Linear.builder().setUnits(10).build());
  }
}
