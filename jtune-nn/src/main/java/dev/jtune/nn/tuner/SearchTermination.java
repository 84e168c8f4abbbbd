package dev.jtune.nn.tuner;

import dev.jtune.study.Study;
import dev.jtune.study.StudyBuilder;
import dev.jtune.terminator.CrossValidationError;
import dev.jtune.terminator.ExecutionsError;
import dev.jtune.terminator.Terminator;
import dev.jtune.terminator.TerminatorCallback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A tuner's {@link Terminator} ({@link TunerBuilder#terminator}): the callback that ends a search
 * between two trials, and the check that starts none in a project already done. Without a
 * terminator it never ends a search.
 */
final class SearchTermination {
  private static final Logger LOG = LoggerFactory.getLogger(SearchTermination.class);

  private final Terminator terminator;
  private final TerminatorCallback callback;

  /** @param terminator {@code null} for none */
  SearchTermination(Terminator terminator) {
    this.terminator = terminator;
    this.callback = terminator == null ? null : new TerminatorCallback(terminator);
  }

  /**
   * Refuses a terminator whose error reads scores this search does not store: fold scores
   * without cross-validation, executions' values with one execution per trial.
   *
   * @throws IllegalArgumentException naming what is missing
   */
  void requireScores(boolean crossValidated, int executions) {
    if (terminator == null) {
      return;
    }
    if (terminator.error() instanceof CrossValidationError && !crossValidated) {
      throw new IllegalArgumentException("the terminator compares with the cross-validation "
          + "error of each trial's folds, but this search holds out a validation set: use "
          + "searchCrossValidated, or Terminator.acrossExecutions/stagnation/withinTolerance");
    }
    if (terminator.error() instanceof ExecutionsError && executions < 2) {
      throw new IllegalArgumentException("the terminator compares with the spread of each "
          + "trial's executions, but executionsPerTrial is " + executions + ": set it to 2 or "
          + "more, or use another terminator");
    }
  }

  /** Adds the callback to the tuner's study. */
  StudyBuilder addTo(StudyBuilder builder) {
    return callback == null ? builder : builder.callback(callback);
  }

  /** Whether the callback's latest verdict ended the search. */
  boolean ended() {
    if (callback == null) {
      return false;
    }
    Terminator.Verdict last = callback.lastVerdict();
    return last != null && last.terminate();
  }

  /**
   * Whether the project's trials are done already (logged); {@code false} where the terminator
   * cannot judge them (the callback warns once the search runs).
   */
  boolean alreadyDone(Study study, String project) {
    if (terminator == null) {
      return false;
    }
    var done = terminator.judgeIfPossible(study.trials(), study.direction())
        .filter(Terminator.Verdict::terminate);
    done.ifPresent(v -> LOG.info("project {}: the terminator finds the search done ({}): "
        + "nothing to do", project, terminator.explain(v)));
    return done.isPresent();
  }
}
