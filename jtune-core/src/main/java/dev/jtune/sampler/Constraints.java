package dev.jtune.sampler;

import dev.jtune.trial.FrozenTrial;

/**
 * The constraints of a study's trials, as Optuna's {@code constraints_func}: one number per
 * constraint, at most 0 where it holds, and how far it is violated where it is above 0.
 *
 * <p>Give it to the study ({@link dev.jtune.study.StudyBuilder#constraints}) or to a sampler that
 * takes one ({@link dev.jtune.sampler.nsga.NsgaIISampler}, {@link dev.jtune.sampler.tpe.TpeSampler},
 * {@link dev.jtune.sampler.gp.GpSampler}, {@link dev.jtune.sampler.auto.AutoSampler}): the study
 * asks it once, when a trial finishes COMPLETE or PRUNED, and stores the values with the trial
 * (system attribute {@value dev.jtune.trial.FrozenTrial#CONSTRAINTS}, as Optuna does). From then on
 * the stored values are what counts: the samplers read them (any sampler of any worker, even one
 * given no function), and so do {@link dev.jtune.study.Study#bestTrial()},
 * {@link dev.jtune.study.Study#bestTrials()}, the summaries and the dashboard, which keep to the
 * feasible trials ({@link dev.jtune.study.Feasibility}).
 *
 * <p>The function sees the finished trial (its parameters, values, user attributes): it usually
 * reads what the objective stored, e.g. {@code t -> new double[] {(double) t.userAttrs()
 * .get("latency_ms") - 20}} after the objective called {@code trial.setUserAttr("latency_ms", ms)}.
 * Every trial should get the same number of constraints, none of them NaN. A trial whose
 * constraints cannot be had (the function throws or returns null or a NaN) is stored with
 * {@code null}, logged with one WARN line naming it and why (a DEBUG line for a pruned trial), and
 * ranked as Optuna ranks a trial without constraint values: below every trial that has them. The
 * study goes on. A trial with another number of values than most is stored as it is; NSGA-II and
 * the GP set it aside as if it had none ({@link #usualCount}), the best trial does not check the
 * count.
 *
 * <p>A trial finished before the study had constraints (or added with
 * {@link dev.jtune.study.Study#addTrial}) has nothing stored: it counts as infeasible for the best
 * trial, the front, the summaries and the dashboard (Optuna's rule), while a sampler given a
 * function asks it for such a trial for its own model (so the function should be a pure function
 * of the trial).
 */
@FunctionalInterface
public interface Constraints {

  /** The constraint values of a complete trial. */
  double[] of(FrozenTrial trial);

  /**
   * What {@link #of} gives for a trial: its values, or why there are none.
   *
   * @param values a copy of the constraint values, or {@code null}
   * @param problem why there are none (the function threw or returned null or a NaN), else
   *     {@code null}
   */
  record Outcome(double[] values, String problem) {
    /** The sum of the positive values: 0 when every constraint holds. */
    public double violation() {
      return Constraints.violation(values);
    }
  }

  /** The sum of the positive constraint values: 0 when every constraint holds. */
  static double violation(double[] values) {
    return dev.jtune.study.Feasibility.violation(values);
  }

  /**
   * The values stored with the trial ({@link FrozenTrial#CONSTRAINTS}) if it has the attribute,
   * else what {@link #ask} gives.
   */
  default Outcome evaluate(FrozenTrial trial) {
    Outcome stored = stored(trial);
    return stored != null ? stored : ask(trial);
  }

  /**
   * The constraints stored with a trial: its values, a problem when the attribute holds something
   * else than a list of numbers ({@code null} where they could not be had), or {@code null} when
   * the trial has no such attribute.
   */
  static Outcome stored(FrozenTrial trial) {
    if (!trial.systemAttrs().containsKey(FrozenTrial.CONSTRAINTS)) {
      return null;
    }
    Object why = trial.systemAttrs().get(FrozenTrial.CONSTRAINTS_PROBLEM);
    return trial.constraintValues().map(v -> new Outcome(v, null)).orElseGet(() ->
        new Outcome(null, why != null ? String.valueOf(why)
            : "its stored constraints are not a list of numbers: "
                + trial.systemAttrs().get(FrozenTrial.CONSTRAINTS)));
  }

  /**
   * The constraints a sampler applies to {@code trials}: its own function {@code own} when it was
   * given one; else, when any of the trials has constraints stored (the study has a function, or
   * another worker had one), the stored values ({@link #STORED}); else none ({@code null}).
   */
  static Constraints forTrials(Constraints own, Iterable<FrozenTrial> trials) {
    if (own != null) {
      return own;
    }
    for (FrozenTrial t : trials) {
      if (t.systemAttrs().containsKey(FrozenTrial.CONSTRAINTS)) {
        return STORED;
      }
    }
    return null;
  }

  /**
   * The stored values only: a trial without them (one added from elsewhere, or finished before the
   * study had constraints) cannot be had.
   */
  Constraints STORED = new Constraints() {
    @Override
    public double[] of(FrozenTrial trial) {
      throw new IllegalStateException("trial " + trial.number() + " has no stored constraints");
    }

    @Override
    public Outcome ask(FrozenTrial trial) {
      return new Outcome(null, "it has no stored constraint values");
    }

    @Override
    public String toString() {
      return "Constraints.STORED";
    }
  };

  /**
   * The number of constraint values most of {@code values} have (of equally common counts, the
   * smallest; 0 when none has values): the count a sampler trusts when a function answers some
   * trials with another number of values. {@code null} entries (no values) are skipped.
   */
  static int usualCount(Iterable<double[]> values) {
    java.util.Map<Integer, Integer> counts = new java.util.TreeMap<>();
    for (double[] v : values) {
      if (v != null) {
        counts.merge(v.length, 1, Integer::sum);
      }
    }
    return counts.entrySet().stream().max(java.util.Map.Entry.<Integer, Integer>comparingByValue()
        .thenComparing(java.util.Map.Entry.comparingByKey(java.util.Comparator.reverseOrder())))
        .map(java.util.Map.Entry::getKey).orElse(0);
  }

  /** Asks {@link #of} and checks the answer; never throws for the function's faults. */
  default Outcome ask(FrozenTrial trial) {
    double[] c;
    try {
      c = of(trial);
    } catch (RuntimeException e) {
      return new Outcome(null, "the constraint function threw " + e);
    }
    if (c == null) {
      return new Outcome(null, "the constraint function returned null");
    }
    for (double v : c) {
      if (Double.isNaN(v)) {
        return new Outcome(null, "its constraints contain NaN: " + java.util.Arrays.toString(c));
      }
    }
    return new Outcome(c.clone(), null);
  }
}
