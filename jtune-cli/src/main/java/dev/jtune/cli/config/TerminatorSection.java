package dev.jtune.cli.config;

import dev.jtune.terminator.ErrorEvaluator;
import dev.jtune.terminator.ImprovementEvaluator;
import dev.jtune.terminator.Terminator;
import java.util.List;
import java.util.Optional;

/**
 * A study file's {@code budget.terminate}: when a study is done before its trial budget (Optuna's
 * terminator). The room left for improvement, a GP regret bound, is compared with the objective's
 * error: the spread of the best trial's cross-validation folds ({@code cross-validation}), of its
 * executions from several seeds ({@code executions}), or a fixed {@code tolerance}; or the study
 * stops after {@code stagnation} trials without a better value.
 *
 * <pre>
 * budget: {trials: 500, terminate: cross-validation}         # needs data.split.folds (training)
 * budget: {trials: 500, terminate: executions}               # needs training.executions >= 2
 * budget: {trials: 500, terminate: {tolerance: 0.002, min-trials: 30}}
 * budget: {trials: 500, terminate: {stagnation: 40}}
 * </pre>
 */
final class TerminatorSection {
  static final String KEY = "terminate";
  private static final List<String> KEYS = List.of("error", "tolerance", "stagnation",
      "min-trials");
  private static final List<String> ERRORS = List.of("cross-validation", "executions");

  private TerminatorSection() {}

  /** The terminator the budget names, if any. */
  static Optional<Terminator> parse(Section budget, ObjectiveSpec objective, int directions) {
    if (!budget.has(KEY)) {
      return Optional.empty();
    }
    ConfigValue value = budget.value(KEY).orElseThrow();
    ConfigValue.Mapping m = value instanceof ConfigValue.Mapping mm ? mm
        : value instanceof ConfigValue.Scalar s && !s.isNull()
            ? ConfigValue.Mapping.empty(s.origin()).with("error", s)
            : null;
    if (m == null) {
      throw budget.error(value, KEY, "expected cross-validation, executions, {tolerance: X} or "
          + "{stagnation: N}, found " + Section.describe(value));
    }
    if (directions != 1) {
      throw budget.error(value, KEY, "a terminator judges one objective; this study has "
          + directions);
    }
    Section t = Section.of(m, budget.path(KEY), KEYS);
    long given = KEYS.subList(0, 3).stream().filter(t::has).count();
    if (given != 1) {
      throw budget.error(value, KEY, "give one of error (cross-validation or executions), "
          + "tolerance or stagnation; found " + given);
    }
    if (t.has("stagnation")) {
      if (t.has("min-trials")) {
        throw t.errorAtKey("min-trials", "stagnation counts from the first complete trial; "
            + "min-trials applies to error and tolerance");
      }
      return Optional.of(Terminator.stagnation(t.integer("stagnation", 30, 0, 10_000_000)));
    }
    int minTrials = t.integer("min-trials", Terminator.DEFAULT_MIN_TRIALS, 1, 10_000_000);
    ErrorEvaluator error;
    if (t.has("tolerance")) {
      error = ErrorEvaluator.fixed(t.number("tolerance", 0, 0, Double.MAX_VALUE));
    } else {
      String name = t.word("error", ERRORS, "cross-validation");
      error = name.equals("executions") ? ErrorEvaluator.executions()
          : ErrorEvaluator.crossValidation();
      requireScores(t, name, objective);
    }
    return Optional.of(new Terminator(ImprovementEvaluator.regretBound(), error, minTrials));
  }

  /**
   * The study must store the scores its error reads: a training study folds for
   * cross-validation and two or more executions for executions; a built-in function stores none;
   * an objective class stores its own (or the study runs to its budget, with a warning).
   */
  private static void requireScores(Section t, String error, ObjectiveSpec objective) {
    if (objective instanceof ObjectiveSpec.Function f) {
      throw t.errorAtKey("error", error + " reads scores each trial stores, which the built-in "
          + "function " + f.function() + " does not: terminate on a tolerance or stagnation");
    }
    if (!(objective instanceof ObjectiveSpec.Training training)) {
      return;   // an objective class may store them (CrossValidationError.report, ...)
    }
    TrainingSpec spec = training.spec();
    if (error.equals("cross-validation") && !spec.data().split().crossValidated()) {
      throw t.errorAtKey("error", "cross-validation reads the best trial's fold scores, but "
          + "this study holds out a validation split: set data.split.folds (2 or more), or "
          + "terminate on executions, a tolerance or stagnation");
    }
    if (error.equals("executions") && spec.training().executions() < 2) {
      throw t.errorAtKey("error", "executions reads the spread of each trial's executions, but "
          + "training.executions is " + spec.training().executions() + ": set it to 2 or more");
    }
  }
}
