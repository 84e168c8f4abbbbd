package dev.jtune.cli.config;

import dev.jtune.pruner.Pruner;
import dev.jtune.sampler.Sampler;
import dev.jtune.study.OptimizeOptions;
import dev.jtune.study.StudyDirection;
import java.time.Duration;
import dev.jtune.storage.jdbc.JdbcStorageConfig;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A validated study configuration, ready to run: everything a study file says, with the sampler and
 * pruner already built (so nothing can fail for configuration reasons once a run touches storage).
 *
 * @param name the study's name in its storage
 * @param directions minimize or maximize, one per objective (several give a Pareto front)
 * @param storage the storage URL ({@code jdbc:sqlite:FILE} or {@code jdbc:postgresql://...})
 * @param objective what a trial evaluates
 * @param space the declared search space; empty when the objective defines its own
 * @param sampler the sampler, built from the {@code sampler} section
 * @param pruner the pruner, built from the {@code pruner} section
 * @param trials the study's trial budget: runs stop once this many trials of the study are COMPLETE
 *     or PRUNED, counting every process
 * @param timeout how long one process may start trials, if limited
 * @param jobs worker threads in one process
 * @param parallelHistory what those threads' trials see of each other
 * @param metricNames the objectives' names, one per direction, or none (empty): a training
 *     study's metrics, a built-in function's, or the file's {@code metric-names}
 * @param constraints the file's {@code constraints}, in order; none (empty) for an
 *     unconstrained study
 * @param source the configuration tree (after command-line overrides), stored with the study so
 *     workers can join it
 * @param terminator when the study is done before its budget ({@code budget.terminate}), if
 *     the file says
 */
public record StudyConfig(
    String name,
    List<StudyDirection> directions,
    String storage,
    ObjectiveSpec objective,
    ConditionalSpace space,
    Sampler sampler,
    Pruner pruner,
    int trials,
    Optional<Duration> timeout,
    int jobs,
    OptimizeOptions.ParallelHistory parallelHistory,
    List<String> metricNames,
    List<ConstraintBound> constraints,
    ConfigValue.Mapping source,
    Optional<dev.jtune.terminator.Terminator> terminator) {

  public StudyConfig {
    Objects.requireNonNull(name, "name");
    directions = List.copyOf(directions);
    if (directions.isEmpty()) {
      throw new IllegalArgumentException("a study has at least one direction");
    }
    Objects.requireNonNull(storage, "storage");
    Objects.requireNonNull(objective, "objective");
    Objects.requireNonNull(space, "space");
    Objects.requireNonNull(sampler, "sampler");
    Objects.requireNonNull(pruner, "pruner");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(parallelHistory, "parallelHistory");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(terminator, "terminator");
    metricNames = List.copyOf(metricNames);
    constraints = List.copyOf(constraints);
    if (!metricNames.isEmpty() && metricNames.size() != directions.size()) {
      throw new IllegalArgumentException("metric names " + metricNames + " are not one per "
          + "direction " + directions);
    }
  }

  /**
   * The function the study asks each finished trial ({@link BoundConstraints}), or {@code null}
   * when the file has no constraints.
   */
  public dev.jtune.sampler.Constraints constraintsFunction() {
    return constraints.isEmpty() ? null : new BoundConstraints(constraints, metricNames);
  }

  /** The directions as a file writes them: {@code minimize}, or {@code [minimize, maximize]}. */
  public String directionsText() {
    List<String> words = directions.stream().map(d -> d.name().toLowerCase(Locale.ROOT)).toList();
    return words.size() == 1 ? words.get(0) : "[" + String.join(", ", words) + "]";
  }

  /** The configuration as YAML text, for the study's stored configuration. */
  public String toYaml() {
    // stored in the study, which others read: the storage URL's password stays out of it (only
    // that value is redacted: a choice or a path that looks like a URL is data and stays whole)
    ConfigValue.Mapping stored = source;
    if (source.entries().get("storage") instanceof ConfigValue.Scalar url) {
      stored = source.with("storage", new ConfigValue.Scalar(
          JdbcStorageConfig.redacted(url.text()), url.quoted(), url.origin()));
    }
    return ConfigWriter.toYaml(stored);
  }
}
