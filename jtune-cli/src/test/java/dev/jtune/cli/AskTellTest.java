package dev.jtune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AskTellTest {
  @TempDir
  Path dir;

  @Test
  void aShellLoopOfAskAndTellFillsTheStudy() throws Exception {
    String db = "jdbc:sqlite:" + dir.resolve("study.db");
    Path f = Studies.file(dir, "s.yaml", Studies.sphere(dir, "sphere", 10));
    ObjectMapper json = new ObjectMapper();
    for (int i = 0; i < 5; i++) {
      Cli ask = i == 0
          ? Cli.ok("ask", "--storage", db, "--study", "shell", "--config", f.toString())
          : Cli.ok("ask", "--storage", db, "--study", "shell");
      JsonNode j = json.readTree(ask.out());
      assertThat(j.get("trial").asInt()).isEqualTo(i);
      double x = j.get("params").get("x").asDouble();
      assertThat(j.get("params").has("momentum"))
          .isEqualTo(j.get("params").get("opt").asText().equals("sgd"));
      Cli tell = Cli.ok("tell", "--storage", db, "--study", "shell", "--trial", Integer.toString(i),
          "--value", Double.toString(x * x));
      assertThat(tell.out()).contains("trial " + i + " of study 'shell': COMPLETE");
    }
    Cli.ok("ask", "--storage", db, "--study", "shell");
    Cli.ok("tell", "--storage", db, "--study", "shell", "--trial", "5", "--state", "pruned");
    assertThat(Cli.ok("studies", "list", "--storage", db).out())
        .containsPattern("shell\\s+minimize\\s+6\\s+5\\s+1\\s+0\\s+0");
  }

  /**
   * A script that trains population members itself: each ask names the member's interval, the
   * parent whose checkpoint it starts from (the member's own, with the same parameters), and the
   * obsolete checkpoints it may delete.
   */
  @Test
  void askNamesAPopulationMembersIntervalForAScriptThatTrainsIt() throws Exception {
    String db = "jdbc:sqlite:" + dir.resolve("study.db");
    Path f = Studies.file(dir, "p.yaml", Studies.sphere(dir, "pop", 12)
        .replace("name: random\n  seed: 1", "name: pbt\n  seed: 1\n  population-size: 3"));
    ObjectMapper json = new ObjectMapper();
    java.util.List<JsonNode> asked = new java.util.ArrayList<>();
    for (int i = 0; i < 9; i++) {
      JsonNode j = json.readTree(Cli.ok("ask", "--storage", db, "--study", "pop", "--config",
          f.toString()).out());
      asked.add(j);
      Cli.ok("tell", "--storage", db, "--study", "pop", "--trial", Integer.toString(i),
          "--value", Double.toString(Math.abs(j.get("params").get("x").asDouble()) + i));
    }
    for (int i = 0; i < 9; i++) {
      JsonNode segment = asked.get(i).get("segment");
      assertThat(segment.get("member").asInt()).isEqualTo(i % 3);
      assertThat(segment.get("interval").asInt()).isEqualTo(i / 3);
      assertThat(segment.get("parent").isNull()).isEqualTo(i < 3);
      if (i >= 3 && !segment.get("exploited").asBoolean()) {
        assertThat(asked.get(i).get("params"))
            .isEqualTo(asked.get(segment.get("parent").asInt()).get("params"));
      }
    }
    assertThat(asked.get(8).get("segment").get("obsolete").isArray()).isTrue();
  }

  /**
   * A study with its budget finished, or a grid used up, has nothing to ask: exit 6 ends a shell
   * loop, and no trial is added (a used-up grid added a FAIL trial on every ask).
   */
  @Test
  void askEndsWithExitSixWhenTheBudgetIsFinishedOrTheGridIsUsedUp() {
    String db = "jdbc:sqlite:" + dir.resolve("study.db");
    Path budget = Studies.file(dir, "b.yaml", Studies.sphere(dir, "sphere", 2));
    for (int i = 0; i < 2; i++) {
      Cli.ok("ask", "--storage", db, "--study", "b", "--config", budget.toString());
      Cli.ok("tell", "--storage", db, "--study", "b", "--trial", Integer.toString(i), "--value",
          "1");
    }
    Cli spent = Cli.run("ask", "--storage", db, "--study", "b");
    assertThat(spent.code()).isEqualTo(6);
    assertThat(spent.err()).contains("study 'b' has its budget of 2 finished trials");
    Path grid = Studies.file(dir, "g.yaml", """
        name: g
        storage: %s
        objective: {function: sphere}
        space:
          a: {type: int, low: 0, high: 1}
          s: {type: categorical, choices: [p, q]}
        sampler: grid
        budget: {trials: 10}
        """.formatted(db));
    for (int i = 0; i < 4; i++) {
      Cli.ok("ask", "--storage", db, "--study", "g", "--config", grid.toString());
      Cli.ok("tell", "--storage", db, "--study", "g", "--trial", Integer.toString(i), "--value",
          "1");
    }
    for (int i = 0; i < 2; i++) {
      Cli done = Cli.run("ask", "--storage", db, "--study", "g");
      assertThat(done.code()).isEqualTo(6);
      assertThat(done.err()).contains("study 'g' has handed out every point its sampler has");
    }
    assertThat(Cli.ok("studies", "list", "--storage", db).out())
        .containsPattern("g\\s+minimize\\s+4\\s+4\\s+0\\s+0\\s+0");
  }

  /** ask --config reads the file as run does: base-dir is the file's folder, not the cwd. */
  @Test
  void askReadsTheFileAsRunDoes() throws Exception {
    String db = "jdbc:sqlite:" + dir.resolve("study.db");
    Path sub = java.nio.file.Files.createDirectories(dir.resolve("sub"));
    Path f = Studies.file(sub, "s.yaml", Studies.sphere(dir, "sphere", 10));
    Cli.ok("ask", "--storage", db, "--study", "here", "--config", f.toString());
    try (dev.jtune.storage.Storage s = dev.jtune.storage.jdbc.JdbcStorage.open(db)) {
      String stored = (String) s.study(s.findStudy("here").orElseThrow()).systemAttrs()
          .get(RunCommand.CONFIG_ATTR);
      assertThat(stored).contains("\"base-dir\": \"" + sub.toAbsolutePath().normalize() + "\"");
    }
  }

  @Test
  void tellRefusesWhatCannotBeTold() {
    String db = "jdbc:sqlite:" + dir.resolve("study.db");
    Path f = Studies.file(dir, "s.yaml", Studies.sphere(dir, "sphere", 10));
    Cli.ok("ask", "--storage", db, "--study", "s", "--config", f.toString());
    Cli noValue = Cli.run("tell", "--storage", db, "--study", "s", "--trial", "0");
    assertThat(noValue.code()).isEqualTo(2);
    assertThat(noValue.err()).contains("--value needs 1 number(s)");
    Cli.ok("tell", "--storage", db, "--study", "s", "--trial", "0", "--value", "1.5");
    Cli again = Cli.run("tell", "--storage", db, "--study", "s", "--trial", "0", "--value", "2");
    assertThat(again.code()).isEqualTo(2);
    assertThat(again.err()).contains("already COMPLETE");
    assertThat(Cli.run("tell", "--storage", db, "--study", "s", "--trial", "7", "--value", "2")
        .code()).isEqualTo(5);
    Cli noConfig = Cli.run("ask", "--storage", db, "--study", "nope");
    assertThat(noConfig.code()).isEqualTo(5);
  }

  /**
   * As Optuna's tell: an enqueued (WAITING) trial cannot be told, and a pruned trial keeps its
   * last reported value.
   */
  @Test
  void tellNeedsARunningTrialAndAPrunedOneKeepsItsLastReport() {
    String db = "jdbc:sqlite:" + dir.resolve("study.db");
    Path f = Studies.file(dir, "s.yaml", Studies.sphere(dir, "sphere", 10));
    Cli.ok("ask", "--storage", db, "--study", "s", "--config", f.toString());
    try (dev.jtune.storage.jdbc.JdbcStorage st = dev.jtune.storage.jdbc.JdbcStorage.open(db)) {
      dev.jtune.storage.StudyId id = st.findStudy("s").orElseThrow();
      dev.jtune.trial.FrozenTrial asked = st.trials(id).get(0);
      st.setTrialIntermediateValue(asked.id(), 1, 0.5);
      st.setTrialIntermediateValue(asked.id(), 3, 0.9);
      dev.jtune.study.Study.load("s", st).enqueueTrial(java.util.Map.of("x", 1.0));
    }
    Cli waiting = Cli.run("tell", "--storage", db, "--study", "s", "--trial", "1", "--value", "1");
    assertThat(waiting.code()).isEqualTo(2);
    assertThat(waiting.err()).contains("trial 1 of study 's' is WAITING");
    assertThat(Cli.ok("tell", "--storage", db, "--study", "s", "--trial", "0", "--state",
        "pruned").out()).contains("trial 0 of study 's': PRUNED 0.9");
    // a last report of NaN: pruned without a value (it crashed and left the trial RUNNING); the
    // next ask claims the enqueued trial 1
    Cli.ok("ask", "--storage", db, "--study", "s");
    try (dev.jtune.storage.jdbc.JdbcStorage st = dev.jtune.storage.jdbc.JdbcStorage.open(db)) {
      dev.jtune.storage.StudyId id = st.findStudy("s").orElseThrow();
      st.setTrialIntermediateValue(st.trials(id).get(1).id(), 1, Double.NaN);
    }
    assertThat(Cli.ok("tell", "--storage", db, "--study", "s", "--trial", "1", "--state",
        "pruned").out()).contains("trial 1 of study 's': PRUNED").doesNotContain("NaN");
  }

  /**
   * ask hands out parameters of a declared space only; a trial it cannot give them is failed
   * with the reason, not left RUNNING for ever (an asked trial has no heartbeat).
   */
  @Test
  void askRefusesAStudyWithoutASpaceAndFailsATrialItCannotFill() {
    String db = "jdbc:sqlite:" + dir.resolve("study.db");
    Path own = Studies.file(dir, "own.yaml", """
        name: own
        direction: minimize
        objective: {function: demo}
        """);
    Cli none = Cli.run("ask", "--storage", db, "--study", "own", "--config", own.toString());
    assertThat(none.code()).isEqualTo(3);
    assertThat(none.err()).contains("declares no space");
    assertThat(Cli.ok("studies", "list", "--storage", db).out()).doesNotContain("own");
    Path grid = Studies.file(dir, "grid.yaml", """
        name: grid
        direction: minimize
        objective: {function: sphere}
        space:
          x: {type: categorical, choices: [1.0, 2.0]}
          y: {type: categorical, choices: [p, q]}
        sampler: {name: grid}
        """);
    Cli.ok("ask", "--storage", db, "--study", "grid", "--config", grid.toString());
    // a program enqueued a trial that fixes x only: the grid cannot give it y
    try (dev.jtune.storage.Storage s = dev.jtune.storage.jdbc.JdbcStorage.open(db)) {
      dev.jtune.study.Study.load("grid", s).enqueueTrial(java.util.Map.of("x", 1.0));
    }
    Cli second = Cli.run("ask", "--storage", db, "--study", "grid");
    assertThat(second.code()).isEqualTo(3);
    assertThat(second.err()).contains("trial 1 of study 'grid' could not be given parameters")
        .contains("no value for grid parameter 'y'");
    assertThat(Cli.ok("studies", "list", "--storage", db).out())
        .containsPattern("grid\\s+minimize\\s+2\\s+0\\s+0\\s+1\\s+1")
        .doesNotContainPattern("own\\s+minimize\\s+[1-9]");
  }

  /** As Optuna's tell: a NaN value fails the trial (else it stayed RUNNING for ever). */
  @Test
  void aNaNValueFailsTheTrialWithTheReason() {
    String db = "jdbc:sqlite:" + dir.resolve("study.db");
    Path f = Studies.file(dir, "s.yaml", Studies.sphere(dir, "sphere", 10));
    Cli.ok("ask", "--storage", db, "--study", "s", "--config", f.toString());
    Cli nan = Cli.ok("tell", "--storage", db, "--study", "s", "--trial", "0", "--value", "NaN");
    assertThat(nan.out()).contains("trial 0 of study 's': FAIL");
    assertThat(nan.err()).contains("is NaN");
    assertThat(Cli.ok("studies", "trials", "--storage", db, "--study", "s").out())
        .contains("FAIL");
  }

  @Test
  void tellTakesNanAndInfinitiesAsPythonPrintsThem() {
    String db = "jdbc:sqlite:" + dir.resolve("study.db");
    Path f = Studies.file(dir, "s.yaml", Studies.sphere(dir, "sphere", 10));
    Cli.ok("ask", "--storage", db, "--study", "s", "--config", f.toString());
    Cli.ok("ask", "--storage", db, "--study", "s");
    Cli.ok("ask", "--storage", db, "--study", "s");
    assertThat(Cli.ok("tell", "--storage", db, "--study", "s", "--trial", "0", "--value", "nan")
        .out()).contains("trial 0 of study 's': FAIL");
    assertThat(Cli.ok("tell", "--storage", db, "--study", "s", "--trial", "1", "--value", "inf")
        .out()).contains("trial 1 of study 's': COMPLETE Infinity");
    Cli words = Cli.run("tell", "--storage", db, "--study", "s", "--trial", "2", "--value", "abc");
    assertThat(words.code()).isEqualTo(2);
    assertThat(words.err()).contains("'abc' is not a number");
  }

  /** ask --config checks a stored study as run does, before it writes anything. */
  @Test
  void askWithAConfigThatCannotResumeTheStudyChangesNothing() {
    String db = "jdbc:sqlite:" + dir.resolve("study.db");
    String yaml = Studies.sphere(dir, "sphere", 10);
    Path f = Studies.file(dir, "s.yaml", yaml);
    Cli.ok("ask", "--storage", db, "--study", "s", "--config", f.toString());
    Cli.ok("tell", "--storage", db, "--study", "s", "--trial", "0", "--value", "1");
    String stored = Cli.ok("studies", "show", "--storage", db, "--study", "s").out();
    Path floatN = Studies.file(dir, "f.yaml", yaml.replace(
        "n: {type: int, low: 0, high: 8, step: 2}", "n: {type: float, low: 0.0, high: 8.0}"));
    Cli kinds = Cli.run("ask", "--storage", db, "--study", "s", "--config", floatN.toString());
    assertThat(kinds.code()).isEqualTo(3);
    assertThat(kinds.err()).contains("cannot be resumed with this configuration: parameter 'n'");
    Path maximize = Studies.file(dir, "m.yaml", yaml.replace("direction: minimize",
        "direction: maximize"));
    Cli direction = Cli.run("ask", "--storage", db, "--study", "s", "--config",
        maximize.toString());
    assertThat(direction.code()).isEqualTo(3);
    assertThat(direction.err()).contains("cannot be resumed with this configuration");
    String after = Cli.ok("studies", "show", "--storage", db, "--study", "s").out();
    assertThat(after.lines().filter(l -> l.contains("trials:") || l.contains("stored configuration")))
        .containsExactlyElementsOf(stored.lines()
            .filter(l -> l.contains("trials:") || l.contains("stored configuration")).toList())
        .hasSize(3);
  }

  @Test
  void aPasswordInAStorageUrlIsNeverPrinted() {
    Cli bad = Cli.run("studies", "list", "--storage", "mysql://alice:s3cret@h/db?password=s3cret");
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).contains("alice:***@h/db?password=***").doesNotContain("s3cret");
    // a server that refuses: exit 4, the password hidden (in the driver's message too)
    Cli refused = Cli.run("studies", "list", "--storage",
        "jdbc:postgresql://127.0.0.1:1/db?user=alice&password=s3cret");
    assertThat(refused.code()).isEqualTo(4);
    assertThat(refused.err()).contains("password=***").contains("refused")
        .doesNotContain("s3cret");
  }
}
