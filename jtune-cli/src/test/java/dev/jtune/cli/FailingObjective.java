package dev.jtune.cli;

import dev.jtune.study.Objective;
import dev.jtune.trial.Trial;

/** A test objective class every trial of which fails. */
public final class FailingObjective implements Objective {
  @Override
  public double evaluate(Trial trial) {
    trial.suggestFloat("x", -1, 1);
    throw new IllegalStateException("this objective always fails");
  }
}
