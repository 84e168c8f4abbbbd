package dev.jtune.trial;

import dev.jtune.space.CategoricalDistribution;
import dev.jtune.space.Distribution;
import dev.jtune.space.FloatDistribution;
import dev.jtune.space.IntDistribution;
import dev.jtune.space.SearchSpace;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One evaluation of the objective, as the objective sees it: it asks the trial for parameter values
 * (define-by-run, as in Optuna), reports intermediate values, and asks whether to stop early.
 *
 * <pre>{@code
 * double lr = trial.suggestFloat("lr", 1e-5, 1e-1, true);
 * String optimizer = trial.suggestCategorical("optimizer", List.of("sgd", "adam"));
 * if (optimizer.equals("sgd")) {
 *   double momentum = trial.suggestFloat("momentum", 0.0, 0.99);   // exists only for SGD
 * }
 * }</pre>
 *
 * <p>Suggesting the same name twice in a trial returns the same value; suggesting it with a different
 * distribution throws {@link IllegalArgumentException} and changes nothing. Every argument error
 * names the parameter and the offending value. A trial is used by the thread that runs its objective;
 * its methods are nonetheless safe to call from other threads.
 */
public interface Trial {

  /** The trial's number in its study: dense from 0 and unique per study. */
  int number();

  /**
   * The value of a parameter with the given distribution: the enqueued value if the trial was
   * enqueued with one, otherwise the sampler's choice. The value is stored before it is returned.
   *
   * @return a {@code Double}, an {@code Integer}, or one of a categorical's choices
   * @throws IllegalArgumentException if the name was suggested before in this trial with another
   *     distribution, or an enqueued value is not in the distribution
   */
  Object suggest(String name, Distribution distribution);

  /** A float uniform on {@code [low, high]}. */
  default double suggestFloat(String name, double low, double high) {
    return (Double) suggest(name, checked(name, () -> FloatDistribution.uniform(low, high)));
  }

  /** A float on {@code [low, high]}, uniform in {@code log(x)} when {@code log} is set. */
  default double suggestFloat(String name, double low, double high, boolean log) {
    return (Double) suggest(name, checked(name, () -> new FloatDistribution(low, high, log, 0)));
  }

  /** A float on the grid {@code low, low + step, ..., high}. */
  default double suggestFloat(String name, double low, double high, double step) {
    return (Double) suggest(name, checked(name, () -> FloatDistribution.stepped(low, high, step)));
  }

  /** An integer in {@code [low, high]}. */
  default int suggestInt(String name, int low, int high) {
    return (Integer) suggest(name, checked(name, () -> IntDistribution.uniform(low, high)));
  }

  /** An integer in {@code [low, high]}, uniform in {@code log(x)} when {@code log} is set. */
  default int suggestInt(String name, int low, int high, boolean log) {
    return (Integer) suggest(name, checked(name, () -> new IntDistribution(low, high, log, 1)));
  }

  /** An integer on the grid {@code low, low + step, ..., high}. */
  default int suggestInt(String name, int low, int high, int step) {
    return (Integer) suggest(name, checked(name, () -> IntDistribution.stepped(low, high, step)));
  }

  /** One of the choices (strings, numbers, booleans, enum constants, {@code null}). */
  @SuppressWarnings("unchecked")
  default <T> T suggestCategorical(String name, List<T> choices) {
    return (T) suggest(name, checked(name, () -> new CategoricalDistribution(new ArrayList<>(choices))));
  }

  /** One of the constants of an enum. */
  default <E extends Enum<E>> E suggestEnum(String name, Class<E> type) {
    return type.cast(suggest(name, CategoricalDistribution.ofEnum(type)));
  }

  /** {@code false} or {@code true}. */
  default boolean suggestBoolean(String name) {
    return (Boolean) suggest(name, CategoricalDistribution.bool());
  }

  /** A parameter with one possible value: recorded with the trial, always {@code value}. */
  @SuppressWarnings("unchecked")
  default <T> T suggestFixed(String name, T value) {
    return (T) suggest(name, CategoricalDistribution.fixed(value));
  }

  /** Suggests every parameter of a declared space, in its order; returns name to value. */
  default Map<String, Object> suggestAll(SearchSpace space) {
    Map<String, Object> values = new LinkedHashMap<>();
    space.parameters().forEach((name, d) -> values.put(name, suggest(name, d)));
    return values;
  }

  /**
   * Reports the objective's intermediate value at a step (an epoch, say), for pruners and learning
   * curves. A second report for the same step is ignored with a warning.
   *
   * @throws IllegalArgumentException if {@code step < 0}
   */
  void report(int step, double value);

  /**
   * Asks the study's pruner whether this trial should stop now. When it says yes, the objective
   * should throw {@link TrialPrunedException}; the trial then ends PRUNED with the pruner's reason
   * (which rung, which percentile, which value) stored as its {@code prune_reason}. A trial pruned
   * without such a verdict just before (the objective's own decision) stores the exception's
   * message instead, and a verdict the objective ignores leaves no reason behind.
   */
  boolean shouldPrune();

  /**
   * Sets a user attribute, stored with the trial. Values must be JSON-like: {@code null}, a string,
   * a number, a boolean, or a list or string-keyed map of those.
   *
   * @throws IllegalArgumentException if the value is not JSON-like
   */
  void setUserAttr(String key, Object value);

  /** The parameters suggested so far, name to external value, in suggestion order. */
  Map<String, Object> params();

  /** The user attributes set so far. */
  Map<String, Object> userAttrs();

  /**
   * The system attributes stored with the trial so far: what the study, its sampler and its pruner
   * recorded (a population-based sampler's lineage, say, which tells the objective whose weights to
   * start from). Read-only; the default, for trials that are not stored, is none.
   */
  default Map<String, Object> systemAttrs() {
    return Map.of();
  }

  private static Distribution checked(String name, Supplier<Distribution> make) {
    try {
      return make.get();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("parameter '" + name + "': " + e.getMessage(), e);
    }
  }
}
