package dev.jtune.nn.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import dev.jtune.nn.data.LabeledData;
import dev.jtune.nn.model.Task;

/** Inference passes and tensor making shared by the fit loop and trained networks. */
final class Forward {

  /** Rows per inference chunk: bounds the activations held at once. */
  static final int CHUNK = 2048;

  private Forward() {}

  /** The shape of {@code rows} samples of {@code sample}. */
  static Shape batchShape(long rows, int[] sample) {
    long[] dims = new long[sample.length + 1];
    dims[0] = rows;
    for (int i = 0; i < sample.length; i++) {
      dims[i + 1] = sample[i];
    }
    return new Shape(dims);
  }

  /** The features of {@code data} as one native tensor. */
  static NDArray features(NDManager manager, LabeledData data) {
    return manager.create(data.features(), batchShape(data.rows(), data.sampleShape()));
  }

  /** Labels as the loss wants them: int64 indices (multi-class) or an {@code (n, 1)} float column. */
  static NDArray labels(NDManager manager, LabeledData data, Task task) {
    if (task.kind() == Task.Kind.MULTICLASS) {
      long[] y = new long[data.rows()];
      float[] labels = data.labels();
      for (int i = 0; i < y.length; i++) {
        y[i] = (long) labels[i];
      }
      return manager.create(y);
    }
    return manager.create(data.labels(), new Shape(data.rows(), 1));
  }

  /** The network's raw outputs for every row of {@code x}, inference mode, recording off. */
  static float[] outputs(Block block, ParameterStore store, NDArray x, Task task) {
    int rows = Math.toIntExact(x.getShape().get(0));
    int width = task.outputs();
    float[] out = new float[rows * width];
    for (int start = 0; start < rows; start += CHUNK) {
      int end = Math.min(rows, start + CHUNK);
      try (NDScope scope = new NDScope()) {
        // in the fit's manager: x may be data shared with other fits
        NDArray xb = x.get(store.getManager(), new NDIndex().addSliceDim(start, end));
        NDArray o = block.forward(store, new NDList(xb), false).singletonOrThrow();
        float[] part = o.toType(DataType.FLOAT32, false).toFloatArray();
        System.arraycopy(part, 0, out, start * width, part.length);
        scope.suppressNotUsedWarning();
      }
    }
    return out;
  }
}
