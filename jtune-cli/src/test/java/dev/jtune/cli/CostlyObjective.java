package dev.jtune.cli;

import dev.jtune.study.Objective;
import dev.jtune.trial.Trial;

/**
 * A test objective class that records a user attribute to constrain: minimizes {@code (x - 1)²}
 * and records {@code cost = x}; under {@code cost >= 3} the best feasible trial has x near 3.
 */
public final class CostlyObjective implements Objective {
  @Override
  public double evaluate(Trial trial) {
    double x = ((Number) trial.params().get("x")).doubleValue();
    trial.setUserAttr("cost", x);
    return (x - 1) * (x - 1);
  }
}
