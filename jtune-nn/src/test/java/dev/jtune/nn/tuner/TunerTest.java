package dev.jtune.nn.tuner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jtune.nn.data.LabeledData;
import dev.jtune.nn.data.Split;
import dev.jtune.nn.data.Splitter;
import dev.jtune.nn.data.Standardizer;
import dev.jtune.nn.data.SyntheticClassification;
import dev.jtune.nn.model.MlpHyperModel;
import dev.jtune.nn.optim.OptimizerChoice;
import dev.jtune.nn.train.Metric;
import dev.jtune.study.StudyDirection;
import dev.jtune.nn.train.TrainedNetwork;
import dev.jtune.pruner.Pruner;
import dev.jtune.sampler.RandomSampler;
import dev.jtune.sampler.gp.GpSampler;
import dev.jtune.sampler.tpe.TpeConfig;
import dev.jtune.sampler.tpe.TpeSampler;
import dev.jtune.trial.TrialState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Keras Tuner workflow end to end on a small synthetic problem (a few seconds, one thread). */
class TunerTest {

  @TempDir Path dir;

  static final MlpHyperModel SMALL = MlpHyperModel.seedExample().withLayers(1, 2, 8, 16)
      .withOptimizers(OptimizerChoice.of(1e-3, 1e-1, "adam", "sgd", "nesterov"))
      .withBatchSizes(32, 64);

  /** Standardized synthetic binary data. */
  static LabeledData standardized(int rows, int features, long seed) {
    LabeledData all = SyntheticClassification.of(rows, features, 2, seed).generate();
    return Standardizer.fit(all).apply(all);
  }

  /** Searches project "p" once, one epoch per trial. */
  private void searchProject(LabeledData data, int maxTrials) {
    try (Tuner first = Tuner.builder().hyperModel(SMALL).maxTrials(maxTrials).directory(dir)
        .projectName("p").build()) {
      first.search(data, 1, 0.2);
    }
  }

  @Test
  void aTunerKeepsTheConfigurationItWasBuiltWith() {
    LabeledData data = standardized(120, 5, 4);
    TunerBuilder builder = Tuner.builder().hyperModel(SMALL).maxTrials(1).directory(dir)
        .projectName("built").seed(1);
    try (Tuner built = builder.build()) {
      assertThat(built.searchSpaceSummary()).isEqualTo("Search space summary\nNo trial has run"
          + " yet: the hypermodel declares its hyperparameters as it builds each trial's network.\n");
      builder.maxTrials(3).objective("val_loss");    // too late for the tuner built above
      built.search(data, 1, 0.2);
      assertThat(built.study().trials()).hasSize(1);
      assertThat(built.resultsSummary()).contains("Objective: val_accuracy (maximize)");
      // each build makes its own default sampler from its own seed
      try (Tuner second = builder.projectName("second").seed(5).build();
          Tuner fresh = Tuner.builder().hyperModel(SMALL).maxTrials(3).objective("val_loss")
              .directory(dir).projectName("fresh").seed(5).build()) {
        assertThat(second.study().sampler()).isNotSameAs(built.study().sampler());
        second.search(data, 1, 0.2);
        fresh.search(data, 1, 0.2);
        assertThat(second.bestHyperparameters(3)).isEqualTo(fresh.bestHyperparameters(3));
      }
    }
  }

  @Test
  void aSearchWhoseTrialsKeepFailingStopsAndSaysWhy() {
    LabeledData data = standardized(120, 5, 4);
    dev.jtune.nn.model.HyperModel broken = (trial, task) -> {
      trial.suggestInt("units", 4, 8);
      throw new IllegalStateException("no such layer: dense_9");
    };
    try (Tuner tuner = Tuner.builder().hyperModel(broken).maxTrials(10).directory(dir)
        .projectName("broken").build()) {
      assertThatThrownBy(() -> tuner.search(data, 1, 0.2))
          .isInstanceOf(SearchFailedException.class)
          .hasMessageContaining("project broken: 3 trials in a row failed "
              + "(maxConsecutiveFailedTrials=3)")
          .hasMessageContaining("trial 2, with: java.lang.IllegalStateException: no such layer");
      assertThat(tuner.study().trials()).hasSize(3)
          .allSatisfy(t -> assertThat(t.state()).isEqualTo(TrialState.FAIL));
    }
    // failures mixed with successes under the limit: the search runs to its end
    java.util.concurrent.atomic.AtomicInteger built = new java.util.concurrent.atomic.AtomicInteger();
    dev.jtune.nn.model.HyperModel flaky = (trial, task) -> {
      if (built.getAndIncrement() % 3 == 0) {
        throw new IllegalStateException("flaky");
      }
      return SMALL.build(trial, task);
    };
    try (Tuner tuner = Tuner.builder().hyperModel(flaky).maxTrials(6).directory(dir)
        .projectName("flaky").maxConsecutiveFailedTrials(2).build()) {
      tuner.search(data, 1, 0.2);
      assertThat(tuner.study().trials(TrialState.FAIL)).hasSize(2);
      assertThat(tuner.study().trials(TrialState.COMPLETE)).hasSize(4);
    }
    assertThatThrownBy(() -> Tuner.builder().maxConsecutiveFailedTrials(0))
        .hasMessageContaining("maxConsecutiveFailedTrials=0");
  }

  /** Each trial keeps its best epoch by the metric's own direction: the other is refused. */
  @Test
  void anObjectiveDirectionAgainstItsMetricIsRefused() {
    assertThatThrownBy(() -> Tuner.builder().objective(Metric.LOSS, StudyDirection.MAXIMIZE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("objective val_loss is minimized")
        .hasMessageContaining("not maximized");
    Tuner.builder().objective(Metric.AUC, StudyDirection.MAXIMIZE);
  }

  /**
   * Data no network can learn from are refused by search before any trial, naming the row in the
   * caller's data: every trial used to fail on them, stored and counted against maxTrials, so the
   * project had no trial left once the data were fixed (and a NaN feature was blamed on the
   * learning rate).
   */
  @Test
  void dataWithANanAreRefusedBeforeAnyTrialAndTheProjectStaysUsable() {
    LabeledData data = standardized(100, 4, 3);
    float[] features = data.features().clone();
    features[4 * 7 + 3] = Float.NaN;
    LabeledData bad = LabeledData.table(features, 4, data.labels(), 2);
    try (Tuner tuner = Tuner.builder().hyperModel(SMALL).maxTrials(2).directory(dir)
        .projectName("nan").build()) {
      assertThatThrownBy(() -> tuner.search(bad, 1, 0.2))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("training data has feature NaN in row 7, column 3");
      assertThatThrownBy(() -> tuner.searchCrossValidated(bad, 3, 1))
          .hasMessageContaining("row 7, column 3");
      assertThatThrownBy(() -> tuner.search(data, data.slice(0, 0), 1))
          .hasMessageContaining("validation data has no rows");
      assertThat(tuner.study().trials()).isEmpty();
      tuner.search(data, 1, 0.2);
      assertThat(tuner.study().trials(TrialState.COMPLETE)).hasSize(2);
    }
    float[] labels = new float[] {1, 2, 3, 4, 5, 6, 7, 8, Float.NaN, 10};
    LabeledData regression = LabeledData.table(new float[10], 1, labels, 0);
    assertThatThrownBy(() -> regression.requireTrainable("training"))
        .hasMessageContaining("training data has label NaN in row 8");
  }

  /** A stored task this version cannot read is named, and overwrite(true) starts afresh. */
  @Test
  void anUnreadableStoredTaskIsNamedAndOverwriteStartsAfresh() {
    LabeledData data = standardized(80, 4, 2);
    try (Tuner tuner = Tuner.builder().hyperModel(SMALL).maxTrials(1).directory(dir)
        .projectName("odd").build()) {
      tuner.search(data, 1, 0.25);
      tuner.study().setUserAttr(Tuner.TASK_ATTR, java.util.Map.of("kind", "SQUARE",
          "input_shape", java.util.List.of(4), "classes", 2));
    }
    assertThatThrownBy(() -> Tuner.builder().hyperModel(SMALL).maxTrials(1).directory(dir)
        .projectName("odd").build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("project 'odd' stores a task this version cannot read")
        .hasMessageContaining("overwrite(true)");
    try (Tuner fresh = Tuner.builder().hyperModel(SMALL).maxTrials(1).directory(dir)
        .projectName("odd").overwrite(true).build()) {
      fresh.search(data, 1, 0.25);
      assertThat(fresh.study().trials()).hasSize(1);
    }
  }

  @Test
  void aMovedOrRenamedProjectFolderStillLoadsItsModels() throws Exception {
    LabeledData data = standardized(120, 5, 4);
    Path first = dir.resolve("first");
    try (Tuner tuner = Tuner.builder().hyperModel(SMALL).maxTrials(2).directory(first)
        .projectName("p").build()) {
      tuner.search(data, 1, 0.2);
    }
    Path moved = dir.resolve("moved");
    Files.move(first, moved);
    try (Tuner tuner = Tuner.builder().hyperModel(SMALL).maxTrials(2).directory(moved)
        .projectName("p").build()) {
      tuner.search(data, 1, 0.2);                  // nothing left to do
      assertThat(tuner.study().trials()).hasSize(2);
      tuner.bestModels(2).forEach(TrainedNetwork::close);
    }
    Files.move(moved.resolve("p"), moved.resolve("q"));
    try (Tuner tuner = Tuner.builder().hyperModel(SMALL).maxTrials(3).directory(moved)
        .projectName("q").build()) {
      tuner.search(data, 1, 0.2);                  // resumes the renamed project's study
      assertThat(tuner.study().name()).isEqualTo("p");
      assertThat(tuner.study().trials()).hasSize(3);
      tuner.bestModels(3).forEach(TrainedNetwork::close);
    }
  }

  @Test
  void theBestModelBeatsTheMajorityClassOnHeldOutData() {
    LabeledData all = SyntheticClassification.of(500, 12, 2, 11).withDifficulty(1.0, 2, 0.01)
        .generate();
    Split trainTest = Splitter.stratified(42).trainTest(all, 0.2);
    Standardizer st = Standardizer.fit(trainTest.train());
    LabeledData train = st.apply(trainTest.train());
    LabeledData test = st.apply(trainTest.held());

    try (Tuner tuner = Tuner.builder().hyperModel(SMALL).objective("val_accuracy").maxTrials(4)
        .directory(dir).projectName("e2e").sampler(new RandomSampler(3)).seed(3).build()) {
      searchAndCheck(tuner, train, test);
    }
    assertThat(Files.exists(dir.resolve("e2e/study.db"))).isTrue();
  }

  private void searchAndCheck(Tuner tuner, LabeledData train, LabeledData test) {
    tuner.search(train, 4, 0.2);

    assertThat(tuner.study().trials(TrialState.COMPLETE)).hasSize(4);
    List<Map<String, Object>> best = tuner.bestHyperparameters(2);
    assertThat(best).hasSize(2);
    assertThat(best.get(0)).containsKeys("n_layers", "units_l0", "optimizer", "lr", "batch_size");
    assertThat(tuner.bestTrials(2).get(0).value())
        .isGreaterThanOrEqualTo(tuner.bestTrials(2).get(1).value());

    int[] counts = test.classCounts();
    double majority = (double) Math.max(counts[0], counts[1]) / test.rows();
    List<TrainedNetwork> models = tuner.bestModels(2);
    try {
      double accuracy = models.get(0).evaluate(test).get(Metric.ACCURACY);
      assertThat(accuracy).isGreaterThan(majority + 0.15);
      // the reloaded best model scores on the validation split what its trial reported
      Split split = Split.lastFraction(train, 0.2);
      assertThat(models.get(0).evaluate(split.held()).get(Metric.ACCURACY))
          .isEqualTo(tuner.bestTrials(1).get(0).value());
    } finally {
      models.forEach(TrainedNetwork::close);
    }
    assertThat(Files.exists(dir.resolve("e2e/trial_0/weights.params"))).isTrue();
    assertThat(tuner.resultsSummary()).contains("val_accuracy").contains("e2e")
        .contains("Parameter importance (fANOVA of value over 4 complete trials):");
    assertThat(tuner.paramImportances().importances())
        .containsKeys("n_layers", "units_l0", "optimizer", "lr", "batch_size");
    assertThat(tuner.searchSpaceSummary()).startsWith("Search space summary\n"
        + "Hyperparameters met in 4 trials: ")
        .contains("\n  lr          float[0.001, 0.1, log]  (4 of 4 trials)\n")
        .contains("\n  optimizer   categorical[adam, sgd, nesterov]  (4 of 4 trials)\n")
        .containsPattern("\n  momentum    float\\[0\\.5, 0\\.99\\]  \\([1-3] of 4 trials\\)\n");

    // maxTrials counts the study's finished trials: a second search adds none
    tuner.search(train, 4, 0.2);
    assertThat(tuner.study().trials()).hasSize(4);
  }

  @Test
  void overwriteStartsTheProjectAfreshAndAResumedOneKnowsItsTask() {
    searchProject(standardized(200, 6, 3), 2);
    try (Tuner again = Tuner.builder().hyperModel(SMALL).maxTrials(2).directory(dir)
        .projectName("p").build()) {
      assertThat(again.study().trials()).hasSize(2);
      again.bestModels(1).forEach(TrainedNetwork::close);   // the task came from the study file
    }
    try (Tuner fresh = Tuner.builder().hyperModel(SMALL).maxTrials(2).directory(dir)
        .projectName("p").overwrite(true).build()) {
      assertThat(fresh.study().trials()).isEmpty();
      assertThat(Files.exists(dir.resolve("p/trial_0"))).isFalse();
    }
  }

  @Test
  void aProjectNameThatIsNotAPlainFolderIsRefusedBeforeAnythingIsDeleted() throws Exception {
    Path projects = Files.createDirectories(dir.resolve("projects"));
    Path other = Files.writeString(Files.createDirectories(projects.resolve("other"))
        .resolve("keep.txt"), "x");
    Path sibling = Files.writeString(dir.resolve("sibling.txt"), "y");
    for (String name : List.of(".", "..", "a/b", "")) {
      assertThatThrownBy(() -> Tuner.builder().hyperModel(SMALL).directory(projects)
          .projectName(name).overwrite(true).build())
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("projectName");
    }
    assertThat(other).exists();
    assertThat(sibling).exists();
  }

  @Test
  void aResumedProjectRefusesDataOfAnotherShapeAndAnotherObjective() {
    searchProject(standardized(120, 6, 3), 1);
    LabeledData eight = standardized(120, 8, 3);
    try (Tuner again = Tuner.builder().hyperModel(SMALL).maxTrials(2).directory(dir)
        .projectName("p").build()) {
      assertThatThrownBy(() -> again.search(eight, 1, 0.2))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("input=[6]").hasMessageContaining("input=[8]")
          .hasMessageContaining("overwrite(true)");
      assertThat(again.study().trials()).hasSize(1);
      again.bestModels(1).forEach(TrainedNetwork::close);   // still loads for the stored task
    }
    assertThatThrownBy(() -> Tuner.builder().hyperModel(SMALL).objective("val_auc").maxTrials(2)
        .directory(dir).projectName("p").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("objective accuracy, not auc");
    // an objective of the other direction is named too, before the study refuses the direction
    assertThatThrownBy(() -> Tuner.builder().hyperModel(SMALL).objective("val_loss").maxTrials(2)
        .directory(dir).projectName("p").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("with objective accuracy [maximize], not with loss (minimize)")
        .hasMessageContaining("overwrite(true)");
  }

  @Test
  void runningTrialsHoldTheirPlaceAndASecondSearchStopsAtMaxTrials() throws Exception {
    LabeledData data = standardized(120, 5, 4);
    searchProject(data, 2);
    TunerBuilder p = Tuner.builder().hyperModel(SMALL).maxTrials(5).directory(dir)
        .projectName("p").heartbeat(java.time.Duration.ofMillis(100),
            java.time.Duration.ofSeconds(3));
    try (Tuner again = p.build()) {
      // a trial another process is running (or ran, until it died within the grace): a live
      // heartbeat keeps its place in maxTrials
      again.study().storage().createTrial(again.study().id(),
          dev.jtune.storage.TrialTemplate.running());
      // an asked trial has no heartbeat: nobody will finish it, so it holds no place
      again.study().ask();
      again.search(data, 1, 0.2);
      assertThat(again.study().trials(TrialState.COMPLETE)).hasSize(4);
      assertThat(again.study().trials(TrialState.RUNNING)).hasSize(2);
    }
    Thread.sleep(3_500);
    try (Tuner after = p.build()) {
      // past the grace the dead trial is failed and its retry runs in its place: 5 in all, and
      // no retry left waiting
      after.search(data, 1, 0.2);
      assertThat(after.study().trials(TrialState.COMPLETE)).hasSize(5);
      assertThat(after.study().trials(TrialState.WAITING)).isEmpty();
    }
    // two searches of one project at once stop when the project has maxTrials between them
    Runnable search = () -> {
      try (Tuner t = Tuner.builder().hyperModel(SMALL).maxTrials(6).directory(dir)
          .projectName("both").build()) {
        t.search(data, 1, 0.2);
      }
    };
    try (Tuner create = Tuner.builder().hyperModel(SMALL).maxTrials(1).directory(dir)
        .projectName("both").build()) {
      assertThat(create.study().trials()).isEmpty();
    }
    Thread other = new Thread(search);
    other.start();
    search.run();
    other.join();
    try (Tuner after = Tuner.builder().hyperModel(SMALL).directory(dir).projectName("both")
        .build()) {
      // each search stops after the trial in which the project reached 6; one trial each may be
      // running then
      assertThat(after.study().trials(TrialState.COMPLETE)).hasSizeBetween(6, 7);
    }
  }

  @Test
  void theProjectRecordsHowLongItsTrialsTrain() {
    LabeledData data = standardized(120, 5, 4);
    try (Tuner tuner = Tuner.builder().hyperModel(SMALL).maxTrials(1).directory(dir)
        .projectName("steps").build()) {
      tuner.search(data, 2, 0.2);
      assertThat(((Map<?, ?>) tuner.study().userAttrs().get("jtune_nn_task")).get("steps"))
          .isEqualTo(2);
    }
  }

  @Test
  void aClosedTunerRefusesWorkAndNoModelsAreAnEmptyList() {
    LabeledData data = standardized(120, 5, 4);
    Tuner tuner = Tuner.builder().hyperModel(SMALL).maxTrials(1).directory(dir).projectName("c")
        .build();
    assertThat(tuner.bestModels(3)).isEmpty();        // no search yet, as in Keras Tuner
    tuner.search(data, 1, 0.2);
    assertThat(tuner.bestModels(0)).isEmpty();
    tuner.close();
    tuner.close();
    assertThatThrownBy(() -> tuner.search(data, 1, 0.2)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("tuner of project c is closed");
    assertThatThrownBy(() -> tuner.bestModels(1)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(tuner::resultsSummary).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aTrialTheHyperModelCanNoLongerBuildIsNamed() {
    searchProject(standardized(120, 6, 3), 1);
    try (Tuner changed = Tuner.builder().hyperModel(SMALL.withLayers(1, 1, 32, 64)).maxTrials(1)
        .directory(dir).projectName("p").build()) {
      assertThatThrownBy(() -> changed.bestModels(1))
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("trial 0")
          .hasMessageContaining("search space");
      assertThatThrownBy(() -> changed.bestModels(-1))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("n=-1");
    }
  }

  @Test
  void kerasTunerPresetsPickTheirSamplerAndPruner() {
    LabeledData all = SyntheticClassification.of(200, 6, 2, 5).generate();
    LabeledData data = Standardizer.fit(all).apply(all);
    try (Tuner random = Tuner.randomSearch().hyperModel(SMALL).directory(dir)
        .projectName("random").build();
        Tuner bayes = Tuner.bayesianOptimization().hyperModel(SMALL).directory(dir)
            .projectName("bayes").build();
        Tuner hyperband = Tuner.hyperband(9).hyperModel(SMALL).maxTrials(12).directory(dir)
            .projectName("hyperband").seed(4).build()) {
      assertThat(random.study().sampler()).isInstanceOf(RandomSampler.class);
      assertThat(random.study().pruner()).isEqualTo(Pruner.none());
      assertThat(bayes.study().sampler()).isInstanceOf(GpSampler.class);
      // Hyperband stops some trials before the 9th epoch; the others train all 9
      hyperband.search(data, 9, 0.2);
      assertThat(hyperband.study().trials(TrialState.PRUNED)).isNotEmpty();
      assertThat(hyperband.study().trials(TrialState.COMPLETE)).isNotEmpty()
          .allSatisfy(t -> assertThat(t.intermediateValues()).hasSize(9));
      assertThatThrownBy(() -> hyperband.search(data, 5, 0.2))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxEpochs=9");
    }
  }

  @Test
  void theEpochsASearchMustTrainFollowThePrunerItHas() {
    LabeledData data = standardized(120, 5, 4);
    // the preset's pruner replaced: any epochs
    try (Tuner plain = Tuner.hyperband(3).pruner(Pruner.none()).hyperModel(SMALL).maxTrials(1)
        .directory(dir).projectName("plain").build()) {
      plain.search(data, 2, 0.2);
      assertThat(plain.study().trials(TrialState.COMPLETE)).hasSize(1);
    }
    // Hyperband set directly is held to its maximum resource
    try (Tuner direct = Tuner.builder().pruner(Pruner.hyperband(
        dev.jtune.pruner.HyperbandConfig.of(1, 9))).hyperModel(SMALL).maxTrials(1).directory(dir)
        .projectName("direct").build()) {
      assertThatThrownBy(() -> direct.search(data, 3, 0.2))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("search with epochs=3").hasMessageContaining("maxEpochs=9");
      assertThat(direct.study().trials()).isEmpty();
    }
    // folds report their epochs one after another: 2 folds of 3 epochs are 6 steps
    try (Tuner folds = Tuner.hyperband(3).hyperModel(SMALL).maxTrials(2).directory(dir)
        .projectName("folds").build()) {
      assertThatThrownBy(() -> folds.searchCrossValidated(data, 2, 3))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("reports 6 steps per trial").hasMessageContaining("maxEpochs=3");
    }
    try (Tuner folds = Tuner.hyperband(6).hyperModel(SMALL).maxTrials(2).directory(dir)
        .projectName("folds6").build()) {
      folds.searchCrossValidated(data, 2, 3);
      assertThat(folds.study().trials(TrialState.COMPLETE, TrialState.PRUNED)).hasSize(2);
    }
  }

  @Test
  void aStepMemoryLimitFailsTheTrialsOverItAndNamesTheEstimate() {
    LabeledData all = SyntheticClassification.of(200, 6, 2, 9).generate();
    LabeledData data = Standardizer.fit(all).apply(all);
    try (Tuner tuner = Tuner.builder().hyperModel(SMALL.withStepMemoryLimit(1_000))
        .objective("val_accuracy").maxTrials(2).directory(dir).projectName("memory").seed(2)
        .build()) {
      assertThatThrownBy(() -> tuner.search(data, 2, 0.2))
          .isInstanceOf(SearchFailedException.class)
          .hasMessageContaining("project memory: all 2 trials of the search failed")
          .hasMessageContaining("over the limit of 1000 bytes");
      var failed = tuner.study().trials(TrialState.FAIL);
      assertThat(failed).hasSize(2);
      assertThat(failed).allSatisfy(t -> assertThat(t.systemAttrs()
          .get(dev.jtune.trial.FrozenTrial.FAIL_REASON).toString())
          .contains("needs about").contains("over the limit of 1000 bytes"));
      assertThat(tuner.bestTrials(1)).isEmpty();
    }
    try (Tuner roomy = Tuner.builder().hyperModel(SMALL.withStepMemoryLimit(64L << 20))
        .objective("val_accuracy").maxTrials(2).directory(dir).projectName("roomy").seed(2)
        .build()) {
      roomy.search(data, 2, 0.2);
      assertThat(roomy.study().trials(TrialState.COMPLETE)).hasSize(2);
    }
  }

  /**
   * Features on scales of thousands, not standardized by the caller: with input normalization
   * the search trains on them, and the best model, reloaded, classifies raw held-out rows.
   */
  @Test
  void inputNormalizationLetsTheBestModelTakeRawFeatures() {
    LabeledData all = SyntheticClassification.of(500, 12, 2, 11).withDifficulty(1.0, 2, 0.01)
        .generate();
    float[] x = all.features().clone();
    for (int i = 0; i < x.length; i++) {
      x[i] = 3000 + 1000 * x[i];
    }
    LabeledData raw = new LabeledData(x, all.rows(), all.sampleShape(), all.labels(),
        all.classes());
    Split trainTest = Splitter.stratified(42).trainTest(raw, 0.2);
    try (Tuner tuner = Tuner.builder().hyperModel(SMALL.withInputNormalization())
        .objective("val_accuracy").maxTrials(3).directory(dir).projectName("raw")
        .sampler(new RandomSampler(3)).seed(3).build()) {
      tuner.search(trainTest.train(), 4, 0.2);
      try (TrainedNetwork best = tuner.bestModels(1).get(0)) {
        assertThat(best.evaluate(trainTest.held()).get(Metric.ACCURACY)).isGreaterThan(0.75);
      }
    }
  }

  @Test
  void trialsTrainOnTwoThreadsAtOnce() {
    LabeledData all = SyntheticClassification.of(300, 6, 2, 9).generate();
    LabeledData data = Standardizer.fit(all).apply(all);
    try (Tuner tuner = Tuner.builder().hyperModel(SMALL).objective("val_accuracy").maxTrials(4)
        .jobs(2).directory(dir).projectName("parallel").seed(2).build()) {
      tuner.search(data, 2, 0.2);
      assertThat(tuner.study().trials(TrialState.COMPLETE)).hasSize(4);
      assertThat(tuner.study().trials(TrialState.FAIL)).isEmpty();
    }
  }

  @Test
  void aSeededSearchOnTwoThreadsRepeatsItself() {
    // TPE and the median pruner learn from other trials; on two threads the default parallel
    // history still makes every trial's parameters, curve and outcome the same from run to run.
    assertThat(seededParallelSearch("again-a")).isEqualTo(seededParallelSearch("again-b"));
  }

  private List<String> seededParallelSearch(String project) {
    LabeledData all = SyntheticClassification.of(240, 6, 2, 4).generate();
    LabeledData data = Standardizer.fit(all).apply(all);
    try (Tuner tuner = Tuner.builder().hyperModel(SMALL).objective("val_accuracy").maxTrials(10)
        .sampler(new TpeSampler(TpeConfig.defaults().withStartupTrials(4).withSeed(8)))
        .pruner(Pruner.median()).jobs(2).directory(dir).projectName(project).seed(3).build()) {
      tuner.search(data, 3, 0.2);
      return tuner.study().trials().stream().map(t -> t.number() + " " + t.params() + " "
          + t.state() + " " + t.intermediateValues()).toList();
    }
  }
}
