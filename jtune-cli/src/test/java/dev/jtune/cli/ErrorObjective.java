package dev.jtune.cli;

import dev.jtune.study.Objective;
import dev.jtune.trial.Trial;

/** A test objective class whose second trial throws an {@link Error}, as a missing class does. */
public final class ErrorObjective implements Objective {
  @Override
  public double evaluate(Trial trial) {
    double x = trial.suggestFloat("x", -1, 1);
    if (trial.number() == 1) {
      throw new NoClassDefFoundError("com/example/Gone");
    }
    return x * x;
  }
}
