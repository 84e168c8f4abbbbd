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

/** A study file with training sections trains networks through jtune-nn (kept tiny). */
class TrainingRunTest {
  @TempDir
  Path dir;

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
}
