package dev.jtune.cli.config;

import dev.jtune.space.CategoricalDistribution;
import dev.jtune.trial.Trial;
import dev.jtune.trial.TrialPrunedException;
import java.util.List;
import java.util.Map;

/**
 * Analytic objectives a study file can name with {@code objective: {function: NAME}}: quick to
 * evaluate, for trying samplers, pruners, storages and workers without training anything.
 */
public enum BuiltinFunction {
  /**
   * A stand-in for a network's validation loss with its own define-by-run space (learning rate,
   * layers, units, optimizer, dropout, momentum for SGD); its minimum is 0.25. Takes no declared
   * space.
   */
  DEMO("demo", false, 1),
  /**
   * The sum of squares of the declared numeric parameters (categorical ones add 0 for their first
   * choice and 1 otherwise); its minimum is 0 where the space contains 0.
   */
  SPHERE("sphere", true, 1),
  /**
   * A simulated learning curve for trying pruners: over 20 steps ("epochs") it reports
   * {@code sphere + 2 / step}, asking the pruner after each report, and returns the last value.
   * Reads the declared space as {@code sphere} does.
   */
  CURVE("curve", true, 1),
  /**
   * Two objectives, both minimized: {@code demo}'s loss, and the size of the network its
   * parameters describe, in thousands of weights of a fully connected network with 784 inputs,
   * {@code layers} hidden layers of {@code units} and 10 outputs. The loss wants three layers of
   * 128 units, the size one layer of 32, so the study's answer is a Pareto front. Takes no
   * declared space.
   */
  DEMO_SIZE("demo-size", false, 2);

  /** The steps {@link #CURVE} reports. */
  public static final int CURVE_STEPS = 20;

  private final String yamlName;
  private final boolean needsSpace;
  private final int values;

  BuiltinFunction(String yamlName, boolean needsSpace, int values) {
    this.yamlName = yamlName;
    this.needsSpace = needsSpace;
    this.values = values;
  }

  /** The name in study files. */
  public String yamlName() {
    return yamlName;
  }

  /** Whether the function reads a declared space (else it defines its own). */
  public boolean needsSpace() {
    return needsSpace;
  }

  /** How many values the function returns: the number of directions its study must have. */
  public int valueCount() {
    return values;
  }

  /** What the values measure, for summaries and charts; empty for a function of one value. */
  public List<String> metricNames() {
    return this == DEMO_SIZE ? List.of("loss", "weights_thousands") : List.of();
  }

  /** The names in study files. */
  public static List<String> yamlNames() {
    return java.util.Arrays.stream(values()).map(BuiltinFunction::yamlName).toList();
  }

  /**
   * The function a study file names.
   *
   * @throws IllegalArgumentException for a name not in {@link #yamlNames()}
   */
  public static BuiltinFunction ofYamlName(String name) {
    return java.util.Arrays.stream(values()).filter(f -> f.yamlName.equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no built-in function '" + name
            + "'; the functions are " + String.join(", ", yamlNames())));
  }

  /**
   * Evaluates the function: {@link #valueCount()} numbers; {@code params} are the declared space's
   * values chosen for the trial.
   */
  public double[] evaluate(Trial trial, ConditionalSpace space, Map<String, Object> params) {
    return switch (this) {
      case DEMO -> new double[] {demo(trial)};
      case DEMO_SIZE -> new double[] {demo(trial), thousandsOfWeights(
          trial.params().get("layers"), trial.params().get("units"))};
      case SPHERE, CURVE -> new double[] {sphereOrCurve(trial, space, params)};
    };
  }

  private double sphereOrCurve(Trial trial, ConditionalSpace space, Map<String, Object> params) {
    double sum = sphere(space, params);
    if (this == CURVE) {
      double value = sum;
      for (int step = 1; step <= CURVE_STEPS; step++) {
        value = sum + 2.0 / step;
        trial.report(step, value);
        if (trial.shouldPrune()) {
          throw new TrialPrunedException("pruned at step " + step);
        }
      }
      return value;
    }
    return sum;
  }

  private static double sphere(ConditionalSpace space, Map<String, Object> params) {
    double sum = 0;
    for (ParamSpec p : space.params()) {
      Object v = params.get(p.name());
      if (v instanceof Number n) {
        sum += n.doubleValue() * n.doubleValue();
      } else if (v != null && p.distribution() instanceof CategoricalDistribution c) {
        sum += ParamSpec.same(c.choices().get(0), v) ? 0 : 1;
      }
    }
    return sum;
  }

  /**
   * The network-shaped function: smallest near lr = 3e-3, three layers of 128 units, Adam, dropout
   * 0.2; SGD needs momentum near 0.9 to come close.
   */
  public static double demo(Trial trial) {
    double lr = trial.suggestFloat("lr", 1e-4, 1e-1, true);
    int layers = trial.suggestInt("layers", 1, 4);
    int units = trial.suggestInt("units", 32, 512, true);
    String optimizer = trial.suggestCategorical("optimizer", List.of("adam", "sgd"));
    double dropout = trial.suggestFloat("dropout", 0.0, 0.5);
    double loss = 0.25
        + 0.08 * sq(Math.log10(lr) - Math.log10(3e-3))
        + 0.03 * sq(layers - 3)
        + 0.02 * sq(Math.log(units / 128.0) / Math.log(2))
        + 0.4 * sq(dropout - 0.2);
    if (optimizer.equals("sgd")) {
      double momentum = trial.suggestFloat("momentum", 0.0, 0.99);
      loss += 0.05 + 0.3 * sq(momentum - 0.9);
    }
    return loss;
  }

  /**
   * Weights and biases of a fully connected network from 784 inputs through {@code layers} hidden
   * layers of {@code units} to 10 outputs, in thousands.
   */
  static double thousandsOfWeights(Object layers, Object units) {
    int l = ((Number) layers).intValue();
    long u = ((Number) units).longValue();
    long weights = 784 * u + u + (l - 1) * (u * u + u) + u * 10 + 10;
    return weights / 1000.0;
  }

  private static double sq(double x) {
    return x * x;
  }
}
