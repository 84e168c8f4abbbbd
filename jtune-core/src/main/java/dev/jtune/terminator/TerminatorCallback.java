package dev.jtune.terminator;

import dev.jtune.study.Study;
import dev.jtune.study.StudyCallback;
import dev.jtune.trial.FrozenTrial;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops a study when its {@link Terminator} says so (Optuna's {@code TerminatorCallback}): after
 * each finished trial it judges the study and calls {@link Study#stop()}, so no new trial starts
 * (running ones finish, and the verdict that stopped the study stands). A study the terminator cannot judge (several objectives, or a best trial
 * without what the error needs) is logged once as a warning and runs on to its budget.
 * Thread-safe: verdicts are made one at a time.
 */
public final class TerminatorCallback implements StudyCallback {
  private static final Logger LOG = LoggerFactory.getLogger(TerminatorCallback.class);

  private final Terminator terminator;
  private Terminator.Verdict last;
  private boolean warned;

  public TerminatorCallback(Terminator terminator) {
    this.terminator = Objects.requireNonNull(terminator, "terminator");
  }

  @Override
  public synchronized void afterTrial(Study study, FrozenTrial trial) {
    if (last != null && last.terminate()) {
      // trials still running when it stopped the study finish now: the verdict stands (judged
      // again, a late new best could turn it and start another round)
      study.stop();
      return;
    }
    if (study.directions().size() != 1) {
      warnOnce("study '" + study.name() + "' has " + study.directions().size() + " objectives; "
          + "the terminator judges one");
      return;
    }
    try {
      last = terminator.judge(study.trials(), study.direction());
    } catch (IllegalArgumentException e) {
      warnOnce(e.getMessage());
      return;
    }
    if (last.terminate()) {
      LOG.info("study '{}' stops: {}", study.name(), terminator.explain(last));
      study.stop();
    } else {
      LOG.debug("study '{}' goes on: {}", study.name(), terminator.explain(last));
    }
  }

  /**
   * The latest verdict, or {@code null} before the first finished trial; once a verdict has
   * stopped the study, that one (later trials are not judged).
   */
  public synchronized Terminator.Verdict lastVerdict() {
    return last;
  }

  private void warnOnce(String why) {
    if (!warned) {
      warned = true;
      LOG.warn("the terminator cannot judge this study, which runs to its budget: {}", why);
    }
  }
}
