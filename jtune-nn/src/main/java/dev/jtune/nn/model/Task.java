package dev.jtune.nn.model;

import dev.jtune.nn.data.LabeledData;
import java.util.Arrays;

/**
 * What a network is asked to do, which fixes its output layer, loss and metrics: binary
 * classification (one logit, sigmoid cross-entropy), multi-class classification ({@code classes}
 * logits, softmax cross-entropy) or regression (one output, mean squared error).
 *
 * @param kind the kind of task
 * @param inputShape the shape of one sample
 * @param classes the number of classes (0 for regression)
 */
public record Task(Kind kind, int[] inputShape, int classes) {

  /** The three kinds of task. */
  public enum Kind { BINARY, MULTICLASS, REGRESSION }

  public Task {
    java.util.Objects.requireNonNull(kind, "kind");
    inputShape = java.util.Objects.requireNonNull(inputShape, "inputShape").clone();
    if (inputShape.length == 0 || java.util.Arrays.stream(inputShape).anyMatch(d -> d < 1)) {
      throw new IllegalArgumentException("inputShape " + java.util.Arrays.toString(inputShape)
          + " must have at least one dimension, each >= 1");
    }
    boolean ok = switch (kind) {
      case BINARY -> classes == 2;
      case MULTICLASS -> classes > 2;
      case REGRESSION -> classes == 0;
    };
    if (!ok) {
      throw new IllegalArgumentException(kind + " with classes=" + classes + " (BINARY needs 2, "
          + "MULTICLASS more, REGRESSION 0)");
    }
  }

  /** The task a data set's labels call for. */
  public static Task of(LabeledData data) {
    Kind kind = data.classes() == 0 ? Kind.REGRESSION
        : data.classes() == 2 ? Kind.BINARY : Kind.MULTICLASS;
    return new Task(kind, data.sampleShape(), data.classes());
  }

  /** The width of the network's output layer. */
  public int outputs() {
    return kind == Kind.MULTICLASS ? classes : 1;
  }

  @Override
  public int[] inputShape() {
    return inputShape.clone();
  }

  /** The number of values in one input sample. */
  public int inputSize() {
    int n = 1;
    for (int d : inputShape) {
      n *= d;
    }
    return n;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Task t && kind == t.kind && classes == t.classes
        && Arrays.equals(inputShape, t.inputShape);
  }

  @Override
  public int hashCode() {
    return kind.hashCode() * 31 + Arrays.hashCode(inputShape) + classes;
  }

  @Override
  public String toString() {
    return "Task{" + kind + ", input=" + Arrays.toString(inputShape) + ", classes=" + classes + "}";
  }
}
