package dev.jtune.nn.model;

import ai.djl.nn.Block;

/** Hidden-layer activations a builder can choose among; the categorical's value is {@link #label()}. */
public enum Activation {
  RELU("relu"), TANH("tanh"), SIGMOID("sigmoid"), GELU("gelu"), ELU("elu");

  private final String label;

  Activation(String label) {
    this.label = label;
  }

  /** The lower-case name used as a hyperparameter value. */
  public String label() {
    return label;
  }

  /** The activation with this label. */
  public static Activation of(String label) {
    for (Activation a : values()) {
      if (a.label.equals(label)) {
        return a;
      }
    }
    throw new IllegalArgumentException("unknown activation '" + label + "'; known: relu, tanh, "
        + "sigmoid, gelu, elu");
  }

  /** A fresh DJL block applying it. */
  public Block block() {
    return switch (this) {
      case RELU -> ai.djl.nn.Activation.reluBlock();
      case TANH -> ai.djl.nn.Activation.tanhBlock();
      case SIGMOID -> ai.djl.nn.Activation.sigmoidBlock();
      case GELU -> ai.djl.nn.Activation.geluBlock();
      case ELU -> ai.djl.nn.Activation.eluBlock(1f);
    };
  }
}
