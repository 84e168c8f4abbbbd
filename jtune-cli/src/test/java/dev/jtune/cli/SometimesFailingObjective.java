package dev.jtune.cli;

import dev.jtune.study.Objective;
import dev.jtune.trial.Trial;

/** A test objective class whose every third trial (numbers 1, 4, 7, ...) fails. */
public final class SometimesFailingObjective implements Objective {
  @Override
  public double evaluate(Trial trial) {
    double x = trial.suggestFloat("x", -1, 1);
    if (trial.number() % 3 == 1) {
      throw new IllegalStateException("trial " + trial.number() + " fails");
    }
    return x * x;
  }
}
