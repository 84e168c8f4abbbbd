package dev.jtune.testkit;

import dev.jtune.space.Distribution;
import dev.jtune.storage.TrialTemplate;
import dev.jtune.trial.TrialState;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Fixture builders for trials in tests: finished trials with given parameters and values, to add
 * to a study with {@code study.addTrial(...)} or a storage with {@code storage.createTrial(...)}.
 *
 * <pre>{@code
 * storage.createTrial(study, Trials.complete(0.5).param("x", 1.0, FloatDistribution.uniform(0, 2)).build());
 * }</pre>
 */
public final class Trials {
  private final TrialState state;
  private final List<Double> values;
  private final Map<String, Double> params = new LinkedHashMap<>();
  private final Map<String, Distribution> distributions = new LinkedHashMap<>();
  private final TreeMap<Integer, Double> intermediate = new TreeMap<>();
  private final Map<String, Object> userAttrs = new LinkedHashMap<>();
  private final Map<String, Object> systemAttrs = new LinkedHashMap<>();

  private Trials(TrialState state, List<Double> values) {
    this.state = state;
    this.values = values;
  }

  /** A COMPLETE trial with the given values (one per study direction). */
  public static Trials complete(double... values) {
    return new Trials(TrialState.COMPLETE, java.util.Arrays.stream(values).boxed().toList());
  }

  /** A PRUNED trial without a value. */
  public static Trials pruned() {
    return new Trials(TrialState.PRUNED, List.of());
  }

  /** A FAIL trial. */
  public static Trials failed() {
    return new Trials(TrialState.FAIL, List.of());
  }

  /** A fresh RUNNING trial. */
  public static Trials running() {
    return new Trials(TrialState.RUNNING, List.of());
  }

  /** Adds a parameter, given by its external value. */
  public Trials param(String name, Object value, Distribution distribution) {
    params.put(name, distribution.toInternal(value));
    distributions.put(name, distribution);
    return this;
  }

  /** Adds an intermediate value. */
  public Trials report(int step, double value) {
    intermediate.put(step, value);
    return this;
  }

  /** Adds a user attribute. */
  public Trials userAttr(String key, Object value) {
    userAttrs.put(key, value);
    return this;
  }

  /** Adds a system attribute. */
  public Trials systemAttr(String key, Object value) {
    systemAttrs.put(key, value);
    return this;
  }

  /** The template. */
  public TrialTemplate build() {
    return new TrialTemplate(state, values, params, distributions, intermediate, userAttrs,
        systemAttrs);
  }
}
