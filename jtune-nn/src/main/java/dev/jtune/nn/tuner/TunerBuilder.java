package dev.jtune.nn.tuner;

import dev.jtune.nn.model.HyperModel;
import dev.jtune.nn.train.Metric;
import dev.jtune.nn.train.Score;
import dev.jtune.pruner.Pruner;
import dev.jtune.sampler.RandomSampler;
import dev.jtune.sampler.Sampler;
import dev.jtune.study.OptimizeOptions;
import dev.jtune.study.StudyDirection;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.LongFunction;

/** Configures a {@link Tuner}; every setter validates at once and names what it saw. */
public final class TunerBuilder {

  /** How often a running trial records that its process is alive (default 10 s). */
  public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(10);
  /** How long a running trial may stay silent before a search counts it as dead (default 60 s). */
  public static final Duration DEFAULT_HEARTBEAT_GRACE = Duration.ofSeconds(60);

  HyperModel hyperModel;
  Metric metric = Metric.ACCURACY;
  StudyDirection direction = StudyDirection.MAXIMIZE;
  int maxTrials = 10;
  Path directory = Path.of("jtune-tuning");
  String projectName = "untitled_project";
  Sampler sampler;
  /** Makes the sampler from the seed when none was given: random search unless a preset says. */
  LongFunction<Sampler> defaultSampler = RandomSampler::new;
  Pruner pruner = Pruner.none();
  long seed = 0;
  int jobs = 1;
  OptimizeOptions.ParallelHistory parallelHistory = OptimizeOptions.ParallelHistory.REPRODUCIBLE;
  boolean overwrite;
  Duration heartbeatInterval = DEFAULT_HEARTBEAT_INTERVAL;
  Duration heartbeatGrace = DEFAULT_HEARTBEAT_GRACE;
  int maxConsecutiveFailedTrials = 3;
  int executionsPerTrial = 1;
  dev.jtune.terminator.Terminator terminator;
  /** The objectives after the metric ({@link #objectives}); none for one objective. */
  List<Score> otherScores = List.of();

  TunerBuilder() {}

  /** A copy, which later changes to this builder do not touch. */
  private TunerBuilder copy() {
    TunerBuilder c = new TunerBuilder();
    c.hyperModel = hyperModel;
    c.metric = metric;
    c.direction = direction;
    c.maxTrials = maxTrials;
    c.directory = directory;
    c.projectName = projectName;
    c.sampler = sampler;
    c.defaultSampler = defaultSampler;
    c.pruner = pruner;
    c.seed = seed;
    c.jobs = jobs;
    c.parallelHistory = parallelHistory;
    c.overwrite = overwrite;
    c.heartbeatInterval = heartbeatInterval;
    c.heartbeatGrace = heartbeatGrace;
    c.maxConsecutiveFailedTrials = maxConsecutiveFailedTrials;
    c.executionsPerTrial = executionsPerTrial;
    c.terminator = terminator;
    c.otherScores = otherScores;
    return c;
  }

  /** The hypermodel to tune (required). */
  public TunerBuilder hyperModel(HyperModel model) {
    if (model == null) {
      throw new IllegalArgumentException("hyperModel must not be null");
    }
    this.hyperModel = model;
    return this;
  }

  /**
   * The objective by Keras name ({@code "val_accuracy"}, {@code "val_loss"}, {@code "val_auc"},
   * {@code "val_mse"}, {@code "val_mae"}), its direction the natural one (maximize accuracy and
   * AUC, minimize the others).
   */
  public TunerBuilder objective(String name) {
    if (name == null) {
      throw new IllegalArgumentException("objective must be a metric name such as val_accuracy, "
          + "got null");
    }
    Metric m = Metric.parse(name);
    return objective(m, m.direction());
  }

  /**
   * The objective metric with an explicit direction, which must be the metric's own
   * ({@link Metric#direction()}): each trial's best epoch, whose value and weights it keeps, is the
   * metric's best, so the other direction would rank trials by a value they did not aim for.
   *
   * @throws IllegalArgumentException naming both directions when they differ
   */
  public TunerBuilder objective(Metric metric, StudyDirection direction) {
    Objects.requireNonNull(metric, "metric");
    Objects.requireNonNull(direction, "direction");
    if (direction != metric.direction()) {
      throw new IllegalArgumentException("objective val_" + metric.label() + " is "
          + metric.direction().name().toLowerCase(Locale.ROOT) + "d (each trial keeps its best epoch by it), "
          + "not " + direction.name().toLowerCase(Locale.ROOT) + "d");
    }
    this.metric = metric;
    this.direction = direction;
    this.otherScores = List.of();
    return this;
  }

  /**
   * Several objectives, searched for their Pareto front (Keras Tuner takes a list of objectives
   * too, but sums them): {@code first} is a validation metric, which picks each trial's best
   * epoch; the {@code others} are read at that epoch, another validation metric or
   * {@code "parameters"} (the network's size). {@code objectives("val_accuracy", "parameters")}
   * searches for the most accurate network of each size. {@link Tuner#bestTrials} then returns the
   * front, best first by {@code first}, and the study's values are named after the objectives. A
   * search of several objectives takes no pruner that compares one value (the study refuses
   * those, Hyperband and the median rule among them), and no population-based training or
   * terminator.
   *
   * @throws IllegalArgumentException for an unknown name, or one named twice
   */
  public TunerBuilder objectives(String first, String... others) {
    if (first == null) {
      throw new IllegalArgumentException("objectives need a first metric such as val_accuracy, "
          + "got null");
    }
    Metric m = Metric.parse(first);   // everything checked before anything is set
    List<Score> scores = new java.util.ArrayList<>();
    List<String> named = new java.util.ArrayList<>(List.of("val_" + m.label()));
    for (String name : others) {
      Score s = Score.parse(name);
      if (named.contains(s.label())) {
        throw new IllegalArgumentException("objective " + s.label() + " is named twice in "
            + named + " + " + s.label());
      }
      named.add(s.label());
      scores.add(s);
    }
    objective(m, m.direction());
    this.otherScores = List.copyOf(scores);
    return this;
  }

  /** One direction per objective: the metric's, then each other score's. */
  List<StudyDirection> directions() {
    List<StudyDirection> out = new java.util.ArrayList<>(List.of(direction));
    otherScores.forEach(s -> out.add(s.direction()));
    return List.copyOf(out);
  }

  /** The objectives' names: {@code val_METRIC}, then the other scores'. */
  List<String> objectiveLabels() {
    List<String> out = new java.util.ArrayList<>(List.of("val_" + metric.label()));
    otherScores.forEach(s -> out.add(s.label()));
    return List.copyOf(out);
  }

  /** The number of finished trials the study should reach (default 10). */
  public TunerBuilder maxTrials(int maxTrials) {
    if (maxTrials < 1) {
      throw new IllegalArgumentException("maxTrials=" + maxTrials + " must be >= 1");
    }
    this.maxTrials = maxTrials;
    return this;
  }

  /** The folder that holds projects (default {@code jtune-tuning}). */
  public TunerBuilder directory(Path directory) {
    this.directory = Objects.requireNonNull(directory, "directory");
    return this;
  }

  /**
   * The project (and study) name, a folder under {@link #directory(Path)}: a plain folder name,
   * not {@code .} or {@code ..} (with {@link #overwrite(boolean)} the project folder is deleted, so
   * it must never be the directory itself or lie outside it).
   */
  public TunerBuilder projectName(String name) {
    if (name == null || name.isBlank() || name.contains("/") || name.contains("\\")
        || name.equals(".") || name.equals("..") || name.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("projectName '" + name + "' must be a plain folder name "
          + "(not '.' or '..', no path separators)");
    }
    this.projectName = name;
    return this;
  }

  /**
   * The sampler (default: random search seeded with {@link #seed(long)}, or the preset's: see
   * {@link Tuner#bayesianOptimization()}); {@code null} restores that default.
   */
  public TunerBuilder sampler(Sampler sampler) {
    this.sampler = sampler;
    return this;
  }

  /** The pruner (default none; a Hyperband pruner makes the Hyperband tuner). */
  public TunerBuilder pruner(Pruner pruner) {
    this.pruner = Objects.requireNonNull(pruner, "pruner (Pruner.none() for none)");
    return this;
  }

  /** The seed of weight initialization, shuffles and the default sampler (default 0). */
  public TunerBuilder seed(long seed) {
    this.seed = seed;
    return this;
  }

  /**
   * How many networks each trial trains (Keras Tuner's {@code executions_per_trial}, default 1):
   * each from its own seed, the trial scored by their mean, so a configuration is not judged by
   * one lucky or unlucky initialization. It multiplies each trial's cost and the steps it reports
   * (a pruner's {@code maxResource} is {@code epochs × executions}); {@code bestModels} returns
   * the best execution's network. Population-based training refuses more than 1.
   */
  public TunerBuilder executionsPerTrial(int executions) {
    if (executions < 1) {
      throw new IllegalArgumentException("executionsPerTrial=" + executions + " must be >= 1");
    }
    this.executionsPerTrial = executions;
    return this;
  }

  /**
   * Ends the search before {@code maxTrials} once the terminator finds it done (Optuna's
   * {@code Terminator}; none by default): {@code Terminator.crossValidated()} for
   * {@link Tuner#searchCrossValidated}, whose trials store their folds' scores;
   * {@code Terminator.acrossExecutions()} with {@link #executionsPerTrial} of 2 or more;
   * {@code Terminator.stagnation(n)} or {@code withinTolerance(t)} for any search. A search of a
   * project the terminator already finds done trains nothing.
   */
  public TunerBuilder terminator(dev.jtune.terminator.Terminator terminator) {
    this.terminator = java.util.Objects.requireNonNull(terminator, "terminator");
    return this;
  }

  /**
   * Trials trained in parallel (default 1; each uses one intra-op thread). With more than one, a
   * seeded search stays reproducible by default: see {@link #parallelHistory}.
   */
  public TunerBuilder jobs(int jobs) {
    if (jobs < 1) {
      throw new IllegalArgumentException("jobs=" + jobs + " must be >= 1");
    }
    this.jobs = jobs;
    return this;
  }

  /**
   * What parallel trials see of each other. The default,
   * {@link OptimizeOptions.ParallelHistory#REPRODUCIBLE}, makes a seeded search the same on every
   * run (within the limits that class states: not across processes, nor for retried trials). Where
   * the sampler or the pruner learns from other trials (TPE, GP, median, Hyperband; not the
   * default random search without a pruner) it costs a worker waiting while a trial started
   * {@code jobs} or more before it still trains, which with Hyperband, whose trials range from one
   * rung to the full budget, can leave workers idle for long.
   * {@link OptimizeOptions.ParallelHistory#LATEST} never waits.
   */
  public TunerBuilder parallelHistory(OptimizeOptions.ParallelHistory history) {
    if (history == null) {
      throw new IllegalArgumentException("parallelHistory must not be null");
    }
    this.parallelHistory = history;
    return this;
  }

  /** Whether to delete an existing project (study and weights) first (default false: resume). */
  public TunerBuilder overwrite(boolean overwrite) {
    this.overwrite = overwrite;
    return this;
  }

  /**
   * How a search recognises trials whose process died: a running trial records a heartbeat every
   * {@code interval}; a search (this process or a later one on the same project) fails a trial
   * whose last heartbeat is older than {@code grace} and runs its parameters once more (Keras
   * Tuner re-runs a trial cut off by a crash). Defaults 10 s and 60 s: a search resumed more than a
   * minute after the crash retries the trial first; one resumed sooner finds it still RUNNING,
   * keeps its place in {@code maxTrials} free, and retries it when it starts a trial after the
   * minute is up (a search that ends before leaves the place and the retry to the next one).
   * {@code interval} {@link Duration#ZERO} turns heartbeats off; cut-off trials then stay
   * RUNNING for good.
   */
  public TunerBuilder heartbeat(Duration interval, Duration grace) {
    if (interval == null || grace == null || interval.isNegative()
        || (!interval.isZero() && grace.compareTo(interval) <= 0)) {
      throw new IllegalArgumentException("heartbeat interval=" + interval + " must be >= 0 and"
          + " grace=" + grace + " longer than it");
    }
    this.heartbeatInterval = interval;
    this.heartbeatGrace = grace;
    return this;
  }

  /**
   * A search stops and throws {@link SearchFailedException} once this many trials in a row have
   * failed (default 3, as Keras Tuner's {@code max_consecutive_failed_trials}); a search whose
   * every trial failed throws too, however few it ran.
   */
  public TunerBuilder maxConsecutiveFailedTrials(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("maxConsecutiveFailedTrials=" + limit + " must be >= 1");
    }
    this.maxConsecutiveFailedTrials = limit;
    return this;
  }

  /**
   * Creates the tuner and its project directory. The tuner keeps the configuration as it is now:
   * changing this builder afterwards does not change it, and each build makes its own default
   * sampler (a sampler given with {@link #sampler} is shared by every tuner built with it).
   */
  public Tuner build() {
    if (hyperModel == null) {
      throw new IllegalStateException("a tuner needs a hyperModel");
    }
    TunerBuilder frozen = copy();
    if (frozen.sampler == null) {
      frozen.sampler = defaultSampler.apply(seed);
    }
    return new Tuner(frozen);
  }
}
