package dev.jtune.nn.model;

import dev.jtune.space.Distribution;
import dev.jtune.trial.Trial;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A trial whose parameters are given (Optuna's {@code FixedTrial}): {@code suggest} returns the
 * given value after checking it lies in the distribution. Used to rebuild a trial's network from
 * its stored parameters, and to build a model by hand. Reports are kept; it never prunes.
 *
 * <p>Thread-confined. Not final: a test may override {@link #report} and {@link #shouldPrune()}
 * to play a study's pruner.
 */
public class FixedTrial implements Trial {

  private final Map<String, Object> given;
  private final int number;
  private final Map<String, Object> used = new LinkedHashMap<>();
  private final Map<String, Object> attrs = new LinkedHashMap<>();
  private final Map<Integer, Double> reports = new LinkedHashMap<>();

  /** A trial numbered {@code number} with these external parameter values. */
  public FixedTrial(Map<String, ?> params, int number) {
    this.given = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    this.number = number;
  }

  /** A trial numbered 0. */
  public FixedTrial(Map<String, ?> params) {
    this(params, 0);
  }

  @Override
  public int number() {
    return number;
  }

  /**
   * The given value of {@code name}.
   *
   * @throws IllegalArgumentException if no value was given for {@code name}, or it is not in the
   *     distribution
   */
  @Override
  public Object suggest(String name, Distribution distribution) {
    if (!given.containsKey(name)) {
      throw new IllegalArgumentException("no value given for parameter '" + name + "'; given: "
          + given.keySet());
    }
    Object value = given.get(name);
    double internal;
    RuntimeException why = null;
    try {
      internal = distribution.toInternal(value);
    } catch (RuntimeException e) {
      internal = Double.NaN;
      why = e;
    }
    if (!distribution.contains(internal)) {
      throw new IllegalArgumentException("parameter '" + name + "' = " + value
          + (value == null ? "" : " (" + value.getClass().getSimpleName() + ")") + " is not in "
          + distribution.describe() + (why == null ? "" : ": " + why.getMessage()), why);
    }
    // the distribution's own form of the value: 3L or 3.0 (as JSON readers give them) become the
    // Integer 3 that suggestInt returns, 64L the choice 64 itself
    value = distribution.toExternal(internal);
    used.put(name, value);
    return value;
  }

  @Override
  public void report(int step, double value) {
    if (step < 0) {
      throw new IllegalArgumentException("step=" + step + " must be >= 0");
    }
    reports.putIfAbsent(step, value);
  }

  @Override
  public boolean shouldPrune() {
    return false;
  }

  @Override
  public void setUserAttr(String key, Object value) {
    attrs.put(key, value);
  }

  @Override
  public Map<String, Object> params() {
    return Collections.unmodifiableMap(used);
  }

  @Override
  public Map<String, Object> userAttrs() {
    return Collections.unmodifiableMap(attrs);
  }

  /** The values reported so far, step to value. */
  public Map<Integer, Double> reports() {
    return Collections.unmodifiableMap(reports);
  }
}
