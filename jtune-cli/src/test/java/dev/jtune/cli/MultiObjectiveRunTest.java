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

/** {@code jtune run} and {@code jtune worker} on a study file with {@code directions}. */
class MultiObjectiveRunTest {
  @TempDir
  Path dir;

  private String db() {
    return "jdbc:sqlite:" + dir.resolve("study.db");
  }

  private Path file(String name, int trials) {
    return Studies.file(dir, name + ".yaml", """
        name: %s
        directions: [minimize, minimize]
        storage: %s
        objective: {function: demo-size}
        budget: {trials: %d}
        """.formatted(name, db(), trials));
  }

  private List<FrozenTrial> trials(String study) {
    try (Storage s = JdbcStorage.open(db())) {
      StudyId id = s.findStudy(study).orElseThrow();
      assertThat(s.study(id).directions())
          .containsExactly(StudyDirection.MINIMIZE, StudyDirection.MINIMIZE);
      return s.trials(id);
    }
  }

  @Test
  void aStudyOfTwoObjectivesRunsWithTheGpAndReportsItsParetoFront() {
    Cli r = Cli.ok("run", file("front", 30).toString(), "--sampler-arg", "seed=4");
    assertThat(r.out()).contains("Created study 'front'").contains("30/30")
        .containsPattern("30/30 .* Pareto front \\d+  pruned 0  failed 0")
        .contains("[MINIMIZE, MINIMIZE]").contains("metrics:      [loss, weights_thousands]")
        .containsPattern("rank +number +pareto +loss +weights_thousands")
        // one importance table per objective, by its name
        .contains("Parameter importance (fANOVA of loss over 30 complete trials)")
        .contains("Parameter importance (fANOVA of weights_thousands over 30 complete trials)");
    List<FrozenTrial> trials = trials("front");
    assertThat(trials).hasSize(30).allMatch(t -> t.state() == TrialState.COMPLETE
        && t.values().size() == 2);
    // the default sampler serves a study of several objectives with the GP (ParEGO) once its
    // Sobol' startup is over: it stores each proposal with the trial
    assertThat(trials.subList(20, 30))
        .allMatch(t -> t.systemAttrs().containsKey(dev.jtune.sampler.gp.GpSampler.RELATIVE_PARAMS));

    // the JSON summary lists the Pareto front, a front of trials no other dominates
    Cli json = Cli.ok("run", file("front", 32).toString(), "--json");
    String end = json.out().lines().filter(l -> l.contains("\"event\":\"end\"")).findFirst()
        .orElseThrow();
    assertThat(json.out()).contains("\"pareto_front_size\":");
    assertThat(end).contains("\"best\":null").contains("\"best_trials\":[{\"number\":")
        .contains("\"importances\":{\"loss\":{").contains("},\"weights_thousands\":{");
    List<FrozenTrial> all = trials("front");
    assertThat(Cli.ok("studies", "show", "--storage", db(), "--study", "front", "--json").out())
        .contains("\"metric_names\":[\"loss\",\"weights_thousands\"]");
    long front = all.stream().filter(t -> all.stream().noneMatch(o -> dominates(o, t))).count();
    assertThat(end.split("\"number\":", -1)).hasSize((int) front + 1);
  }

  @Test
  void aWorkerJoinsWithTheStoredDirectionsAndTheCheckPrintsThem() {
    Cli check = Cli.ok("run", file("joined", 6).toString(), "--check");
    assertThat(check.out()).contains("study 'joined' ([minimize, minimize])");
    assertThat(Cli.ok("run", file("joined", 6).toString(), "--check", "--json").out())
        .contains("\"directions\":[\"minimize\",\"minimize\"]").doesNotContain("\"direction\"");
    // the run stores the study and its configuration and starts no trial (its time is up at
    // once); the worker re-parses the stored configuration and runs the whole budget
    Cli.ok("run", file("joined", 6).toString(), "--timeout", "1ms");
    assertThat(trials("joined")).hasSizeLessThan(6);
    Cli.ok("worker", "--storage", db(), "--study", "joined", "--timeout", "1m");
    assertThat(trials("joined")).hasSize(6).allMatch(t -> t.state() == TrialState.COMPLETE
        && t.values().size() == 2);
    Cli.ok("run", file("joined", 10).toString(), "--trials", "10");
    assertThat(trials("joined")).hasSize(10).allMatch(t -> t.values().size() == 2);
  }

  @Test
  void aStoredStudyOfOneDirectionIsNotResumedWithTwo() {
    Path one = Studies.file(dir, "one.yaml", """
        name: clash
        storage: %s
        objective: {function: demo}
        budget: {trials: 3}
        """.formatted(db()));
    Cli.ok("run", one.toString());
    Cli r = Cli.run("run", file("clash", 6).toString());
    assertThat(r.code()).isEqualTo(ExitCode.CONFIG.code());
    assertThat(r.err()).contains("study 'clash'").contains("cannot be resumed");
    assertThat(trials2("clash")).hasSize(3);
  }

  private List<FrozenTrial> trials2(String study) {
    try (Storage s = JdbcStorage.open(db())) {
      return s.trials(s.findStudy(study).orElseThrow());
    }
  }

  private static boolean dominates(FrozenTrial a, FrozenTrial b) {
    boolean better = false;
    for (int i = 0; i < 2; i++) {
      if (a.values().get(i) > b.values().get(i)) {
        return false;
      }
      better |= a.values().get(i) < b.values().get(i);
    }
    return better;
  }
}
