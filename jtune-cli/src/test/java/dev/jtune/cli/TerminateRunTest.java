package dev.jtune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jtune.storage.Storage;
import dev.jtune.storage.jdbc.JdbcStorage;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code budget.terminate}: a study that stops before its budget, and refused settings. */
class TerminateRunTest {
  @TempDir
  Path dir;

  private String yaml(String name, String terminate) {
    return """
        name: %s
        storage: jdbc:sqlite:%s
        objective: {function: sphere}
        space:
          x: {type: float, low: -5, high: 5}
        sampler: {name: random, seed: 4}
        budget: {trials: 200, terminate: %s}
        """.formatted(name, dir.resolve("t.db"), terminate);
  }

  private int trials(String study) {
    try (Storage s = JdbcStorage.open("jdbc:sqlite:" + dir.resolve("t.db"))) {
      return s.trials(s.findStudy(study).orElseThrow()).size();
    }
  }

  @Test
  void stagnationStopsTheRunAndAScriptsAskAndAResumedRunFindItDone() {
    Cli r = Cli.ok("run", Studies.file(dir, "s.yaml", yaml("s", "{stagnation: 5}")).toString());
    assertThat(r.out()).contains("stopping early when 5 complete trials in a row have not "
        + "beaten the best").contains("Stopped before the budget");
    int first = trials("s");
    assertThat(first).isLessThan(200);
    // a script's ask finds the study done, and adds no trial
    Cli ask = Cli.run("ask", "--storage", "jdbc:sqlite:" + dir.resolve("t.db"), "--study", "s");
    assertThat(ask.code()).isEqualTo(6);
    assertThat(ask.err()).contains("budget.terminate").contains("have not beaten the best");
    assertThat(trials("s")).isEqualTo(first);
    // and a resumed run (or a worker joining) trains nothing
    Cli again = Cli.ok("run", Studies.file(dir, "s.yaml", yaml("s", "{stagnation: 5}"))
        .toString());
    assertThat(again.out()).contains("Stopped before the budget");
    assertThat(trials("s")).isEqualTo(first);
    // a tolerance the regret bound of a smooth 1-D function soon falls below
    Cli tol = Cli.ok("run", Studies.file(dir, "t.yaml", yaml("t",
        "{tolerance: 0.5, min-trials: 10}")).toString());
    assertThat(tol.out()).contains("Stopped before the budget");
    assertThat(trials("t")).isBetween(10, 199);
  }

  @Test
  void settingsThatCannotWorkAreRefusedAtTheirKey() {
    Cli none = Cli.run("run", Studies.file(dir, "a.yaml", yaml("a", "{}")).toString());
    assertThat(none.code()).isEqualTo(3);
    assertThat(none.err()).contains("budget.terminate").contains("give one of");
    Cli both = Cli.run("run", Studies.file(dir, "b.yaml", yaml("b",
        "{stagnation: 3, tolerance: 0.1}")).toString());
    assertThat(both.code()).isEqualTo(3);
    assertThat(both.err()).contains("found 2");
    Cli function = Cli.run("run", Studies.file(dir, "f.yaml", yaml("f", "cross-validation"))
        .toString());
    assertThat(function.code()).isEqualTo(3);
    assertThat(function.err()).contains("budget.terminate.error").contains("does not");
    String training = """
        name: nn
        storage: jdbc:sqlite:%s
        data: {synthetic: {samples: 100, features: 4}}
        model: {mlp: {layers: [1, 1], units: [8]}}
        training: {epochs: 1}
        budget: {trials: 5, terminate: cross-validation}
        """.formatted(dir.resolve("t.db"));
    Cli holdout = Cli.run("run", Studies.file(dir, "n.yaml", training).toString());
    assertThat(holdout.code()).isEqualTo(3);
    assertThat(holdout.err()).contains("budget.terminate.error").contains("data.split.folds");
    Cli seeds = Cli.run("run", Studies.file(dir, "e.yaml", training.replace("cross-validation",
        "executions")).toString());
    assertThat(seeds.code()).isEqualTo(3);
    assertThat(seeds.err()).contains("training.executions is 1");
  }
}
