package dev.jtune.cli.train;

import dev.jtune.cli.config.StudyConfig;
import dev.jtune.nn.train.CheckpointStore;
import dev.jtune.sampler.pbt.PopulationBasedSampler;
import dev.jtune.storage.jdbc.JdbcStorageConfig;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a population-based training study keeps its members' checkpoints, and the objective that
 * uses them. The folder is {@code <training.checkpoints>/<study>} when the file names one (so
 * studies sharing the setting keep apart); for a SQLite study, by default,
 * {@code <database>-checkpoints/<study>} beside the database file. A study on
 * PostgreSQL must name one, which every worker reaches (a shared file system), since a member's
 * next interval may run on any of them.
 */
public final class PopulationCheckpoints {

  private PopulationCheckpoints() {}

  /** A setting that does not fit population-based training: which key, and why. */
  public static final class Refused extends IllegalArgumentException {
    private final String key;

    Refused(String key, String problem) {
      super(key + ": " + problem);
      this.key = key;
    }

    /** The study file's key at fault ({@code jobs}, {@code data.split.folds}, ...). */
    public String key() {
      return key;
    }

    /** The problem, without the key. */
    public String problem() {
      return getMessage().substring(key.length() + 2);
    }
  }

  /**
   * {@code bound} as {@code config}'s sampler needs it: unchanged unless the sampler is
   * population-based, else with its objective training population members from checkpoints in
   * {@code folder}{@code /<study>} ({@code training.checkpoints}), or by default
   * {@code <database>-checkpoints/<study>} beside a SQLite file.
   *
   * @throws Refused naming the setting: for several objectives, a Hyperband pruner (its brackets
   *     would split the population), more threads than members, a cross-validated split, or no
   *     folder for a study that is not on a SQLite file
   */
  public static TrainingSpecAdapter.Bound apply(TrainingSpecAdapter.Bound bound,
      StudyConfig config, Optional<Path> folder) {
    if (!(config.sampler() instanceof PopulationBasedSampler pbt)) {
      return bound;
    }
    int members = pbt.config().populationSize();
    if (config.directions().size() > 1) {
      throw new Refused("sampler", "population-based training ranks members by one objective; "
          + "this study has " + config.directions().size());
    }
    if (config.pruner().narrowsSamplerView()) {
      throw new Refused("pruner", "a Hyperband pruner shows each trial's sampler its own "
          + "bracket, which would split the population; use none, median or another pruner");
    }
    if (bound.objective().crossValidated()) {
      throw new Refused("data.split.folds", "population-based training trains one network per "
          + "member, and cross-validation one per fold; hold out a validation split");
    }
    if (bound.objective().executions() > 1) {
      throw new Refused("training.executions", "population-based training trains one network "
          + "per member; " + bound.objective().executions() + " executions per trial would train "
          + bound.objective().executions() + ": use 1");
    }
    if (config.jobs() > members) {
      throw new Refused("jobs", config.jobs() + " threads for a population of " + members
          + "; a member trains in one trial at a time, so at most " + members + " trials can "
          + "run (sampler.population-size)");
    }
    Path dir = folder.map(f -> f.resolve(config.name())).orElseGet(() ->
        JdbcStorageConfig.of(config.storage()).sqliteFile()
            .map(db -> db.resolveSibling(db.getFileName() + "-checkpoints").resolve(config.name()))
            .orElseThrow(() -> new Refused("training.checkpoints", "a population-based study "
                + "outside a SQLite file needs a folder for its members' checkpoints that every "
                + "worker reaches")));
    return bound.withObjective(bound.objective().withPopulation(new CheckpointStore(dir)));
  }
}
