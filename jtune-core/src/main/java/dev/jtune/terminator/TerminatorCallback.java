package dev.jtune.terminator;

import dev.jtune.study.Study;
import dev.jtune.study.StudyCallback;
import dev.jtune.trial.FrozenTrial;
import dev.jtune.trial.TrialState;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops a study when its {@link Terminator} says so (Optuna's {@code TerminatorCallback}): after
 * each finished trial it judges the study and calls {@link Study#stop()}, so no new trial starts
 * (running ones finish, and the verdict that stopped the study stands for them; a trial created
 * after the stop, by a later {@code optimize} call, is judged afresh). A regret-bound verdict fits
 * a GP to half the trials (0.6 s at 800 trials, 6 s at 1,600 on a 2-core machine), so past 100
 * complete trials a study is judged by a {@link ImprovementEvaluator#costly costly} evaluator
 * once its complete trials have grown by 2% since the last verdict (the stop comes at most that
 * late); the fit runs outside the callback's lock, so other workers do not wait for it. A study
 * the terminator cannot judge (several objectives, or a best trial without what the error needs)
 * is logged once as a warning and runs on to its budget.
 * Thread-safe.
 */
public final class TerminatorCallback implements StudyCallback {
  private static final Logger LOG = LoggerFactory.getLogger(TerminatorCallback.class);

  private final Terminator terminator;
  /** The complete trials at the last verdict; -1 before the first. */
  private int judgedAt = -1;
  /**
   * The highest trial number when a verdict stopped the study: trials up to it were running then
   * and keep the verdict; a later one belongs to a later run.
   */
  private int stoppedAt = -1;
  private Terminator.Verdict last;
  private boolean warned;

  public TerminatorCallback(Terminator terminator) {
    this.terminator = Objects.requireNonNull(terminator, "terminator");
  }

  @Override
  public void afterTrial(Study study, FrozenTrial trial) {
    List<FrozenTrial> trials;
    synchronized (this) {
      if (last != null && last.terminate()) {
        if (trial.number() <= stoppedAt) {
          // a trial running when the study was stopped: the verdict stands (judged again, a late
          // new best could turn it and start another round)
          study.stop();
          return;
        }
        last = null;   // a trial of a later run (optimize called again): judged afresh
        judgedAt = -1;
      }
      if (study.directions().size() != 1) {
        warnOnce("study '" + study.name() + "' has " + study.directions().size()
            + " objectives; the terminator judges one");
        return;
      }
      trials = study.trials();
      int complete = (int) trials.stream().filter(t -> t.state() == TrialState.COMPLETE).count();
      if (!terminator.worthJudgingAgain(judgedAt, complete)) {
        return;   // a large study is judged once it has grown by 2%: each verdict fits a GP
      }
      judgedAt = complete;
    }
    Terminator.Verdict verdict;
    try {
      verdict = terminator.judge(trials, study.direction());   // outside the lock: it may take s
    } catch (IllegalArgumentException e) {
      synchronized (this) {
        warnOnce(e.getMessage());
      }
      return;
    }
    synchronized (this) {
      if (last != null && last.terminate()) {
        study.stop();   // another worker's verdict stopped it meanwhile
        return;
      }
      last = verdict;
      if (verdict.terminate()) {
        // every trial started so far (some after the trials judged) was running at the stop
        stoppedAt = study.trials().stream().mapToInt(FrozenTrial::number).max().orElse(-1);
        LOG.info("study '{}' stops: {}", study.name(), terminator.explain(verdict));
        study.stop();
      } else {
        LOG.debug("study '{}' goes on: {}", study.name(), terminator.explain(verdict));
      }
    }
  }

  /**
   * The latest verdict, or {@code null} before the first finished trial; once a verdict has
   * stopped the study, that one (the trials running then are not judged again).
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
