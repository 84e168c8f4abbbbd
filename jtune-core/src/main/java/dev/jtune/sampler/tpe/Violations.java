package dev.jtune.sampler.tpe;

import dev.jtune.sampler.Constraints;
import dev.jtune.trial.FrozenTrial;
import dev.jtune.trial.TrialState;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How far each trial misses a study's {@link Constraints}, as Optuna's TPE measures it: the sum
 * of its positive constraint values, 0 for a feasible trial. A running trial, or one whose
 * constraints cannot be had (the function throws or returns null or a NaN), counts as infinitely
 * far, the latter with one WARN line per trial. Without constraints every trial is feasible.
 */
final class Violations {
  private static final Logger LOG = LoggerFactory.getLogger(Violations.class);

  /** No constraints: every trial is feasible. */
  static final Violations NONE =
      new Violations(null, ConcurrentHashMap.newKeySet(), new ConcurrentHashMap<>());
  /** Bounds the memo of finished trials' violations. */
  private static final int MAX_MEMO = 200_000;

  private final Constraints constraints;
  private final Set<String> warned;
  private final Map<List<Object>, Double> memo;

  /**
   * @param constraints the study's constraints, or {@code null} for none
   * @param warned the keys of the trials already warned about, shared by the sampler's reads
   * @param memo the violations of finished trials (which never change), shared likewise, so the
   *     function is asked once per trial rather than once per trial per later trial
   */
  Violations(Constraints constraints, Set<String> warned, Map<List<Object>, Double> memo) {
    this.constraints = constraints;
    this.warned = warned;
    this.memo = memo;
  }

  /**
   * These violations, or, when this sampler has no constraints and some of {@code trials} have
   * constraint values stored, violations read from what is stored ({@link Constraints#forTrials}).
   */
  Violations forTrials(List<FrozenTrial> trials) {
    Constraints found = Constraints.forTrials(constraints, trials);
    return found == constraints ? this : new Violations(found, warned, memo);
  }

  /** Whether the study has constraints. */
  boolean any() {
    return constraints != null;
  }

  /** The trial's total violation. */
  double of(FrozenTrial t) {
    if (constraints == null) {
      return 0;
    }
    if (t.state() == TrialState.RUNNING) {
      return Double.POSITIVE_INFINITY;
    }
    List<Object> key = Arrays.asList(t.id(), t.number(), t.completed());
    Double known = memo.get(key);
    if (known != null) {
      return known;
    }
    double v = evaluate(t);
    if (memo.size() >= MAX_MEMO) {
      memo.clear();
    }
    memo.put(key, v);
    return v;
  }

  private double evaluate(FrozenTrial t) {
    Constraints.Outcome c = constraints.evaluate(t);
    if (c.problem() == null) {
      return c.violation();
    }
    // a stored null was reported by the study when the trial finished
    if (!t.systemAttrs().containsKey(FrozenTrial.CONSTRAINTS)
        && warned.add("constraints:" + t.id() + ":" + t.number())) {
      LOG.warn("TpeSampler: trial {} has no usable constraint values ({}); it counts as "
          + "infinitely infeasible", t.number(), c.problem());
    }
    return Double.POSITIVE_INFINITY;
  }
}
