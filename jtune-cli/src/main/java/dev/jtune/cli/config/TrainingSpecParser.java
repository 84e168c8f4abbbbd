package dev.jtune.cli.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the training sections of a study file into a {@link TrainingSpec}, with the same checks as
 * the rest of the file (unknown keys, types, ranges, missing data files named by path):
 *
 * <pre>
 * data:
 *   synthetic: {samples: 2000, features: 20, classes: 2, seed: 42}
 *   # or csv: {path: FILE, label: COLUMN, categorical: [COLUMNS], regression: false,
 *   #          standardize: true}    # numeric columns, fitted on each trial's training rows
 *   # or idx: {images: FILE, labels: FILE}
 *   split: {validation: 0.2, test: 0.2, seed: 0}   # or {folds: 5, test: 0.2, seed: 0}
 * model:
 *   mlp: {layers: [1, 3], units: [32, 64, 128], activations: [relu, tanh], max-dropout: 0.5,
 *         batch-norm: true}
 *   # or cnn: {blocks: [1, 3], filters: [16, 32, 64], kernels: [3, 5], pooling: [max, avg],
 *   #          dense: [64, 128], max-dropout: 0.5, batch-norm: true}
 * training:
 *   epochs: 20
 *   optimizers: [adam, sgd]          # gd sgd momentum nesterov adam adamw rmsprop adagrad
 *   learning-rate: {low: 1.0e-4, high: 1.0e-1}    # log scale
 *   batch-sizes: [32, 64, 128]
 *   schedule: {name: cosine-warmup, warmup-steps: 100, min-fraction: 0.0}
 *   early-stopping: {patience: 3, min-delta: 0.0, restore-best: true}
 * objective:
 *   metric: accuracy                 # loss accuracy auc mse mae, on the validation split
 *                                    # (default: accuracy; loss for a regression)
 *   # or, for several objectives (with directions, or none: each score sets its own):
 *   # metrics: [val_accuracy, parameters]   # the first, a metric, picks each trial's best
 *   #                                       # epoch; the others are read at that epoch
 * </pre>
 * Relative data paths are resolved against the study file's directory.
 */
final class TrainingSpecParser {
  static final List<String> OPTIMIZERS =
      List.of("gd", "sgd", "momentum", "nesterov", "adam", "adamw", "rmsprop", "adagrad");
  static final List<String> METRICS = List.of("loss", "accuracy", "auc", "mse", "mae");
  /** The metrics with and without Keras's {@code val_} prefix, and Keras 2's {@code acc}. */
  private static final List<String> METRICS_ACCEPTED = java.util.stream.Stream.concat(
      java.util.stream.Stream.concat(METRICS.stream(), METRICS.stream().map(m -> "val_" + m)),
      java.util.stream.Stream.of("acc", "val_acc")).toList();
  private static final Map<String, List<String>> SCHEDULES = schedules();

  private final Path baseDir;

  TrainingSpecParser(Path baseDir) {
    this.baseDir = baseDir;
  }

  private static Map<String, List<String>> schedules() {
    Map<String, List<String>> m = new LinkedHashMap<>();
    m.put("constant", List.of());
    m.put("step-decay", List.of("step-size", "gamma"));
    m.put("exponential-decay", List.of("rate", "decay-steps"));
    m.put("cosine-warmup", List.of("warmup-steps", "min-fraction"));
    m.put("one-cycle", List.of("pct-start", "div", "final-div"));
    m.put("reduce-on-plateau", List.of("factor", "patience", "min-delta", "min-rate"));
    return m;
  }

  /** A fraction in (0, 1), [0, 1), (0, 1] as the flags say, refused at its key otherwise. */
  private static double inRange(Section s, String key, boolean zeroIn, boolean oneIn) {
    double v = s.number(key, 0, 0, 1);
    if ((v == 0 && !zeroIn) || (v == 1 && !oneIn)) {
      throw s.errorAtKey(key, "must be in " + (zeroIn ? "[" : "(") + "0, 1" + (oneIn ? "]" : ")")
          + ", got " + v);
    }
    return v;
  }

  TrainingSpec parse(Section top, Section objective) {
    Section data = top.section("data", List.of("synthetic", "csv", "idx", "split")).orElseThrow(
        () -> top.errorAtKey("data", "missing; training needs a data section (synthetic, csv or "
            + "idx)"));
    Section model = top.section("model", List.of("mlp", "cnn")).orElseThrow(
        () -> top.errorAtKey("model", "missing; training needs a model section (mlp or cnn)"));
    Section training = top.section("training", List.of("epochs", "optimizers", "learning-rate",
        "batch-sizes", "schedule", "early-stopping", "checkpoints", "executions", "refit"))
        .orElseGet(() -> Section.of(
        ConfigValue.Mapping.empty(top.origin()), "training", List.of()));
    TrainingSpec.DataSpec dataSpec = data(data);
    if (dataSpec.split().crossValidated() && training.has("refit")
        && !training.bool("refit", true)) {
      throw training.errorAtKey("refit", "with data.split.folds the best model is always "
          + "refitted on every training row (each fold's network saw only part of them); remove "
          + "refit: false");
    }
    if (dataSpec.split().test() == 0 && training.has("refit") && training.bool("refit", false)) {
      throw training.errorAtKey("refit", "the refit is the network judged on the test part, and "
          + "data.split.test is 0: set a test fraction, or remove refit: true");
    }
    // the default objective: accuracy for classes, the loss (mean squared error) for a regression
    boolean regression = dataSpec instanceof TrainingSpec.DataSpec.Csv csv && csv.regression();
    if (objective.has("metric") && objective.has("metrics")) {
      throw objective.errorAtKey("metrics", "give metric (one objective) or metrics (a list, "
          + "one per objective), not both");
    }
    if (objective.has("metrics")) {
      List<String> scores = scores(objective);
      return new TrainingSpec(dataSpec, model(model), settings(training), scores.get(0)
          .substring("val_".length()), scores.subList(1, scores.size()));
    }
    String metric = canonicalMetric(objective.word("metric", METRICS_ACCEPTED, regression
        ? "loss" : "accuracy"));
    return new TrainingSpec(dataSpec, model(model), settings(training), metric);
  }

  /** {@code val_acc}, {@code acc}, {@code accuracy}: {@code accuracy}. */
  private static String canonicalMetric(String accepted) {
    return accepted.replaceFirst("^val_", "").replaceFirst("^acc$", "accuracy");
  }

  /**
   * The {@code metrics} list as labels ({@code val_accuracy}, {@code parameters}): a metric
   * first, since it picks each trial's best epoch, then any scores, none twice.
   */
  private static List<String> scores(Section objective) {
    List<String> accepted = new java.util.ArrayList<>(METRICS_ACCEPTED);
    accepted.addAll(List.of("parameters", "params"));
    List<String> words = objective.wordList("metrics", accepted, "metric",
        "a list such as [val_accuracy, parameters]");
    List<ConfigValue> items = objective.list("metrics", "a list").orElseThrow();
    List<String> labels = new java.util.ArrayList<>();
    for (int i = 0; i < words.size(); i++) {
      String word = words.get(i);
      ConfigValue item = items.get(i);
      String label = word.startsWith("param") ? "parameters" : "val_" + canonicalMetric(word);
      if (labels.isEmpty() && label.equals("parameters")) {
        throw objective.error(item, "metrics", "the first metric picks each trial's best epoch, "
            + "so it is one of " + String.join(", ", METRICS) + "; put parameters after it");
      }
      if (labels.contains(label)) {
        throw objective.error(item, "metrics", label + " is listed twice; each objective is "
            + "another value");
      }
      labels.add(label);
    }
    return labels;
  }

  private TrainingSpec.DataSpec data(Section d) {
    Optional<Section> splitSection = d.section("split", List.of("validation", "test", "seed",
        "folds"));
    TrainingSpec.Split split = splitSection.map(this::split)
        .orElse(new TrainingSpec.Split(0.2, 0.2, 0));
    if (split.validation() + split.test() >= 1) {
      throw new ConfigException(d.origin(), d.path("split"), "validation + test must be below 1, "
          + "got " + (split.validation() + split.test()));
    }
    Optional<Section> synthetic = d.sectionOrDefaults("synthetic", List.of("samples", "features",
        "classes", "seed"));
    int sources = (synthetic.isPresent() ? 1 : 0) + (d.has("csv") ? 1 : 0)
        + (d.has("idx") ? 1 : 0);
    if (sources != 1) {
      throw new ConfigException(d.origin(), d.path(), "expected exactly one of synthetic, csv or "
          + "idx, found " + sources);
    }
    if (synthetic.isPresent()) {
      Section s = synthetic.get();
      return new TrainingSpec.DataSpec.Synthetic(s.integer("samples", 1000, 10, 10_000_000),
          s.integer("features", 20, 2, 100_000), s.integer("classes", 2, 2, 1000),
          s.longValue("seed", 42), split);
    }
    Optional<Section> csv = d.section("csv", List.of("path", "label", "categorical",
        "regression", "standardize"));
    if (csv.isPresent()) {
      Section s = csv.get();
      Path path = file(s, "path");
      List<String> categorical = new ArrayList<>();
      for (ConfigValue v : s.list("categorical", "a list of column names").orElse(List.of())) {
        categorical.add(String.valueOf(SpaceSection.scalarValue(s, "categorical", v)));
      }
      return new TrainingSpec.DataSpec.Csv(path, s.requireString("label", "the label column"),
          categorical, s.bool("regression", false), s.bool("standardize", true), split);
    }
    Section s = d.section("idx", List.of("images", "labels")).orElseThrow();
    return new TrainingSpec.DataSpec.Idx(file(s, "images"), file(s, "labels"), split);
  }

  /** A holdout ({@code validation}) or k folds ({@code folds}), never both. */
  private TrainingSpec.Split split(Section s) {
    int folds = s.integer("folds", 0, 0, 100);
    if (folds == 1) {
      throw s.errorAtKey("folds", "folds must be 0 (a holdout) or at least 2, got 1");
    }
    if (folds >= 2) {
      if (s.has("validation")) {
        throw s.errorAtKey("validation", "validation and folds are alternatives: with folds="
            + folds + " every fold is validated in turn");
      }
      return new TrainingSpec.Split(0, s.number("test", 0.2, 0, 0.9), s.longValue("seed", 0),
          folds);
    }
    double validation = s.number("validation", 0.2, 0, 0.9);
    if (validation == 0) {
      throw s.errorAtKey("validation", "a holdout needs a validation part to score its trials "
          + "(validation > 0), or use folds: K for cross-validation");
    }
    return new TrainingSpec.Split(validation, s.number("test", 0.2, 0, 0.9),
        s.longValue("seed", 0));
  }

  private Path file(Section s, String key) {
    String text = s.requireString(key, "a file path");
    Path path;
    try {
      path = baseDir.resolve(text).normalize();
    } catch (java.nio.file.InvalidPathException e) {
      throw s.error(s.value(key).orElseThrow(), key, "not a valid path: " + text);
    }
    if (!Files.isRegularFile(path)) {
      throw s.error(s.value(key).orElseThrow(), key, "no such data file: " + path);
    }
    return path;
  }

  private static TrainingSpec.ModelSpec model(Section m) {
    Optional<Section> mlp = m.sectionOrDefaults("mlp", List.of("layers", "units", "activations",
        "max-dropout", "batch-norm"));
    Optional<Section> cnn = m.sectionOrDefaults("cnn", List.of("blocks", "filters", "kernels",
        "pooling", "dense", "max-dropout", "batch-norm"));
    if (mlp.isPresent() == cnn.isPresent()) {
      throw new ConfigException(m.origin(), m.path(), "expected exactly one of mlp or cnn");
    }
    if (mlp.isPresent()) {
      Section s = mlp.get();
      int[] layers = range(s, "layers", 1, 3, 1, 64);
      List<String> activations = names(s, "activations", "a list such as [relu, tanh]",
          List.of("relu"), dev.jtune.nn.model.Activation::of);
      return new TrainingSpec.ModelSpec.Mlp(layers[0], layers[1],
          ints(s, "units", List.of(32, 64, 128), 1, 100_000), activations,
          s.number("max-dropout", 0.5, 0, 0.95), s.bool("batch-norm", false));
    }
    Section s = cnn.orElseThrow();
    int[] blocks = range(s, "blocks", 1, 3, 1, 16);
    List<Integer> kernels = ints(s, "kernels", List.of(3, 5), 1, 99);
    for (int i = 0; i < kernels.size(); i++) {
      if (kernels.get(i) % 2 == 0) {
        throw s.error(s.list("kernels", "").orElseThrow().get(i), "kernels", "kernel size "
            + kernels.get(i) + " must be odd (the output keeps the image's size)");
      }
    }
    List<String> poolings = names(s, "pooling", "a list such as [max, avg]", List.of("max"),
        p -> {
          if (!p.equals("max") && !p.equals("avg")) {
            throw new IllegalArgumentException(KeySuggestion.unknown("pooling", p,
                List.of("max", "avg")));
          }
        });
    return new TrainingSpec.ModelSpec.Cnn(blocks[0], blocks[1],
        ints(s, "filters", List.of(16, 32, 64), 1, 4096), kernels, poolings,
        ints(s, "dense", List.of(64), 1, 100_000), s.number("max-dropout", 0.5, 0, 0.95),
        s.bool("batch-norm", false));
  }

  /**
   * A list of distinct names under {@code key} (they become a categorical's choices), each
   * accepted by {@code check} (which throws {@link IllegalArgumentException} with the reason);
   * {@code defaults} when the key is absent.
   */
  private static List<String> names(Section s, String key, String expected,
      List<String> defaults, java.util.function.Consumer<String> check) {
    Optional<List<ConfigValue>> values = s.list(key, expected);
    if (values.isEmpty() || values.get().isEmpty()) {
      return defaults;   // an empty list too, as activations: [] always meant relu
    }
    List<String> out = new ArrayList<>();
    for (ConfigValue v : values.get()) {
      String name = String.valueOf(SpaceSection.scalarValue(s, key, v));
      try {
        check.accept(name);
      } catch (IllegalArgumentException e) {
        throw s.error(v, key, e.getMessage());
      }
      if (out.contains(name)) {
        throw s.error(v, key, name + " is listed twice in " + key);
      }
      out.add(name);
    }
    return out;
  }

  private TrainingSpec.Settings settings(Section t) {
    List<String> optimizers = new ArrayList<>();
    for (ConfigValue v : t.list("optimizers", "a list such as [adam, sgd]").orElse(List.of())) {
      String name = String.valueOf(SpaceSection.scalarValue(t, "optimizers", v));
      if (!OPTIMIZERS.contains(name)) {
        throw t.error(v, "optimizers", KeySuggestion.unknown("optimizer", name, OPTIMIZERS));
      }
      optimizers.add(name);
    }
    double low = 1e-4;
    double high = 1e-1;
    Optional<Section> lr = t.section("learning-rate", List.of("low", "high"));
    if (lr.isPresent()) {
      low = lr.get().number("low", low, Double.MIN_VALUE, 10);
      high = lr.get().number("high", high, Double.MIN_VALUE, 10);
      if (low > high) {
        throw new ConfigException(lr.get().origin(), lr.get().path(), "low=" + low
            + " must be <= high=" + high);
      }
    }
    TrainingSpec.Schedule schedule = new TrainingSpec.Schedule("constant", Map.of());
    Optional<ConfigValue> sv = t.value("schedule");
    if (sv.isPresent()) {
      ConfigValue.Mapping m = sv.get() instanceof ConfigValue.Mapping mm ? mm
          : ConfigValue.Mapping.empty(sv.get().origin()).with("name", sv.get());
      Section any = Section.of(m, t.path("schedule"), new ArrayList<>(m.entries().keySet()));
      String name = any.word("name", new ArrayList<>(SCHEDULES.keySet()), "constant");
      List<String> keys = new ArrayList<>(List.of("name"));
      keys.addAll(SCHEDULES.get(name));
      Section s = Section.of(m, t.path("schedule"), keys);
      Map<String, Double> settings = new LinkedHashMap<>();
      for (String k : SCHEDULES.get(name)) {
        if (s.has(k)) {
          // counts of updates are whole numbers (step-size and decay-steps at least 1)
          // counts are whole numbers; fractions are checked here, at their keys, with the
          // schedules' own ranges
          settings.put(k, switch (k) {
            case "step-size", "decay-steps", "patience" ->
                (double) s.integer(k, 1, 1, Integer.MAX_VALUE);
            case "warmup-steps" -> (double) s.integer(k, 0, 0, Integer.MAX_VALUE);
            case "gamma", "rate" -> inRange(s, k, false, true);
            case "factor", "pct-start" -> inRange(s, k, false, false);
            case "min-fraction" -> inRange(s, k, true, false);
            case "div", "final-div" -> s.number(k, 1, 1, Double.MAX_VALUE);
            default -> s.number(k, 0, 0, Double.MAX_VALUE);
          });
        }
      }
      schedule = new TrainingSpec.Schedule(name, settings);
    }
    Optional<TrainingSpec.EarlyStop> early = t.section("early-stopping", List.of("patience",
        "min-delta", "restore-best")).map(s -> new TrainingSpec.EarlyStop(
            s.integer("patience", 3, 1, 10_000), s.number("min-delta", 0, 0, Double.MAX_VALUE),
            s.bool("restore-best", true)));
    Optional<Path> checkpoints = Optional.empty();
    if (t.has("checkpoints")) {
      String text = t.requireString("checkpoints", "a folder for population members' checkpoints");
      try {
        checkpoints = Optional.of(baseDir.resolve(text).normalize());
      } catch (java.nio.file.InvalidPathException e) {
        throw t.error(t.value("checkpoints").orElseThrow(), "checkpoints", "not a valid path: "
            + text);
      }
    }
    return new TrainingSpec.Settings(t.integer("epochs", 10, 1, 100_000),
        optimizers.isEmpty() ? List.of("adam") : optimizers, low, high,
        ints(t, "batch-sizes", List.of(32), 1, 1_000_000), schedule, early, checkpoints,
        t.integer("executions", 1, 1, 1_000), t.bool("refit", false));
  }

  private static int[] range(Section s, String key, int low, int high, int min, int max) {
    Optional<List<ConfigValue>> v = s.list(key, "[min, max], e.g. [" + low + ", " + high + "]");
    if (v.isEmpty()) {
      return new int[] {low, high};
    }
    if (v.get().size() != 2) {
      throw s.error(s.value(key).orElseThrow(), key, "expected [min, max], found a list of "
          + v.get().size());
    }
    int a = s.integer(v.get().get(0), key, min, max);
    int b = s.integer(v.get().get(1), key, min, max);
    if (a > b) {
      throw s.error(s.value(key).orElseThrow(), key, "min=" + a + " must be <= max=" + b);
    }
    return new int[] {a, b};
  }

  private static List<Integer> ints(Section s, String key, List<Integer> defaults, int min,
      int max) {
    Optional<List<ConfigValue>> v = s.list(key, "a list of whole numbers");
    if (v.isEmpty()) {
      return defaults;
    }
    if (v.get().isEmpty()) {
      throw s.error(s.value(key).orElseThrow(), key, "expected at least one value");
    }
    List<Integer> out = new ArrayList<>();
    for (ConfigValue item : v.get()) {
      int value = s.integer(item, key, min, max);
      if (out.contains(value)) {
        // the values become a categorical's choices, which must differ
        throw s.error(item, key, value + " is listed twice in " + key);
      }
      out.add(value);
    }
    return out;
  }
}
