package dev.jtune.nn.data;

import java.util.Arrays;

/**
 * Samples and their labels, held in Java arrays: {@code features} row-major, {@code rows} samples
 * each of {@code sampleShape} (e.g. {@code [20]} for a table, {@code [1, 28, 28]} for a grey image),
 * and one label per sample: a class index {@code 0..classes-1} stored as a float, or a regression
 * target when {@code classes == 0}.
 *
 * <p>Immutable by convention: the record does not copy its arrays; code in this package never
 * writes to an array once it is inside a {@code LabeledData}, and callers must not either.
 */
public record LabeledData(float[] features, int rows, int[] sampleShape, float[] labels,
    int classes) {

  public LabeledData {
    if (rows < 0) {
      throw new IllegalArgumentException("rows=" + rows + " must be >= 0");
    }
    if (sampleShape.length == 0) {
      throw new IllegalArgumentException("sampleShape must have at least one dimension");
    }
    long width = 1;
    for (int d : sampleShape) {
      if (d <= 0) {
        throw new IllegalArgumentException("sampleShape=" + Arrays.toString(sampleShape)
            + " has a non-positive dimension");
      }
      width *= d;
    }
    if (features.length != rows * width) {
      throw new IllegalArgumentException("features.length=" + features.length + " but rows="
          + rows + " x sample size " + width + " = " + rows * width);
    }
    if (labels.length != rows) {
      throw new IllegalArgumentException("labels.length=" + labels.length + " but rows=" + rows);
    }
    if (classes < 0 || classes == 1) {
      throw new IllegalArgumentException("classes=" + classes
          + " must be 0 (regression) or at least 2");
    }
    if (classes > 0) {
      for (int i = 0; i < rows; i++) {
        float y = labels[i];
        if (y != Math.rint(y) || y < 0 || y >= classes) {
          throw new IllegalArgumentException("label " + y + " of row " + i
              + " is not a class index in [0, " + classes + ")");
        }
      }
    }
    sampleShape = sampleShape.clone();
  }

  /**
   * Refuses data a network cannot be trained or judged on: no rows, or a NaN or infinite feature
   * or label. Names the first such value by its row (and column) in these data, counting from 0.
   *
   * @param role what the data are, for the message ("training", "validation")
   * @throws IllegalArgumentException naming the offending value
   */
  public void requireTrainable(String role) {
    if (rows == 0) {
      throw new IllegalArgumentException(role + " data has no rows");
    }
    int width = features.length / rows;
    for (int i = 0; i < features.length; i++) {
      if (!Float.isFinite(features[i])) {
        throw new IllegalArgumentException(role + " data has feature " + features[i] + " in row "
            + i / width + ", column " + i % width + " (from 0): a network trains on finite "
            + "numbers only; fill in or drop missing values first");
      }
    }
    for (int i = 0; i < rows; i++) {
      if (!Float.isFinite(labels[i])) {
        throw new IllegalArgumentException(role + " data has label " + labels[i] + " in row " + i
            + " (from 0); labels must be finite numbers");
      }
    }
  }

  /** A table: {@code rows} samples of {@code width} features each. */
  public static LabeledData table(float[] features, int width, float[] labels, int classes) {
    return new LabeledData(features, labels.length, new int[] {width}, labels, classes);
  }

  /** The number of values in one sample (the product of {@link #sampleShape()}). */
  public int sampleSize() {
    int n = 1;
    for (int d : sampleShape) {
      n *= d;
    }
    return n;
  }

  /** {@code sampleShape} as a copy. */
  @Override
  public int[] sampleShape() {
    return sampleShape.clone();
  }

  /** Whether labels are class indices (classification) rather than regression targets. */
  public boolean isClassification() {
    return classes > 0;
  }

  /** The class index of row {@code i}; for classification only. */
  public int classOf(int i) {
    return (int) labels[i];
  }

  /** The rows at the given indices, in that order (indices may repeat). */
  public LabeledData rows(int[] indices) {
    int width = sampleSize();
    float[] x = new float[indices.length * width];
    float[] y = new float[indices.length];
    for (int k = 0; k < indices.length; k++) {
      int i = indices[k];
      if (i < 0 || i >= rows) {
        throw new IndexOutOfBoundsException("row " + i + " of " + rows);
      }
      System.arraycopy(features, i * width, x, k * width, width);
      y[k] = labels[i];
    }
    return new LabeledData(x, indices.length, sampleShape, y, classes);
  }

  /** Rows {@code from} (inclusive) to {@code to} (exclusive). */
  public LabeledData slice(int from, int to) {
    if (from < 0 || to > rows || from > to) {
      throw new IndexOutOfBoundsException("slice [" + from + ", " + to + ") of " + rows + " rows");
    }
    int width = sampleSize();
    return new LabeledData(Arrays.copyOfRange(features, from * width, to * width), to - from,
        sampleShape, Arrays.copyOfRange(labels, from, to), classes);
  }

  /**
   * These rows followed by {@code more}'s (training and validation rows together, for a refit).
   *
   * @throws IllegalArgumentException if {@code more}'s samples have another shape, or its labels
   *     another number of classes
   */
  public LabeledData append(LabeledData more) {
    if (!Arrays.equals(sampleShape, more.sampleShape) || classes != more.classes) {
      throw new IllegalArgumentException("cannot append rows of shape "
          + Arrays.toString(more.sampleShape) + " with " + more.classes + " classes to rows of "
          + "shape " + Arrays.toString(sampleShape) + " with " + classes + " classes");
    }
    float[] x = Arrays.copyOf(features, features.length + more.features.length);
    System.arraycopy(more.features, 0, x, features.length, more.features.length);
    float[] y = Arrays.copyOf(labels, rows + more.rows);
    System.arraycopy(more.labels, 0, y, rows, more.rows);
    return new LabeledData(x, rows + more.rows, sampleShape, y, classes);
  }

  /** The same samples seen with another shape of the same size (a flat 784 as 1x28x28, say). */
  public LabeledData reshaped(int... shape) {
    return new LabeledData(features, rows, shape, labels, classes);
  }

  /** How many rows have each class (classification only). */
  public int[] classCounts() {
    if (!isClassification()) {
      throw new IllegalStateException("a regression data set has no classes");
    }
    int[] counts = new int[classes];
    for (float y : labels) {
      counts[(int) y]++;
    }
    return counts;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LabeledData d && rows == d.rows && classes == d.classes
        && Arrays.equals(sampleShape, d.sampleShape) && Arrays.equals(features, d.features)
        && Arrays.equals(labels, d.labels);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(features) + Arrays.hashCode(labels);
  }

  @Override
  public String toString() {
    return "LabeledData{rows=" + rows + ", sampleShape=" + Arrays.toString(sampleShape)
        + ", classes=" + classes + "}";
  }
}
