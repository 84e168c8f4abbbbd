package dev.jtune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jtune.sampler.RandomSampler;
import dev.jtune.storage.jdbc.JdbcStorage;
import dev.jtune.study.Study;
import dev.jtune.study.StudyDirection;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.nio.file.Path;

class ImportanceCommandTest {
  @TempDir
  Path dir;
  String db;

  @BeforeEach
  void studies() {
    db = "jdbc:sqlite:" + dir.resolve("study.db");
    try (JdbcStorage s = JdbcStorage.open(db)) {
      Study.builder().name("linear").storage(s).sampler(new RandomSampler(3)).build()
          .optimize(t -> 10 * t.suggestFloat("x", 0, 1) + t.suggestFloat("y", 0, 1), 60);
      Study.builder().name("one").storage(s).build().optimize(t -> t.suggestFloat("x", 0, 1), 1);
      Study two = Study.builder().name("two").storage(s).sampler(new RandomSampler(4))
          .directions(StudyDirection.MINIMIZE, StudyDirection.MAXIMIZE).build();
      for (int i = 0; i < 40; i++) {
        var trial = two.ask();
        double x = trial.suggestFloat("x", 0, 1);
        double y = trial.suggestFloat("y", 0, 1);
        two.tell(trial, x, y);
      }
    }
  }

  @Test
  void printsEachParametersShareHighestFirst() throws Exception {
    String text = Cli.ok("studies", "importance", "--storage", db, "--study", "linear").out();
    assertThat(text).startsWith("Parameter importance (fANOVA of value over 60 complete trials):\n")
        .containsPattern("\n  x  0\\.9\\d\\d  #+\n  y  0\\.0\\d\\d( +#+)?\n$");

    JsonNode json = new ObjectMapper().readTree(Cli.ok("studies", "importance", "--storage", db,
        "--study", "linear", "--method", "mdi", "--json").out());
    assertThat(json.get("method").asText()).isEqualTo("mean decrease impurity");
    assertThat(json.get("trials").asInt()).isEqualTo(60);
    assertThat(json.get("importances").fieldNames()).toIterable().containsExactly("x", "y");
    assertThat(json.get("importances").get("x").asDouble()).isGreaterThan(0.8);

    assertThat(Cli.ok("studies", "importance", "--storage", db, "--study", "linear",
        "--params", "y").out()).contains("  y  1.000");
  }

  /** PED-ANOVA: the best trials by each objective's own direction. */
  @Test
  void pedAnovaJudgesTheBestTrialsByTheObjectivesDirection() throws Exception {
    JsonNode json = new ObjectMapper().readTree(Cli.ok("studies", "importance", "--storage", db,
        "--study", "linear", "--method", "ped-anova", "--quantile", "0.2", "--json").out());
    assertThat(json.get("method").asText()).isEqualTo("PED-ANOVA");
    assertThat(json.get("importances").get("x").asDouble()).isGreaterThan(0.8);
    // a maximized study whose best trials need x > 0.5 and a large y; minimized, the best are the
    // many tied at 0 (any x <= 0.5, any y), where y says nothing
    try (JdbcStorage s = JdbcStorage.open(db)) {
      for (StudyDirection d : StudyDirection.values()) {
        Study.builder().name("gate-" + d).storage(s).direction(d).sampler(new RandomSampler(5))
            .build().optimize(t -> {
              double x = t.suggestFloat("x", 0, 1);
              double y = t.suggestFloat("y", 0, 1);
              return x > 0.5 ? y : 0;
            }, 200);
      }
    }
    JsonNode up = new ObjectMapper().readTree(Cli.ok("studies", "importance", "--storage", db,
        "--study", "gate-MAXIMIZE", "--method", "ped-anova", "--json").out());
    assertThat(up.get("importances").get("y").asDouble()).isGreaterThan(0.3);
    JsonNode down = new ObjectMapper().readTree(Cli.ok("studies", "importance", "--storage", db,
        "--study", "gate-MINIMIZE", "--method", "ped-anova", "--quantile", "0.4", "--json").out());
    assertThat(down.get("importances").get("y").asDouble()).isLessThan(0.1);
    // objective 1 of a two-objective study, by its own direction
    assertThat(Cli.ok("studies", "importance", "--storage", db, "--study", "two",
        "--objective", "1", "--method", "ped-anova").out())
        .startsWith("Parameter importance (PED-ANOVA of values_1 over 40");
    Cli other = Cli.run("studies", "importance", "--storage", db, "--study", "linear",
        "--quantile", "0.2");
    assertThat(other.code()).isEqualTo(2);
    assertThat(other.err()).contains("--quantile applies to --method ped-anova, not fanova");
    Cli q = Cli.run("studies", "importance", "--storage", db, "--study", "linear", "--method",
        "ped-anova", "--quantile", "1");
    assertThat(q.code()).isEqualTo(2);
    assertThat(q.err()).contains("--quantile 1.0 must be in (0, 1)");
    Cli m = Cli.run("studies", "importance", "--storage", db, "--study", "linear", "--method",
        "shap");
    assertThat(m.code()).isEqualTo(2);
    assertThat(m.err()).contains("--method shap is not one of [fanova, mdi, ped-anova]");
  }

  @Test
  void aMultiObjectiveStudyNeedsAnObjective() {
    Cli none = Cli.run("studies", "importance", "--storage", db, "--study", "two");
    assertThat(none.code()).isEqualTo(2);
    assertThat(none.err()).contains("study 'two' has 2 objectives; choose one with --objective 0..1");

    assertThat(Cli.ok("studies", "importance", "--storage", db, "--study", "two",
        "--objective", "1").out()).contains("of values_1 over 40").containsPattern("\n  y  0\\.9");
    Cli beyond = Cli.run("studies", "importance", "--storage", db, "--study", "two",
        "--objective", "2");
    assertThat(beyond.code()).isEqualTo(2);
    assertThat(beyond.err()).contains("--objective 2 is not an objective of study 'two'");
  }

  @Test
  void badRequestsSayWhatIsWrong() {
    Cli one = Cli.run("studies", "importance", "--storage", db, "--study", "one");
    assertThat(one.code()).isEqualTo(5);
    assertThat(one.err()).isEqualTo("jtune: study 'one': parameter importances need at least two"
        + " complete trials; the study has 1 of 1 trials complete\n");

    Cli unknown = Cli.run("studies", "importance", "--storage", db, "--study", "linear",
        "--params", "lr");
    assertThat(unknown.code()).isEqualTo(2);
    assertThat(unknown.err()).contains("no complete trial has parameter 'lr'; the complete trials"
        + " have [x, y]");
  }

  @Test
  void aRunEndsWithTheImportancesOfItsParameters() throws Exception {
    String out = Cli.ok("run", Studies.file(dir, "s.yaml", Studies.sphere(dir, "sphere", 12))
        .toString()).out();
    // momentum exists only for sgd trials, so it is not shared by all of them
    assertThat(out).containsPattern(
        "\nParameter importance \\(fANOVA of value over 12 complete trials\\):\n(  (x|n|opt) .*\n){3}\n")
        .endsWith("\nCharts: jtune studies report --storage " + ShellWords.quote(db)
            + " --study sphere -o report.html, or jtune dashboard --storage "
            + ShellWords.quote(db) + "\n");

    String json = Cli.ok("run", Studies.file(dir, "s.yaml", Studies.sphere(dir, "sphere", 14))
        .toString(), "--json").out();
    JsonNode end = new ObjectMapper().readTree(json.lines().reduce((a, b) -> b).orElseThrow());
    assertThat(end.get("event").asText()).isEqualTo("end");
    assertThat(end.get("importances").fieldNames()).toIterable()
        .containsExactlyInAnyOrder("x", "n", "opt");
  }

  @Test
  void printedWordsAreQuotedForAShellWhenNeeded() {
    assertThat(ShellWords.quote("jdbc:sqlite:/tmp/a.db")).isEqualTo("jdbc:sqlite:/tmp/a.db");
    assertThat(ShellWords.quote("my study")).isEqualTo("'my study'");
    assertThat(ShellWords.quote("it's")).isEqualTo("'it'\\''s'");
    assertThat(ShellWords.quote("a&b;c")).isEqualTo("'a&b;c'");
  }

  @Test
  void theRunningTimeCanBeExplainedToo() throws Exception {
    try (JdbcStorage s = JdbcStorage.open(db)) {
      Study.builder().name("slow").storage(s).sampler(new RandomSampler(5)).build()
          .optimize(t -> {
            double sleep = t.suggestFloat("sleep", 0, 1);
            t.suggestFloat("other", 0, 1);
            Thread.sleep((long) (sleep * 40));
            return 0;      // every value equal: only the time varies
          }, 30);
    }

    String text = Cli.ok("studies", "importance", "--storage", db, "--study", "slow",
        "--duration").out();

    assertThat(text).startsWith("Parameter importance (fANOVA of duration_s over 30 complete"
        + " trials):\n  sleep  0.");
    Cli both = Cli.run("studies", "importance", "--storage", db, "--study", "two", "--duration",
        "--objective", "0");
    assertThat(both.code()).isEqualTo(2);
    assertThat(both.err()).contains("--duration and --objective exclude each other");
  }
}