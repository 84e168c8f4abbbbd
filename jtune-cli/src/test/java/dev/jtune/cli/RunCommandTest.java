package dev.jtune.cli;

import static org.assertj.core.api.Assertions.assertThat;

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

class RunCommandTest {
  @TempDir
  Path dir;

  private String db() {
    return "jdbc:sqlite:" + dir.resolve("study.db");
  }

  @Test
  void aYamlStudyRunsItsBudgetWithTheConditionalSpaceAndStoresItsConfiguration() {
    Path f = Studies.file(dir, "s.yaml", Studies.sphere(dir, "sphere", 25));
    Cli r = Cli.ok("run", f.toString());
    assertThat(r.out()).contains("Created study 'sphere'").contains("25/25")
        .contains("Top 10 of 25 complete trials");
    try (Storage s = JdbcStorage.open(db())) {
      StudyId id = s.findStudy("sphere").orElseThrow();
      List<FrozenTrial> trials = s.trials(id);
      assertThat(trials).hasSize(25).allMatch(t -> t.state() == TrialState.COMPLETE);
      for (FrozenTrial t : trials) {
        // momentum exactly when opt is sgd; the value is the sphere of the numbers (+1 for sgd)
        assertThat(t.hasParam("momentum")).isEqualTo(t.param("opt").equals("sgd"));
        double x = (Double) t.param("x");
        int n = (Integer) t.param("n");
        double expected = x * x + n * n + (t.param("opt").equals("sgd")
            ? 1 + Math.pow((Double) t.param("momentum"), 2) : 0);
        assertThat(t.value()).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-9));
      }
      assertThat(s.study(id).systemAttrs().get(RunCommand.CONFIG_ATTR).toString())
          .contains("sphere").contains("momentum");
    }
  }

  @Test
  void commandLineOptionsOverrideTheFile() {
    Path f = Studies.file(dir, "s.yaml", Studies.sphere(dir, "sphere", 25));
    Cli r = Cli.ok("run", f.toString(), "--trials", "7", "--sampler", "sobol", "--sampler-arg",
        "seed=5", "--study", "other", "--jobs", "2", "--direction", "maximize");
    assertThat(r.out()).contains("Created study 'other'").contains("SobolSampler")
        .contains("7/7").contains("2 thread(s)");
    assertThat(Cli.ok("studies", "list", "--storage", db()).out())
        .containsPattern("other\\s+maximize\\s+7");
  }

  @Test
  void runningTheFileAgainResumesAndRaisingTheBudgetContinues() {
    Path f = Studies.file(dir, "s.yaml", Studies.sphere(dir, "sphere", 6));
    Cli.ok("run", f.toString());
    assertThat(Cli.ok("run", f.toString()).out()).contains("Resuming study 'sphere'")
        .contains("the budget is spent");
    assertThat(Cli.ok("run", f.toString(), "--trials", "9").out()).contains("running up to 3");
    assertThat(Cli.ok("studies", "list", "--storage", db()).out())
        .containsPattern("sphere\\s+minimize\\s+9\\s+9");
  }

  @Test
  void aStudyCanNameAJavaObjectiveClass() {
    Path f = Studies.file(dir, "r.yaml", """
        name: rosen
        storage: jdbc:sqlite:%s
        objective: {class: dev.jtune.cli.example.Rosenbrock}
        sampler: {name: tpe, seed: 3, multivariate: true}
        budget: {trials: 30}
        """.formatted(dir.resolve("study.db")));
    Cli r = Cli.ok("run", f.toString(), "--json");
    assertThat(r.out().lines().filter(l -> l.contains("\"event\":\"trial\"")).count())
        .isEqualTo(30);
    assertThat(Cli.ok("studies", "best", "--storage", db(), "--study", "rosen").out())
        .contains("params {x=").contains("y=");
  }

  @Test
  void aPrunerFromTheFileStopsTrialsOfTheCurveFunction() {
    Cli r = Cli.ok("run", Path.of("..", "examples", "pruning.yaml").toString(), "--storage", db(),
        "--trials", "30", "--pruner-arg", "reduction-factor=2");
    assertThat(r.out()).contains("HyperbandPruner(minResource=1, maxResource=20, reductionFactor=2");
    try (Storage s = JdbcStorage.open(db())) {
      StudyId id = s.findStudy("pruning").orElseThrow();
      List<FrozenTrial> trials = s.trials(id);
      assertThat(trials).hasSize(30);
      assertThat(trials.stream().filter(t -> t.state() == TrialState.PRUNED).count())
          .isGreaterThan(5);
      assertThat(trials).filteredOn(t -> t.state() == TrialState.COMPLETE)
          .allMatch(t -> t.intermediateValues().size() == 20);
    }
  }

  @Test
  void everyRegisteredSamplerRunsAStudyFromTheFile() {
    Path f = Studies.file(dir, "s.yaml", Studies.sphere(dir, "sphere", 14));
    for (String sampler : List.of("auto", "random", "sobol", "tpe", "gp", "cmaes")) {
      Cli r = List.of("random", "sobol", "auto").contains(sampler)
          ? Cli.ok("run", f.toString(), "--study", sampler, "--sampler", sampler,
              "--sampler-arg", "seed=3")
          : Cli.ok("run", f.toString(), "--study", sampler, "--sampler", sampler,
              "--sampler-arg", "seed=3", "--sampler-arg", "startup-trials=4");
      assertThat(r.out()).as(sampler).contains("14/14");
      String expected = switch (sampler) {
        case "auto" -> "AutoSampler";
        case "random" -> "RandomSampler";
        case "sobol" -> "SobolSampler";
        case "tpe" -> "TpeSampler";
        case "gp" -> "GpSampler";
        default -> "CmaEsSampler";
      };
      assertThat(r.out()).as("the sampler that ran").contains("with " + expected);
    }
    Cli unknown = Cli.run("run", f.toString(), "--sampler", "random", "--sampler-arg",
        "startup-trials=4");
    assertThat(unknown.err()).contains("option --sampler-arg startup-trials: "
        + "sampler.startup-trials: unknown key 'startup-trials'; Valid keys: name, seed");
    Cli grid = Cli.run("run", f.toString(), "--study", "grid", "--sampler", "grid");
    assertThat(grid.code()).isEqualTo(3);
    assertThat(grid.err()).contains("parameter 'x' is a continuous");
  }

  /**
   * {@code sampler: brute-force} on a conditional space (momentum only with sgd): every
   * combination once, 3 x (1 + 3) = 12, then the study stops before its budget.
   */
  @Test
  void bruteForceTriesEveryCombinationOfAConditionalSpaceOnce() {
    Path f = Studies.file(dir, "b.yaml", """
        name: brute
        storage: %s
        objective: {function: sphere}
        space:
          n: {type: int, low: -1, high: 1}
          opt: {type: categorical, choices: [adam, sgd]}
          momentum: {type: float, low: 0.0, high: 0.5, step: 0.25, when: {opt: sgd}}
        sampler: {name: brute-force, seed: 3}
        budget: {trials: 50}
        """.formatted(db()));
    Cli.ok("run", f.toString());
    try (Storage s = JdbcStorage.open(db())) {
      List<FrozenTrial> trials = s.trials(s.findStudy("brute").orElseThrow());
      assertThat(trials).hasSize(12).allMatch(t -> t.state() == TrialState.COMPLETE);
      assertThat(new java.util.HashSet<>(trials.stream().map(FrozenTrial::params).toList()))
          .hasSize(12);
    }
    Cli continuous = Cli.run("run", Studies.file(dir, "c.yaml", """
        name: continuous
        storage: %s
        objective: {function: sphere}
        space:
          x: {type: float, low: 0.0, high: 1.0}
        sampler: brute-force
        budget: {trials: 2}
        """.formatted(db())).toString());
    assertThat(continuous.out() + continuous.err()).contains("'x'").contains("no step");
  }

  @Test
  void theShippedExamplesAreValid() throws Exception {
    Path examples = Path.of("..", "examples");
    try (var files = Files.list(examples)) {
      List<Path> yaml = files.filter(p -> p.toString().endsWith(".yaml")).toList();
      assertThat(yaml).hasSizeGreaterThanOrEqualTo(3);
      for (Path p : yaml) {
        assertThat(Cli.ok("run", "--check", p.toString()).out()).contains("study '");
      }
    }
  }

  @Test
  void checkSpeaksJsonOrNothingWhenAskedAndRefusesAStorageTheRunWould() throws Exception {
    Path f = Studies.file(dir, "s.yaml", Studies.sphere(dir, "sphere", 6));
    String json = Cli.ok("run", "--check", "--json", f.toString()).out();
    com.fasterxml.jackson.databind.JsonNode j = new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(json);
    assertThat(j.get("event").asText()).isEqualTo("check");
    assertThat(j.get("study").asText()).isEqualTo("sphere");
    assertThat(j.get("parameters").asInt()).isEqualTo(4);
    assertThat(Cli.ok("run", "--check", "--quiet", f.toString()).out()).isEmpty();
    Cli memory = Cli.run("run", "--check", f.toString(), "--storage", "jdbc:sqlite::memory:");
    assertThat(memory.code()).isEqualTo(2);
    assertThat(memory.err()).contains("in-memory SQLite database");
  }

  @Test
  void checkTouchesNoStorage() {
    Path f = Studies.file(dir, "s.yaml", Studies.sphere(dir, "sphere", 6));
    Cli.ok("run", "--check", f.toString());
    assertThat(Files.exists(dir.resolve("study.db"))).isFalse();
  }
}
