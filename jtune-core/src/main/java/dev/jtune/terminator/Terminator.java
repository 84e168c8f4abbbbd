package dev.jtune.terminator;

import dev.jtune.study.Feasibility;
import dev.jtune.study.StudyDirection;
import dev.jtune.study.StudyView;
import dev.jtune.trial.FrozenTrial;
import dev.jtune.trial.TrialState;
import java.util.List;
import java.util.Objects;

/**
 * Decides whether a study has done enough (Optuna's {@code Terminator}; Makarova et al. 2022):
 * once it has {@code minTrials} complete trials, it stops when the room left for improvement is
 * below the objective's statistical error, i.e. when whatever is still to be found could not be
 * told from noise. Single-objective studies; in a constrained one only the trials that meet the
 * constraints are judged (and counted), as only they can be the best (Optuna's terminator
 * judges every trial).
 *
 * <pre>{@code
 * Study study = Study.builder().direction(StudyDirection.MAXIMIZE)
 *     .callback(new TerminatorCallback(Terminator.crossValidated()))   // regret bound vs folds
 *     .build();
 * study.optimize(objective, 500);   // the objective reports its folds: CrossValidationError.report
 * }</pre>
 */
public final class Terminator {
  /** Optuna's default: no verdict before 20 complete trials. */
  public static final int DEFAULT_MIN_TRIALS = 20;
  /** A costly verdict is made again once the complete trials grew by 1/this (2%). */
  private static final int JUDGE_GROWTH = 50;

  private final ImprovementEvaluator improvement;
  private final ErrorEvaluator error;
  private final int minTrials;

  /**
   * A terminator that compares {@code improvement} with {@code error}.
   *
   * @param minTrials the complete trials before any verdict, {@code >= 1}
   */
  public Terminator(ImprovementEvaluator improvement, ErrorEvaluator error, int minTrials) {
    this.improvement = Objects.requireNonNull(improvement, "improvement");
    this.error = Objects.requireNonNull(error, "error");
    if (minTrials < 1) {
      throw new IllegalArgumentException("minTrials=" + minTrials + " must be >= 1");
    }
    this.minTrials = minTrials;
  }

  /**
   * Optuna's default: the GP regret bound of the best half of the trials against the spread of
   * the best trial's cross-validation folds, after 20 complete trials. The trials must be
   * scored over folds ({@link CrossValidationError}).
   */
  public static Terminator crossValidated() {
    return new Terminator(ImprovementEvaluator.regretBound(), ErrorEvaluator.crossValidation(),
        DEFAULT_MIN_TRIALS);
  }

  /**
   * The GP regret bound against the standard error of the best trial's executions (several
   * networks per trial from different seeds, {@link ExecutionsError}), after 20 complete trials.
   */
  public static Terminator acrossExecutions() {
    return new Terminator(ImprovementEvaluator.regretBound(), ErrorEvaluator.executions(),
        DEFAULT_MIN_TRIALS);
  }

  /** The GP regret bound against a fixed tolerance, after 20 complete trials. */
  public static Terminator withinTolerance(double tolerance) {
    return new Terminator(ImprovementEvaluator.regretBound(), ErrorEvaluator.fixed(tolerance),
        DEFAULT_MIN_TRIALS);
  }

  /** Stops once {@code maxStagnantTrials} complete trials in a row have not beaten the best. */
  public static Terminator stagnation(int maxStagnantTrials) {
    return new Terminator(new BestValueStagnation(maxStagnantTrials), ErrorEvaluator.fixed(0), 1);
  }

  /**
   * A terminator's judgement.
   *
   * @param terminate whether the study should stop
   * @param completeTrials the complete trials judged
   * @param improvement the room left ({@code NaN} before {@code minTrials})
   * @param error the error it was compared with ({@code NaN} before {@code minTrials})
   */
  public record Verdict(boolean terminate, int completeTrials, double improvement, double error) {}

  /**
   * Judges a study's trials.
   *
   * @throws IllegalArgumentException if an evaluator cannot judge them (no cross-validation
   *     scores on the best trial, say)
   */
  public Verdict judge(List<FrozenTrial> trials, StudyDirection direction) {
    // in a constrained study the trials that miss a constraint are not candidates for the best
    // (Study.findBestTrial): the room, the error and the count are the feasible trials'
    List<FrozenTrial> judged = Feasibility.filter(trials.stream()
        .filter(t -> t.state() == TrialState.COMPLETE).toList());
    if (judged.size() < minTrials) {
      return new Verdict(false, judged.size(), Double.NaN, Double.NaN);
    }
    double noise = error.evaluate(judged, direction);   // the cheaper, and the one that may refuse
    double room = improvement.evaluate(judged, direction);
    return new Verdict(room < noise, judged.size(), room, noise);
  }

  /**
   * {@link #judge}, or empty where the trials cannot be judged (no scores on the best trial, no
   * shared parameter): for a check before a run, whose callback warns about it once it runs.
   */
  public java.util.Optional<Verdict> judgeIfPossible(List<FrozenTrial> trials,
      StudyDirection direction) {
    try {
      return java.util.Optional.of(judge(trials, direction));
    } catch (IllegalArgumentException cannotJudge) {
      return java.util.Optional.empty();
    }
  }

  /**
   * Whether a study judged at {@code judgedAt} complete trials is worth judging again at
   * {@code complete}: always for a cheap evaluator, and for a {@link ImprovementEvaluator#costly
   * costly} one (a GP fit per verdict) after each trial up to 100, then once the study has grown
   * by 2%.
   */
  public boolean worthJudgingAgain(int judgedAt, int complete) {
    return judgedAt < 0 || !improvement.costly() || complete < judgedAt
        || complete - judgedAt >= Math.max(1, complete / JUDGE_GROWTH);
  }

  /** How the room for improvement is judged. */
  public ImprovementEvaluator improvement() {
    return improvement;
  }

  /** What the room for improvement is compared with. */
  public ErrorEvaluator error() {
    return error;
  }

  /**
   * Whether the study should stop.
   *
   * @throws IllegalArgumentException for a study of several objectives, or trials an evaluator
   *     cannot judge
   */
  public boolean shouldTerminate(StudyView study) {
    if (study.directions().size() != 1) {
      throw new IllegalArgumentException("a terminator judges one objective; study '"
          + study.name() + "' has " + study.directions().size());
    }
    return judge(study.trials(), study.direction()).terminate();
  }

  /** The verdict in words: what was compared, after how many complete trials. */
  public String explain(Verdict v) {
    if (Double.isNaN(v.improvement())) {
      return "no verdict before " + minTrials + " complete trials (" + v.completeTrials() + ")";
    }
    if (improvement instanceof BestValueStagnation s) {
      long stagnant = Math.round(s.maxStagnantTrials() - v.improvement());
      return "after " + v.completeTrials() + " complete trials, the last " + stagnant
          + " have not beaten the best (" + s.maxStagnantTrials() + " allowed)";
    }
    return String.format(java.util.Locale.ROOT, "after %d complete trials, %s is %.4g, %s %s "
        + "(%.4g)", v.completeTrials(), improvement, v.improvement(),
        v.terminate() ? "below" : "not below", error, v.error());
  }

  @Override
  public String toString() {
    if (improvement instanceof BestValueStagnation s) {
      return s.maxStagnantTrials() + " complete trials in a row have not beaten the best";
    }
    return improvement + " < " + error + " (from " + minTrials + " complete trials)";
  }
}
