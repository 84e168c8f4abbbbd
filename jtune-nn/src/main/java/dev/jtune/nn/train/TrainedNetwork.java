package dev.jtune.nn.train;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import dev.jtune.nn.Autograd;
import dev.jtune.nn.TorchRuntime;
import dev.jtune.nn.data.LabeledData;
import dev.jtune.nn.model.DropoutBlock;
import dev.jtune.nn.model.Task;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A network with trained weights, ready for prediction: it owns a native memory manager, so close
 * it (try-with-resources). Methods may be called from any thread, one call at a time.
 */
public final class TrainedNetwork implements AutoCloseable {

  private final NDManager manager;
  private final Block block;
  private final Task task;
  private final ParameterStore store;
  private volatile boolean closed;

  private TrainedNetwork(NDManager manager, Block block, Task task) {
    this.manager = manager;
    this.block = block;
    this.task = task;
    this.store = new ParameterStore(manager, false);
  }

  /**
   * Initializes {@code block} (built as it was for training) and loads weights saved by a fit.
   *
   * @throws IllegalArgumentException if the weights do not fit the block
   */
  public static TrainedNetwork load(Block block, Task task, byte[] weights) {
    NDManager manager = TorchRuntime.engine().newBaseManager();
    try {
      Autograd.disableOnThisThread();
      block.initialize(manager, DataType.FLOAT32, Forward.batchShape(1, task.inputShape()));
      loadInto(block, manager, weights);
      return new TrainedNetwork(manager, block, task);
    } catch (IOException | MalformedModelException | RuntimeException e) {
      manager.close();
      String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      throw new IllegalArgumentException("weights (" + weights.length + " bytes) do not fit the "
          + "network built for " + task + ": " + (e instanceof java.io.EOFException
              ? "the file ends before the network's last parameter (" + why + ")" : why), e);
    }
  }

  /**
   * Replaces the parameters of {@code block} (initialized on {@code manager}) with
   * {@code weights}, freeing the arrays they replace.
   *
   * @throws IllegalArgumentException if the weights hold other parameter shapes than the block's
   */
  static void loadInto(Block block, NDManager manager, byte[] weights)
      throws IOException, MalformedModelException {
    List<String> built = parameterShapes(block);
    List<ai.djl.ndarray.NDArray> initial = block.getParameters().values().stream()
        .map(ai.djl.nn.Parameter::getArray).toList();
    try {
      block.loadParameters(manager, new DataInputStream(new ByteArrayInputStream(weights)));
    } catch (IOException | MalformedModelException | RuntimeException e) {
      Block lean = withoutDropout(block);
      if (lean == block) {
        throw e;
      }
      try {
        lean.loadParameters(manager, new DataInputStream(new ByteArrayInputStream(weights)));
      } catch (IOException | MalformedModelException | RuntimeException again) {
        e.addSuppressed(again);
        throw e;
      }
    }
    // the initial arrays the loaded ones replace: freed now, not kept until close
    java.util.Set<ai.djl.ndarray.NDArray> kept = java.util.Collections.newSetFromMap(
        new java.util.IdentityHashMap<>());
    block.getParameters().values().forEach(p -> kept.add(p.getArray()));
    initial.stream().filter(a -> !kept.contains(a)).forEach(ai.djl.ndarray.NDArray::close);
    List<String> loaded = parameterShapes(block);
    if (!built.equals(loaded)) {
      // DJL replaces the arrays with whatever the file holds; a mismatch would only surface
      // as a shape error at the first prediction
      throw new IllegalArgumentException("parameter shapes " + loaded + " in the file, "
          + built + " in the network");
    }
  }

  /**
   * The same layers (sharing their parameters) without dropout layers, at any depth of nested
   * sequential blocks, or {@code block} itself when it has none. Dropout holds no parameters, so
   * weights saved from a network without those layers (before a tuned dropout kept them at rate
   * 0, or a population member's checkpoint from then) load into one that has them.
   */
  private static Block withoutDropout(Block block) {
    if (!(block instanceof ai.djl.nn.SequentialBlock sequential)) {
      return block;
    }
    ai.djl.nn.SequentialBlock lean = new ai.djl.nn.SequentialBlock();
    boolean changed = false;
    for (Block child : sequential.getChildren().values()) {
      Block kept = withoutDropout(child);
      if (child instanceof DropoutBlock) {
        changed = true;
      } else {
        changed |= kept != child;
        lean.add(kept);
      }
    }
    return changed ? lean : block;
  }

  /**
   * Replaces a new network's weights (initialized on {@code manager}) with a checkpoint's, every
   * parameter that trains requiring its gradient again: a population member going on.
   *
   * @throws IllegalArgumentException if the checkpoint's weights do not fit the network
   */
  static void loadCheckpoint(Block block, NDManager manager, Checkpoint start) {
    try {
      loadInto(block, manager, start.weights());
    } catch (IOException | MalformedModelException | RuntimeException e) {
      throw new IllegalArgumentException("the checkpoint's weights (" + start.weights().length
          + " bytes, " + start.epochs() + " epochs) do not fit the network built for this trial:"
          + " " + e.getMessage() + "; a population member keeps its network's shape, so explore "
          + "only parameters that leave it (the learning rate, say)", e);
    }
    for (ai.djl.nn.Parameter p : block.getParameters().values()) {
      if (p.requiresGradient()) {
        p.getArray().setRequiresGradient(true);
      }
    }
  }

  private static List<String> parameterShapes(Block block) {
    return block.getParameters().stream()
        .map(p -> p.getKey() + p.getValue().getArray().getShape()).toList();
  }

  /**
   * Loads weights from a file written by {@link #save(Path)} or by a tuner.
   *
   * @throws IllegalArgumentException naming the file if the weights do not fit the block
   */
  public static TrainedNetwork load(Block block, Task task, Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read weights " + file, e);
    }
    try {
      return load(block, task, bytes);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e.getCause());
    }
  }

  /** The task the network solves. */
  public Task task() {
    return task;
  }

  /** The DJL block (initialized, with the trained weights). */
  public Block block() {
    return block;
  }

  /**
   * Raw outputs (logits or regression values), {@link Task#outputs()} per row.
   *
   * @throws IllegalArgumentException if the samples' shape is not the one the network was trained
   *     on
   * @throws IllegalStateException if this network is closed
   */
  public float[] predictRaw(LabeledData data) {
    requireOpen();
    FitLoop.checkShape(task, data, "the");
    Autograd.disableOnThisThread();
    try (NDManager sub = manager.newSubManager(); NDArray x = Forward.features(sub, data)) {
      return Forward.outputs(block, store, x, task);
    }
  }

  /** Predicted classes (classification): argmax of the logits, or logit > 0 for binary. */
  public int[] predictClasses(LabeledData data) {
    if (task.kind() == Task.Kind.REGRESSION) {
      throw new IllegalStateException("a regression network predicts values, not classes");
    }
    float[] out = predictRaw(data);
    int k = task.outputs();
    int[] classes = new int[data.rows()];
    for (int i = 0; i < classes.length; i++) {
      if (k == 1) {
        classes[i] = out[i] > 0 ? 1 : 0;
      } else {
        int best = 0;
        for (int c = 1; c < k; c++) {
          if (out[i * k + c] > out[i * k + best]) {
            best = c;
          }
        }
        classes[i] = best;
      }
    }
    return classes;
  }

  /**
   * Every metric of the task on labelled data.
   *
   * @throws IllegalArgumentException if the data's shape or labels (kind, number of classes) are
   *     not those the network was trained on
   */
  public Evaluation evaluate(LabeledData data) {
    FitLoop.checkClasses(task, data, "the");
    return Evaluation.of(task, predictRaw(data), data.labels());
  }

  /** The weights in DJL's parameter format. */
  public byte[] weights() {
    requireOpen();
    return snapshot(block);
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException("this TrainedNetwork is closed (its native memory is "
          + "freed); load the weights again to use it");
    }
  }

  /** Writes the weights to a file. */
  public void save(Path file) {
    try {
      Files.write(file, weights());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write weights " + file, e);
    }
  }

  static byte[] snapshot(Block block) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      block.saveParameters(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  @Override
  public void close() {
    closed = true;
    manager.close();
  }
}
