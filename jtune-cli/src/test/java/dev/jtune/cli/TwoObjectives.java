package dev.jtune.cli;

import dev.jtune.study.MultiObjective;
import dev.jtune.trial.Trial;

/**
 * A test objective class of two values, Schaffer's function N.1 on the declared parameter x:
 * {@code x²} and {@code (x - 2)²}, whose Pareto-optimal trials are those with x in [0, 2].
 */
public final class TwoObjectives implements MultiObjective {
  @Override
  public double[] evaluate(Trial trial) {
    double x = ((Number) trial.params().get("x")).doubleValue();
    return new double[] {x * x, (x - 2) * (x - 2)};
  }
}
