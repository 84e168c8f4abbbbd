package dev.jtune.study;

import dev.jtune.sampler.Constraints;
import dev.jtune.trial.FrozenTrial;
import dev.jtune.trial.TrialState;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a trial ended, before it is written: the final state, its values, and for FAIL the reason and
 * the exception. {@link #record} writes it exactly once and runs the sampler's {@code afterTrial}.
 */
record TrialOutcome(LiveTrial trial, TrialState state, List<Double> values, String reason,
    Throwable failure) {

  private static final Logger LOG = LoggerFactory.getLogger(Study.class);
  /** Stored failure reasons are cut to this many characters, keeping the start of the trace. */
  private static final int MAX_REASON = 8_000;

  /** COMPLETE with the values, or FAIL if they are missing, NaN or of the wrong number. */
  static TrialOutcome of(LiveTrial trial, double[] values) {
    int expected = trial.study().directions().size();
    if (values == null) {
      return failed(trial, "the objective returned null");
    }
    if (values.length != expected) {
      return failed(trial, "the objective returned " + values.length + " value(s) "
          + java.util.Arrays.toString(values) + " for a study with " + expected + " direction(s)");
    }
    List<Double> list = new ArrayList<>(values.length);
    for (double v : values) {
      if (Double.isNaN(v)) {
        return failed(trial, "the objective returned NaN: " + java.util.Arrays.toString(values));
      }
      list.add(v);
    }
    if (list.stream().anyMatch(v -> v.isInfinite())) {
      // legal (Optuna stores infinities too), but it wins or loses against every other trial
      // whatever it means, so the user hears of it
      LOG.warn("trial {} of study '{}' returned {}: stored as COMPLETE, but an infinite value "
          + "ranks it first or last whatever the objective meant", trial.number(),
          trial.study().name(), list);
    }
    return new TrialOutcome(trial, TrialState.COMPLETE, list, "", null);
  }

  /** PRUNED, keeping the last reported value as the trial's value when it is a number. */
  static TrialOutcome pruned(LiveTrial trial, String reason) {
    Double last = trial.lastIntermediateValue();
    boolean keep = last != null && !last.isNaN() && trial.study().directions().size() == 1;
    return new TrialOutcome(trial, TrialState.PRUNED, keep ? List.of(last) : List.of(), reason, null);
  }

  /** FAIL for a reason the study found (not an exception). */
  static TrialOutcome failed(LiveTrial trial, String reason) {
    return new TrialOutcome(trial, TrialState.FAIL, List.of(), reason, null);
  }

  /** FAIL because the objective (or the sampler) threw. */
  static TrialOutcome failed(LiveTrial trial, Throwable failure) {
    String reason = describe(failure);
    if (reason.length() > MAX_REASON) {
      int cut = Character.isHighSurrogate(reason.charAt(MAX_REASON - 1)) ? MAX_REASON - 1
          : MAX_REASON; // never half of a character
      reason = reason.substring(0, cut) + "\n... (cut)";
    }
    return new TrialOutcome(trial, TrialState.FAIL, List.of(), reason, failure);
  }

  /**
   * The failure's stack trace; if printing it throws (user code whose {@code getMessage} or
   * {@code toString} fails), its class and the exception that printing threw, so that the trial
   * still ends FAIL with a reason.
   */
  private static String describe(Throwable failure) {
    StringWriter trace = new StringWriter();
    try {
      failure.printStackTrace(new PrintWriter(trace));
      return trace.toString();
    } catch (RuntimeException | StackOverflowError e) {
      return failure.getClass().getName() + " (its message could not be printed: "
          + e.getClass().getName() + ")";
    }
  }

  /** Writes the outcome, tells the sampler, logs one line, and returns the finished snapshot. */
  FrozenTrial record(Study study) {
    if (state == TrialState.FAIL) {
      study.storage().setTrialSystemAttr(trial.id(), FrozenTrial.FAIL_REASON, reason);
    } else if (state == TrialState.PRUNED) {
      // the pruner's reason when its last verdict was the one obeyed, else the objective's own
      String verdict = trial.pruneVerdict();
      study.storage().setTrialSystemAttr(trial.id(), FrozenTrial.PRUNE_REASON,
          verdict != null ? verdict : reason);
    }
    if (study.constraints() != null && state != TrialState.FAIL) {
      storeConstraints(study);
    }
    study.storage().setTrialState(trial.id(), state, values);
    FrozenTrial finished = study.storage().trial(trial.id());
    try {
      study.sampler().afterTrial(trial.historyFor(finished), finished, state, values);
    } catch (RuntimeException e) {
      LOG.warn("sampler {} failed in afterTrial of trial {}; the study goes on",
          study.sampler(), finished.number(), e);
    }
    log(study, finished);
    return finished;
  }

  /**
   * Asks the study's constraints about the trial as it ends (its final state and values, its
   * attributes) and stores the answer before the state, so that no reader sees the trial finished
   * without it: the values, or {@code null} with a WARN line and the reason
   * ({@link FrozenTrial#CONSTRAINTS_PROBLEM}) when they cannot be had.
   */
  private void storeConstraints(Study study) {
    FrozenTrial t = study.storage().trial(trial.id());
    FrozenTrial ending = new FrozenTrial(t.id(), t.number(), state, values, t.internalParams(),
        t.distributions(), t.intermediateValues(), t.userAttrs(), t.systemAttrs(), t.started(),
        java.time.Instant.now());
    Constraints.Outcome c = study.constraints().ask(ending);
    List<Double> stored = null;
    if (c.problem() != null) {
      // a pruned trial is never a best trial, and often lacks what a bound reads (the values of
      // several objectives): its missing constraints are worth a DEBUG line only
      if (state == TrialState.PRUNED) {
        LOG.debug("the constraints of pruned trial {} of study '{}' could not be had ({})",
            t.number(), study.name(), c.problem());
      } else {
        LOG.warn("the constraints of trial {} of study '{}' could not be had ({}); it counts as "
            + "infeasible", t.number(), study.name(), c.problem());
      }
      study.storage().setTrialSystemAttr(trial.id(), FrozenTrial.CONSTRAINTS_PROBLEM,
          c.problem());
    } else {
      stored = java.util.Arrays.stream(c.values()).boxed().toList();
    }
    study.storage().setTrialSystemAttr(trial.id(), FrozenTrial.CONSTRAINTS, stored);
  }

  private void log(Study study, FrozenTrial finished) {
    if (state == TrialState.FAIL) {
      LOG.warn("Trial {} failed with parameters {}: {}", finished.number(), finished.params(),
          failure == null ? reason : reason.lines().findFirst().orElse(reason));
      return;
    }
    if (!LOG.isInfoEnabled()) {
      return;
    }
    Map<String, Object> params = finished.params();
    String what = state == TrialState.PRUNED ? "was pruned at " + finished.lastStep()
        .map(s -> "step " + s).orElse("the start") + " (" + finished.systemAttrs()
        .getOrDefault(FrozenTrial.PRUNE_REASON, reason) + ")"
        : "finished with value " + valuesText();
    if (study.directions().size() == 1) {
      FrozenTrial best = study.bestSeen(finished);
      LOG.info("Trial {} {} and parameters {}. Best is trial {} with value {}.", finished.number(),
          what, params, best == null ? "-" : best.number(), best == null ? "-" : best.value());
    } else {
      LOG.info("Trial {} {} and parameters {}.", finished.number(), what, params);
    }
  }

  private String valuesText() {
    return values.size() == 1 ? String.valueOf(values.get(0)) : values.toString();
  }
}
