package dev.jtune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jtune.storage.Storage;
import dev.jtune.storage.StudyId;
import dev.jtune.storage.jdbc.JdbcStorage;
import dev.jtune.study.StudyDirection;
import dev.jtune.trial.FrozenTrial;
import dev.jtune.trial.TrialState;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A training study of several objectives: validation accuracy against the network's size. */
class TrainingObjectivesTest {
  @TempDir
  Path dir;

  private String yaml(String objective, int trials) {
    return """
        name: size
        storage: jdbc:sqlite:%s
        data:
          synthetic: {samples: 160, features: 6, classes: 2, seed: 5}
          split: {validation: 0.25, test: 0.25}
        model: {mlp: {layers: [1, 2], units: [4, 32]}}
        training: {epochs: 2}
        %s
        sampler: {name: nsga2, seed: 3, population-size: 4}
        budget: {trials: %d}
        """.formatted(dir.resolve("size.db"), objective, trials);
  }

  private List<FrozenTrial> trials() {
    try (Storage s = JdbcStorage.open("jdbc:sqlite:" + dir.resolve("size.db"))) {
      StudyId id = s.findStudy("size").orElseThrow();
      assertThat(s.study(id).directions())
          .containsExactly(StudyDirection.MAXIMIZE, StudyDirection.MINIMIZE);
      return s.trials(id);
    }
  }

  @Test
  void accuracyAgainstSizeGivesAParetoFrontOfRetrainedModels() {
    Path f = Studies.file(dir, "s.yaml", yaml("objective: [val_accuracy, parameters]", 8));
    Cli r = Cli.ok("run", f.toString());
    assertThat(r.out()).contains("8/8").contains("[MAXIMIZE, MINIMIZE]")
        .containsPattern("Retraining \\d+ Pareto-optimal model\\(s\\) to evaluate them on the "
            + "test part")
        .containsPattern("Pareto-optimal models \\(all \\d+\\), each retrained and evaluated on "
            + "40 test samples:")
        .containsPattern("trial +val_accuracy +parameters +test_accuracy +params")
        .containsPattern("rank +number +pareto +val_accuracy +parameters +n_layers")
        .doesNotContain("best model");
    List<FrozenTrial> trials = trials();
    assertThat(trials).hasSize(8).allMatch(t -> t.state() == TrialState.COMPLETE);
    for (FrozenTrial t : trials) {
      // the second value is the network's trainable parameters, stored as an attribute too:
      // 6 inputs -> u1 (-> u2) -> 1 logit for two classes, weights and biases
      int layers = (Integer) t.param("n_layers");
      long expected = 0;
      int in = 6;
      for (int i = 0; i < layers; i++) {
        int units = (Integer) t.param("units_l" + i);
        expected += (long) in * units + units;
        in = units;
      }
      expected += in + 1;
      assertThat(t.values().get(1)).as("trial %d %s", t.number(), t.params())
          .isEqualTo((double) expected);
      assertThat(((Number) t.userAttrs().get("parameters")).longValue()).isEqualTo(expected);
      // the first value is the accuracy of the epoch the trial keeps
      @SuppressWarnings("unchecked")
      List<Number> curve = (List<Number>) t.userAttrs().get("val_accuracy");
      int best = ((Number) t.userAttrs().get("best_epoch")).intValue();
      assertThat(t.values().get(0)).isEqualTo(curve.get(best - 1).doubleValue());
    }
    // JSON: one line for the front, each model with its test value
    Cli json = Cli.ok("run", f.toString(), "--trials", "9", "--json");
    String line = json.out().lines().filter(l -> l.contains("\"event\":\"pareto_models\""))
        .findFirst().orElseThrow();
    assertThat(line).contains("\"metric\":\"accuracy\"").contains("\"test_samples\":40")
        .contains("\"test_value\":");
  }

  @Test
  void theMetricsAreCheckedAndAResumeWithOthersIsRefused() {
    Path f = Studies.file(dir, "s.yaml", yaml("objective: {metrics: [val_accuracy, params]}", 2));
    Cli.ok("run", f.toString());
    Cli other = Cli.run("run", Studies.file(dir, "o.yaml",
        yaml("objective: {metrics: [val_accuracy, val_loss]}", 3)).toString());
    assertThat(other.code()).isEqualTo(3);
    assertThat(other.err()).contains("metric [val_accuracy, val_loss] here but [val_accuracy, "
        + "parameters] in the stored configuration");
    String[][] bad = {
        {"objective: {metrics: [parameters, val_accuracy]}", "objective.metrics: the first metric"
            + " picks each trial's best epoch, so it is one of loss, accuracy, auc, mse, mae; put "
            + "parameters after it"},
        {"objective: {metrics: [val_accuracy, accuracy]}", "val_accuracy is listed twice"},
        {"objective: {metrics: [val_accuracy, size]}", "unknown metric 'size'"},
        {"objective: {metrics: []}", "expected at least one metric"},
        {"objective: {metrics: val_accuracy}", "objective.metrics: expected a list such as "
            + "[val_accuracy, parameters], found 'val_accuracy'"},
        {"objective: {metric: accuracy, metrics: [val_accuracy]}", "give metric (one objective) "
            + "or metrics (a list, one per objective), not both"},
        {"objective: [val_accuracy, parameters]\ndirections: [maximize, maximize]",
            "directions: maximize contradicts the metric parameters, which is better lower"},
        {"objective: [val_accuracy, parameters]\ndirection: maximize",
            "direction: 1 direction(s) declared, but the objective's metrics [val_accuracy, "
                + "parameters] are 2"},
        {"objective: [val_mse, parameters]", "val_mse"},
    };
    for (String[] c : bad) {
      Cli r = Cli.run("run", "--check", Studies.file(dir, "b.yaml", yaml(c[0], 2)).toString());
      assertThat(r.code()).as(c[0]).isEqualTo(3);
      assertThat(r.err()).as(c[0]).contains(c[1]);
    }
    // declared directions that agree are accepted
    Cli.ok("run", "--check", Studies.file(dir, "g.yaml", yaml("objective: [val_accuracy, "
        + "parameters]\ndirections: [maximize, minimize]", 2)).toString());
  }
}
