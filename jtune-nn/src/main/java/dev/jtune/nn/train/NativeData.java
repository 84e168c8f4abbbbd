package dev.jtune.nn.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.jtune.nn.TorchRuntime;
import dev.jtune.nn.data.LabeledData;
import dev.jtune.nn.model.Task;

/**
 * A data set's features and labels as libtorch tensors, made once and then shared by any number of
 * fits, on any threads, which only read them. Copying a data set into native memory is the costly
 * part of starting a fit (Fashion-MNIST's 50,000 training images: 150–700 ms on this project's
 * 2-core machine, against about 1.3 s for a whole epoch of a small MLP), so a study should make
 * its data native once, not once per trial: {@link TrainingObjective} does.
 *
 * <p>The tensors live in their own {@link NDManager} until {@link #close()}; closing while a fit
 * still uses them is the caller's error.
 */
public final class NativeData implements AutoCloseable {

  private final LabeledData data;
  private final Task task;
  private final NDManager manager;
  private final NDArray features;
  private final NDArray labels;

  private NativeData(LabeledData data, Task task) {
    this.data = data;
    this.task = task;
    this.manager = TorchRuntime.engine().newBaseManager();
    try {
      this.features = Forward.features(manager, data);
      this.labels = Forward.labels(manager, data, task);
    } catch (RuntimeException e) {
      manager.close();
      throw e;
    }
  }

  /** Copies {@code data} into native memory, labels in the form {@code task}'s loss wants. */
  public static NativeData of(LabeledData data, Task task) {
    return new NativeData(data, task);
  }

  /** The data set these tensors hold. */
  public LabeledData data() {
    return data;
  }

  /** The task whose loss the labels were made for. */
  public Task task() {
    return task;
  }

  NDArray features() {
    return features;
  }

  NDArray labels() {
    return labels;
  }

  @Override
  public void close() {
    manager.close();
  }
}
