package dev.jtune.cli.config;

import dev.jtune.pruner.Pruner;
import dev.jtune.sampler.Sampler;
import dev.jtune.space.CategoricalDistribution;
import dev.jtune.space.Distribution;
import dev.jtune.space.FloatDistribution;
import dev.jtune.space.IntDistribution;
import dev.jtune.study.MultiObjective;
import dev.jtune.study.Objective;
import dev.jtune.study.OptimizeOptions;
import dev.jtune.study.StudyDirection;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
      "metric-names", "storage",
      "objective", "space", "sampler", "pruner", "budget", "jobs", "parallel-history", "data",
      "model", "training", "base-dir");

  /** The default storage URL, a SQLite file in the working directory. */
  public static final String DEFAULT_STORAGE = "jdbc:sqlite:jtune.db";
  private static final List<String> PARAM_KEYS =
      List.of("type", "low", "high", "log", "step", "choices", "value", "when");
  private static final List<String> TYPES = List.of("float", "int", "categorical", "bool", "fixed");

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
    ConditionalSpace space = space(top);
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
    Optional<Section> budget = top.section("budget", List.of("trials", "time"));
    int trials = budget.map(b -> b.integer("trials", 100, 1, 10_000_000)).orElse(100);
    Optional<Duration> time = budget.flatMap(b -> b.duration("time"));
    int jobs = top.integer("jobs", 1, 1, 1024);
    OptimizeOptions.ParallelHistory history = OptimizeOptions.ParallelHistory.valueOf(top.word(
        "parallel-history", List.of("reproducible", "latest"), "reproducible")
        .toUpperCase(Locale.ROOT));
    return new StudyConfig(name, directions, storage, objective, space, sampler, pruner, trials,
        time, jobs, history, metricNames(top, objective, directions.size()), root);
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
    try {
      return dev.jtune.cli.train.TrainingSpecAdapter.bind(
          ((ObjectiveSpec.Training) config.objective()).spec());
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

  private ConditionalSpace space(Section top) {
    Optional<ConfigValue> value = top.value("space");
    if (value.isEmpty()) {
      return ConditionalSpace.empty();
    }
    if (!(value.get() instanceof ConfigValue.Mapping m)) {
      throw top.error(value.get(), "space", "expected a mapping of parameter names to "
          + "{type: ..., ...}, found " + Section.describe(value.get()));
    }
    List<ParamSpec> params = new ArrayList<>();
    Map<String, Distribution> declared = new LinkedHashMap<>();
    for (Map.Entry<String, ConfigValue> e : m.entries().entrySet()) {
      String name = e.getKey();
      String path = "space." + name;
      if (name.isBlank()) {
        throw new ConfigException(m.keyOrigins().get(name), path, "a parameter needs a name");
      }
      if (!(e.getValue() instanceof ConfigValue.Mapping pm)) {
        throw new ConfigException(e.getValue().origin(), path, "expected {type: float|int|"
            + "categorical|bool|fixed, ...}, found " + Section.describe(e.getValue()));
      }
      Section p = Section.of(pm, path, PARAM_KEYS);
      Distribution d = distribution(p);
      Map<String, List<Object>> when = conditions(p, declared);
      declared.put(name, d);
      params.add(new ParamSpec(name, d, when));
    }
    return new ConditionalSpace(params);
  }

  private Distribution distribution(Section p) {
    if (!p.has("type")) {
      throw new ConfigException(p.origin(), p.path("type"), "missing; expected one of "
          + String.join(", ", TYPES));
    }
    String type = p.word("type", TYPES, null);
    List<String> allowed = switch (type) {
      case "float", "int" -> List.of("type", "low", "high", "log", "step", "when");
      case "categorical" -> List.of("type", "choices", "when");
      case "fixed" -> List.of("type", "value", "when");
      default -> List.of("type", "when");
    };
    for (String key : p.keys()) {
      if (!allowed.contains(key)) {
        throw p.errorAtKey(key, "not a setting of a " + type + " parameter; its settings are "
            + String.join(", ", allowed));
      }
    }
    try {
      switch (type) {
        case "float" -> {
          double low = p.requireNumber("low", -Double.MAX_VALUE, Double.MAX_VALUE);
          double high = p.requireNumber("high", -Double.MAX_VALUE, Double.MAX_VALUE);
          // a step, when given, is positive (a continuous range gives none): 0 or 1e-400 was
          // taken for "continuous" in silence
          double step = p.has("step") ? p.number("step", 0, Double.MIN_VALUE, Double.MAX_VALUE)
              : 0;
          if (strictSteps && step > 0 && low <= high) {
            requireStepDivides(p, low, high, step,
                FloatDistribution.lastGridPoint(low, high, step));
          }
          return new FloatDistribution(low, high, p.bool("log", false), step);
        }
        case "int" -> {
          int low = p.integer(p.require("low", "a whole number"), "low", Integer.MIN_VALUE,
              Integer.MAX_VALUE);
          int high = p.integer(p.require("high", "a whole number"), "high", Integer.MIN_VALUE,
              Integer.MAX_VALUE);
          int step = p.integer("step", 1, 1, Integer.MAX_VALUE);
          if (strictSteps && low <= high) {
            requireStepDivides(p, low, high, step, high - ((long) high - low) % step);
          }
          return new IntDistribution(low, high, p.bool("log", false), step);
        }
        case "categorical" -> {
          List<ConfigValue> items = p.list("choices", "a list of choices such as [adam, sgd]")
              .orElseThrow(() -> new ConfigException(p.origin(), p.path("choices"),
                  "missing; expected a list of choices such as [adam, sgd]"));
          if (items.isEmpty()) {
            throw p.error(p.value("choices").orElseThrow(), "choices", "expected at least one "
                + "choice, found an empty list");
          }
          List<Object> choices = new ArrayList<>();
          for (ConfigValue item : items) {
            Object choice = scalarValue(p, "choices", item);
            if (choices.stream().anyMatch(c -> ParamSpec.same(c, choice))) {
              throw p.error(item, "choices", "choice " + choice + " is listed twice");
            }
            choices.add(choice);
          }
          return new CategoricalDistribution(choices);
        }
        case "bool" -> {
          return CategoricalDistribution.bool();
        }
        default -> {
          return CategoricalDistribution.fixed(
              scalarValue(p, "value", p.require("value", "the fixed value")));
        }
      }
    } catch (IllegalArgumentException e) {
      throw new ConfigException(p.origin(), p.path(), e.getMessage());
    }
  }

  private static Map<String, List<Object>> conditions(Section p,
      Map<String, Distribution> declared) {
    Optional<ConfigValue> when = p.value("when");
    if (when.isEmpty()) {
      return Map.of();
    }
    if (!(when.get() instanceof ConfigValue.Mapping wm) || wm.entries().isEmpty()) {
      throw p.error(when.get(), "when", "expected a mapping from an earlier parameter to its "
          + "value(s), e.g. when: {optimizer: sgd}, found " + Section.describe(when.get()));
    }
    Section w = Section.of(wm, p.path("when"), new ArrayList<>(wm.entries().keySet()));
    Map<String, List<Object>> out = new LinkedHashMap<>();
    for (String other : wm.entries().keySet()) {
      Distribution d = declared.get(other);
      if (d == null) {
        throw w.errorAtKey(other, KeySuggestion.closest(other, declared.keySet())
            .map(s -> "no earlier parameter '" + other + "'; did you mean '" + s + "'?")
            .orElse("no earlier parameter '" + other + "'; a condition names a parameter "
                + "declared above it" + (declared.isEmpty() ? "" : " (" + String.join(", ",
                declared.keySet()) + ")")));
      }
      ConfigValue v = wm.entries().get(other);
      List<ConfigValue> items = v instanceof ConfigValue.Sequence s ? s.items() : List.of(v);
      if (items.isEmpty()) {
        throw w.error(v, other, "an empty list of values of " + other + ", so the condition "
            + "could never hold; give the value(s) that switch this parameter on");
      }
      if (d instanceof dev.jtune.space.FloatDistribution f && f.step() == 0 && f.low() < f.high()) {
        throw w.error(v, other, other + " is continuous (" + d.describe() + "): it takes a "
            + "given value only by chance, so the condition would hardly ever hold; give " + other
            + " a step, or make it categorical");
      }
      List<Object> accepted = new ArrayList<>();
      for (ConfigValue item : items) {
        Object value = scalarValue(w, other, item);
        if (d instanceof CategoricalDistribution c
            && c.choices().stream().noneMatch(x -> ParamSpec.same(x, value))) {
          throw w.error(item, other, value + " is not a choice of " + other + " (" + c.choices()
              + ")");
        }
        if (!(d instanceof CategoricalDistribution) && !canTake(d, value)) {
          throw w.error(item, other, value + " is not a value " + other + " can take ("
              + d.describe() + "), so the condition could never hold");
        }
        // a quoted number ("2", "2.0", "02") on a numeric parameter is compared as the number
        accepted.add(!(d instanceof CategoricalDistribution) && value instanceof String text
            ? Double.valueOf(text.trim()) : value);
      }
      out.put(other, accepted);
    }
    return out;
  }

  /**
   * A file's step must divide its range: the library narrows {@code high} to the last grid point
   * with a warning (as Optuna), but a study file that says {@code high: 10} and can never reach it
   * is a mistake best shown where it is written.
   */
  private static void requireStepDivides(Section p, double low, double high, double step,
      double kept) {
    if (kept != high) {
      throw p.error(p.value("step").orElseThrow(), "step", "step " + num(step) + " does not "
          + "divide the range [" + num(low) + ", " + num(high) + "], so " + num(high)
          + " could never be drawn; use high: " + num(kept) + ", or a step that divides "
          + num(high - low));
    }
  }

  private static String num(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v)
        : java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
  }

  /** Whether a numerical parameter's distribution has {@code value} among its values. */
  private static boolean canTake(Distribution d, Object value) {
    try {
      // a quoted number ("2") matches as the number, as conditions compare values as text
      Object number = value instanceof String s ? Double.valueOf(s.trim()) : value;
      return number instanceof Number && d.contains(d.toInternal(number));
    } catch (IllegalArgumentException e) { // NumberFormatException included
      return false;
    }
  }

  /** A plain scalar as a number, boolean or text; a quoted one as text. */
  static Object scalarValue(Section at, String key, ConfigValue v) {
    if (!(v instanceof ConfigValue.Scalar s) || s.isNull()) {
      throw at.error(v, key, "expected a number, true/false or a word, found "
          + Section.describe(v));
    }
    if (s.quoted()) {
      return s.text();
    }
    String t = s.text();
    if (t.equals("true") || t.equals("false")) {
      return Boolean.valueOf(t);
    }
    try {
      if (!t.matches("[-+]?[0-9]+")) {
        throw new NumberFormatException();   // ASCII digits only: "١" stays the word it is
      }
      long n = Long.parseLong(t);
      return n == (int) n ? (Object) (int) n : (Object) n;
    } catch (NumberFormatException notLong) {
      try {
        double d = Double.parseDouble(t);
        if (t.matches("[-+]?[0-9.][0-9.eE+\\-]*")) {
          return d;
        }
      } catch (NumberFormatException notNumber) {
        // a word
      }
    }
    return t;
  }
}
