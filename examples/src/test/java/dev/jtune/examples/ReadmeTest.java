package dev.jtune.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jtune.dashboard.StudyReport;
import dev.jtune.importance.ParamImportances;
import dev.jtune.nn.data.LabeledData;
import dev.jtune.nn.data.Split;
import dev.jtune.nn.data.Splitter;
import dev.jtune.nn.data.SyntheticClassification;
import dev.jtune.nn.model.MlpHyperModel;
import dev.jtune.nn.train.Metric;
import dev.jtune.nn.train.TrainedNetwork;
import dev.jtune.nn.tuner.Tuner;
import dev.jtune.pruner.HyperbandConfig;
import dev.jtune.pruner.Pruner;
import dev.jtune.sampler.GridSampler;
import dev.jtune.sampler.RandomSampler;
import dev.jtune.sampler.SobolSampler;
import dev.jtune.space.SearchSpace;
import dev.jtune.storage.RetryFailedTrialCallback;
import dev.jtune.terminator.CrossValidationError;
import dev.jtune.terminator.Terminator;
import dev.jtune.terminator.TerminatorCallback;
import dev.jtune.storage.jdbc.JdbcStorage;
import dev.jtune.storage.jdbc.JdbcStorageConfig;
import dev.jtune.study.Objective;
import dev.jtune.study.OptimizeOptions;
import dev.jtune.study.Study;
import dev.jtune.study.StudyDirection;
import dev.jtune.trial.FrozenTrial;
import dev.jtune.trial.Trial;
import dev.jtune.trial.TrialPrunedException;
import dev.jtune.trial.TrialState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's Java examples compile and run as printed: each is copied below between
 * {@code README block N} markers, and {@link #everyReadmeBlockIsCopiedHereAsPrinted} fails when
 * the README and this copy drift apart. The only differences allowed are the {@link #REWRITES}
 * that move the files an example writes into a temporary folder, and the import lines (which
 * stand at the top of this file). "Your code" in the README is a method of this class.
 */
class ReadmeTest {
  /** README text to this file's text: where the examples write their files. */
  private static final Map<String, String> REWRITES = Map.of(
      "java.nio.file.Path.of(\"trials.csv\")", "dir.resolve(\"trials.csv\")",
      "Path.of(\"my_dir\")", "dir.resolve(\"my_dir\")",
      "\"jdbc:sqlite:studies/mlp.db\"", "\"jdbc:sqlite:\" + dir.resolve(\"studies/mlp.db\")",
      "Path.of(\"report.html\")", "dir.resolve(\"report.html\")");

  @TempDir
  Path dir;

  private final Map<Integer, Integer> epochsTrained = new java.util.HashMap<>();

  @Test
  void everyReadmeBlockIsCopiedHereAsPrinted() throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"));
    String self = Files.readString(Path.of("src/test/java/dev/jtune/examples/ReadmeTest.java"));
    Matcher blocks = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL).matcher(readme);
    int n = 0;
    while (blocks.find()) {
      String printed = blocks.group(1);
      for (Map.Entry<String, String> r : REWRITES.entrySet()) {
        printed = printed.replace(r.getKey(), r.getValue());
      }
      Matcher copy = Pattern.compile("// README block " + n + "\n(.*?)\n\\s*// end of README block "
          + n + "\n", Pattern.DOTALL).matcher(self);
      assertThat(copy.find()).as("README block %d has a copy here", n).isTrue();
      assertThat(lines(copy.group(1))).as("README block %d", n).isEqualTo(lines(printed));
      n++;
    }
    assertThat(n).as("java blocks in the README").isEqualTo(9);
  }

  /** A block's lines without indentation, blank lines or imports. */
  private static List<String> lines(String block) {
    List<String> out = new ArrayList<>();
    for (String line : block.split("\n")) {
      String t = line.strip();
      if (!t.isEmpty() && !t.startsWith("import ")) {
        out.add(t);
      }
    }
    return out;
  }

  @Test
  void aStudyInJava() throws IOException {
    // README block 0
    Study study = Study.builder()
        .name("mlp")
        .direction(StudyDirection.MINIMIZE)
        .sampler(new SobolSampler(42))                 // seeded: same suggestions on any thread count
        .build();

    study.optimize(trial -> {
      double lr = trial.suggestFloat("lr", 1e-5, 1e-1, true);          // log scale
      int units = trial.suggestInt("units", 32, 512, 32);               // step
      String optimizer = trial.suggestCategorical("optimizer", List.of("sgd", "adam"));
      double momentum = optimizer.equals("sgd")                         // conditional parameter
          ? trial.suggestFloat("momentum", 0.0, 0.99) : 0.0;
      return trainAndValidate(lr, units, optimizer, momentum);          // your code
    }, 100, null, 4);                                                    // 100 trials, 4 threads

    System.out.println(study.summary(10));
    System.out.println(study.bestParams());
    study.exportCsv(dir.resolve("trials.csv"));
    // end of README block 0
    assertThat(study.trials()).hasSize(100);
    assertThat(study.bestParams()).containsKeys("lr", "units", "optimizer");
    assertThat(Files.readAllLines(dir.resolve("trials.csv"))).hasSize(101);
  }

  @Test
  void gridSearchWithAnEnqueuedConfiguration() {
    // README block 1
    SearchSpace space = SearchSpace.builder()
        .intRange("units", 64, 256, 64).choice("activation", "relu", "gelu").build();
    Study grid = Study.builder().sampler(GridSampler.over(space)).build();
    grid.enqueueTrial(java.util.Map.of("units", 128, "activation", "relu"));
    grid.optimize(trial -> score(trial.suggestAll(space)), 1_000);   // stops when the grid is done
    // end of README block 1
    assertThat(grid.trials()).hasSize(4 * 2 + 1);
    assertThat(grid.trials().get(0).params()).isEqualTo(Map.of("units", 128, "activation", "relu"));
  }

  @Test
  void hyperbandStopsHopelessTrials() {
    // README block 2
    Study study = Study.builder().direction(StudyDirection.MAXIMIZE)
        .pruner(Pruner.hyperband(HyperbandConfig.of(1, 81)))         // or Pruner.median(), ...
        .build();
    study.optimize(trial -> {
      double accuracy = 0;
      for (int epoch = 1; epoch <= 81; epoch++) {
        accuracy = trainOneEpochAndValidate(trial);                 // your code
        trial.report(epoch, accuracy);
        if (trial.shouldPrune()) {
          throw new TrialPrunedException();                         // PRUNED, with the pruner's reason
        }
      }
      return accuracy;
    }, 200);
    // end of README block 2
    assertThat(study.trials()).hasSize(200)
        .anyMatch(t -> t.state() == TrialState.PRUNED)
        .anyMatch(t -> t.state() == TrialState.COMPLETE);
  }

  @Test
  void theTerminatorStopsAStudyWhoseRoomLeftIsBelowItsFoldsNoise() {
    // README block 3
    Study study = Study.builder().direction(StudyDirection.MAXIMIZE)
        .callback(new TerminatorCallback(Terminator.crossValidated())).build();
    study.optimize(trial -> {
      List<Double> folds = crossValidate(trial);                   // your code: one score per fold
      CrossValidationError.report(trial, folds);
      return folds.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }, 1_000);                                                     // stops when the room left < noise
    // end of README block 3
    assertThat(study.trials().size()).isBetween(Terminator.DEFAULT_MIN_TRIALS, 300);
  }

  /** "Your code" of block 3: five noisy fold scores of a smooth function, best at x = 0.5. */
  private static List<Double> crossValidate(Trial trial) {
    double x = trial.suggestFloat("x", -2, 2);
    double lr = trial.suggestFloat("lr", 1e-4, 1e-1, true);
    double truth = -(x - 0.5) * (x - 0.5) - Math.pow(Math.log10(lr) + 2, 2);
    java.util.Random noise = new java.util.Random(trial.number());
    List<Double> folds = new ArrayList<>();
    for (int k = 0; k < 5; k++) {
      folds.add(truth + 0.2 * noise.nextGaussian());
    }
    return folds;
  }

  @Test
  void severalObjectivesKeepAParetoFront() {
    // README block 4
    Study pareto = Study.builder()
        .directions(StudyDirection.MAXIMIZE, StudyDirection.MINIMIZE)    // accuracy up, size down
        .build();
    pareto.setMetricNames("accuracy", "units");                          // labels summaries and charts
    pareto.optimizeMulti(trial -> {
      int units = trial.suggestInt("units", 16, 1024, true);
      double lr = trial.suggestFloat("lr", 1e-4, 1e-1, true);
      return new double[] {validationAccuracy(units, lr), units};        // your code
    }, OptimizeOptions.trials(300));
    for (FrozenTrial t : pareto.bestTrials()) {                          // the Pareto front
      System.out.println(t.params() + " -> " + t.values());
    }
    // end of README block 4
    // the default sampler: the GP (ParEGO) after its startup, until trial 200
    assertThat(pareto.sampler().toString()).contains("GP for trials < 200, then TPE");
    assertThat(pareto.trials().subList(20, 200)).allMatch(t -> t.systemAttrs()
        .containsKey(dev.jtune.sampler.gp.GpSampler.RELATIVE_PARAMS));
    assertThat(pareto.summary(5)).contains("metrics:      [accuracy, units]");
    // a front from small and poor to large and good
    assertThat(pareto.bestTrials().size()).isGreaterThan(5);
    assertThat(pareto.bestTrials().stream().mapToDouble(t -> t.values().get(0)).max()
        .orElseThrow()).isGreaterThan(0.9);
  }

  @Test
  void aConstrainedStudysBestTrialMeetsItsBudget() {
    // README block 5
    Study budgeted = Study.builder().direction(StudyDirection.MAXIMIZE)
        .constraints(t -> new double[] {(double) t.userAttrs().get("latency_ms") - 20})  // <= 20 ms
        .build();                                  // the objective calls trial.setUserAttr("latency_ms", ms)
    // end of README block 5
    budgeted.optimize(trial -> {
      int units = trial.suggestInt("units", 16, 1024, true);
      double lr = trial.suggestFloat("lr", 1e-4, 1e-1, true);
      trial.setUserAttr("latency_ms", units / 20.0);          // 20 ms at 400 units
      return validationAccuracy(units, lr);
    }, 40);
    FrozenTrial best = budgeted.bestTrial();
    assertThat((int) best.param("units")).isLessThanOrEqualTo(400);
    // unconstrained, larger networks score higher
    assertThat(budgeted.trials(TrialState.COMPLETE)).anyMatch(t -> (int) t.param("units") > 400
        && t.value() > best.value());
  }

  /** "Your code" of block 4: accuracy saturating with the units, best at lr 1e-2. */
  private static double validationAccuracy(int units, double lr) {
    double logLr = Math.log10(lr) + 2;
    return (1 - Math.exp(-units / 128.0)) * (1 - 0.05 * logLr * logLr);
  }

  @Test
  void theKerasTunerWorkflow() {
    // README block 6
    LabeledData data = SyntheticClassification.of(1000, 20, 2, 42).generate();  // make_classification
    Split split = Splitter.shuffled(42).trainTest(data, 0.2);
    try (Tuner tuner = Tuner.builder()
        .hyperModel(MlpHyperModel.seedExample())     // layers, units, optimizer, learning rate, batch size
        .objective("val_accuracy").maxTrials(10)
        .directory(dir.resolve("my_dir")).projectName("seed")   // my_dir/seed/study.db: runs resume
        .sampler(new RandomSampler(42)).build()) {
      tuner.search(split.train(), 10, 0.2);         // epochs, validation split
      try (TrainedNetwork best = tuner.bestModels(1).get(0)) {
        System.out.println(best.evaluate(split.held()).get(Metric.ACCURACY));
      }
    }
    // end of README block 6
    assertThat(dir.resolve("my_dir/seed/study.db")).exists();
  }

  @Test
  void aStudyKeptInSqliteResumes() {
    Objective objective = trial -> score(Map.of("x", trial.suggestFloat("x", -1, 1)));
    for (int run = 1; run <= 2; run++) {
      // README block 7
      try (JdbcStorage storage = JdbcStorage.open(JdbcStorageConfig.of("jdbc:sqlite:" + dir.resolve("studies/mlp.db"))
          // "jdbc:postgresql://db:5432/jtune?user=u&password=p" for many machines
          .withHeartbeat(Duration.ofSeconds(10), Duration.ofSeconds(60))     // fail trials of dead workers
          .withFailedTrialCallback(new RetryFailedTrialCallback(2)))) {       // and run them again
        Study study = Study.builder().name("mlp").storage(storage).loadIfExists(true)
            .sampler(new SobolSampler(42)).build();                          // continues where it stopped
        study.optimize(objective, 100);
      }
      // end of README block 7
      try (JdbcStorage storage = JdbcStorage.open("jdbc:sqlite:" + dir.resolve("studies/mlp.db"))) {
        List<FrozenTrial> trials = storage.trials(storage.findStudy("mlp").orElseThrow());
        assertThat(trials).as("after run %d", run).hasSize(100 * run);
      }
    }
  }

  /** "Your code" of block 0: a smooth function of the choices, best near lr 1e-2, 256 units. */
  private static double trainAndValidate(double lr, int units, String optimizer, double momentum) {
    double logLr = Math.log10(lr) + 2;
    return logLr * logLr + Math.abs(units - 256) / 256.0 + (optimizer.equals("sgd")
        ? 0.1 * (1 - momentum) : 0);
  }

  /** "Your code" of blocks 1 and 4: a score of the parameters. */
  private static double score(Map<String, Object> params) {
    double s = 0;
    for (Object v : params.values()) {
      s += v instanceof Number x ? x.doubleValue() : v.toString().length();
    }
    return s;
  }

  /** "Your code" of block 2: a learning curve rising towards an asymptote the trial draws. */
  private double trainOneEpochAndValidate(Trial trial) {
    double ceiling = trial.suggestFloat("ceiling", 0.5, 1.0);
    int epoch = epochsTrained.merge(trial.number(), 1, Integer::sum);
    return ceiling * (1 - Math.exp(-epoch / 10.0));
  }

  @Test
  void importancesAndTheReport() throws IOException {
    Study study = Study.builder().sampler(new RandomSampler(3)).build();
    study.optimize(t -> 10 * t.suggestFloat("lr", 1e-5, 1e-1, true) + t.suggestInt("units", 1, 4),
        30);
    // README block 8
    System.out.print(ParamImportances.of(study).format());   // lr 0.712 ##############, ...
    StudyReport.write(study, dir.resolve("report.html"));         // or a live page: jtune dashboard
    // end of README block 8
    assertThat(Files.readString(dir.resolve("report.html"))).contains("Parameter importance");
  }
}
