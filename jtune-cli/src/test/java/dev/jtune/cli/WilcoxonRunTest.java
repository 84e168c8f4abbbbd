package dev.jtune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jtune.storage.Storage;
import dev.jtune.storage.StudyId;
import dev.jtune.storage.jdbc.JdbcStorage;
import dev.jtune.trial.FrozenTrial;
import dev.jtune.trial.TrialState;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pruner: {name: wilcoxon}} on a training study file: trials compared fold by fold. */
class WilcoxonRunTest {
  @TempDir
  Path dir;

  private String yaml(String name, String split) {
    return """
        name: %s
        storage: jdbc:sqlite:%s
        data:
          synthetic: {samples: 240, features: 6, classes: 2, seed: 7}
          split: %s
        model: {mlp: {layers: [1, 1], units: [8, 16]}}
        training: {epochs: 2, optimizers: [adam, sgd]}
        sampler: {name: random, seed: 3}
        pruner: {name: wilcoxon, p-threshold: 0.2}
        budget: {trials: 6}
        """.formatted(name, dir.resolve("w.db"), split);
  }

  @Test
  void foldScoresAreReportedAndAHoldoutIsRefusedAtThePrunersKey() throws Exception {
    Cli.ok("run", Studies.file(dir, "w.yaml", yaml("folds", "{folds: 4, test: 0.2, seed: 1}"))
        .toString());
    try (Storage s = JdbcStorage.open("jdbc:sqlite:" + dir.resolve("w.db"))) {
      StudyId id = s.findStudy("folds").orElseThrow();
      List<FrozenTrial> trials = s.trials(id);
      assertThat(trials).hasSize(6);
      for (FrozenTrial t : trials) {
        if (t.state() == TrialState.COMPLETE) {
          assertThat(t.intermediateValues()).containsOnlyKeys(0, 1, 2, 3);
        } else {
          assertThat(t.state()).isEqualTo(TrialState.PRUNED);
          assertThat(t.intermediateValues()).hasSize(3);
        }
      }
    }
    Cli holdout = Cli.run("run", Studies.file(dir, "h.yaml", yaml("holdout",
        "{validation: 0.25, test: 0.25, seed: 1}")).toString());
    assertThat(holdout.code()).isEqualTo(3);
    assertThat(holdout.err()).contains("pruner").contains("compares trials fold by fold")
        .contains("data.split.folds");
    Cli typo = Cli.run("run", Studies.file(dir, "t.yaml", yaml("typo",
        "{folds: 4}").replace("p-threshold: 0.2", "p-threshold: 2")).toString());
    assertThat(typo.code()).isEqualTo(3);
    assertThat(typo.err()).contains("p-threshold");
  }

  /**
   * A study whose trials reported epoch values is not resumed with a pruner of fold scores, nor
   * the reverse: either pruner would pair a fold's score with an early epoch's value.
   */
  @Test
  void aStudyIsNotResumedWithTheOtherKindOfSteps() throws Exception {
    String epochs = yaml("kinds", "{folds: 4, test: 0.2, seed: 1}")
        .replace("pruner: {name: wilcoxon, p-threshold: 0.2}", "pruner: {name: median}")
        .replace("trials: 6", "trials: 2");
    Cli.ok("run", Studies.file(dir, "k1.yaml", epochs).toString());
    Cli folds = Cli.run("run", Studies.file(dir, "k2.yaml",
        yaml("kinds", "{folds: 4, test: 0.2, seed: 1}")).toString());
    assertThat(folds.code()).isEqualTo(3);
    assertThat(folds.err()).contains("cannot be resumed").contains("each epoch's value")
        .contains("reads fold scores");
    Cli.ok("run", Studies.file(dir, "k3.yaml", yaml("other", "{folds: 4, test: 0.2, seed: 1}")
        .replace("trials: 6", "trials: 2")).toString());
    Cli back = Cli.run("run", Studies.file(dir, "k4.yaml", epochs.replace("name: kinds",
        "name: other")).toString());
    assertThat(back.code()).isEqualTo(3);
    assertThat(back.err()).contains("each fold's score").contains("reads epochs");
  }
}
