package dev.jtune.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jtune.sampler.RandomSampler;
import dev.jtune.trial.FrozenTrial;
import dev.jtune.trial.TrialPrunedException;
import dev.jtune.trial.TrialState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrialExportTest {

  /** An enum whose toString differs from its name, to show that exports use the name. */
  enum Optimizer {
    SGD, ADAM;

    @Override
    public String toString() {
      return "optimizer " + name().toLowerCase();
    }
  }

  private static final String SPECIAL = "a,b \"quoted\"\tand\r\nsecond line";
  private static final List<String> LABELS = Arrays.asList("plain", SPECIAL, null);

  private Study study;
  private List<FrozenTrial> trials;

  /**
   * Trials 0-2 are enqueued to fix their choices: 0 COMPLETE (SPECIAL label, SGD, so it has the
   * conditional momentum), 1 FAIL (null label), 2 PRUNED (ADAM, no momentum). 3 returns +Infinity,
   * 4 sets a nested attribute, 5 is plain, 6 is RUNNING and 7 WAITING.
   */
  @BeforeEach
  void runStudy() {
    study = Study.builder().name("t").direction(StudyDirection.MINIMIZE)
        .sampler(new RandomSampler(1)).build();
    study.enqueueTrial(fixed(SPECIAL, Optimizer.SGD));
    study.enqueueTrial(fixed(null, Optimizer.SGD));
    study.enqueueTrial(fixed("plain", Optimizer.ADAM));
    study.optimize(trial -> {
      double x = trial.suggestFloat("x", -10, 10);
      trial.suggestCategorical("label", LABELS);
      Optimizer opt = trial.suggestEnum("opt", Optimizer.class);
      if (opt == Optimizer.SGD) {
        trial.suggestFloat("momentum", 0.0, 0.99);
      }
      trial.setUserAttr("tag", "t" + trial.number());
      switch (trial.number()) {
        case 1 -> throw new IllegalStateException("boom at 1");
        case 2 -> {
          trial.report(0, 1.0);
          throw new TrialPrunedException("why");
        }
        case 3 -> {
          return Double.POSITIVE_INFINITY;
        }
        case 4 -> trial.setUserAttr("nested", Map.of("k", List.of(1, 2)));
        default -> { }
      }
      return x * x;
    }, 6);
    study.ask();
    study.enqueueTrial(Map.of("x", 1.0));
    trials = study.trials();
    assertThat(trials).extracting(FrozenTrial::state).containsExactly(TrialState.COMPLETE,
        TrialState.FAIL, TrialState.PRUNED, TrialState.COMPLETE, TrialState.COMPLETE,
        TrialState.COMPLETE, TrialState.RUNNING, TrialState.WAITING);
  }

  private static Map<String, Object> fixed(String label, Optimizer opt) {
    Map<String, Object> params = new HashMap<>();
    params.put("label", label);
    params.put("opt", opt);
    return params;
  }

  // ---- CSV ----------------------------------------------------------------------------------

  @Test
  void csvHasOptunaColumnsInFirstAppearanceOrder() throws IOException {
    List<List<String>> rows = Csv.parse(csv(study.directions(), trials));

    assertThat(rows.get(0)).containsExactly("number", "state", "value", "datetime_start",
        "datetime_complete", "duration_s", "params_x", "params_label", "params_opt",
        "params_momentum", "user_attrs_tag", "user_attrs_nested", "reason");
    assertThat(rows).hasSize(1 + trials.size());
    assertThat(rows).allSatisfy(row -> assertThat(row).hasSize(rows.get(0).size()));
  }

  @Test
  void aConstrainedStudyExportsEachTrialsConstraintValues() throws IOException {
    Study constrained = Study.builder().sampler(new dev.jtune.sampler.RandomSampler(1))
        .constraints(t -> new double[] {t.value() - 0.5, -1}).build();
    constrained.optimize(t -> t.suggestFloat("x", 0, 1), 3);
    List<FrozenTrial> done = constrained.trials();
    List<Map<String, String>> rows = Csv.records(csv(constrained.directions(), done));
    assertThat(rows.get(0).get("constraints"))
        .isEqualTo("[" + (done.get(0).value() - 0.5) + ",-1.0]");
    StringBuilder json = new StringBuilder();
    TrialExport.writeJson("c", constrained.directions(), done, json);
    assertThat(json.toString()).contains("\"constraints\": [");
    // an unconstrained study has no such column
    assertThat(Csv.parse(csv(study.directions(), trials)).get(0)).doesNotContain("constraints");
  }

  @Test
  void csvRowsReadBackToTheTrials() throws IOException {
    List<Map<String, String>> rows = Csv.records(csv(study.directions(), trials));

    for (int i = 0; i < trials.size(); i++) {
      FrozenTrial t = trials.get(i);
      Map<String, String> row = rows.get(i);
      assertThat(row.get("number")).isEqualTo(Integer.toString(t.number()));
      assertThat(row.get("state")).isEqualTo(t.state().name());
      assertThat(row.get("value")).isEqualTo(
          t.values().isEmpty() ? "" : Double.toString(t.value()));
      assertThat(row.get("user_attrs_tag")).isEqualTo(
          t.number() < 6 ? "t" + t.number() : "");
      if (t.param("x") != null) {
        assertThat(Double.parseDouble(row.get("params_x"))).isEqualTo(t.param("x"));
      }
    }
    Map<String, String> complete = rows.get(0);
    assertThat(complete.get("params_label")).isEqualTo(SPECIAL);
    assertThat(complete.get("params_opt")).isEqualTo("SGD");
    assertThat(Double.parseDouble(complete.get("params_momentum")))
        .isEqualTo(trials.get(0).param("momentum"));
    assertThat(Instant.parse(complete.get("datetime_start"))).isEqualTo(trials.get(0).started());
    assertThat(Instant.parse(complete.get("datetime_complete")))
        .isEqualTo(trials.get(0).completed());
    Duration duration = trials.get(0).duration().orElseThrow();
    assertThat(new BigDecimal(complete.get("duration_s")))
        .isEqualByComparingTo(BigDecimal.valueOf(duration.toNanos(), 9));
    assertThat(complete.get("reason")).isEmpty();
  }

  @Test
  void csvShowsFailuresPrunesInfinityNestedAttrsAndUnfinishedTrials() throws IOException {
    List<Map<String, String>> rows = Csv.records(csv(study.directions(), trials));

    Map<String, String> failed = rows.get(1);
    assertThat(failed.get("reason")).isEqualTo("java.lang.IllegalStateException: boom at 1");
    assertThat(failed.get("value")).isEmpty();
    assertThat(failed.get("params_label")).as("a null choice").isEmpty();

    Map<String, String> pruned = rows.get(2);
    assertThat(pruned.get("reason")).isEqualTo("why");
    assertThat(pruned.get("value")).as("the last reported value").isEqualTo("1.0");
    assertThat(pruned.get("params_momentum")).as("a conditional parameter").isEmpty();
    assertThat(pruned.get("params_opt")).isEqualTo("ADAM");

    assertThat(rows.get(3).get("value")).isEqualTo("Infinity");
    assertThat(rows.get(4).get("user_attrs_nested")).isEqualTo("{\"k\":[1,2]}");
    assertThat(rows.get(3).get("user_attrs_nested")).isEmpty();

    Map<String, String> running = rows.get(6);
    assertThat(running.get("datetime_start")).isNotEmpty();
    assertThat(running.get("datetime_complete")).isEmpty();
    assertThat(running.get("duration_s")).isEmpty();
    Map<String, String> waiting = rows.get(7);
    assertThat(waiting.get("datetime_start")).isEmpty();
    assertThat(waiting.get("params_x")).isEmpty();
  }

  @Test
  void csvQuotesOnlyWhatRfc4180Requires() throws IOException {
    String text = csv(study.directions(), trials);

    assertThat(text).startsWith("number,state,value,").contains("\r\n");
    assertThat(text).contains("\"a,b \"\"quoted\"\"\tand\r\nsecond line\"");
    assertThat(text).contains("\r\n0,COMPLETE,");
    assertThat(text).doesNotContain("\"plain\"");
  }

  // ---- JSON ---------------------------------------------------------------------------------

  @Test
  void jsonHasStudyDirectionsAndOneObjectPerTrial() throws IOException {
    JsonNode root = json("t", study.directions(), trials);

    assertThat(root.get("study").asText()).isEqualTo("t");
    assertThat(root.get("directions")).hasSize(1);
    assertThat(root.get("directions").get(0).asText()).isEqualTo("MINIMIZE");
    assertThat(root.get("trials")).hasSize(trials.size());
    for (int i = 0; i < trials.size(); i++) {
      JsonNode t = root.get("trials").get(i);
      assertThat(t.get("number").asInt()).isEqualTo(trials.get(i).number());
      assertThat(t.get("state").asText()).isEqualTo(trials.get(i).state().name());
      assertThat(t.has("values")).isFalse();
    }
    JsonNode first = root.get("trials").get(0);
    assertThat(first.get("value").isNumber()).isTrue();
    assertThat(first.get("value").asDouble()).isEqualTo(trials.get(0).value());
    assertThat(first.get("params").get("x").asDouble()).isEqualTo(trials.get(0).param("x"));
    assertThat(first.get("params").get("label").asText()).isEqualTo(SPECIAL);
    assertThat(first.get("params").get("opt").asText()).isEqualTo("SGD");
    assertThat(fieldNames(first.get("params"))).containsExactly("x", "label", "opt", "momentum");
    assertThat(first.get("duration_s").isNumber()).isTrue();
    assertThat(first.get("duration_s").decimalValue()).isEqualByComparingTo(
        BigDecimal.valueOf(trials.get(0).duration().orElseThrow().toNanos(), 9));
    assertThat(Instant.parse(first.get("datetime_start").asText()))
        .isEqualTo(trials.get(0).started());
    assertThat(first.get("reason").isNull()).isTrue();
    assertThat(first.get("user_attrs").get("tag").asText()).isEqualTo("t0");
  }

  @Test
  void jsonKeepsNullChoicesMissingParamsFullReasonsAndNonFiniteValues() throws IOException {
    JsonNode trialsNode = json("t", study.directions(), trials).get("trials");

    JsonNode failed = trialsNode.get(1);
    assertThat(failed.get("value").isNull()).isTrue();
    assertThat(failed.get("params").has("label")).isTrue();
    assertThat(failed.get("params").get("label").isNull()).as("a null choice").isTrue();
    assertThat(failed.get("reason").asText())
        .startsWith("java.lang.IllegalStateException: boom at 1")
        .contains("\n\tat ");

    JsonNode pruned = trialsNode.get(2);
    assertThat(pruned.get("params").has("momentum")).as("a conditional parameter").isFalse();
    assertThat(pruned.get("reason").asText()).isEqualTo("why");
    assertThat(pruned.get("intermediate_values").get("0").asDouble()).isEqualTo(1.0);

    assertThat(trialsNode.get(3).get("value").asText()).isEqualTo("Infinity");
    JsonNode nested = trialsNode.get(4).get("user_attrs").get("nested");
    assertThat(nested.get("k").isArray()).isTrue();
    assertThat(nested.get("k").get(1).asInt()).isEqualTo(2);

    JsonNode running = trialsNode.get(6);
    assertThat(running.get("datetime_complete").isNull()).isTrue();
    assertThat(running.get("duration_s").isNull()).isTrue();
    assertThat(trialsNode.get(7).get("datetime_start").isNull()).isTrue();
  }

  // ---- multi-objective ----------------------------------------------------------------------

  @Test
  void multiObjectiveStudiesGetOneValueColumnPerDirection() throws IOException {
    Study multi = Study.builder().name("m")
        .directions(StudyDirection.MINIMIZE, StudyDirection.MAXIMIZE)
        .sampler(new RandomSampler(1)).build();
    multi.optimizeMulti(t -> {
      double x = t.suggestFloat("x", 0, 1);
      if (t.number() == 4) {
        throw new IllegalArgumentException("bad\nsecond line");
      }
      return new double[] {x, x * x};
    }, OptimizeOptions.trials(5));
    List<FrozenTrial> all = multi.trials();

    List<Map<String, String>> rows = Csv.records(csv(multi.directions(), all));
    assertThat(Csv.parse(csv(multi.directions(), all)).get(0))
        .contains("values_0", "values_1").doesNotContain("value");
    assertThat(Double.parseDouble(rows.get(0).get("values_1"))).isEqualTo(all.get(0).values().get(1));
    assertThat(rows.get(4).get("values_0")).isEmpty();
    assertThat(rows.get(4).get("reason")).isEqualTo("java.lang.IllegalArgumentException: bad");

    JsonNode root = json("m", multi.directions(), all);
    assertThat(root.get("directions").get(1).asText()).isEqualTo("MAXIMIZE");
    JsonNode first = root.get("trials").get(0);
    assertThat(first.has("value")).isFalse();
    assertThat(first.get("values")).hasSize(2);
    assertThat(first.get("values").get(0).asDouble()).isEqualTo(all.get(0).values().get(0));
    assertThat(root.get("trials").get(4).get("values")).isEmpty();
  }

  @Test
  void mismatchedDirectionsAreRejectedBeforeWriting() {
    StringBuilder out = new StringBuilder();
    List<StudyDirection> two = List.of(StudyDirection.MINIMIZE, StudyDirection.MAXIMIZE);

    assertThatThrownBy(() -> TrialExport.writeCsv(two, trials, out))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("trial 0 has 1 values");
    assertThatThrownBy(() -> TrialExport.writeJson("t", List.of(), trials, out))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("got []");
    assertThat(out).isEmpty();
  }

  @Test
  void anEmptyStudyExportsAHeaderAndAnEmptyList() throws IOException {
    assertThat(csv(List.of(StudyDirection.MAXIMIZE), List.of())).isEqualTo(
        "number,state,value,datetime_start,datetime_complete,duration_s,reason\r\n");
    JsonNode root = json("e", List.of(StudyDirection.MAXIMIZE), List.of());
    assertThat(root.get("trials").isArray()).isTrue();
    assertThat(root.get("trials")).isEmpty();
  }

  // ---- files --------------------------------------------------------------------------------

  /**
   * Half an emoji in a stored string, as the cut of a long failure reason used to leave: both
   * exports still write (before: MalformedInputException for the whole study); JSON escapes it.
   */
  @Test
  void loneSurrogatesExportAndLongReasonsAreCutBetweenCharacters(@TempDir Path dir)
      throws IOException {
    Study study = Study.builder().name("s").sampler(new RandomSampler(1)).build();
    study.optimize(t -> {
      t.suggestFloat("x", 0, 1);
      t.setUserAttr("note", "ok \ud83d");                  // a lone high surrogate
      if (t.number() == 1) {
        // the emoji straddles the 8,000-character cut of the stored reason
        String head = "java.lang.IllegalStateException: ";
        throw new IllegalStateException("x".repeat(8000 - 1 - head.length()) + "\ud83d\ude00 tail");
      }
      return 1.0;
    }, 2);
    String reason = (String) study.trials().get(1).systemAttrs().get(FrozenTrial.FAIL_REASON);
    assertThat(Character.isHighSurrogate(reason.charAt(reason.indexOf("\n... (cut)") - 1)))
        .isFalse();
    study.exportCsv(dir.resolve("t.csv"));
    study.exportJson(dir.resolve("t.json"));
    JsonNode root = new ObjectMapper().readTree(dir.resolve("t.json").toFile());
    assertThat(root.get("trials").get(0).get("user_attrs").get("note").asText())
        .isEqualTo("ok \ud83d");
  }

  @Test
  void fileExportsWriteTheSameTextAndReplaceOldFiles(@TempDir Path dir) throws IOException {
    Path csvFile = dir.resolve("trials.csv");
    Path jsonFile = dir.resolve("trials.json");
    Files.writeString(csvFile, "old content that is longer than nothing");

    TrialExport.writeCsv(study, csvFile);
    TrialExport.writeJson(study, jsonFile);

    assertThat(Files.readString(csvFile, StandardCharsets.UTF_8))
        .isEqualTo(csv(study.directions(), trials));
    assertThat(new ObjectMapper().readTree(jsonFile.toFile()).get("trials")).hasSize(trials.size());
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("trials.csv", "trials.json");
    }
  }

  @Test
  void aFailedFileExportNamesThePathAndLeavesNoFile(@TempDir Path dir) throws IOException {
    Path missingDir = dir.resolve("no-such-dir").resolve("trials.csv");
    assertThatThrownBy(() -> TrialExport.writeCsv(study, missingDir))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining(missingDir.toString());

    Path blocked = dir.resolve("blocked.json");
    Files.createDirectories(blocked.resolve("inside"));
    assertThatThrownBy(() -> TrialExport.writeJson(study, blocked))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining(blocked.toString());
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("blocked.json");
    }
  }

  /**
   * A float choice or attribute is exported as its shortest decimal, as it is stored (0.1f was
   * 0.10000000149011612); a mutable number attribute is stored as its value when set.
   */
  @Test
  void floatsExportAsTheirShortestDecimalAndMutableNumbersAsTheirValue() throws IOException {
    Study floats = Study.builder().name("f").sampler(new RandomSampler(1)).build();
    java.util.concurrent.atomic.AtomicInteger counter =
        new java.util.concurrent.atomic.AtomicInteger(1);
    floats.optimize(trial -> {
      trial.suggestCategorical("c", List.of(0.1f, 0.2f));
      trial.setUserAttr("u", 0.1f);
      trial.setUserAttr("count", counter);
      return 1.0;
    }, 1);
    counter.set(99);
    FrozenTrial t = floats.trials().get(0);
    assertThat(((Number) t.userAttrs().get("count")).intValue()).isEqualTo(1);
    String csv = csv(floats.directions(), floats.trials());
    assertThat(csv).doesNotContain("0000000149011612").contains("0.1");
    JsonNode json = json("f", floats.directions(), floats.trials());
    assertThat(json.toString()).doesNotContain("0000000149011612");
    assertThat(json.get("trials").get(0).get("user_attrs").get("u").asText()).isEqualTo("0.1");
    assertThat(json.get("trials").get(0).get("user_attrs").get("count").asInt()).isEqualTo(1);
  }

  // ---- helpers ------------------------------------------------------------------------------

  private static String csv(List<StudyDirection> directions, List<FrozenTrial> trials)
      throws IOException {
    StringBuilder out = new StringBuilder();
    TrialExport.writeCsv(directions, trials, out);
    return out.toString();
  }

  private static JsonNode json(String name, List<StudyDirection> directions,
      List<FrozenTrial> trials) throws IOException {
    StringBuilder out = new StringBuilder();
    TrialExport.writeJson(name, directions, trials, out);
    return new ObjectMapper().readTree(out.toString());
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  /** A strict RFC 4180 reader: quoted fields, doubled quotes, CRLF or LF record ends. */
  static final class Csv {
    static List<List<String>> parse(String text) {
      List<List<String>> rows = new ArrayList<>();
      List<String> row = new ArrayList<>();
      StringBuilder field = new StringBuilder();
      boolean quoted = false;
      boolean wasQuoted = false;
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (quoted) {
          if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
            field.append('"');
            i++;
          } else if (c == '"') {
            quoted = false;
          } else {
            field.append(c);
          }
        } else if (c == '"') {
          if (field.length() > 0 || wasQuoted) {
            throw new IllegalArgumentException("stray quote at " + i);
          }
          quoted = true;
          wasQuoted = true;
        } else if (c == ',') {
          row.add(field.toString());
          field.setLength(0);
          wasQuoted = false;
        } else if (c == '\r' || c == '\n') {
          if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
            i++;
          }
          row.add(field.toString());
          rows.add(row);
          row = new ArrayList<>();
          field.setLength(0);
          wasQuoted = false;
        } else {
          if (wasQuoted) {
            throw new IllegalArgumentException("text after a closing quote at " + i);
          }
          field.append(c);
        }
      }
      if (quoted) {
        throw new IllegalArgumentException("unterminated quoted field");
      }
      if (field.length() > 0 || !row.isEmpty()) {
        row.add(field.toString());
        rows.add(row);
      }
      return rows;
    }

    /** The rows after the header, as header name to field. */
    static List<Map<String, String>> records(String text) {
      List<List<String>> rows = parse(text);
      List<Map<String, String>> records = new ArrayList<>();
      for (List<String> row : rows.subList(1, rows.size())) {
        Map<String, String> record = new LinkedHashMap<>();
        for (int i = 0; i < row.size(); i++) {
          record.put(rows.get(0).get(i), row.get(i));
        }
        records.add(record);
      }
      return records;
    }
  }
}
