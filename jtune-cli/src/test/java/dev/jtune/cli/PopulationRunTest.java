package dev.jtune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jtune.sampler.pbt.Segment;
import dev.jtune.storage.Storage;
import dev.jtune.storage.StudyId;
import dev.jtune.storage.jdbc.JdbcStorage;
import dev.jtune.trial.FrozenTrial;
import dev.jtune.trial.TrialState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sampler: pbt} on a training study file: members go on from their checkpoints. */
class PopulationRunTest {
  @TempDir
  Path dir;

  private String yaml(String name, String more) {
    return """
        name: %s
        storage: jdbc:sqlite:%s
        data:
          synthetic: {samples: 240, features: 6, classes: 2, seed: 7}
          split: {validation: 0.25, test: 0.25, seed: 1}
        model: {mlp: {layers: [1, 1], units: [8, 16], max-dropout: 0.2}}
        training: {epochs: 2, optimizers: [adam]}
        sampler: {name: pbt, population-size: 3, seed: 5}
        budget: {trials: 9}
        """.formatted(name, dir.resolve("p.db")) + more;
  }

  private List<FrozenTrial> trials(String study) {
    try (Storage s = JdbcStorage.open("jdbc:sqlite:" + dir.resolve("p.db"))) {
      StudyId id = s.findStudy(study).orElseThrow();
      return s.trials(id);
    }
  }

  @Test
  void membersGoOnFromCheckpointsBesideTheDatabaseAndTheBestIsTestedFromItsOwn() throws Exception {
    Path f = Studies.file(dir, "p.yaml", yaml("pop", "jobs: 2\n"));
    Cli r = Cli.ok("run", f.toString());
    List<FrozenTrial> trials = trials("pop");
    assertThat(trials).hasSize(9).allMatch(t -> t.state() == TrialState.COMPLETE);
    for (FrozenTrial t : trials.subList(3, 9)) {
      Segment s = Segment.of(t.systemAttrs()).orElseThrow();
      assertThat(s.parent()).isPresent();
      assertThat(t.userAttrs().get("epochs")).isEqualTo(2 * (s.index() + 1));
    }
    Path checkpoints = dir.resolve("p.db-checkpoints").resolve("pop");
    // on disk: exactly the checkpoints no trial named obsolete
    java.util.Set<String> expected = new java.util.TreeSet<>();
    trials.forEach(t -> expected.add("trial-" + t.number() + ".ckpt"));
    trials.forEach(t -> Segment.of(t.systemAttrs()).orElseThrow().obsolete()
        .forEach(n -> expected.remove("trial-" + n + ".ckpt")));
    try (var files = Files.list(checkpoints)) {
      assertThat(files.map(p -> p.getFileName().toString()).toList())
          .containsExactlyInAnyOrderElementsOf(expected).hasSizeLessThan(9);
    }
    FrozenTrial best = trials.stream().max(java.util.Comparator.comparingDouble(
        FrozenTrial::value)).orElseThrow();
    assertThat(checkpoints.resolve("trial-" + best.number() + ".ckpt")).exists();
    assertThat(r.out()).containsPattern("best model \\(trial \\d\\): test accuracy [01]\\.\\d{3}"
        + " on 60 samples");
    // the study's JSON counts the decision log instead of listing it
    String show = Cli.ok("studies", "show", "--storage", "jdbc:sqlite:" + dir.resolve("p.db"),
        "--study", "pop", "--json").out();
    assertThat(show).contains("\"pbt:decisions\":9").doesNotContain("pbt:decision:0");
    // a second run with a larger budget goes on where the members stood
    Cli.ok("run", f.toString(), "--trials", "12");
    assertThat(trials("pop").subList(9, 12)).allMatch(t -> t.userAttrs().get("epochs")
        .equals(8));
  }

  /**
   * {@code training.refit: true}: the best member's schedule is trained afresh on the training and
   * validation rows before the test; {@code refit: false} beside folds is refused at its key.
   */
  @Test
  void refitTrainsTheBestMembersScheduleOnTrainingAndValidationRows() throws Exception {
    Path f = Studies.file(dir, "r.yaml", yaml("refit", "").replace("optimizers: [adam]}",
        "optimizers: [adam], refit: true}"));
    Cli r = Cli.ok("run", f.toString());
    assertThat(r.out()).containsPattern("best model \\(trial \\d, refitted on 180 rows\\): "
        + "test accuracy [01]\\.\\d{3} on 60 samples");
    Cli json = Cli.ok("run", f.toString(), "--json");
    assertThat(json.out()).contains("\"refit_rows\":180");
    Cli folds = Cli.run("run", Studies.file(dir, "f.yaml", yaml("folds", "")
        .replace("optimizers: [adam]}", "optimizers: [adam], refit: false}")
        .replace("split: {validation: 0.25, test: 0.25, seed: 1}",
            "split: {folds: 3, test: 0.25, seed: 1}")).toString());
    assertThat(folds.code()).isEqualTo(3);
    assertThat(folds.err()).contains("training.refit").contains("always refitted");
    Cli noTest = Cli.run("run", Studies.file(dir, "n.yaml", yaml("none", "")
        .replace("optimizers: [adam]}", "optimizers: [adam], refit: true}")
        .replace("test: 0.25", "test: 0")).toString());
    assertThat(noTest.code()).isEqualTo(3);
    assertThat(noTest.err()).contains("training.refit").contains("data.split.test is 0");
    // refit acts after the search only: the study resumes with it removed
    Cli.ok("run", Studies.file(dir, "r.yaml", yaml("refit", "")).toString(), "--trials", "12");
    assertThat(trials("refit")).hasSize(12);
  }

  /** {@code sampler: pb2}: population-based bandits run from the same file, as PBT does. */
  @Test
  void populationBasedBanditsRunFromTheSameFile() throws Exception {
    Cli r = Cli.ok("run", Studies.file(dir, "b.yaml", yaml("bandits", "")
        .replace("name: pbt", "name: pb2")).toString(), "--trials", "15");
    List<FrozenTrial> trials = trials("bandits");
    assertThat(trials).hasSize(15).allMatch(t -> t.state() == TrialState.COMPLETE);
    assertThat(trials.subList(3, 15)).allMatch(t -> Segment.of(t.systemAttrs()).orElseThrow()
        .parent().isPresent());
    assertThat(trials).anyMatch(t -> Segment.of(t.systemAttrs()).orElseThrow().exploited());
    assertThat(r.out()).contains("best model");
    Cli typo = Cli.run("run", Studies.file(dir, "bt.yaml", yaml("typo", "")
        .replace("name: pbt", "name: pb2, perturbation: 2")).toString());
    assertThat(typo.code()).isEqualTo(3);
    assertThat(typo.err()).contains("perturbation");
  }

  /** Two studies naming one checkpoint folder keep their checkpoints apart, by study name. */
  @Test
  void anExplicitFolderHoldsOneSubfolderPerStudy() throws Exception {
    for (String name : List.of("a", "b")) {
      Cli.ok("run", Studies.file(dir, name + ".yaml", yaml(name,
          "training: {epochs: 1, optimizers: [adam], checkpoints: shared}\n")
          .replace("training: {epochs: 2, optimizers: [adam]}\n", "")).toString(),
          "--trials", "6");
    }
    for (String name : List.of("a", "b")) {
      assertThat(Files.list(dir.resolve("shared").resolve(name)).count()).isBetween(3L, 6L);
      assertThat(trials(name)).allMatch(t -> t.state() == TrialState.COMPLETE);
    }
  }

  @Test
  void moreThreadsThanMembersFoldsAndExecutionsAreRefusedNamingTheKey() {
    Cli jobs = Cli.run("run", Studies.file(dir, "j.yaml", yaml("jobs", "jobs: 4\n")).toString());
    assertThat(jobs.code()).isEqualTo(3);
    assertThat(jobs.err()).contains("jobs").contains("4 threads for a population of 3");
    Cli folds = Cli.run("run", Studies.file(dir, "f.yaml", yaml("folds", "")
        .replace("split: {validation: 0.25, test: 0.25, seed: 1}", "split: {folds: 3}"))
        .toString());
    assertThat(folds.code()).isEqualTo(3);
    assertThat(folds.err()).contains("data.split.folds").contains("one per fold");
    Cli hyperband = Cli.run("run", Studies.file(dir, "h.yaml", yaml("h",
        "pruner: {name: hyperband, min-resource: 1, max-resource: 2}\n")).toString());
    assertThat(hyperband.code()).isEqualTo(3);
    assertThat(hyperband.err()).contains("pruner").contains("would split the population");
    Cli two = Cli.run("run", Studies.file(dir, "t.yaml", yaml("two",
        "objective: {metrics: [val_accuracy, parameters]}\n")).toString());
    assertThat(two.code()).isEqualTo(3);
    assertThat(two.err()).contains("ranks members by one objective");
    Cli executions = Cli.run("run", Studies.file(dir, "e.yaml", yaml("e", "")
        .replace("optimizers: [adam]}", "optimizers: [adam], executions: 2}")).toString());
    assertThat(executions.code()).isEqualTo(3);
    assertThat(executions.err()).contains("training.executions").contains("one network per");
    Cli factors = Cli.run("run", Studies.file(dir, "x.yaml", yaml("x", "")
        .replace("seed: 5}", "seed: 5, perturbation-factors: [0.8, -1]}")).toString());
    assertThat(factors.code()).isEqualTo(3);
    assertThat(factors.err()).contains("perturbation-factors");
  }
}
