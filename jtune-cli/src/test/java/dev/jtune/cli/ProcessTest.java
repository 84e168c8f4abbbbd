package dev.jtune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jtune.storage.Storage;
import dev.jtune.storage.StudyId;
import dev.jtune.storage.jdbc.JdbcStorage;
import dev.jtune.trial.FrozenTrial;
import dev.jtune.trial.TrialState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** The command as separate processes: the demo's default file, workers sharing a study, Ctrl-C. */
@EnabledOnOs({OS.LINUX, OS.MAC})
class ProcessTest {
  private static final Duration LONG = Duration.ofSeconds(90);
  private static final Pattern NUMBER = Pattern.compile("\"event\":\"trial\",\"number\":(\\d+)");

  @TempDir
  Path dir;

  private String sleepy(String name, int trials, int jobs) {
    return """
        name: %s
        storage: jdbc:sqlite:study.db
        objective: {class: dev.jtune.cli.SleepyObjective}
        sampler: {name: random, seed: 3}
        budget: {trials: %d}
        jobs: %d
        """.formatted(name, trials, jobs);
  }

  private List<FrozenTrial> trials(String study) {
    try (Storage s = JdbcStorage.open("jdbc:sqlite:" + dir.resolve("study.db"))) {
      StudyId id = s.findStudy(study).orElseThrow();
      return s.trials(id);
    }
  }

  private static Set<Integer> numbers(String jsonLines) {
    Set<Integer> out = new HashSet<>();
    Matcher m = NUMBER.matcher(jsonLines);
    while (m.find()) {
      out.add(Integer.parseInt(m.group(1)));
    }
    return out;
  }

  @Test
  void theDemoKeepsItsStudyInTheWorkingDirectoryAndResumes() throws Exception {
    try (JtuneProcess first = JtuneProcess.start(dir, "demo1", List.of(), "demo", "--trials",
        "8")) {
      assertThat(first.waitFor(LONG)).as(first.err()).isZero();
      assertThat(first.out()).contains("Created study 'demo' in jdbc:sqlite:jtune-demo.db")
          .contains("8/8").contains("best trial:").contains("best hyperparameters:")
          .contains("test accuracy");
    }
    assertThat(Files.exists(dir.resolve("jtune-demo.db"))).isTrue();
    try (JtuneProcess second = JtuneProcess.start(dir, "demo2", List.of(), "demo", "--trials",
        "10")) {
      assertThat(second.waitFor(LONG)).as(second.err()).isZero();
      assertThat(second.out()).contains("Resuming study 'demo'").contains("running up to 2")
          .contains("10/10");
    }
  }

  @Test
  void twoWorkersShareOneSqliteStudy() throws Exception {
    Path file = Studies.file(dir, "s.yaml", sleepy("shared", 30, 1));
    String db = "jdbc:sqlite:" + dir.resolve("study.db");
    // create the study and store its configuration, as `jtune run` does, without running a trial
    try (dev.jtune.storage.Storage s = dev.jtune.storage.jdbc.JdbcStorage.open(db)) {
      dev.jtune.cli.config.StudyConfig c = dev.jtune.cli.config.StudyConfigParser.standard(dir)
          .parse(dev.jtune.cli.config.YamlSource.load(file));
      s.setStudySystemAttr(StudyRunner.open(c, s, db).id(), RunCommand.CONFIG_ATTR, c.toYaml());
    }
    try (JtuneProcess a = JtuneProcess.start(dir, "a", List.of("-Dsleepy.ms=100"), "worker",
            "--storage", db, "--study", "shared", "--json");
        JtuneProcess b = JtuneProcess.start(dir, "b", List.of("-Dsleepy.ms=100"), "worker",
            "--storage", db, "--study", "shared", "--json")) {
      assertThat(a.waitFor(LONG)).as(a.err()).isZero();
      assertThat(b.waitFor(LONG)).as(b.err()).isZero();
      Set<Integer> byA = numbers(a.out());
      Set<Integer> byB = numbers(b.out());
      assertThat(byA).isNotEmpty().doesNotContainAnyElementsOf(byB);
      assertThat(byB).isNotEmpty();
      List<FrozenTrial> trials = trials("shared");
      // the budget counts both processes; each may finish the trial it had started
      assertThat(trials).hasSizeBetween(30, 32)
          .allMatch(t -> t.state() == TrialState.COMPLETE);
      Set<Integer> all = new HashSet<>(byA);
      all.addAll(byB);
      assertThat(all).hasSize(trials.size());
      assertThat(trials.stream().map(FrozenTrial::number).toList())
          .isEqualTo(java.util.stream.IntStream.range(0, trials.size()).boxed().toList());
    }
  }

  /** Ctrl-C stops the dashboard through its close path: the server and the storage close. */
  @Test
  void ctrlCStopsTheDashboardAndClosesItsStorage() throws Exception {
    Path file = Studies.file(dir, "s.yaml", sleepy("shown", 2, 1));
    try (JtuneProcess run = JtuneProcess.start(dir, "run", List.of("-Dsleepy.ms=1"), "run",
        file.toString())) {
      assertThat(run.waitFor(LONG)).as(run.err()).isZero();
    }
    try (JtuneProcess dashboard = JtuneProcess.start(dir, "dash", List.of(), "dashboard",
        "--storage", "jdbc:sqlite:study.db", "--port", "0")) {
      dashboard.awaitOut(o -> o.contains("(Ctrl-C stops it)"), LONG);
      dashboard.interrupt();
      assertThat(dashboard.waitFor(LONG)).as(dashboard.err()).isEqualTo(130);
      assertThat(dashboard.out()).contains("Dashboard stopped; jdbc:sqlite:study.db closed");
    }
  }

  @Test
  void ctrlCLetsRunningTrialsFinishAndTheNextRunResumes() throws Exception {
    Path file = Studies.file(dir, "s.yaml", sleepy("ctrlc", 40, 2));
    try (JtuneProcess run = JtuneProcess.start(dir, "run", List.of("-Dsleepy.ms=250"), "run",
        file.toString(), "--json")) {
      run.awaitOut(o -> numbers(o).size() >= 3, LONG);
      run.interrupt();
      assertThat(run.waitFor(LONG)).as(run.err()).isEqualTo(130);
      assertThat(run.err()).contains("interrupted; letting");
      assertThat(run.out()).contains("\"event\":\"end\"").contains("\"interrupted\":true");
    }
    List<FrozenTrial> afterStop = trials("ctrlc");
    assertThat(afterStop).noneMatch(t -> t.state() == TrialState.RUNNING)
        .allMatch(t -> t.state() == TrialState.COMPLETE);
    assertThat(afterStop.size()).isBetween(3, 39);
    try (JtuneProcess again = JtuneProcess.start(dir, "again", List.of("-Dsleepy.ms=5"), "run",
        file.toString())) {
      assertThat(again.waitFor(LONG)).as(again.err()).isZero();
      assertThat(again.out()).contains("Resuming study 'ctrlc'")
          .contains(afterStop.size() + " of 40 trials finished");
    }
    assertThat(trials("ctrlc")).hasSizeBetween(40, 41)
        .allMatch(t -> t.state() == TrialState.COMPLETE);
  }

  @Test
  void aSecondCtrlCFailsTheRunningTrialsAndTheDatabaseStaysConsistent() throws Exception {
    Path file = Studies.file(dir, "s.yaml", sleepy("force", 4, 1));
    try (JtuneProcess run = JtuneProcess.start(dir, "run", List.of("-Dsleepy.ms=60000"), "run",
        file.toString())) {
      run.awaitErr(e -> e.contains("sleepy: trial 0 started"), LONG);
      run.interrupt();
      run.awaitErr(e -> e.contains("interrupted; letting 1 running trial(s) finish"), LONG);
      run.interrupt();
      assertThat(run.waitFor(LONG)).as(run.err()).isEqualTo(130);
      assertThat(run.err()).contains("stopping now");
    }
    List<FrozenTrial> trials = trials("force");
    assertThat(trials).hasSize(1);
    assertThat(trials.get(0).state()).isEqualTo(TrialState.FAIL);
    assertThat(trials.get(0).systemAttrs().get(FrozenTrial.FAIL_REASON).toString())
        .contains("interrupted");
    try (JtuneProcess again = JtuneProcess.start(dir, "again", List.of("-Dsleepy.ms=5"), "run",
        file.toString())) {
      assertThat(again.waitFor(LONG)).as(again.err()).isZero();
    }
    List<FrozenTrial> resumed = trials("force");
    assertThat(resumed.stream().filter(t -> t.state() == TrialState.COMPLETE)).hasSize(4);
    assertThat(resumed).hasSize(5);
  }

  @Test
  void badInputInASubprocessGivesOneLineAndTheExitCode() throws Exception {
    Path file = Studies.file(dir, "s.yaml", sleepy("bad", 4, 1).replace("jobs:", "jbos:"));
    try (JtuneProcess run = JtuneProcess.start(dir, "run", List.of(), "run", file.toString())) {
      assertThat(run.waitFor(LONG)).isEqualTo(3);
      assertThat(run.err().strip()).contains("s.yaml:6:1: jbos: unknown key 'jbos'; did you mean "
          + "'jobs'?").doesNotContain("\n");
    }
    assertThat(Files.exists(dir.resolve("study.db"))).isFalse();
  }
}
