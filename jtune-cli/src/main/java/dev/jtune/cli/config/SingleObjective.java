package dev.jtune.cli.config;

import dev.jtune.study.MultiObjective;
import dev.jtune.study.Objective;
import dev.jtune.trial.Trial;
import java.util.Objects;

/**
 * A one-valued {@link Objective} (a user's class) seen as a {@link MultiObjective} of one value,
 * so that a run optimizes every study, of one direction or several, the same way. Closing it
 * closes the wrapped objective when that is {@link AutoCloseable}. (Training objectives go through
 * {@code TrainingSpecAdapter.Scored} instead.)
 *
 * @param objective the objective whose value is the only one
 */
public record SingleObjective(Objective objective) implements MultiObjective, AutoCloseable {

  public SingleObjective {
    Objects.requireNonNull(objective, "objective");
  }

  @Override
  public double[] evaluate(Trial trial) throws Exception {
    return new double[] {objective.evaluate(trial)};
  }

  @Override
  public void close() throws Exception {
    if (objective instanceof AutoCloseable closeable) {
      closeable.close();
    }
  }
}
