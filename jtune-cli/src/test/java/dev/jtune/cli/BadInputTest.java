package dev.jtune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every bad input gives one clear line and its exit code, and changes nothing stored. */
class BadInputTest {
  @TempDir
  Path dir;

  private Cli runYaml(String yaml, String... extra) {
    Path f = Studies.file(dir, "bad.yaml", yaml);
    String[] args = new String[extra.length + 2];
    args[0] = "run";
    args[1] = f.toString();
    System.arraycopy(extra, 0, args, 2, extra.length);
    Cli r = Cli.run(args);
    assertThat(r.err()).startsWith("jtune: ").doesNotContain("\tat ").doesNotContain("Exception");
    return r;
  }

  /** A study of an objective class (define-by-run, random search seeded 1) in dir/study.db. */
  private String classStudy(String name, Class<?> objective, int trials) {
    return """
        name: %s
        direction: minimize
        storage: jdbc:sqlite:%s
        objective: {class: %s}
        sampler: {name: random, seed: 1}
        budget: {trials: %d}
        """.formatted(name, dir.resolve("study.db"), objective.getName(), trials);
  }

  private String good() {
    return Studies.sphere(dir, "s", 5);
  }

  @Test
  void aSyntaxErrorNamesFileLineAndColumn() {
    Cli r = runYaml("name: s\nobjective: {function: sphere\nspace: [\n");
    assertThat(r.code()).isEqualTo(3);
    assertThat(r.err()).containsPattern("bad\\.yaml:\\d+:\\d+: YAML syntax error");
  }

  @Test
  void anUnknownKeyIsRejectedWithTheClosestValidKey() {
    Cli top = runYaml(good().replace("budget:", "budgte:"));
    assertThat(top.code()).isEqualTo(3);
    assertThat(top.err()).contains("bad.yaml:14:1: budgte: unknown key 'budgte'; did you mean "
        + "'budget'?");
    Cli nested = runYaml(good().replace("seed: 1", "seed: 1\n  startup-trial: 3")
        .replace("name: random", "name: tpe"));
    assertThat(nested.err()).contains("sampler.startup-trial: unknown key 'startup-trial'; did "
        + "you mean 'startup-trials'?").containsPattern("bad\\.yaml:14:3").contains("Valid keys: name, seed, startup-trials");
    Cli param = runYaml(good().replace("high: 3.0}", "hihg: 3.0}"));
    assertThat(param.err()).contains("space.x.hihg: unknown key 'hihg'; did you mean 'high'?");
    Cli sampler = runYaml(good().replace("name: random", "name: randm"));
    assertThat(sampler.err()).contains("sampler.name: unknown sampler 'randm'; did you mean "
        + "'random'?");
    Cli pruner = runYaml(good() + "pruner: {name: medain}\n");
    assertThat(pruner.err()).contains("pruner.name: unknown pruner 'medain'; did you mean "
        + "'median'?");
  }

  @Test
  void illTypedAndOutOfRangeValuesNameTheExpectedForm() {
    Cli trials = runYaml(good().replace("trials: 5", "trials: many"));
    assertThat(trials.code()).isEqualTo(3);
    assertThat(trials.err()).contains("bad.yaml:15:11: budget.trials: expected a whole number "
        + "from 1 to 10000000, found 'many'");
    Cli zero = runYaml(good().replace("trials: 5", "trials: 0"));
    assertThat(zero.err()).contains("budget.trials: expected a whole number from 1 to 10000000, "
        + "found 0");
    Cli log = runYaml(good().replace("high: 3.0}", "high: 3.0, log: true}"));
    assertThat(log.err()).contains("space.x").contains("low");
    Cli direction = runYaml(good().replace("direction: minimize", "direction: minimise"));
    assertThat(direction.err()).contains("direction: unknown value 'minimise'; did you mean "
        + "'minimize'?");
    Cli time = runYaml(good().replace("trials: 5", "trials: 5\n  time: soon"));
    assertThat(time.err()).contains("budget.time: expected a duration such as 90s");
    Cli when = runYaml(good().replace("when: {opt: sgd}", "when: {opt: sgdd}"));
    assertThat(when.err()).contains("space.momentum.when.opt: sgdd is not a choice of opt");
    Cli whenOrder = runYaml(good().replace("when: {opt: sgd}", "when: {optt: sgd}"));
    assertThat(whenOrder.err()).contains("no earlier parameter 'optt'; did you mean 'opt'?");
    Cli whenNumber = runYaml(good().replace("when: {opt: sgd}", "when: {n: 3}"));
    assertThat(whenNumber.err()).contains("space.momentum.when.n: 3 is not a value n can take");
    Cli sampler = runYaml(good().replace("seed: 1", "seed: 1\n  startup-trials: -1")
        .replace("name: random", "name: tpe"));
    assertThat(sampler.err()).contains("sampler.startup-trials: expected a whole number from 0");
    Cli overrideArg = runYaml(good(), "--trials", "-3");
    assertThat(overrideArg.err()).contains("option --trials: budget.trials: expected a whole "
        + "number from 1");
  }

  @Test
  void aMissingFileOrClassIsNamed() {
    Cli missing = Cli.run("run", dir.resolve("nope.yaml").toString());
    assertThat(missing.code()).isEqualTo(3);
    assertThat(missing.err()).contains("nope.yaml: no such file");
    Cli noClass = runYaml(good().replace("function: sphere", "class: com.example.Missing"));
    assertThat(noClass.err()).contains("objective.class: class com.example.Missing is not on the "
        + "classpath");
    Cli notObjective = runYaml(good().replace("function: sphere", "class: java.lang.String"));
    assertThat(notObjective.err()).contains("does not implement dev.jtune.study.Objective");
    Cli wrongMetric = runYaml("""
        name: t
        data: {synthetic: {samples: 100, features: 4, classes: 2}}
        model: {mlp: {layers: [1, 1]}}
        objective: {metric: mse}
        """, "--storage", "jdbc:sqlite:" + dir.resolve("t.db"));
    assertThat(wrongMetric.code()).isEqualTo(3);
    assertThat(wrongMetric.err()).contains("bad.yaml:2:1: data: objective val_mse does not apply "
        + "to a BINARY task; it can use [loss, accuracy, auc]");
    assertThat(Files.exists(dir.resolve("t.db"))).isFalse();
    String mlp = """
        name: t
        data: {csv: {path: missing.csv, label: y}}
        model: {mlp: {layers: [1, 2]}}
        training: {optimizers: [adma]}
        """;
    Cli noData = runYaml(mlp);
    assertThat(noData.err()).contains("data.csv.path: no such data file: "
        + dir.resolve("missing.csv"));
    Studies.file(dir, "missing.csv", "x,y\n1,0\n");
    assertThat(runYaml(mlp).err()).contains("training.optimizers: unknown optimizer 'adma'; did "
        + "you mean 'adam'?");
    assertThat(runYaml(mlp.replace("[1, 2]", "[3, 2]")).err())
        .contains("model.mlp.layers: min=3 must be <= max=2");
    Cli empty = runYaml("");
    assertThat(empty.err()).contains("the file is empty");
  }

  @Test
  void unreachableOrUnsupportedStorageIsNamed() {
    Cli noDir = runYaml(good(), "--storage", "jdbc:sqlite:" + dir.resolve("no/such/dir.db"));
    assertThat(noDir.code()).isEqualTo(4);
    assertThat(noDir.err()).contains("no/such").contains("does not exist");
    Cli scheme = runYaml(good(), "--storage", "mysql://x/y");
    assertThat(scheme.code()).isEqualTo(2);
    assertThat(scheme.err()).contains("storage URL 'mysql://x/y' is not supported");
    Cli list = Cli.run("studies", "list", "--storage", dir.resolve("typo.db").toString());
    assertThat(list.code()).isEqualTo(4);
    assertThat(list.err()).contains("no SQLite database at").contains("typo.db");
    assertThat(Files.exists(dir.resolve("typo.db"))).isFalse();
  }

  @Test
  void readCommandsLeaveADatabaseWithoutStudiesUnchanged() throws Exception {
    Path other = dir.resolve("other-app.db");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + other);
         Statement s = c.createStatement()) {
      s.execute("CREATE TABLE orders (id INTEGER PRIMARY KEY)");
    }
    byte[] before = Files.readAllBytes(other);
    Cli list = Cli.run("studies", "list", "--storage", other.toString());
    assertThat(list.code()).isEqualTo(4);
    assertThat(list.err()).contains("other-app.db").contains("no Optuna tables")
        .contains("left unchanged");
    assertThat(Files.readAllBytes(other)).isEqualTo(before);
  }

  @Test
  void checkReadsTheTrainingDataSoABadRowFailsTheCheck() {
    Studies.file(dir, "rows.csv", "x,y\n1,0\n2,oops\n3,1\n");
    Path f = Studies.file(dir, "t.yaml", """
        name: t
        data: {csv: {path: rows.csv, label: y, regression: true}}
        model: {mlp: {layers: [1, 1]}}
        objective: {metric: mse}
        """);
    Cli r = Cli.run("run", f.toString(), "--check");
    assertThat(r.code()).isEqualTo(3);
    assertThat(r.err()).contains("rows.csv:3");
  }

  @Test
  void anErrorInTheObjectiveIsOneLineAndTheFinishedTrialsStay() {
    Cli r = runYaml(classStudy("s", ErrorObjective.class, 5));
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("threw java.lang.NoClassDefFoundError: com/example/Gone")
        .contains("finished trials are stored");
    assertThat(Cli.ok("studies", "list", "--storage", "jdbc:sqlite:" + dir.resolve("study.db"))
        .out()).containsPattern("s\\s+minimize\\s+2\\s+1\\s+0\\s+1");
  }

  @Test
  void aRunInWhichEveryTrialFailsIsNotASuccess() {
    Cli r = runYaml(classStudy("f", FailingObjective.class, 3));
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("every trial of this run failed (3)");
  }

  /**
   * The budget counts finished trials: a run whose trials sometimes fail goes on until the study
   * has them all (it ended with 4 of 6 and exit 0, and each re-run added a few).
   */
  @Test
  void failedTrialsDoNotCountTowardsTheBudget() {
    Cli r = Cli.run("run", Studies.file(dir, "some.yaml",
        classStudy("some", SometimesFailingObjective.class, 6)).toString(), "--jobs", "1");
    assertThat(r.code()).isEqualTo(0);
    assertThat(Cli.ok("studies", "list", "--storage", "jdbc:sqlite:" + dir.resolve("study.db"))
        .out()).containsPattern("some\\s+minimize\\s+9\\s+6\\s+0\\s+3");
    assertThat(r.out()).contains("6/6");
  }

  @Test
  void optionValuesThatCannotWorkAreRefusedBeforeAnythingRuns() throws IOException {
    Cli top = runYaml(good(), "--top", "-1");
    assertThat(top.code()).isEqualTo(2);
    assertThat(top.err()).contains("--top -1 must be >= 0");
    Cli grid = Cli.run("demo", "--sampler", "grid", "--storage",
        "jdbc:sqlite:" + dir.resolve("demo.db"));
    assertThat(grid.code()).isEqualTo(3);
    assertThat(grid.err()).contains("--sampler grid: the demo runs random");
    assertThat(Files.exists(dir.resolve("study.db"))).isFalse();
    assertThat(Files.exists(dir.resolve("demo.db"))).isFalse();
    Path folder = Files.createDirectories(dir.resolve("folder.db"));
    Cli directory = runYaml(good(), "--storage", "jdbc:sqlite:" + folder);
    assertThat(directory.code()).isEqualTo(4);
    assertThat(directory.err()).contains("is a directory");
  }

  @Test
  void aRunThatFailsToStartTouchesNothingStored() throws IOException {
    Path f = Studies.file(dir, "s.yaml", good());
    Cli.ok("run", f.toString());
    byte[] before = Files.readAllBytes(dir.resolve("study.db"));
    String exportBefore = Cli.ok("studies", "export", "--storage", "jdbc:sqlite:"
        + dir.resolve("study.db"), "--study", "s", "--format", "json").out();
    // a bad file pointing at the same storage, and a good file whose direction clashes
    runYaml(good().replace("trials: 5", "trials: 0"), "--overwrite");
    Cli clash = runYaml(good().replace("direction: minimize", "direction: maximize")
        .replace("trials: 5", "trials: 9"));
    assertThat(clash.code()).isEqualTo(3);
    assertThat(clash.err()).contains("study 's'").contains("cannot be resumed");
    Cli kind = runYaml(good().replace("x: {type: float, low: -3.0, high: 3.0}",
        "x: {type: int, low: -3, high: 3}").replace("trials: 5", "trials: 9"));
    assertThat(kind.code()).isEqualTo(3);
    assertThat(kind.err()).contains("cannot be resumed").contains("parameter 'x' is int");
    Cli scale = runYaml(good().replace("x: {type: float, low: -3.0, high: 3.0}",
        "x: {type: float, low: 0.001, high: 3.0, log: true}").replace("trials: 5", "trials: 9"));
    assertThat(scale.code()).isEqualTo(3);
    assertThat(scale.err()).contains("parameter 'x' is float[0.001, 3.0, log]");
    assertThat(Files.readAllBytes(dir.resolve("study.db"))).isEqualTo(before);
    assertThat(Cli.ok("studies", "export", "--storage", "jdbc:sqlite:" + dir.resolve("study.db"),
        "--study", "s", "--format", "json").out()).isEqualTo(exportBefore);
  }

  @Test
  void studiesCommandsNameWhatIsMissing() {
    Path f = Studies.file(dir, "s.yaml", good());
    Cli.ok("run", f.toString());
    String db = "jdbc:sqlite:" + dir.resolve("study.db");
    Cli show = Cli.run("studies", "show", "--storage", db, "--study", "nope");
    assertThat(show.code()).isEqualTo(5);
    assertThat(show.err()).contains("no study named 'nope'").contains("[s]");
    Cli delete = Cli.run("studies", "delete", "--storage", db, "--study", "s");
    assertThat(delete.code()).isEqualTo(2);
    assertThat(delete.err()).contains("--yes");
    Cli noSub = Cli.run("studies");
    assertThat(noSub.code()).isEqualTo(2);
  }
}
