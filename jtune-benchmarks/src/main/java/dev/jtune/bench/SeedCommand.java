package dev.jtune.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.jtune.nn.TorchRuntime;
import dev.jtune.nn.data.CsvFormat;
import dev.jtune.nn.data.CsvLoader;
import dev.jtune.nn.data.LabeledData;
import dev.jtune.nn.data.Split;
import dev.jtune.nn.data.Splitter;
import dev.jtune.nn.data.SyntheticClassification;
import dev.jtune.nn.model.FixedTrial;
import dev.jtune.nn.model.MlpHyperModel;
import dev.jtune.nn.model.Task;
import dev.jtune.nn.train.FitLoop;
import dev.jtune.nn.train.FitResult;
import dev.jtune.nn.train.Metric;
import dev.jtune.nn.train.TrainingObjective;
import dev.jtune.sampler.RandomSampler;
import dev.jtune.sampler.Sampler;
import dev.jtune.sampler.tpe.TpeSampler;
import dev.jtune.study.OptimizeOptions;
import dev.jtune.study.Study;
import dev.jtune.study.StudyDirection;
import dev.jtune.trial.FrozenTrial;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The {@code seed} benchmark, the counterpart of {@code seed_example.py}: the seed's Keras Tuner
 * example (make_classification(1000, 20, 2 classes, seed 42), 80/20 split with seed 42, the last
 * 20% of the training part as validation, {@link MlpHyperModel#seedExample()}'s space, objective
 * the best epoch's validation accuracy of 10), then the best configuration retrained on all 800
 * training rows for 10 epochs and scored on the 200 test rows after its last epoch. The data come
 * from jtune's generator (same law as scikit-learn's, not the same numbers). Timing starts after
 * the engine is up (libtorch loaded, jtune's kernels compiled: {@code engine_s}) and the data are
 * made, as the peer's excludes imports ({@code import_s}); {@code process_wall_s} is the whole
 * process, as the peer's. One JSON object on stdout.
 */
@Command(name = "seed", mixinStandardHelpOptions = true,
    description = "The seed example (tuning an MLP on make_classification), as seed_example.py.")
final class SeedCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Option(names = "--configs", arity = "1..*", defaultValue = "random:10,tpe:30", split = ",",
      description = "SAMPLER:TRIALS[:EXECUTIONS], sampler random or tpe, executions per trial "
          + "1 unless given (default: ${DEFAULT-VALUE})")
  List<String> configs;

  @Option(names = "--seeds", arity = "1..*", defaultValue = "0,1,2", split = ",")
  List<Long> seeds;

  @Option(names = "--retrains", defaultValue = "1", description = "times the best configuration "
      + "is retrained for the test, from different seeds; test_acc is their mean (the peer: 1)")
  int retrains;

  @Option(names = "--epochs", defaultValue = "10")
  int epochs;

  @Option(names = "--jobs", defaultValue = "1", description = "trials trained in parallel")
  int jobs;

  @Option(names = "--history", defaultValue = "REPRODUCIBLE",
      description = "what parallel trials see of each other: ${COMPLETION-CANDIDATES} "
          + "(default: ${DEFAULT-VALUE})")
  OptimizeOptions.ParallelHistory history;

  @Option(names = "--csv", description = "the data as seed_example.py sees it (written by "
      + "jtune-benchmarks/scripts/seed_split.py: 800 training rows, then 200 test rows); default: "
      + "jtune's own make_classification")
  java.nio.file.Path csv;

  @Option(names = "--rss-every", defaultValue = "0",
      description = "print resident memory every N trials to stderr (0: never)")
  int rssEvery;

  @Mixin
  ClockOption clockOption;

  @Override
  public Integer call() throws Exception {
    if (clockOption.isCpu() && jobs > 1) {
      throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
          "--clock cpu times the calling thread, which trials leave idle with --jobs " + jobs);
    }
    long engineStart = System.nanoTime();
    TorchRuntime.engine();
    double engineSeconds = (System.nanoTime() - engineStart) / 1e9;
    Split trainTest;
    if (csv != null) {
      LabeledData all = new CsvLoader(CsvFormat.classes("label")).load(csv).data();
      trainTest = new Split(all.slice(0, 800), all.slice(800, all.rows()));
    } else {
      LabeledData all = SyntheticClassification.of(1000, 20, 2, 42).generate();
      trainTest = Splitter.shuffled(42).trainTest(all, 0.2);
    }
    Split fitVal = Split.lastFraction(trainTest.train(), 0.2);
    List<Map<String, Object>> runs = new ArrayList<>();
    for (String config : configs) {
      String[] parts = config.split(":");
      for (long seed : seeds) {
        Map<String, Object> r = run(parts[0], Integer.parseInt(parts[1]),
            parts.length > 2 ? Integer.parseInt(parts[2]) : 1, seed, trainTest, fitVal);
        r.put("config", config);
        runs.add(r);
        System.err.println(JSON.writeValueAsString(r));
      }
    }
    List<Map<String, Object>> summary = new ArrayList<>();
    for (String config : configs) {
      List<Map<String, Object>> rs = runs.stream().filter(r -> r.get("config").equals(config))
          .toList();
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("config", config);
      s.put("seeds", rs.stream().map(r -> r.get("seed")).toList());
      s.put("test_acc", rs.stream().map(r -> r.get("test_acc")).toList());
      s.put("test_acc_mean", mean(rs, "test_acc"));
      s.put("best_val_acc", rs.stream().map(r -> r.get("best_val_acc")).toList());
      s.put("best_val_acc_mean", mean(rs, "best_val_acc"));
      s.put("total_s", rs.stream().map(r -> r.get("total_s")).toList());
      s.put("total_s_mean", mean(rs, "total_s"));
      s.put("tune_s_per_trial_mean", rs.stream().mapToDouble(r -> (double) r.get("tune_s")
          / (int) r.get("n_trials")).average().orElse(Double.NaN));
      summary.add(s);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("env", BenchEnvironment.current());
    out.put("args", Map.of("configs", configs, "seeds", seeds, "epochs", epochs, "jobs", jobs,
        "retrains", retrains,
        "history", history.name(), "clock", clockOption.name,
        "data", csv == null ? "jtune make_classification" : csv.toString()));
    // the counterparts of the peer's import_s and process_wall_s: the engine's start (libtorch
    // and jtune's kernels), and the whole process from the JVM's start
    out.put("engine_s", engineSeconds);
    out.put("process_wall_s", ProcessHandle.current().info().startInstant()
        .map(t -> java.time.Duration.between(t, java.time.Instant.now()).toNanos() / 1e9)
        .orElse(Double.NaN));
    out.put("summary", summary);
    out.put("runs", runs);
    out.put("max_rss_mb", ResidentMemory.peakMb());
    System.out.println(JSON.copy().enable(SerializationFeature.INDENT_OUTPUT)
        .writeValueAsString(out));
    return 0;
  }

  private Map<String, Object> run(String samplerName, int trials, int executions, long seed,
      Split trainTest, Split fitVal) {
    java.util.function.LongSupplier clock = clockOption.clock();
    long t0 = clock.getAsLong();
    Sampler sampler = switch (samplerName) {
      case "random" -> new RandomSampler(seed);
      case "tpe" -> new TpeSampler(seed);
      default -> throw new IllegalArgumentException("sampler " + samplerName + ": random or tpe");
    };
    MlpHyperModel model = MlpHyperModel.seedExample();
    Study study = Study.builder().name("seed").direction(StudyDirection.MAXIMIZE)
        .sampler(sampler).build();
    TrainingObjective objective = TrainingObjective.holdout(model, fitVal.train(), fitVal.held(),
        epochs, Metric.ACCURACY, seed).withExecutions(executions);
    if (rssEvery > 0) {
      study = Study.builder().name("seed-rss").direction(StudyDirection.MAXIMIZE).sampler(sampler)
          .callback((s, t) -> {
            if ((t.number() + 1) % rssEvery == 0) {
              Runtime rt = Runtime.getRuntime();
              Map<String, Object> line = new LinkedHashMap<>();
              line.put("trials", t.number() + 1);
              line.put("rss_mb", Math.round(ResidentMemory.currentMb() * 10) / 10.0);
              line.put("heap_committed_mb", Math.round(rt.totalMemory() / 104857.6) / 10.0);
              line.put("heap_used_mb",
                  Math.round((rt.totalMemory() - rt.freeMemory()) / 104857.6) / 10.0);
              line.put("params", t.params());
              try {
                System.err.println(JSON.writeValueAsString(line));
              } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
              }
            }
          }).build();
    }
    try (objective) {
      study.optimize(objective, OptimizeOptions.trials(trials).withJobs(jobs)
          .withHistory(history));
    }
    long tuned = clock.getAsLong();
    FrozenTrial best = study.bestTrial();
    Task task = objective.task();
    FixedTrial replay = new FixedTrial(best.params(), best.number());
    // the last epoch's weights, as the peer's retrain (no best-epoch snapshots by test score)
    double testAcc = 0;
    for (int r = 0; r < retrains; r++) {
      FitResult retrained = new FitLoop(task, model.plan(replay), epochs, Metric.ACCURACY,
          seed + r * 1_000_003L).withLastEpochWeights()
          .fit(model.build(replay, task), trainTest.train(), trainTest.held(), List.of());
      testAcc += retrained.history().get(retrained.history().size() - 1).validation()
          .get(Metric.ACCURACY) / retrains;
    }
    long done = clock.getAsLong();
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("sampler", samplerName);
    r.put("n_trials", trials);
    r.put("executions", executions);
    r.put("seed", seed);
    r.put("best_params", best.params());
    r.put("best_val_acc", best.value());
    r.put("best_trial", best.number());
    r.put("test_acc", testAcc);
    r.put("tune_s", (tuned - t0) / 1e9);
    r.put("retrain_s", (done - tuned) / 1e9);
    r.put("total_s", (done - t0) / 1e9);
    r.put("rss_mb", ResidentMemory.currentMb());
    // as the peer's runs: each trial's parameters, value and seconds, to compare like with like
    List<Map<String, Object>> trialLog = new ArrayList<>();
    for (FrozenTrial t : study.trials()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("number", t.number());
      m.put("params", t.params());
      m.put("value", t.values().isEmpty() ? null : t.value());
      m.put("secs", t.duration().map(d -> d.toNanos() / 1e9).orElse(null));
      trialLog.add(m);
    }
    r.put("trials", trialLog);
    return r;
  }

  private static double mean(List<Map<String, Object>> rs, String key) {
    return rs.stream().mapToDouble(r -> ((Number) r.get(key)).doubleValue()).average()
        .orElse(Double.NaN);
  }
}
