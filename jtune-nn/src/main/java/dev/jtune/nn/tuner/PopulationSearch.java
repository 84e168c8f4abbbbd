package dev.jtune.nn.tuner;

import dev.jtune.nn.train.CheckpointStore;
import dev.jtune.nn.train.TrainingObjective;
import dev.jtune.sampler.pbt.PopulationBasedSampler;
import java.nio.file.Path;

/**
 * A tuner's objective as its sampler needs it: a population-based search
 * ({@link Tuner#populationBasedTraining}) trains members from checkpoints in the project's
 * {@value #CHECKPOINTS} folder; any other search trains as given.
 */
final class PopulationSearch {
  /** The project folder that holds a population-based search's checkpoints. */
  static final String CHECKPOINTS = "checkpoints";

  private PopulationSearch() {}

  /**
   * {@code objective} for {@code config}'s sampler.
   *
   * @throws IllegalArgumentException (the objective closed) for more jobs than members, a
   *     cross-validated population, several executions per trial, or a pruner that narrows the sampler's view (Hyperband)
   */
  static TrainingObjective objective(TunerBuilder config, TrainingObjective objective,
      Path projectDir) {
    if (!(config.sampler instanceof PopulationBasedSampler pbt)) {
      return objective;
    }
    int members = pbt.config().populationSize();
    String refused = objective.crossValidated()
        ? "population-based training trains one network per member; a cross-validated search "
            + "trains one per fold: search with a validation split"
        : config.executionsPerTrial > 1 ? "population-based training trains one network per "
            + "member; executionsPerTrial=" + config.executionsPerTrial + " would train "
            + config.executionsPerTrial + " per interval: use 1"
        : config.jobs > members ? "jobs=" + config.jobs + " exceeds the population of " + members
            + ": a member trains in one trial at a time, so at most " + members
            + " trials can run"
        : config.pruner.narrowsSamplerView() ? "a Hyperband pruner shows "
            + "each trial's sampler its own bracket, which would split the population; use no "
            + "pruner or a median one"
        : null;
    if (refused != null) {
      objective.close();
      throw new IllegalArgumentException(refused);
    }
    return objective.withPopulation(new CheckpointStore(projectDir.resolve(CHECKPOINTS)));
  }
}
