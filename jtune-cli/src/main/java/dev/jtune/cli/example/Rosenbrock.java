package dev.jtune.cli.example;

import dev.jtune.study.Objective;
import dev.jtune.trial.Trial;

/**
 * An example objective class for study files ({@code examples/java-objective.yaml}): Rosenbrock's
 * banana function {@code (1 - x)^2 + 100 (y - x^2)^2}, minimum 0 at (1, 1). It suggests its own
 * parameters (define-by-run); when the study file declares {@code x} and {@code y} with the same
 * ranges, the declared values are the ones it gets back.
 *
 * <p>Your own class needs only to implement {@link Objective} and have a public no-argument
 * constructor; put its jar or class directory in {@code JTUNE_CLASSPATH}.
 */
public final class Rosenbrock implements Objective {
  @Override
  public double evaluate(Trial trial) {
    double x = trial.suggestFloat("x", -2, 2);
    double y = trial.suggestFloat("y", -1, 3);
    return (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x);
  }
}
