package dev.jtune.trial;

import dev.jtune.space.Distribution;
import dev.jtune.storage.TrialId;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * An immutable snapshot of a trial: what storages return and what samplers, pruners, callbacks and
 * exports read. Later writes to the trial never change a snapshot already taken.
 *
 * @param id the storage's identifier of the trial
 * @param number the trial's number in its study: dense from 0, unique per study
 * @param state the state when the snapshot was taken
 * @param values the objective values (one per study direction); empty unless finished with values
 * @param internalParams parameter values in internal form, in the order they were suggested
 * @param distributions each parameter's distribution; same keys as {@code internalParams}
 * @param intermediateValues values reported with {@link Trial#report}, by step
 * @param userAttrs attributes set by the user
 * @param systemAttrs attributes set by jtune (fixed parameters, failure reason, prune reason, ...)
 * @param started when the trial started running; {@code null} while WAITING
 * @param completed when the trial finished; {@code null} until then
 */
public record FrozenTrial(
    TrialId id,
    int number,
    TrialState state,
    List<Double> values,
    Map<String, Double> internalParams,
    Map<String, Distribution> distributions,
    SortedMap<Integer, Double> intermediateValues,
    Map<String, Object> userAttrs,
    Map<String, Object> systemAttrs,
    Instant started,
    Instant completed) {

  /** System attribute: the failure reason (message and stack trace) of a FAIL trial. */
  public static final String FAIL_REASON = "fail_reason";
  /** System attribute: the pruner's reason for a PRUNED trial. */
  public static final String PRUNE_REASON = "prune_reason";
  /** System attribute: the external parameter values an enqueued trial must use. */
  public static final String FIXED_PARAMS = "fixed_params";
  /**
   * System attribute: the constraint values of a trial of a constrained study, stored once when it
   * finished (COMPLETE or PRUNED), as Optuna stores them: a list of numbers, at most 0 where a
   * constraint holds, or {@code null} when they could not be had. See
   * {@link dev.jtune.sampler.Constraints}.
   */
  public static final String CONSTRAINTS = "constraints";
  /** System attribute: why a trial's {@value #CONSTRAINTS} are {@code null}. */
  public static final String CONSTRAINTS_PROBLEM = "constraints_problem";

  public FrozenTrial {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(state, "state");
    values = List.copyOf(values);
    internalParams = Collections.unmodifiableMap(new LinkedHashMap<>(internalParams));
    distributions = Collections.unmodifiableMap(new LinkedHashMap<>(distributions));
    if (!internalParams.keySet().equals(distributions.keySet())) {
      throw new IllegalArgumentException(
          "params " + internalParams.keySet() + " and distributions " + distributions.keySet()
              + " must have the same names");
    }
    intermediateValues = Collections.unmodifiableSortedMap(new TreeMap<>(intermediateValues));
    userAttrs = Collections.unmodifiableMap(new LinkedHashMap<>(userAttrs));
    systemAttrs = Collections.unmodifiableMap(new LinkedHashMap<>(systemAttrs));
  }

  /** The parameter values as the objective saw them, in suggestion order; unmodifiable. */
  public Map<String, Object> params() {
    Map<String, Object> out = new LinkedHashMap<>();
    internalParams.forEach((name, v) -> out.put(name, distributions.get(name).toExternal(v)));
    return Collections.unmodifiableMap(out);
  }

  /**
   * The external value of one parameter, or {@code null} if the trial has no such parameter. A
   * categorical's {@code null} choice is also {@code null}: tell them apart with {@link #hasParam}.
   */
  public Object param(String name) {
    Double internal = internalParams.get(name);
    return internal == null ? null : distributions.get(name).toExternal(internal);
  }

  /** Whether the trial has a value for the parameter. */
  public boolean hasParam(String name) {
    return internalParams.containsKey(name);
  }

  /**
   * The single objective value.
   *
   * @throws IllegalStateException if the trial has no value or several
   */
  public double value() {
    if (values.size() != 1) {
      throw new IllegalStateException(
          "trial " + number + " has " + values.size() + " values " + values + ", not exactly one");
    }
    return values.get(0);
  }

  /** Whether the trial's state is final. */
  public boolean isFinished() {
    return state.isFinished();
  }

  /** The last reported step, if any value was reported. */
  public Optional<Integer> lastStep() {
    return intermediateValues.isEmpty()
        ? Optional.empty() : Optional.of(intermediateValues.lastKey());
  }

  /** How long the trial ran, once it has started and finished. */
  public Optional<Duration> duration() {
    return started == null || completed == null
        ? Optional.empty() : Optional.of(Duration.between(started, completed));
  }

  /**
   * The constraint values stored with the trial ({@value #CONSTRAINTS}), if it has them: empty when
   * the trial has none (an unconstrained study, a trial that had not finished, or one whose
   * constraints could not be had), or when what is stored is not a list of numbers.
   */
  public Optional<double[]> constraintValues() {
    if (!(systemAttrs.get(CONSTRAINTS) instanceof List<?> list)) {
      return Optional.empty();
    }
    double[] out = new double[list.size()];
    for (int i = 0; i < out.length; i++) {
      if (!(list.get(i) instanceof Number n) || Double.isNaN(n.doubleValue())) {
        return Optional.empty();
      }
      out[i] = n.doubleValue();
    }
    return Optional.of(out);
  }
}
