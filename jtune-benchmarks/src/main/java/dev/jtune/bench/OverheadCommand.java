package dev.jtune.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.jtune.storage.Storage;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import dev.jtune.storage.jdbc.Durability;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code overhead} benchmark: ms per trial of the optimize loop itself, by sampler x storage x
 * study size, the counterpart of {@code optuna_overhead.py} (see {@link OverheadStudy} for what is
 * timed). Each cell (sampler x storage) first runs an unreported warm-up study so that the JIT has
 * compiled the loop, then {@code --repeats} measured studies in the same JVM, each on a fresh
 * sampler and storage. There is no {@code System.gc()} between studies: with G1 a full collection
 * shrinks the heap, and the next study then pays for more young collections and for growing it again.
 * Collections during a study are part of what is measured, as they are for the peer. One JSON line
 * per measured study goes to stdout.
 */
@Command(name = "overhead",
    mixinStandardHelpOptions = true,
    description = {"Per-trial overhead of the optimize loop, as optuna_overhead.py measures it.",
        "",
        "The objective returns the sum of squares of 5 floats at once. Each study runs max(sizes) "
            + "trials; for each size N the result is the mean ms per trial of trials N-window+1..N. "
            + "Each sampler x storage cell runs an unreported warm-up study, then --repeats "
            + "measured studies in this JVM."})
class OverheadCommand implements Callable<Integer> {
  private static final String SAMPLER_PREFIX = "jtune-";

  @Spec
  CommandSpec spec;

  @Option(names = "--samplers", arity = "1..*", defaultValue = "random,sobol", split = ",",
      paramLabel = "NAME",
      description = "Samplers: random, sobol, tpe, tpe_mv, ... (default: ${DEFAULT-VALUE}).")
  List<String> samplers;

  @Option(names = "--storages", arity = "1..*", defaultValue = "memory", split = ",",
      paramLabel = "NAME", description = "Storages: memory, sqlite, postgres (default: ${DEFAULT-VALUE}).")
  List<String> storages;

  @Option(names = "--sizes", arity = "1..*", defaultValue = "100,1000,10000", split = ",",
      paramLabel = "N", description = "Study sizes to report; each study runs max(sizes) trials "
          + "(default: ${DEFAULT-VALUE}).")
  List<Integer> sizes;

  @Option(names = "--window", defaultValue = "100",
      description = "Trials per measurement window (default: ${DEFAULT-VALUE}).")
  int window;

  @Option(names = "--seed", defaultValue = "0", description = "Sampler seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--repeats", defaultValue = "1",
      description = "Measured studies per cell, in this JVM (default: ${DEFAULT-VALUE}).")
  int repeats;

  @Option(names = "--warmup", defaultValue = "1000", paramLabel = "TRIALS",
      description = "Trials of the unreported warm-up study per cell; 0 for none "
          + "(default: ${DEFAULT-VALUE}).")
  int warmup;

  @Option(names = "--params", defaultValue = "5",
      description = "Floats the objective suggests; the peer's are 5 (default: ${DEFAULT-VALUE}).")
  int params;

  @Option(names = "--keep-per-trial", description = "Add every trial's ms (per_trial_ms).")
  boolean keepPerTrial;

  @Option(names = "--sqlite-path", paramLabel = "FILE",
      description = "The sqlite storage's file, deleted before each study (default: a file in"
          + " java.io.tmpdir).")
  String sqlitePath = StorageRegistry.DEFAULT_SQLITE_PATH;

  @Option(names = "--durability", defaultValue = "FINISHED_TRIALS", paramLabel = "MODE",
      description = "Which commits wait for the disk: FULL, FINISHED_TRIALS, ASYNC "
          + "(default: ${DEFAULT-VALUE}).")
  Durability durability = Durability.FINISHED_TRIALS;

  @Option(names = "--pg-url", paramLabel = "JDBC_URL",
      description = "The postgres storage's database, as pg_setup.sh starts it (default: "
          + StorageRegistry.DEFAULT_PG_URL + ").")
  String pgUrl = StorageRegistry.DEFAULT_PG_URL;

  private final SamplerRegistry samplerRegistry = SamplerRegistry.forOverhead();
  private StorageRegistry storageRegistry;

  @Override
  public Integer call() throws JsonProcessingException {
    validate();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ObjectMapper json = new ObjectMapper()
        .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
    BenchEnvironment env = BenchEnvironment.current();
    int trials = Collections.max(sizes);
    List<OverheadResult> results = new ArrayList<>();
    for (String storageName : storages) {
      StorageRegistry.Kind storage = storageRegistry.get(storageName);
      for (String samplerName : samplers) {
        String cell = SAMPLER_PREFIX + samplerName + "/" + storageName;
        if (warmup > 0) {
          err.printf("overhead: %s warm-up, %d trials%n", cell, warmup);
          err.flush();
          run(samplerName, storage, "warmup", warmup);
        }
        for (int r = 1; r <= repeats; r++) {
          OverheadStudy.Timeline timeline = run(samplerName, storage, "r" + r, trials);
          OverheadResult result = result(samplerName, storage, trials, r, timeline, env);
          results.add(result);
          out.println(json.writeValueAsString(result));
          out.flush();
          err.printf(Locale.ROOT, "overhead: %s repeat %d/%d: %d trials in %.3f s, ms/trial %s%n",
              cell, r, repeats, trials, result.totalS(), format(result.msPerTrialLastWindow()));
          if (timeline.completeTrials() != trials) {
            err.printf("overhead: WARNING %s: only %d of %d trials are COMPLETE%n", cell,
                timeline.completeTrials(), trials);
          }
          err.flush();
        }
      }
    }
    if (repeats > 1) {
      printMedians(results, err);
    }
    return 0;
  }

  private void validate() {
    storageRegistry = StorageRegistry.defaults(sqlitePath, pgUrl, durability);
    List<String> problems = new ArrayList<>();
    sizes.stream().filter(n -> n < 1).forEach(n -> problems.add("--sizes must be >= 1, got " + n));
    if (window < 1) {
      problems.add("--window must be >= 1, got " + window);
    }
    if (repeats < 1) {
      problems.add("--repeats must be >= 1, got " + repeats);
    }
    if (warmup < 0) {
      problems.add("--warmup must be >= 0, got " + warmup);
    }
    if (params < 1) {
      problems.add("--params must be >= 1, got " + params);
    }
    for (String name : samplers) {
      try {
        samplerRegistry.check(name);
      } catch (IllegalArgumentException e) {
        problems.add(e.getMessage());
      }
    }
    for (String name : storages) {
      try {
        storageRegistry.get(name);
      } catch (IllegalArgumentException e) {
        problems.add(e.getMessage());
      }
    }
    if (!problems.isEmpty()) {
      throw new ParameterException(spec.commandLine(), String.join("; ", problems));
    }
  }

  private OverheadStudy.Timeline run(
      String samplerName, StorageRegistry.Kind storage, String label, int trials) {
    String studyName = StorageRegistry.STUDY_PREFIX + "overhead-" + SAMPLER_PREFIX + samplerName + "-" + storage.name() + "-" + label;
    try (Storage opened = storage.factory().get()) {
      return OverheadStudy.run(samplerRegistry.create(samplerName, seed), opened, studyName, trials,
          params);
    }
  }

  private OverheadResult result(String samplerName, StorageRegistry.Kind storage, int trials,
      int repeat, OverheadStudy.Timeline timeline, BenchEnvironment env) {
    Map<String, Double> windows = new LinkedHashMap<>();
    for (int n : sizes) {
      // As the peer: sizes the study never reached, or smaller than a window, are left out.
      if (n <= timeline.stamped() && n >= window) {
        windows.put(String.valueOf(n), timeline.windowMs(n, window));
      }
    }
    List<Double> perTrial = null;
    if (keepPerTrial) {
      perTrial = new ArrayList<>();
      for (double ms : timeline.perTrialMs()) {
        perTrial.add(Math.round(ms * 1e4) / 1e4);
      }
    }
    double total = timeline.totalSeconds();
    return new OverheadResult(SAMPLER_PREFIX + samplerName, storage.name(), trials,
        timeline.trialsInStudy(), seed, window, windows, total, 1000.0 * total / trials, perTrial,
        storage.url(), storage.url() == null ? null : durability.name(), repeat, env);
  }

  private static void printMedians(List<OverheadResult> results, PrintWriter err) {
    Map<String, List<OverheadResult>> byCell = results.stream().collect(Collectors.groupingBy(
        r -> r.sampler() + "/" + r.storage(), LinkedHashMap::new, Collectors.toList()));
    byCell.forEach((cell, runs) -> {
      Map<String, Double> medians = new LinkedHashMap<>();
      for (String size : runs.get(0).msPerTrialLastWindow().keySet()) {
        medians.put(size, median(runs.stream().map(r -> r.msPerTrialLastWindow().get(size)).toList()));
      }
      err.printf("overhead: %s median of %d repeats, ms/trial %s%n", cell, runs.size(),
          format(medians));
    });
    err.flush();
  }

  static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  private static String format(Map<String, Double> windows) {
    return windows.entrySet().stream()
        .map(e -> String.format(Locale.ROOT, "%s: %.4f", e.getKey(), e.getValue()))
        .collect(Collectors.joining(", ", "{", "}"));
  }
}
