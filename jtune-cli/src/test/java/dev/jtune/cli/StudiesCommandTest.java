package dev.jtune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jtune.storage.Storage;
import dev.jtune.storage.StudyId;
import dev.jtune.storage.jdbc.JdbcStorage;
import dev.jtune.trial.FrozenTrial;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StudiesCommandTest {
  @TempDir
  Path dir;
  String db;

  @BeforeEach
  void study() {
    db = "jdbc:sqlite:" + dir.resolve("study.db");
    Cli.ok("run", Studies.file(dir, "s.yaml", Studies.sphere(dir, "sphere", 12)).toString());
    Cli.ok("run", Studies.file(dir, "t.yaml", Studies.sphere(dir, "other", 3)).toString());
  }

  private List<FrozenTrial> stored() {
    try (Storage s = JdbcStorage.open(db)) {
      StudyId id = s.findStudy("sphere").orElseThrow();
      return s.trials(id);
    }
  }

  @Test
  void valuesPrintWithSixSignificantDigitsAndNoTrailingZeros() {
    java.util.Locale before = java.util.Locale.getDefault();
    java.util.Locale.setDefault(java.util.Locale.GERMANY);   // a comma for a decimal point
    try {
      assertThat(StudiesCommand.format(0.94)).isEqualTo("0.94");
      assertThat(StudiesCommand.format(5633)).isEqualTo("5633");
      assertThat(StudiesCommand.format(100)).isEqualTo("100");
      assertThat(StudiesCommand.format(1.5e-7)).isEqualTo("1.5e-07");
      assertThat(StudiesCommand.format(4020003)).isEqualTo("4020003");
      assertThat(StudiesCommand.format(2e10)).isEqualTo("20000000000");
      assertThat(StudiesCommand.format(-0.0)).isEqualTo("-0");
      assertThat(StudiesCommand.format(2e20)).isEqualTo("2e+20");
      assertThat(StudiesCommand.format(123456789.5)).isEqualTo("1.23457e+08");
      assertThat(StudiesCommand.format(0.1234567)).isEqualTo("0.123457");
      assertThat(StudiesCommand.format(Double.NaN)).isEqualTo("NaN");
      assertThat(StudiesCommand.format(Double.NEGATIVE_INFINITY)).isEqualTo("-Infinity");
    } finally {
      java.util.Locale.setDefault(before);
    }
  }

  @Test
  void listShowTrialsBest() {
    String list = Cli.ok("studies", "list", "--storage", db).out();
    assertThat(list).containsPattern("sphere\\s+minimize\\s+12\\s+12\\s+0\\s+0\\s+0")
        .containsPattern("other\\s+minimize\\s+3");
    assertThat(Cli.ok("studies", "list", "--storage", db, "--json").out().lines())
        .hasSize(2).allMatch(l -> l.startsWith("{\"study\":"));
    assertThat(Cli.ok("studies", "show", "--storage", db, "--study", "sphere").out())
        .contains("Study 'sphere'").contains("stored configuration")
        // the loaded study's sampler would be a default, not the one the study ran with
        .doesNotContain("  sampler:").doesNotContain("  pruner:");
    assertThat(Cli.ok("studies", "trials", "--storage", db, "--study", "sphere").out().lines())
        .hasSize(13);
    assertThat(Cli.ok("studies", "trials", "--storage", db, "--study", "sphere", "--state",
        "fail").out().lines()).hasSize(1);
    FrozenTrial best = stored().stream().min((a, b) -> Double.compare(a.value(), b.value()))
        .orElseThrow();
    assertThat(Cli.ok("studies", "best", "--storage", db, "--study", "sphere").out())
        .startsWith("trial " + best.number() + " ");
  }

  @Test
  void exportingIntoAMissingDirectoryNamesIt() {
    Cli r = Cli.run("studies", "export", "--storage", db, "--study", "sphere", "-o",
        dir.resolve("no/such/out.csv").toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains(dir.resolve("no/such") + " does not exist");
  }

  @Test
  void jsonExportRoundTripsEveryTrial() throws Exception {
    Path file = dir.resolve("out.json");
    Cli.ok("studies", "export", "--storage", db, "--study", "sphere", "--format", "json", "-o",
        file.toString());
    JsonNode root = new ObjectMapper().readTree(Files.readString(file));
    assertThat(root.get("study").asText()).isEqualTo("sphere");
    List<FrozenTrial> trials = stored();
    assertThat(root.get("trials")).hasSize(trials.size());
    for (int i = 0; i < trials.size(); i++) {
      FrozenTrial t = trials.get(i);
      JsonNode j = root.get("trials").get(i);
      assertThat(j.get("number").asInt()).isEqualTo(t.number());
      assertThat(j.get("value").asDouble()).isEqualTo(t.value());
      Map<String, Object> params = t.params();
      List<String> names = new ArrayList<>();
      j.get("params").fieldNames().forEachRemaining(names::add);
      assertThat(names).containsExactlyInAnyOrderElementsOf(params.keySet());
      for (Iterator<Map.Entry<String, JsonNode>> it = j.get("params").fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> p = it.next();
        Object v = params.get(p.getKey());
        if (v instanceof Number n) {
          assertThat(p.getValue().asDouble()).isEqualTo(n.doubleValue());
        } else {
          assertThat(p.getValue().asText()).isEqualTo(v.toString());
        }
      }
    }
    // stdout gives the same text as the file
    assertThat(Cli.ok("studies", "export", "--storage", db, "--study", "sphere", "--format",
        "json").out()).isEqualTo(Files.readString(file));
  }

  @Test
  void csvExportRoundTripsEveryTrial() {
    String csv = Cli.ok("studies", "export", "--storage", db, "--study", "sphere").out();
    List<String> lines = csv.lines().toList();
    List<String> header = List.of(lines.get(0).split(",", -1));
    assertThat(header).startsWith("number", "state", "value").contains("params_x", "params_n",
        "params_opt", "params_momentum");
    List<FrozenTrial> trials = stored();
    assertThat(lines).hasSize(trials.size() + 1);
    for (int i = 0; i < trials.size(); i++) {
      String[] row = lines.get(i + 1).split(",", -1);
      FrozenTrial t = trials.get(i);
      assertThat(Integer.parseInt(row[0])).isEqualTo(t.number());
      assertThat(Double.parseDouble(row[2])).isEqualTo(t.value());
      assertThat(Double.parseDouble(row[header.indexOf("params_x")])).isEqualTo(t.param("x"));
      assertThat(Integer.parseInt(row[header.indexOf("params_n")])).isEqualTo(t.param("n"));
      assertThat(row[header.indexOf("params_opt")]).isEqualTo(t.param("opt"));
      String momentum = row[header.indexOf("params_momentum")];
      assertThat(momentum.isEmpty()).isEqualTo(!t.hasParam("momentum"));
    }
  }

  @Test
  void aStudyWithALiveWorkerIsNeitherDeletedNorOverwritten() {
    // a trial started by a worker that is alive: a fresh heartbeat, as the CLI's workers send
    try (JdbcStorage s = JdbcStorage.open(dev.jtune.storage.jdbc.JdbcStorageConfig.of(db)
        .withHeartbeat(java.time.Duration.ofSeconds(5), java.time.Duration.ofSeconds(30)))) {
      s.createTrial(s.findStudy("other").orElseThrow(),
          dev.jtune.storage.TrialTemplate.running());
    }
    Cli delete = Cli.run("studies", "delete", "--storage", db, "--study", "other", "--yes");
    assertThat(delete.code()).isEqualTo(2);
    assertThat(delete.err()).contains("study 'other' has trial(s) [3] running with a live "
        + "heartbeat");
    Cli overwrite = Cli.run("run", Studies.file(dir, "t.yaml", Studies.sphere(dir, "other", 3))
        .toString(), "--overwrite");
    assertThat(overwrite.code()).isEqualTo(2);
    assertThat(overwrite.err()).contains("trial(s) [3] running with a live heartbeat");
    assertThat(Cli.ok("studies", "list", "--storage", db).out())
        .containsPattern("other\\s+minimize\\s+4\\s+3\\s+0\\s+0\\s+1");
  }

  @Test
  void showJsonOfATwoObjectiveStudyNamesItsParetoFront() throws Exception {
    try (JdbcStorage s = JdbcStorage.open(db)) {
      dev.jtune.study.Study two = dev.jtune.study.Study.builder().name("two").storage(s)
          .directions(dev.jtune.study.StudyDirection.MINIMIZE,
              dev.jtune.study.StudyDirection.MINIMIZE).build();
      double[][] values = {{1, 3}, {2, 2}, {3, 3}, {3, 1}};
      for (double[] v : values) {
        two.tell(two.ask(), v);
      }
    }
    JsonNode show = new ObjectMapper().readTree(Cli.ok("studies", "show", "--storage", db,
        "--study", "two", "--json").out());
    assertThat(show.get("best").isNull()).isTrue();
    assertThat(show.get("best_trials").toString()).isEqualTo("[0,1,3]");
  }

  @Test
  void exportingToADirectoryIsAUsageError() {
    Cli toDir = Cli.run("studies", "export", "--storage", db, "--study", "other", "-o",
        dir.toString());
    assertThat(toDir.code()).isEqualTo(2);
    assertThat(toDir.err()).contains("it is a directory");
  }

  /** Exporting onto the database itself (or its journal) would replace every study in it. */
  @Test
  void exportingOntoTheDatabaseItselfIsRefusedAndLosesNothing() throws Exception {
    byte[] before = java.nio.file.Files.readAllBytes(dir.resolve("study.db"));
    for (String target : new String[] {dir.resolve("study.db").toString(),
        dir.resolve("./study.db").toString(), dir.resolve("study.db-wal").toString()}) {
      Cli r = Cli.run("studies", "export", "--storage", db, "--study", "sphere", "-o", target);
      assertThat(r.code()).as(target).isEqualTo(2);
      assertThat(r.err()).contains("it is the storage's database");
    }
    assertThat(java.nio.file.Files.readAllBytes(dir.resolve("study.db"))).isEqualTo(before);
    assertThat(stored()).hasSize(12);
  }

  @Test
  void deleteRemovesOneStudyOnly() {
    assertThat(Cli.ok("studies", "delete", "--storage", db, "--study", "other", "--yes").out())
        .contains("deleted study 'other' (3 trials)");
    assertThat(Cli.ok("studies", "list", "--storage", db).out()).contains("sphere")
        .doesNotContain("other");
    assertThat(Cli.run("studies", "delete", "--storage", db, "--study", "other", "--yes").code())
        .isEqualTo(5);
  }

  @Test
  void jsonKeysDoNotFollowTheDefaultLocale() {
    java.util.Locale before = java.util.Locale.getDefault();
    java.util.Locale.setDefault(java.util.Locale.forLanguageTag("tr"));
    try {
      assertThat(Cli.ok("studies", "list", "--storage", db, "--json").out())
          .contains("\"fail\":").contains("\"waiting\":").doesNotContain("\u0131");
    } finally {
      java.util.Locale.setDefault(before);
    }
  }
}