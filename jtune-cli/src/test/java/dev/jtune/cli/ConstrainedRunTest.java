package dev.jtune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jtune.storage.Storage;
import dev.jtune.storage.StudyId;
import dev.jtune.storage.jdbc.JdbcStorage;
import dev.jtune.study.Feasibility;
import dev.jtune.trial.FrozenTrial;
import dev.jtune.trial.TrialState;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jtune run} on study files with {@code constraints}, and {@code tell --constraints}. */
class ConstrainedRunTest {
  @TempDir
  Path dir;

  private String db() {
    return "jdbc:sqlite:" + dir.resolve("study.db");
  }

  private List<FrozenTrial> trials(String study) {
    try (Storage s = JdbcStorage.open(db())) {
      StudyId id = s.findStudy(study).orElseThrow();
      return s.trials(id);
    }
  }

  /** A study file of {@link CostlyObjective} named {@code name}, with {@code more} lines after. */
  private Path costly(String name, String more) {
    return Studies.file(dir, name + ".yaml", """
        name: %s
        storage: %s
        objective: {class: dev.jtune.cli.CostlyObjective}
        space: {x: {type: float, low: 0, high: 10}}
        """.formatted(name, db()) + more);
  }

  @Test
  void theBestTrialMeetsTheBoundsAndTheOutputSaysHowManyDo() {
    Path f = costly("costly", "constraints: ['cost >= 3']\nbudget: {trials: 30}\n");
    assertThat(Cli.ok("run", f.toString(), "--check").out())
        .contains("study 'costly' (minimize subject to cost >= 3)");
    Cli r = Cli.ok("run", f.toString(), "--sampler-arg", "seed=5");
    List<FrozenTrial> trials = trials("costly");
    assertThat(trials).hasSize(30).allMatch(Feasibility::hasConstraints);
    long feasible = trials.stream().filter(Feasibility::feasible).count();
    // the unconstrained optimum x = 1 is outside the bound: the GP keeps to x >= 3, near 3
    FrozenTrial best = trials.stream().filter(Feasibility::feasible)
        .min(java.util.Comparator.comparingDouble(FrozenTrial::value)).orElseThrow();
    assertThat((double) best.param("x")).isBetween(3.0, 3.2);
    assertThat(r.out()).containsPattern("30/30 .* best 4\\.\\d+ \\(trial " + best.number()
            + "\\)  feasible " + feasible + "/30")
        .contains("feasible:     " + feasible + " of 30 complete trials meet the constraints")
        .containsPattern("best trial: +#" + best.number() + ", value 4\\.")
        .containsPattern("rank +number +value +x +violation");
    // unconstrained, x near 1 would have won
    assertThat(trials.stream().filter(t -> !Feasibility.feasible(t))
        .mapToDouble(FrozenTrial::value).min().orElseThrow()).isLessThan(best.value());

    Cli json = Cli.ok("run", f.toString(), "--trials", "31", "--json");
    assertThat(json.out()).contains("\"constraints\":[").contains("\"feasible\":");
    String end = json.out().lines().filter(l -> l.contains("\"event\":\"end\"")).findFirst()
        .orElseThrow();
    assertThat(end).contains("\"feasible\":true");
    assertThat(Cli.ok("studies", "show", "--storage", db(), "--study", "costly", "--json").out())
        .contains("\"feasible\":" + trials("costly").stream().filter(Feasibility::feasible)
            .count() + ",");
  }

  @Test
  void tellRefusesATrialWithoutTheValuesItsFileDeclaresAndStoresNoneForAFailedOne() {
    Path f = costly("bounded", "constraints: ['cost >= 3']\n");
    for (int i = 0; i < 3; i++) {
      Cli.ok("ask", "--storage", db(), "--study", "bounded", "--config", f.toString());
    }
    Cli refused = Cli.run("tell", "--storage", db(), "--study", "bounded", "--trial", "0",
        "--value", "2");
    assertThat(refused.code()).isEqualTo(2);
    assertThat(refused.err()).contains("study 'bounded' has constraints [cost >= 3]")
        .contains("--constraints");
    assertThat(trials("bounded").get(0).state()).isEqualTo(TrialState.RUNNING);
    Cli.ok("tell", "--storage", db(), "--study", "bounded", "--trial", "0", "--value", "2",
        "--constraints", "-0.5");
    // (found by review) a NaN value fails the trial: no constraints stored, as Optuna
    Cli.run("tell", "--storage", db(), "--study", "bounded", "--trial", "1", "--value", "nan",
        "--constraints", "-1");
    // a NaN value fails the trial whether or not constraints are given
    Cli.ok("tell", "--storage", db(), "--study", "bounded", "--trial", "2", "--value", "nan");
    List<FrozenTrial> told = trials("bounded");
    assertThat(told.get(2).state()).isEqualTo(TrialState.FAIL);
    assertThat(told.get(0).constraintValues()).hasValueSatisfying(c -> assertThat(c)
        .containsExactly(-0.5));
    assertThat(told.get(1).state()).isEqualTo(TrialState.FAIL);
    assertThat(told.get(1).systemAttrs()).doesNotContainKey(FrozenTrial.CONSTRAINTS);
  }

  @Test
  void tellNeedsNoConstraintsForATrialThatFailsOnANanValueOrIsPrunedButTheRightCount() {
    Path f = costly("nanny", "constraints: ['cost >= 3']\n");
    for (int i = 0; i < 3; i++) {
      Cli.ok("ask", "--storage", db(), "--study", "nanny", "--config", f.toString());
    }
    Cli.ok("tell", "--storage", db(), "--study", "nanny", "--trial", "0", "--value", "nan");
    Cli.ok("tell", "--storage", db(), "--study", "nanny", "--trial", "1", "--state", "pruned");
    Cli two = Cli.run("tell", "--storage", db(), "--study", "nanny", "--trial", "2", "--value",
        "1", "--constraints", "-1,-2");
    assertThat(two.code()).isEqualTo(2);
    assertThat(two.err()).contains("has 2 value(s), but study 'nanny' has 1 constraint(s)");
    List<FrozenTrial> told = trials("nanny");
    assertThat(told.get(0).state()).isEqualTo(TrialState.FAIL);
    assertThat(told.get(1).state()).isEqualTo(TrialState.PRUNED);
    assertThat(told.get(2).state()).isEqualTo(TrialState.RUNNING);
    assertThat(told).allSatisfy(t -> assertThat(t.systemAttrs())
        .doesNotContainKey(FrozenTrial.CONSTRAINTS));
  }

  @Test
  void everyBadBoundExitsWith3NamingIt() {
    for (String bad : List.of("['cost < 3']", "['cost <= x']", "[3]", "['cost <= 1e999']",
        "{cost: 3}", "['cost<=3 and more']", "[null]", "['cost >= 3', ~]", "'cost == 3'")) {
      Path f = costly("bad", "constraints: " + bad + "\n");
      Cli r = Cli.run("run", f.toString(), "--check");
      assertThat(r.code()).as(bad).isEqualTo(3);
      assertThat(r.err()).as(bad).contains("constraints");
    }
  }

  @Test
  void resumingWithOtherConstraintsSaysThatEarlierTrialsKeepTheirValues() {
    Cli first = Cli.ok("run", costly("changing", "budget: {trials: 3}\n").toString());
    assertThat(first.err()).doesNotContain("constraints");
    Cli added = Cli.ok("run", costly("changing", "constraints: ['cost >= 3']\n"
        + "budget: {trials: 5}\n").toString());
    assertThat(added.err()).contains("study 'changing' had the constraints [] and now has "
        + "[cost >= 3]; the trials finished before keep the values of the old ones");
    // those three have none: infeasible for every reader, the run's summary and studies best
    assertThat(added.out()).contains("feasible:     ");
    String best = Cli.ok("studies", "best", "--storage", db(), "--study", "changing").out();
    assertThat(added.out()).containsPattern("best trial: +#" + best.split(" ")[1] + ",");
    // the same bounds written otherwise are no change
    Cli same = Cli.ok("run", costly("changing", "constraints: ['cost>=3.0']\n"
        + "budget: {trials: 6}\n").toString());
    assertThat(same.err()).doesNotContain("had the constraints");
  }

  @Test
  void aWorkerAsksTheConstraintsOfTheStoredConfiguration() {
    Path f = costly("joined", "constraints: ['cost >= 3']\nbudget: {trials: 6}\n");
    // the run stores the study and its configuration and starts no trial; the worker re-parses
    // the stored configuration, constraints included
    Cli.ok("run", f.toString(), "--timeout", "1ms");
    Cli.ok("worker", "--storage", db(), "--study", "joined", "--timeout", "1m");
    assertThat(trials("joined")).hasSize(6).allSatisfy(t -> assertThat(t.constraintValues())
        .hasValueSatisfying(c -> assertThat(c).containsExactly(3 - (double) t.param("x"))));
  }

  @Test
  void aTrainingStudyKeepsToNetworksWithinItsSizeBound() {
    Path f = Studies.file(dir, "t.yaml", """
        name: small-net
        storage: %s
        data:
          synthetic: {samples: 200, features: 4, classes: 2, seed: 7}
          split: {validation: 0.25, test: 0.2, seed: 1}
        model: {mlp: {layers: [1, 2], units: [8, 64]}}
        training: {epochs: 2}
        objective: {metric: accuracy}
        constraints: [parameters <= 300]
        sampler: {name: random, seed: 4}
        budget: {trials: 8}
        """.formatted(db()));
    Cli r = Cli.ok("run", f.toString());
    List<FrozenTrial> trials = trials("small-net");
    assertThat(trials).allMatch(t -> t.state() != TrialState.COMPLETE
        || t.constraintValues().orElseThrow()[0]
            == ((Number) t.userAttrs().get("parameters")).doubleValue() - 300);
    assertThat(trials).anyMatch(t -> !Feasibility.feasible(t)).anyMatch(Feasibility::feasible);
    FrozenTrial best = trials.stream().filter(Feasibility::feasible)
        .max(java.util.Comparator.comparingDouble(FrozenTrial::value)).orElseThrow();
    assertThat(r.out()).containsPattern("best model \\(trial " + best.number() + "\\): test ");
  }

  @Test
  void tellStoresConstraintValuesAndRefusesNaN() {
    Path f = costly("told", "");
    for (int i = 0; i < 2; i++) {
      Cli.ok("ask", "--storage", db(), "--study", "told", "--config", f.toString());
    }
    Cli.ok("tell", "--storage", db(), "--study", "told", "--trial", "0", "--value", "1",
        "--constraints", "0.5,-1");
    Cli.ok("tell", "--storage", db(), "--study", "told", "--trial", "1", "--value", "2",
        "--constraints", "-1,0");
    Cli.ok("ask", "--storage", db(), "--study", "told", "--config", f.toString());
    Cli nan = Cli.run("tell", "--storage", db(), "--study", "told", "--trial", "2", "--value",
        "2", "--constraints", "nan");
    assertThat(nan.code()).isNotZero();
    assertThat(nan.err()).contains("--constraints [NaN] contains NaN");
    assertThat(Cli.ok("tell", "--storage", db(), "--study", "told", "--trial", "2", "--value",
        "0.5").err()).contains("study 'told' is constrained").contains("counts as infeasible");
    List<FrozenTrial> trials = trials("told");
    assertThat(trials.get(0).constraintValues().orElseThrow()).containsExactly(0.5, -1);
    assertThat(Cli.ok("studies", "best", "--storage", db(), "--study", "told").out())
        .contains("trial 1 ").doesNotContain("trial 0 ");
  }
}
