package dev.jtune.cli.config;

import dev.jtune.pruner.Pruner;
import dev.jtune.sampler.Sampler;
import dev.jtune.study.MultiObjective;
import dev.jtune.study.Objective;
import dev.jtune.study.OptimizeOptions;
import dev.jtune.study.StudyDirection;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns a study file's tree into a {@link StudyConfig}, checking everything: unknown keys (with the
 * closest valid key), types and ranges (naming the expected form), the space's distributions and
 * conditions, the objective class, the sampler and pruner settings. Never touches storage.
 *
 * <p>The schema (see {@code examples/*.yaml}):
 * <pre>
 * name: STUDY                      # required
 * direction: minimize|maximize     # default minimize; a training objective's metric sets it
 * directions: [minimize, maximize]  # instead of direction: one per objective (a MultiObjective
 *                                  # class, or function demo-size); the study keeps a Pareto front
 * metric-names: [loss, size]       # optional: what each value measures, for summaries and charts
 * constraints: [parameters &lt;= 20000]   # optional: bounds on a metric or a user attribute; the
 *                                  # best trial and the front are the feasible ones
 * base-dir: FOLDER                  # relative data paths; default the study file's folder
 * storage: jdbc:sqlite:FILE | jdbc:postgresql://HOST/DB   # default jdbc:sqlite:jtune.db
 * objective: {class: CLASS} | {function: demo|sphere|curve|demo-size}   # required
 * space:                           # optional, in order; later parameters may depend on earlier
 *   NAME: {type: float|int, low: L, high: H, log: BOOL, step: S, when: {OTHER: VALUE|[VALUES]}}
 *   NAME: {type: categorical, choices: [A, B, ...], when: ...}
 *   NAME: {type: bool} | {type: fixed, value: V}
 * sampler: {name: auto|random|sobol|grid|tpe|gp|cmaes, ...}  # default auto; a seed is drawn
 *                                  # (and stored for workers) when none is given
 * pruner: {name: none|median|percentile|successive-halving|hyperband|threshold|patient, ...}
 * budget: {trials: N, time: 10m}   # trials default 100 (the study's total); time per process
 * jobs: N                          # threads per process, default 1
 * parallel-history: reproducible|latest   # with jobs > 1: same run every time (default), or no
 *                                  # waiting for older trials (see OptimizeOptions.ParallelHistory)
 * data: / model: / training:       # training sections instead of objective class/function
 *                                  # (see TrainingSpecParser); running them needs jtune-nn
 * </pre>
 */
public final class StudyConfigParser {
  /** The top-level keys of a study file. */
  public static final List<String> TOP_KEYS = List.of("name", "description", "direction", "directions",
      "metric-names", "constraints", "storage",
      "objective", "space", "sampler", "pruner", "budget", "jobs", "parallel-history", "data",
      "model", "training", "base-dir");

  /** The default storage URL, a SQLite file in the working directory. */
  public static final String DEFAULT_STORAGE = "jdbc:sqlite:jtune.db";

  private final SamplerRegistry samplers;
  private final SamplerSeeds seeds;
  private final PrunerRegistry pruners;
  private final ClassLoader classLoader;
  private final Path baseDir;
  private final boolean strictSteps;

  /**
   * A parser using these registries, the thread's context class loader for objective classes, and
   * {@code baseDir} for relative data paths (the study file's directory).
   */
  public StudyConfigParser(SamplerRegistry samplers, PrunerRegistry pruners, Path baseDir) {
    this(samplers, pruners, baseDir, true);
  }

  private StudyConfigParser(SamplerRegistry samplers, PrunerRegistry pruners, Path baseDir,
      boolean strictSteps) {
    this.strictSteps = strictSteps;
    this.samplers = samplers;
    this.seeds = new SamplerSeeds(samplers);
    this.pruners = pruners;
    this.baseDir = baseDir;
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    this.classLoader = context != null ? context : StudyConfigParser.class.getClassLoader();
  }

  /**
   * This parser for a configuration stored in a study, which an earlier jtune may have accepted
   * with a step that does not divide its range: such a range is narrowed with the library's
   * warning, as then, instead of refused (a user file is refused, where it can be mended).
   */
  public StudyConfigParser forStoredConfigurations() {
    return new StudyConfigParser(samplers, pruners, baseDir, false);
  }

  /** A parser with the standard registries; relative data paths resolve in the working directory. */
  public static StudyConfigParser standard() {
    return standard(Path.of(""));
  }

  /** A parser with the standard registries; relative data paths resolve against {@code baseDir}. */
  public static StudyConfigParser standard(Path baseDir) {
    return new StudyConfigParser(SamplerRegistry.standard(), PrunerRegistry.standard(), baseDir);
  }

  /**
   * Validates a study file's tree and builds its configuration.
   *
   * @throws ConfigException at the first problem, naming its position and key
   */
  public StudyConfig parse(ConfigValue.Mapping file) {
    Section.of(file, "", TOP_KEYS);
    ConfigValue.Mapping root = withObjectiveShorthand(withBaseDir(seeds.drawIfMissing(file)));
    Section top = Section.of(root, "", TOP_KEYS);
    String name = top.requireString("name", "the study's name, e.g. name: my-study");
    if (name.isBlank()) {
      throw top.error(top.value("name").orElseThrow(), "name", "expected a non-blank study name");
    }
    top.string("description");
    top.string("base-dir");   // checked in every study: only a training one reads data with it
    Optional<List<StudyDirection>> declared = DirectionSection.declared(top);
    String storage = top.string("storage").orElse(DEFAULT_STORAGE);
    if (StorageUrlForms.jdbcUrl(storage).isEmpty()) {
      throw top.error(top.value("storage").orElseThrow(), "storage", "'"
          + dev.jtune.storage.jdbc.JdbcStorageConfig.redacted(storage) + "' is not "
          + "a supported storage; use jdbc:sqlite:FILE, a FILE ending in .db, .sqlite or "
          + ".sqlite3, or jdbc:postgresql://HOST:PORT/DB");
    }
    ConditionalSpace space = SpaceSection.parse(top, strictSteps);
    ObjectiveSpec objective = objective(top, space, DirectionSection.count(declared),
        declared.isPresent());
    List<StudyDirection> directions = DirectionSection.resolve(top, declared, objective);
    Sampler sampler = samplers.create(mapping(top, top.value("sampler").orElseThrow(), "sampler",
        "{name: " + String.join("|", samplers.names()) + ", ...}"), "sampler", space.flat());
    Pruner pruner = top.value("pruner").map(v -> pruners.create(mapping(top, v, "pruner",
        "{name: " + String.join("|", pruners.names()) + ", ...}"), "pruner"))
        .orElseGet(Pruner::none);
    if (directions.size() > 1 && pruner.needsOneDirection()) {
      ConfigValue named = top.value("pruner").orElseThrow();
      String prunerName = named instanceof ConfigValue.Mapping m
          && m.entries().get("name") instanceof ConfigValue.Scalar n ? n.text()
          : named instanceof ConfigValue.Scalar n ? n.text() : String.valueOf(pruner);
      throw top.errorAtKey("pruner", "pruner " + prunerName + " compares trials by one objective, but "
          + "the study has " + directions.size() + " directions; drop the pruner (Optuna does not "
          + "prune studies of several objectives either), or use threshold, which needs none");
    }
    Optional<Section> budget = top.section("budget", List.of("trials", "time",
        TerminatorSection.KEY));
    int trials = budget.map(b -> b.integer("trials", 100, 1, 10_000_000)).orElse(100);
    Optional<Duration> time = budget.flatMap(b -> b.duration("time"));
    int jobs = top.integer("jobs", 1, 1, 1024);
    OptimizeOptions.ParallelHistory history = OptimizeOptions.ParallelHistory.valueOf(top.word(
        "parallel-history", List.of("reproducible", "latest"), "reproducible")
        .toUpperCase(Locale.ROOT));
    List<String> metricNames = metricNames(top, objective, directions.size());
    Optional<dev.jtune.terminator.Terminator> terminator = budget.flatMap(b ->
        TerminatorSection.parse(b, objective, directions.size()));
    return new StudyConfig(name, directions, storage, objective, space, sampler, pruner, trials,
        time, jobs, history, metricNames, ConstraintSection.parse(top, objective, metricNames),
        root, terminator);
  }

  /**
   * {@code config} with the sampler seed stored with its study where {@code config}'s own was
   * drawn because its file gives none ({@link SamplerSeeds#keepStored}); anything else returns
   * {@code config}.
   */
  public StudyConfig withStoredSeed(StudyConfig config, String storedYaml) {
    return seeds.keepStored(config, storedYaml);
  }

  private static ConfigValue.Mapping mapping(Section top, ConfigValue v, String key,
      String expected) {
    if (v instanceof ConfigValue.Mapping m) {
      return m;
    }
    if (v instanceof ConfigValue.Scalar s) {
      // "sampler: tpe" is short for "sampler: {name: tpe}"
      return ConfigValue.Mapping.empty(s.origin()).with("name", s);
    }
    throw top.error(v, key, "expected " + expected + ", found " + Section.describe(v));
  }

  /**
   * The tree with {@code base-dir}, the absolute folder that relative data paths resolve against:
   * the study file's, unless the tree names one. Stored with the study, it lets a worker started
   * in another folder (or on another machine with the same paths) read the same data files.
   */
  /**
   * Keras Tuner's {@code objective="val_accuracy"}: in a training study a plain value of
   * {@code objective} is its metric ({@code objective: val_accuracy} reads as
   * {@code objective: {metric: val_accuracy}}).
   */
  private static ConfigValue.Mapping withObjectiveShorthand(ConfigValue.Mapping root) {
    boolean training = root.entries().containsKey("data") || root.entries().containsKey("model")
        || root.entries().containsKey("training");
    if (training && root.entries().get("objective") instanceof ConfigValue.Scalar s
        && !s.isNull()) {
      return root.with("objective", ConfigValue.Mapping.empty(s.origin()).with("metric", s));
    }
    // and Keras Tuner's list of objectives: objective: [val_accuracy, parameters]
    if (training && root.entries().get("objective") instanceof ConfigValue.Sequence list) {
      return root.with("objective", ConfigValue.Mapping.empty(list.origin()).with("metrics",
          list));
    }
    return root;
  }

  private ConfigValue.Mapping withBaseDir(ConfigValue.Mapping root) {
    ConfigValue given = root.entries().get("base-dir");
    if (given instanceof ConfigValue.Scalar scalar && !scalar.isNull()) {
      String text = scalar.text();
      // a relative base-dir is the study file's folder's subfolder, stored absolute so that a
      // worker started elsewhere reads the same files
      try {
        Path named = Path.of(text);
        if (!named.isAbsolute()) {
          return root.with("base-dir", new ConfigValue.Scalar(baseDir.resolve(named)
              .toAbsolutePath().normalize().toString(), true, scalar.origin()));
        }
      } catch (java.nio.file.InvalidPathException invalid) {
        return root; // refused at its key when read
      }
      return root;
    }
    if (given != null) {
      return root;
    }
    return root.with("base-dir", new ConfigValue.Scalar(baseDir.toAbsolutePath().normalize()
        .toString(), true, Origin.of("the study file's folder")));
  }

  /**
   * The objectives' names: a training study's metrics ({@code val_accuracy}, {@code parameters}),
   * else the file's {@code metric-names} (one per direction, none twice), else a built-in
   * function's own, else none.
   */
  private static List<String> metricNames(Section top, ObjectiveSpec objective, int directions) {
    if (objective instanceof ObjectiveSpec.Training t) {
      if (top.has("metric-names")) {
        throw top.errorAtKey("metric-names", "a training study's metrics name its objectives "
            + t.spec().scoreLabels() + "; remove metric-names");
      }
      return t.spec().scoreLabels();
    }
    if (!top.has("metric-names")) {
      return objective instanceof ObjectiveSpec.Function f ? f.function().metricNames()
          : List.of();
    }
    ConfigValue value = top.value("metric-names").orElseThrow();
    List<ConfigValue> items = top.list("metric-names", "a list of names such as [loss, size]")
        .orElseThrow();
    if (items.size() != directions) {
      throw top.error(value, "metric-names", items.size() + " name(s) for " + directions
          + " direction(s); give one name per direction, in the same order");
    }
    List<String> names = new ArrayList<>();
    for (ConfigValue item : items) {
      if (!(item instanceof ConfigValue.Scalar s) || s.isNull() || s.text().isBlank()) {
        throw top.error(item, "metric-names", "expected a name, found " + Section.describe(item));
      }
      if (names.contains(s.text())) {
        throw top.error(item, "metric-names", "'" + s.text() + "' is named twice");
      }
      names.add(s.text());
    }
    return names;
  }

  /**
   * The objective section; {@code values} is the number of directions declared (one when
   * {@code declared} is false), which a function must return and a class must be able to return
   * (a training study's metrics are checked against the directions in
   * {@link DirectionSection#resolve}).
   */
  private ObjectiveSpec objective(Section top, ConditionalSpace space, int values,
      boolean declared) {
    boolean training = top.has("data") || top.has("model") || top.has("training");
    if (training && top.has("space")) {
      throw top.errorAtKey("space", "a training study's parameters come from its model and "
          + "training sections; remove space (it would be ignored)");
    }
    if (training) {
      List<String> keys = List.of("metric", "metrics");
      Section o = top.section("objective", keys).orElseGet(() -> Section.of(
          ConfigValue.Mapping.empty(top.origin()), "objective", keys));
      Path base;
      try {
        base = Path.of(top.requireString("base-dir", "a folder"));
      } catch (java.nio.file.InvalidPathException e) {
        throw top.errorAtKey("base-dir", "not a folder path: " + e.getMessage());
      }
      return new ObjectiveSpec.Training(new TrainingSpecParser(base).parse(top, o));
    }
    Section o = top.section("objective", List.of("class", "function", "metric")).orElseThrow(
        () -> new ConfigException(top.origin(), "objective", "missing; expected "
            + "objective: {class: com.example.MyObjective} or objective: {function: "
            + String.join("|", BuiltinFunction.yamlNames()) + "}"));
    if (o.has("metric")) {
      throw o.errorAtKey("metric", "a metric is for training objectives; add the data, model and "
          + "training sections, or drop the metric");
    }
    if (o.has("class") == o.has("function")) {
      throw new ConfigException(o.origin(), "objective", "expected exactly one of class or "
          + "function, found " + (o.has("class") ? "both" : "neither"));
    }
    if (o.has("function")) {
      String name = o.word("function", BuiltinFunction.yamlNames(), null);
      BuiltinFunction f = BuiltinFunction.ofYamlName(name);
      if (f.valueCount() != values) {
        List<String> fitting = java.util.Arrays.stream(BuiltinFunction.values())
            .filter(g -> g.valueCount() == values).map(BuiltinFunction::yamlName).toList();
        throw o.errorAtKey("function", "function " + name + " returns " + f.valueCount()
            + " value(s), but the study declares " + values + " direction(s)"
            + (f.valueCount() == 1 ? "; use direction: minimize|maximize" : "; use directions: "
                + "with " + f.valueCount() + " entries")
            + (fitting.isEmpty() ? "" : ", or a function of " + values + " value(s): "
                + String.join(", ", fitting)));
      }
      if (f.needsSpace() && space.isEmpty()) {
        throw o.errorAtKey("function", "function " + name + " reads the declared space; add a "
            + "space section with at least one parameter");
      }
      if (!f.needsSpace() && !space.isEmpty()) {
        throw o.errorAtKey("function", "function " + name + " defines its own parameters; remove "
            + "the space section");
      }
      return new ObjectiveSpec.Function(f);
    }
    String className = o.requireString("class", "a class name");
    return new ObjectiveSpec.JavaClass(className, instantiate(className, o, values, declared));
  }

  /**
   * A training study's data, split and objective ({@link dev.jtune.cli.train.TrainingSpecAdapter}),
   * whose test part a caller may evaluate the best model on.
   *
   * @throws ConfigException at {@code data} if jtune-nn refuses a setting (a metric that does not
   *     fit the task, say)
   * @throws ClassCastException if the study has no training objective
   */
  public static dev.jtune.cli.train.TrainingSpecAdapter.Bound bound(StudyConfig config) {
    TrainingSpec spec = ((ObjectiveSpec.Training) config.objective()).spec();
    var bound = bindData(config, spec);
    if (config.pruner().comparesInstances()) {
      if (!bound.objective().crossValidated()) {
        bound.objective().close();
        throw new ConfigException(config.source().keyOrigins().getOrDefault("pruner",
            config.source().origin()), "pruner", "pruner " + config.pruner() + " compares trials "
            + "fold by fold: set data.split.folds, or use a pruner of learning curves");
      }
      bound = bound.withObjective(bound.objective().withFoldReports());
    }
    try {
      return dev.jtune.cli.train.PopulationCheckpoints.apply(bound, config,
          spec.training().checkpoints());
    } catch (dev.jtune.cli.train.PopulationCheckpoints.Refused e) {
      bound.objective().close();
      throw new ConfigException(config.source().keyOrigins().getOrDefault(
          e.key().split("\\.")[0], config.source().origin()), e.key(), e.problem());
    }
  }

  private static dev.jtune.cli.train.TrainingSpecAdapter.Bound bindData(StudyConfig config,
      TrainingSpec spec) {
    try {
      return dev.jtune.cli.train.TrainingSpecAdapter.bind(spec);
    } catch (IllegalArgumentException | dev.jtune.JtuneException e) {
      throw new ConfigException(config.source().keyOrigins().getOrDefault("data",
          config.source().origin()), "data", e.getMessage());
    }
  }

  /**
   * The objective a trial runs: suggests the declared space's active parameters, then evaluates
   * the class or function.
   *
   * @throws ConfigException for a training objective whose data or settings jtune-nn rejects
   */
  public static MultiObjective objective(StudyConfig config) {
    if (config.objective() instanceof ObjectiveSpec.Training) {
      return bound(config).values();
    }
    ConditionalSpace space = config.space();
    if (config.objective() instanceof ObjectiveSpec.JavaClass c) {
      MultiObjective inner = c.instance();
      return trial -> {
        space.suggest(trial);
        return inner.evaluate(trial);
      };
    }
    BuiltinFunction f = ((ObjectiveSpec.Function) config.objective()).function();
    return trial -> f.evaluate(trial, space, space.suggest(trial));
  }

  /**
   * Loads and instantiates an objective class for a study of {@code values} directions: an
   * {@link Objective} (one value, wrapped in a {@link SingleObjective}) where there is one, else a
   * {@link MultiObjective}; a class implementing both is used as the study needs. A class that
   * implements only {@code MultiObjective} needs its directions declared ({@code declared}): the
   * default of one direction would fail every trial that returns more values.
   *
   * @throws ConfigException naming the class when it is missing, implements neither interface (or
   *     only Objective, for several directions; or only MultiObjective, with no directions
   *     declared), or has no public no-argument constructor
   */
  public MultiObjective instantiate(String className, Section at, int values, boolean declared) {
    ConfigValue where = at.value("class").orElse(at.mapping());
    Class<?> type;
    try {
      type = Class.forName(className, false, classLoader);
    } catch (ClassNotFoundException | LinkageError e) {
      throw at.error(where, "class", "class " + className + " is not on the classpath (put its "
          + "jar or directory in JTUNE_CLASSPATH)");
    }
    boolean single = Objective.class.isAssignableFrom(type);
    boolean multi = MultiObjective.class.isAssignableFrom(type);
    if (!single && !multi) {
      throw at.error(where, "class", "class " + className + " does not implement "
          + Objective.class.getName() + " (one value) or " + MultiObjective.class.getName()
          + " (one value per direction)");
    }
    if (!single && !declared) {
      throw at.error(where, "class", "class " + className + " implements "
          + MultiObjective.class.getName() + " (one value per direction), but the file declares "
          + "no directions; add directions: [minimize, maximize] with one entry per value it "
          + "returns");
    }
    if (values > 1 && !multi) {
      throw at.error(where, "class", "class " + className + " implements "
          + Objective.class.getName() + ", which returns one value, but the study declares "
          + values + " directions; implement " + MultiObjective.class.getName() + " (one value "
          + "per direction), or declare one direction");
    }
    try {
      Constructor<?> constructor = type.getConstructor();
      if (Modifier.isAbstract(type.getModifiers())) {
        throw new NoSuchMethodException();
      }
      Object instance = constructor.newInstance();
      return values == 1 && instance instanceof Objective one ? new SingleObjective(one)
          : (MultiObjective) instance;
    } catch (NoSuchMethodException e) {
      throw at.error(where, "class", "class " + className + " needs a public no-argument "
          + "constructor and must not be abstract");
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw at.error(where, "class", "class " + className + " could not be created: " + cause);
    }
  }

}
