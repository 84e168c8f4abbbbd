package dev.jtune.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.training.loss.Loss;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jtune.nn.Autograd;
import dev.jtune.nn.Kernels;
import dev.jtune.nn.TorchRuntime;
import dev.jtune.nn.model.DropoutBlock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code kernels} benchmark: the parts of a training step that {@link Kernels} replaced,
 * timed one call at a time in DJL's way and in jtune's, on the Fashion-MNIST MLP's shapes (batch
 * 128); {@code scripts/torch_parts.py} times the same operations in PyTorch from Python. One JSON
 * line per operation and variant: the median over {@code --reps} repetitions of the mean
 * microseconds per call of {@code --calls} calls, one intra-op thread. Backward passes are
 * included where the operation is differentiated in training.
 */
@Command(name = "kernels", mixinStandardHelpOptions = true,
    description = "Per-call time of the training step's parts, DJL's way and jtune's Kernels.")
final class KernelsCommand implements Callable<Integer> {

  @Option(names = "--calls", defaultValue = "200", description = "calls per repetition")
  int calls;

  @Option(names = "--reps", defaultValue = "5", description = "repetitions (median reported)")
  int reps;

  private final ObjectMapper json = new ObjectMapper();

  @Override
  public Integer call() throws Exception {
    TorchRuntime.engine();
    Autograd.disableOnThisThread();
    Kernels k = Kernels.get();
    try (NDManager m = TorchRuntime.engine().newBaseManager()) {
      // Adam on the MLP's parameters (784-256-128-10), gradients defined once
      List<NDArray> weights = new ArrayList<>();
      for (long[] shape : new long[][] {{256, 784}, {256}, {128, 256}, {128}, {10, 128}, {10}}) {
        NDArray w = m.randomNormal(new Shape(shape));
        w.setRequiresGradient(true);
        weights.add(w);
      }
      try (Autograd tape = Autograd.record()) {
        NDArray total = null;
        for (NDArray w : weights) {
          total = total == null ? w.square().sum() : total.add(w.square().sum());
        }
        tape.backward(total);
      }
      List<NDArray[]> moments = new ArrayList<>();
      for (NDArray w : weights) {
        moments.add(new NDArray[] {w.zerosLike(), w.zerosLike()});
      }
      report("adam", "djl", tape -> {
        for (int i = 0; i < weights.size(); i++) {
          NDArray w = weights.get(i);
          try (NDArray g = w.getGradient()) {
            w.getNDArrayInternal().adamUpdate(new NDList(w, g, moments.get(i)[0],
                moments.get(i)[1]), new NDList(w), 1e-3f, 1e-3f, 0f, 1f, -1f, 0.9f, 0.999f, 1e-8f,
                false, false);
          }
        }
      });
      try (Kernels.ParameterState state = k.state(weights, 2)) {
        report("adam", "jtune", tape -> state.adam(1e-3, 0.9, 0.999, 1e-8, 0, false));
      }

      // softmax cross-entropy of (128, 10) scores, forward and backward
      NDArray scores = m.randomNormal(new Shape(128, 10));
      scores.setRequiresGradient(true);
      NDArray classes = m.randomInteger(0, 10, new Shape(128), DataType.INT64);
      Loss djlLoss = Loss.softmaxCrossEntropyLoss();
      report("cross_entropy", "djl",
          tape -> tape.backward(djlLoss.evaluate(new NDList(classes), new NDList(scores))));
      report("cross_entropy", "jtune", tape -> tape.backward(k.crossEntropy(scores, classes)));

      // a batch of 128 rows of 50,000 images and labels
      NDArray x = m.randomUniform(0, 1, new Shape(50_000, 784));
      NDArray y = m.randomInteger(0, 10, new Shape(50_000), DataType.INT64);
      NDArray index = m.randomInteger(0, 50_000, new Shape(128), DataType.INT64);
      report("gather", "djl", tape -> {
        x.get(new NDIndex("{}", index));
        y.get(new NDIndex("{}", index));
      });
      report("gather", "jtune", tape -> k.rows(index, x, y));

      // dropout 0.3 on (128, 512), forward and backward
      NDArray h = m.randomNormal(new Shape(128, 512));
      h.setRequiresGradient(true);
      ParameterStore store = new ParameterStore(m, false);
      Block djlDropout = Dropout.builder().optRate(0.3f).build();
      Block ours = new DropoutBlock(0.3);
      for (Block b : List.of(djlDropout, ours)) {
        b.initialize(m, DataType.FLOAT32, h.getShape());
      }
      report("dropout", "djl", tape -> tape.backward(forward(djlDropout, store, h).sum()));
      report("dropout", "jtune", tape -> tape.backward(forward(ours, store, h).sum()));

      // the CNN's first max-pool, (128, 32, 26, 26) → 13×13, forward and backward: libtorch's
      // native kernel (DJL's block) and oneDNN's (jtune's MaxPoolBlock)
      NDArray conv = m.randomNormal(new Shape(128, 32, 26, 26));
      conv.setRequiresGradient(true);
      Block pool = Pool.maxPool2dBlock(new Shape(2, 2));
      pool.initialize(m, DataType.FLOAT32, conv.getShape());
      report("max_pool", "djl", tape -> tape.backward(forward(pool, store, conv).sum()));
      Block ourPool = new dev.jtune.nn.model.MaxPoolBlock();
      ourPool.initialize(m, DataType.FLOAT32, conv.getShape());
      report("max_pool", "jtune", tape -> tape.backward(forward(ourPool, store, conv).sum()));
    }
    return 0;
  }

  private static NDArray forward(Block block, ParameterStore store, NDArray x) {
    return block.forward(store, new NDList(x), true).singletonOrThrow();
  }

  /** One call of the operation being timed, inside a recording section. */
  @FunctionalInterface
  private interface Call {
    void run(Autograd tape);
  }

  private void report(String op, String variant, Call body) throws Exception {
    double[] perCall = new double[reps];
    for (int r = -1; r < reps; r++) {   // r = -1 warms up
      long start = System.nanoTime();
      for (int c = 0; c < calls; c++) {
        try (NDScope scope = new NDScope(); Autograd tape = Autograd.record()) {
          body.run(tape);
          scope.suppressNotUsedWarning();
        }
      }
      if (r >= 0) {
        perCall[r] = (System.nanoTime() - start) / 1e3 / calls;
      }
    }
    Arrays.sort(perCall);
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("tool", "jtune");
    line.put("op", op);
    line.put("variant", variant);
    line.put("us_per_call", perCall[reps / 2]);
    line.put("reps_us", perCall);
    System.out.println(json.writeValueAsString(line));
  }
}
