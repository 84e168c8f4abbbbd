package dev.jtune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jtune.cli.config.StudyConfig;
import dev.jtune.cli.config.StudyConfigParser;
import dev.jtune.cli.config.YamlSource;
import dev.jtune.cli.train.DataFingerprint;
import dev.jtune.cli.train.TrainingSpecAdapter;
import dev.jtune.nn.train.TrainingObjective;
import dev.jtune.storage.Storage;
import dev.jtune.storage.StudyId;
import dev.jtune.storage.jdbc.JdbcStorage;
import dev.jtune.study.Objective;
import dev.jtune.trial.FrozenTrial;
import dev.jtune.trial.TrialState;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A study file with training sections trains networks through jtune-nn (kept tiny). */
class TrainingRunTest {
  @TempDir
  Path dir;

  /** A holdout may keep no test part (test: 0); a holdout without validation is refused. */
  @Test
  void aHoldoutWithoutATestPartRunsAndOneWithoutValidationIsRefused() {
    String yaml = """
        name: no-test
        storage: jdbc:sqlite:%s
        data:
          synthetic: {samples: 120, features: 4, classes: 2, seed: 7}
          split: {validation: 0.25, test: %s}
        model: {mlp: {layers: [1, 1], units: [8, 16]}}
        training: {epochs: 1}
        sampler: {name: random, seed: 3}
        budget: {trials: 2}
        """;
    Cli ok = Cli.ok("run", Studies.file(dir, "n.yaml",
        yaml.formatted(dir.resolve("n.db"), "0")).toString());
    assertThat(ok.out()).contains("2/2").doesNotContain("best model");   // no test part
    // with a test part, run evaluates the best model on it, as demo does
    Cli tested = Cli.ok("run", Studies.file(dir, "t2.yaml",
        yaml.formatted(dir.resolve("t2.db"), "0.25")).toString());
    assertThat(tested.out()).containsPattern("best model \\(trial \\d\\): test accuracy "
        + "[01]\\.\\d{3} on 30 samples");
    // resumed with another metric of the same direction: refused, the values would not compare
    Cli auc = Cli.run("run", Studies.file(dir, "t2.yaml",
        yaml.formatted(dir.resolve("t2.db"), "0.25") + "objective: {metric: auc}\n").toString(),
        "--trials", "3");
    assertThat(auc.code()).isEqualTo(3);
    assertThat(auc.err()).contains("metric auc here but accuracy in the stored configuration");
    // resumed with other model ranges or other data: refused, the old trials would rank beside
    // another problem's (and the best trial could not be rebuilt for the report)
    Cli changed = Cli.run("run", Studies.file(dir, "t2.yaml",
        yaml.formatted(dir.resolve("t2.db"), "0.25").replace("units: [8, 16]", "units: [4, 5]"))
        .toString(), "--trials", "3");
    assertThat(changed.code()).isEqualTo(3);
    assertThat(changed.err()).contains("its model section differs from the stored configuration");
    Cli otherData = Cli.run("run", Studies.file(dir, "t2.yaml",
        yaml.formatted(dir.resolve("t2.db"), "0.25").replace("seed: 7", "seed: 8")).toString(),
        "--trials", "3");
    assertThat(otherData.code()).isEqualTo(3);
    assertThat(otherData.err()).contains("its data section differs");
    Cli same = Cli.ok("run", Studies.file(dir, "t2.yaml",
        yaml.formatted(dir.resolve("t2.db"), "0.25")).toString(), "--trials", "3");
    assertThat(same.out()).contains("Resuming study");
    // a metric written with capitals resumes (it was stored as written, then compared lowercase)
    String capitals = yaml.formatted(dir.resolve("cap.db"), "0.25")
        + "objective: {metric: Val_Accuracy}\n";
    Cli.ok("run", Studies.file(dir, "cap.yaml", capitals).toString());
    assertThat(Cli.ok("run", Studies.file(dir, "cap.yaml", capitals).toString(), "--trials", "3")
        .out()).contains("Resuming study");
    Cli refused = Cli.run("run", Studies.file(dir, "v.yaml",
        yaml.formatted(dir.resolve("v.db"), "0.2").replace("validation: 0.25", "validation: 0"))
        .toString());
    assertThat(refused.code()).isEqualTo(3);
    assertThat(refused.err()).contains("data.split.validation: a holdout needs a validation part");
    // a CNN on tabular data: refused by --check, before any trial fails building it
    Cli cnn = Cli.run("run", Studies.file(dir, "c.yaml", yaml.formatted(dir.resolve("c.db"), "0")
        .replace("model: {mlp: {layers: [1, 1], units: [8, 16]}}", "model: {cnn: {}}"))
        .toString(), "--check");
    assertThat(cnn.code()).isEqualTo(3);
    assertThat(cnn.err()).contains("a cnn model needs images");
  }

  @Test
  void aTrainingStudyFileTrainsATunableMlpOnSyntheticDataAndStoresEveryTrial() {
    String yaml = """
        name: tiny-mlp
        direction: maximize
        storage: jdbc:sqlite:%s
        data:
          synthetic: {samples: 300, features: 8, classes: 2, seed: 7}
          split: {validation: 0.25, test: 0.2, seed: 1}
        model:
          mlp: {layers: [1, 2], units: [8, 16], activations: [relu, tanh], max-dropout: 0.2}
        training:
          epochs: 2
          optimizers: [adam, sgd]
          learning-rate: {low: 1.0e-3, high: 1.0e-1}
          batch-sizes: [32, 64]
          schedule: {name: cosine-warmup, warmup-steps: 2}
          early-stopping: {patience: 1}
        objective: {metric: accuracy}
        sampler: {name: random, seed: 3}
        budget: {trials: 3}
        """.formatted(dir.resolve("t.db"));
    Path f = Studies.file(dir, "t.yaml", yaml);
    Cli r = Cli.ok("run", f.toString());
    assertThat(r.out()).contains("Created study 'tiny-mlp'").contains("3/3");
    try (Storage s = JdbcStorage.open("jdbc:sqlite:" + dir.resolve("t.db"))) {
      StudyId id = s.findStudy("tiny-mlp").orElseThrow();
      List<FrozenTrial> trials = s.trials(id);
      assertThat(trials).hasSize(3).allMatch(t -> t.state() == TrialState.COMPLETE);
      for (FrozenTrial t : trials) {
        assertThat(t.params()).containsKeys("n_layers", "units_l0", "activation", "dropout",
            "optimizer", "lr", "batch_size");
        assertThat(t.param("optimizer")).isIn("adam", "sgd");
        assertThat((Double) t.param("lr")).isBetween(1e-3, 1e-1);
        assertThat(t.value()).isBetween(0.0, 1.0);
        assertThat(t.userAttrs()).containsKeys("best_epoch", "val_accuracy");
      }
    }
  }

  /**
   * {@code split.folds} scores each trial by 3-fold cross-validation of the training part; the
   * held-out test part stays out; folds and a validation fraction together, or one fold, are
   * refused by name.
   */
  @Test
  void foldsCrossValidateTheTrainingPartAndRefuseAValidationFractionBesideThem() {
    String yaml = """
        name: tiny-cv
        direction: maximize
        storage: jdbc:sqlite:%s
        data:
          synthetic: {samples: 240, features: 6, classes: 2, seed: 7}
          split: {folds: 3, test: 0.25, seed: 1}
        model:
          mlp: {layers: [1, 1], units: [8], activations: [relu]}
        training: {epochs: 2, optimizers: [adam], batch-sizes: [32]}
        objective: {metric: accuracy}
        sampler: {name: random, seed: 3}
        budget: {trials: 2}
        """.formatted(dir.resolve("cv.db"));
    Cli.ok("run", Studies.file(dir, "cv.yaml", yaml).toString());
    try (Storage s = JdbcStorage.open("jdbc:sqlite:" + dir.resolve("cv.db"))) {
      List<FrozenTrial> trials = s.trials(s.findStudy("tiny-cv").orElseThrow());
      assertThat(trials).hasSize(2).allMatch(t -> t.state() == TrialState.COMPLETE);
      for (FrozenTrial t : trials) {
        assertThat((List<?>) t.userAttrs().get("fold_values")).hasSize(3);
        assertThat(t.intermediateValues()).hasSize(6); // 3 folds x 2 epochs
      }
    }
    // two executions per trial: each fold trained twice, 3 folds x 2 epochs x 2 steps
    Cli.ok("run", Studies.file(dir, "twice.yaml", yaml.replace("tiny-cv", "twice")
        .replace("batch-sizes: [32]}", "batch-sizes: [32], executions: 2}")).toString());
    try (Storage s = JdbcStorage.open("jdbc:sqlite:" + dir.resolve("cv.db"))) {
      for (FrozenTrial t : s.trials(s.findStudy("twice").orElseThrow())) {
        assertThat(t.state()).isEqualTo(TrialState.COMPLETE);
        assertThat(t.intermediateValues()).hasSize(12);
        List<?> executions = (List<?>) t.userAttrs().get("execution_values");
        assertThat(executions).hasSize(2);
        assertThat((List<?>) t.userAttrs().get("fold_best_epochs")).hasSize(6);
        assertThat(t.value()).isCloseTo(executions.stream()
            .mapToDouble(v -> ((Number) v).doubleValue()).average().orElseThrow(),
            org.assertj.core.data.Offset.offset(1e-12));
      }
    }
    Cli none = Cli.run("run", Studies.file(dir, "none.yaml", yaml.replace("tiny-cv", "none")
        .replace("batch-sizes: [32]}", "batch-sizes: [32], executions: 0}")).toString());
    assertThat(none.code()).isEqualTo(3);
    assertThat(none.err()).contains("training.executions");
    Cli both = Cli.run("run", Studies.file(dir, "both.yaml", yaml.replace("tiny-cv", "both")
        .replace("{folds: 3,", "{folds: 3, validation: 0.2,")).toString());
    assertThat(both.code()).isEqualTo(3);
    assertThat(both.err()).contains("data.split.validation: validation and folds are "
        + "alternatives");
    Cli one = Cli.run("run", Studies.file(dir, "one.yaml", yaml.replace("tiny-cv", "one")
        .replace("{folds: 3,", "{folds: 1,")).toString());
    assertThat(one.code()).isEqualTo(3);
    assertThat(one.err()).contains("data.split.folds: folds must be 0 (a holdout) or at least 2");
  }

  private void assertCompleteTrials(String study, Path db, int count) {
    try (Storage s = JdbcStorage.open("jdbc:sqlite:" + db)) {
      List<FrozenTrial> trials = s.trials(s.findStudy(study).orElseThrow());
      assertThat(trials).hasSize(count).allMatch(t -> t.state() == TrialState.COMPLETE)
          .allSatisfy(t -> assertThat(t.value()).isBetween(0.0, 1.0));
    }
  }

  @Test
  void aCsvFileWithACategoricalColumnTrainsAnMlp() throws Exception {
    StringBuilder csv = new StringBuilder("x1,color,x2,target\n");
    java.util.Random random = new java.util.Random(5);
    for (int i = 0; i < 240; i++) {
      double x1 = random.nextGaussian();
      double x2 = random.nextGaussian();
      String color = i % 3 == 0 ? "red" : i % 3 == 1 ? "green" : "blue";
      int target = x1 + x2 + (color.equals("red") ? 0.5 : 0) > 0 ? 1 : 0;
      csv.append(x1).append(',').append(color).append(',').append(x2).append(',').append(target)
          .append('\n');
    }
    java.nio.file.Files.writeString(dir.resolve("train.csv"), csv);
    String yaml = """
        name: tiny-csv
        direction: maximize
        storage: jdbc:sqlite:%s
        data:
          csv: {path: train.csv, label: target, categorical: [color]}
          split: {validation: 0.25, test: 0.2, seed: 1}
        model:
          mlp: {layers: [1, 1], units: [8], activations: [relu]}
        training: {epochs: 2, optimizers: [adam], batch-sizes: [32]}
        objective: {metric: accuracy}
        sampler: {name: random, seed: 3}
        budget: {trials: 2}
        """.formatted(dir.resolve("c.db"));
    Cli.ok("run", Studies.file(dir, "c.yaml", yaml).toString());
    assertCompleteTrials("tiny-csv", dir.resolve("c.db"), 2);
  }

  /** A resumed study whose data file changed (its sections did not) is refused, not mixed. */
  @Test
  void aStudyWhoseDataFileChangedIsNotResumed() throws Exception {
    StringBuilder rows = new StringBuilder("a,b,label\n");
    for (int i = 0; i < 60; i++) {
      rows.append(i % 7).append(',').append(i % 5).append(',').append(i % 2 == 0 ? "x" : "y")
          .append('\n');
    }
    java.nio.file.Files.writeString(dir.resolve("d.csv"), rows);
    String yaml = """
        name: csv-change
        direction: maximize
        storage: jdbc:sqlite:%s
        data:
          csv: {path: d.csv, label: label}
          split: {validation: 0.25, test: 0.2, seed: 1}
        model: {mlp: {layers: [1, 1], units: [8]}}
        training: {epochs: 1, optimizers: [adam], batch-sizes: [16]}
        sampler: {name: random, seed: 3}
        budget: {trials: 1}
        """.formatted(dir.resolve("c.db"));
    Path f = Studies.file(dir, "c.yaml", yaml);
    Cli.ok("run", f.toString());
    Cli.ok("run", f.toString(), "--trials", "2");   // same data: resumes
    java.nio.file.Files.writeString(dir.resolve("d.csv"), rows.toString().replace("x\n", "y\n")
        .replaceFirst("y\n", "x\n").replaceFirst("\n0,0,", "\n6,4,"));
    Cli changed = Cli.run("run", f.toString(), "--trials", "3");
    assertThat(changed.code()).isEqualTo(3);
    assertThat(changed.err()).contains("cannot be resumed: its trials were judged on other data");
    // a worker on a machine whose copy of the file differs is refused alike
    Cli worker = Cli.run("worker", "--storage", "jdbc:sqlite:" + dir.resolve("c.db"), "--study",
        "csv-change");
    assertThat(worker.code()).isEqualTo(3);
    assertThat(worker.err()).contains("cannot be resumed: its trials were judged on other data");
    assertCompleteTrials("csv-change", dir.resolve("c.db"), 2);
    Cli.ok("run", f.toString(), "--trials", "1", "--overwrite");
  }

  /**
   * The data digest is stored when the study is opened, before its first trial: a worker joining
   * a first run, or a resume after that run was killed, can compare with it.
   */
  @Test
  void theDataDigestIsStoredBeforeTheFirstTrialRuns() throws Exception {
    String url = "jdbc:sqlite:" + dir.resolve("early.db");
    StudyConfig config = StudyConfigParser.standard().parse(YamlSource.parse("""
        name: early
        storage: %s
        data: {synthetic: {samples: 60, features: 3, classes: 2, seed: 7}}
        model: {mlp: {layers: [1, 1], units: [4]}}
        training: {epochs: 1}
        budget: {trials: 1}
        """.formatted(url), "early.yaml"));
    TrainingSpecAdapter.Bound bound = StudyConfigParser.bound(config);
    List<Object> seen = new java.util.ArrayList<>();
    try (Storage s = JdbcStorage.open(url); TrainingObjective training = bound.objective()) {
      Objective looking = trial -> {
        seen.add(s.study(s.findStudy("early").orElseThrow()).systemAttrs()
            .get(DataFingerprint.ATTR));
        return 0.5;
      };
      java.io.PrintWriter quiet = new java.io.PrintWriter(java.io.Writer.nullWriter());
      new StudyRunner(quiet, quiet, OutputMode.QUIET, 0, false)
          .run(config, new dev.jtune.cli.config.SingleObjective(looking), s, url, false, StudyRunner.studyAttrs(config, bound));
    }
    assertThat(seen).containsExactly(DataFingerprint.of(bound));
  }

  @Test
  void idxImageFilesTrainACnn() throws Exception {
    int n = 120;
    int side = 8;
    java.nio.ByteBuffer images = java.nio.ByteBuffer.allocate(16 + n * side * side);
    images.putInt(0x00000803).putInt(n).putInt(side).putInt(side);
    java.nio.ByteBuffer labels = java.nio.ByteBuffer.allocate(8 + n);
    labels.putInt(0x00000801).putInt(n);
    for (int i = 0; i < n; i++) {
      int label = i % 2;
      for (int p = 0; p < side * side; p++) {
        boolean bright = label == 0 ? p < side * side / 2 : p >= side * side / 2;
        images.put((byte) (bright ? 200 + (i % 40) : (i * 7 + p) % 40));
      }
      labels.put((byte) label);
    }
    java.nio.file.Files.write(dir.resolve("images.idx"), images.array());
    java.nio.file.Files.write(dir.resolve("labels.idx"), labels.array());
    String yaml = """
        name: tiny-cnn
        direction: maximize
        storage: jdbc:sqlite:%s
        data:
          idx: {images: images.idx, labels: labels.idx}
          split: {validation: 0.25, test: 0.2, seed: 1}
        model:
          cnn: {blocks: [1, 1], filters: [4], dense: [8]}
        training: {epochs: 1, optimizers: [adam], batch-sizes: [32]}
        objective: {metric: accuracy}
        sampler: {name: random, seed: 3}
        budget: {trials: 1}
        """.formatted(dir.resolve("i.db"));
    Cli.ok("run", Studies.file(dir, "i.yaml", yaml).toString());
    assertCompleteTrials("tiny-cnn", dir.resolve("i.db"), 1);
    // --check of a training study says where its parameters come from (it counted 0)
    Cli checked = Cli.ok("run", Studies.file(dir, "i.yaml", yaml).toString(), "--check");
    assertThat(checked.out()).contains("parameters from the model and training sections");
    // four pooling blocks cannot fit 8x8 images: --check refuses it at its key
    Cli tooDeep = Cli.run("run", Studies.file(dir, "deep.yaml", yaml.replace("blocks: [1, 1]",
        "blocks: [1, 4]")).toString(), "--check");
    assertThat(tooDeep.code()).isEqualTo(3);
    assertThat(tooDeep.err()).contains("model.cnn.blocks: up to 4 pooling blocks would shrink a "
        + "8-pixel side below 1 pixel; at most 3 fit");
    // kernels, pooling, dropout and batch normalization are the study file's to choose
    String tuned = yaml.replace("tiny-cnn", "tuned-cnn").replace("trials: 1", "trials: 4")
        .replace("cnn: {blocks: [1, 1], filters: [4], dense: [8]}", "cnn: {blocks: [1, 1], "
            + "filters: [4], kernels: [1, 3], pooling: [max, avg], dense: [8], max-dropout: 0.3, "
            + "batch-norm: true}");
    Cli.ok("run", Studies.file(dir, "t.yaml", tuned).toString());
    assertCompleteTrials("tuned-cnn", dir.resolve("i.db"), 4);
    try (Storage s = JdbcStorage.open("jdbc:sqlite:" + dir.resolve("i.db"))) {
      List<FrozenTrial> trials = s.trials(s.findStudy("tuned-cnn").orElseThrow());
      assertThat(trials).allSatisfy(t -> {
        assertThat(t.params()).containsKeys("kernel_b0", "pooling", "dropout", "batch_norm_b0");
        assertThat(t.params().get("kernel_b0")).isIn(1, 3);
        assertThat(t.params().get("pooling")).isIn("max", "avg");
        assertThat((Double) t.params().get("dropout")).isBetween(0.0, 0.3);
      });
    }
    Cli even = Cli.run("run", Studies.file(dir, "even.yaml", tuned.replace("kernels: [1, 3]",
        "kernels: [3, 4]")).toString(), "--check");
    assertThat(even.code()).isEqualTo(3);
    assertThat(even.err()).contains("model.cnn.kernels: kernel size 4 must be odd");
    Cli pool = Cli.run("run", Studies.file(dir, "pool.yaml", tuned.replace("[max, avg]",
        "[max, min]")).toString(), "--check");
    assertThat(pool.code()).isEqualTo(3);
    assertThat(pool.err()).contains("model.cnn.pooling").contains("min");
  }
}
