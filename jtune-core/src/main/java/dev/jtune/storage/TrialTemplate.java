package dev.jtune.storage;

import dev.jtune.space.Distribution;
import dev.jtune.trial.FrozenTrial;
import dev.jtune.trial.TrialState;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a new trial starts with, for {@link Storage#createTrial}: a fresh RUNNING trial, a WAITING
 * trial with fixed parameters (an enqueued trial), or a finished trial added from elsewhere (a warm
 * start from earlier results).
 *
 * @param state the initial state
 * @param values objective values; only for finished states
 * @param internalParams parameters in internal form
 * @param distributions their distributions; same names as {@code internalParams}
 * @param intermediateValues reported values by step
 * @param userAttrs user attributes
 * @param systemAttrs system attributes
 * @param started when the trial started, or {@code null} for the storage's clock when it creates a
 *     trial that is not WAITING (a copied trial keeps its own; a finished template with
 *     {@code completed} and no start, a trial that failed while it waited, keeps none)
 * @param completed when it finished, or {@code null} for the storage's clock when it creates a
 *     finished trial
 */
public record TrialTemplate(
    TrialState state,
    List<Double> values,
    Map<String, Double> internalParams,
    Map<String, Distribution> distributions,
    SortedMap<Integer, Double> intermediateValues,
    Map<String, Object> userAttrs,
    Map<String, Object> systemAttrs,
    Instant started,
    Instant completed) {

  /** A template whose times the storage's clock sets. */
  public TrialTemplate(TrialState state, List<Double> values, Map<String, Double> internalParams,
      Map<String, Distribution> distributions, SortedMap<Integer, Double> intermediateValues,
      Map<String, Object> userAttrs, Map<String, Object> systemAttrs) {
    this(state, values, internalParams, distributions, intermediateValues, userAttrs, systemAttrs,
        null, null);
  }

  /** The trial as it is: its state, values, parameters, reports, attributes and times. */
  public static TrialTemplate of(FrozenTrial trial) {
    return new TrialTemplate(trial.state(), trial.values(), trial.internalParams(),
        trial.distributions(), trial.intermediateValues(), trial.userAttrs(), trial.systemAttrs(),
        trial.started(), trial.completed());
  }

  public TrialTemplate {
    Objects.requireNonNull(state, "state");
    values = List.copyOf(values);
    internalParams = Collections.unmodifiableMap(new LinkedHashMap<>(internalParams));
    distributions = Collections.unmodifiableMap(new LinkedHashMap<>(distributions));
    intermediateValues = Collections.unmodifiableSortedMap(new TreeMap<>(intermediateValues));
    userAttrs = Collections.unmodifiableMap(new LinkedHashMap<>(userAttrs));
    systemAttrs = Collections.unmodifiableMap(new LinkedHashMap<>(systemAttrs));
    if (!internalParams.keySet().equals(distributions.keySet())) {
      throw new IllegalArgumentException(
          "params " + internalParams.keySet() + " and distributions " + distributions.keySet()
              + " must have the same names");
    }
    for (Map.Entry<String, Double> e : internalParams.entrySet()) {
      Distribution d = distributions.get(e.getKey());
      if (!d.contains(e.getValue())) {
        throw new IllegalArgumentException("parameter '" + e.getKey() + "': internal value "
            + e.getValue() + " is not in " + d.describe());
      }
    }
    if (!state.isFinished() && !values.isEmpty()) {
      throw new IllegalArgumentException("a " + state + " trial cannot have values, got " + values);
    }
    if (state == TrialState.COMPLETE && values.isEmpty()) {
      throw new IllegalArgumentException("a COMPLETE trial needs values");
    }
    if (state == TrialState.WAITING && started != null) {
      throw new IllegalArgumentException("a WAITING trial has not started, got started=" + started);
    }
    if (!state.isFinished() && completed != null) {
      throw new IllegalArgumentException("a " + state + " trial has not finished, got completed="
          + completed);
    }
  }

  /** A fresh RUNNING trial with nothing set. */
  public static TrialTemplate running() {
    return new TrialTemplate(TrialState.RUNNING, List.of(), Map.of(), Map.of(), new TreeMap<>(),
        Map.of(), Map.of());
  }

  /** A WAITING trial whose parameters, by name, must take the given external values when suggested. */
  public static TrialTemplate waiting(Map<String, ?> fixedParams) {
    return new TrialTemplate(TrialState.WAITING, List.of(), Map.of(), Map.of(), new TreeMap<>(),
        Map.of(), Map.of(FrozenTrial.FIXED_PARAMS, Collections.unmodifiableMap(new LinkedHashMap<>(fixedParams))));
  }

  /** The same template with one more user attribute. */
  public TrialTemplate withUserAttr(String key, Object value) {
    Map<String, Object> attrs = new LinkedHashMap<>(userAttrs);
    attrs.put(key, value);
    return new TrialTemplate(state, values, internalParams, distributions, intermediateValues,
        attrs, systemAttrs, started, completed);
  }
}
