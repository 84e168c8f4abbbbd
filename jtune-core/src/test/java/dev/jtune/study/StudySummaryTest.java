package dev.jtune.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jtune.sampler.RandomSampler;
import dev.jtune.space.CategoricalDistribution;
import dev.jtune.space.Distribution;
import dev.jtune.space.FloatDistribution;
import dev.jtune.space.IntDistribution;
import dev.jtune.storage.TrialTemplate;
import dev.jtune.trial.FrozenTrial;
import dev.jtune.trial.TrialPrunedException;
import dev.jtune.trial.TrialState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class StudySummaryTest {

  private static Study study(StudyDirection... directions) {
    return Study.builder().name("t").directions(directions).sampler(new RandomSampler(1)).build();
  }

  /** Adds a COMPLETE trial with the given values and params (name, distribution, internal value). */
  private static void complete(Study study, List<Double> values, Object... params) {
    Map<String, Double> internal = new LinkedHashMap<>();
    Map<String, Distribution> distributions = new LinkedHashMap<>();
    for (int i = 0; i < params.length; i += 3) {
      distributions.put((String) params[i], (Distribution) params[i + 1]);
      internal.put((String) params[i], (Double) params[i + 2]);
    }
    study.addTrial(new TrialTemplate(TrialState.COMPLETE, values, internal, distributions,
        new TreeMap<>(), Map.of(), Map.of()));
  }

  /** The trial numbers in the table, in row order. */
  private static List<Integer> tableNumbers(String summary) {
    List<String> lines = Arrays.asList(summary.split("\n"));
    int header = lines.indexOf(lines.stream().filter(l -> l.startsWith("rank")).findFirst()
        .orElseThrow());
    List<Integer> numbers = new ArrayList<>();
    for (String line : lines.subList(header + 2, lines.size())) {
      numbers.add(Integer.parseInt(line.trim().split("\\s+")[1]));
    }
    return numbers;
  }

  @Test
  void aConstrainedStudyRanksFeasibleTrialsFirstAndShowsTheViolations() {
    Study study = study(StudyDirection.MINIMIZE);
    double[][] rows = {{1, 2}, {2, -1}, {3, 0}, {0.5, 0.5}, {4, Double.NaN}};
    for (double[] r : rows) {
      Map<String, Object> sys = new java.util.HashMap<>();
      sys.put(FrozenTrial.CONSTRAINTS, Double.isNaN(r[1]) ? null : List.of(r[1]));
      study.addTrial(new TrialTemplate(TrialState.COMPLETE, List.of(r[0]), Map.of(), Map.of(),
          new TreeMap<>(), Map.of(), sys));
    }
    String summary = StudySummary.format(study, 5);
    assertThat(summary).contains("feasible:     2 of 5 complete trials meet the constraints")
        .contains("best trial:   #1, value 2, constraints [-1], params {}");
    // feasible by value (1, 2), then by violation (3: 0.5, 0: 2, 4: unknown)
    assertThat(tableNumbers(summary)).containsExactly(1, 2, 3, 0, 4);
    assertThat(summary).contains("violation").containsPattern("\\n\\s+5\\s+4\\s+4\\s+unknown");
  }

  @Test
  void withNoFeasibleTrialTheSummarySaysSo() {
    Study study = study(StudyDirection.MINIMIZE);
    study.addTrial(new TrialTemplate(TrialState.COMPLETE, List.of(1.0), Map.of(), Map.of(),
        new TreeMap<>(), Map.of(), Map.of(FrozenTrial.CONSTRAINTS, List.of(3.0))));
    assertThat(StudySummary.format(study, 3))
        .contains("best trial:   none yet: no complete trial meets the constraints");
  }

  /** 0.0 and -0.0 tie, and the tie goes to the lower number, in the summary as in bestTrial. */
  @Test
  void aTieOfZeroAndNegativeZeroGoesToTheLowerNumber() {
    Study study = study(StudyDirection.MINIMIZE);
    complete(study, List.of(0.0));
    complete(study, List.of(-0.0));
    assertThat(study.bestTrial().number()).isZero();
    assertThat(StudySummary.format(study, 2)).contains("best trial:   #0");
    assertThat(tableNumbers(StudySummary.format(study, 2))).containsExactly(0, 1);
  }

  @Test
  void aMultiObjectiveStudyPointsToItsParetoFront() {
    Study study = study(StudyDirection.MINIMIZE, StudyDirection.MAXIMIZE);
    assertThatThrownBy(study::bestTrial).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("use bestTrials()");
  }

  @Test
  void anEmptyStudyHasNoBestTrialAndNoTable() {
    String summary = StudySummary.format(study(StudyDirection.MINIMIZE), 10);

    assertThat(summary).startsWith("Study 't'\n")
        .contains("[MINIMIZE]", "RandomSampler(seed=1)",
            "0 (complete 0, pruned 0, fail 0, running 0, waiting 0)", "no complete trial yet")
        .doesNotContain("Top", "rank")
        .endsWith("\n");
  }

  @Test
  void aStudyOfFailuresOnlyIsCountedWithoutABestTrial() {
    Study study = study(StudyDirection.MINIMIZE);
    study.optimize(trial -> {
      trial.suggestFloat("x", 0, 1);
      throw new IllegalStateException("always");
    }, 3);

    assertThat(StudySummary.format(study, 5))
        .contains("3 (complete 0, pruned 0, fail 3, running 0, waiting 0)", "no complete trial yet")
        .doesNotContain("rank");
  }

  @Test
  void showsTheBestTrialAndTheTopTrialsBestFirst() {
    Study study = study(StudyDirection.MINIMIZE);
    study.optimize(trial -> {
      double x = trial.suggestFloat("x", -10, 10);
      String opt = trial.suggestCategorical("opt", List.of("sgd", "adam"));
      if (opt.equals("sgd")) {
        trial.suggestInt("layers", 1, 8);
      }
      if (trial.number() == 3) {
        trial.report(0, 1.0);
        throw new TrialPrunedException("why");
      }
      if (trial.number() == 4) {
        throw new IllegalStateException("boom");
      }
      return x * x;
    }, 20);
    study.ask();
    study.enqueueTrial(Map.of("x", 1.0));
    FrozenTrial best = study.bestTrial();
    List<Integer> expected = study.trials(TrialState.COMPLETE).stream()
        .sorted((a, b) -> a.value() != b.value() ? Double.compare(a.value(), b.value())
            : Integer.compare(a.number(), b.number()))
        .limit(5).map(FrozenTrial::number).toList();

    String summary = StudySummary.format(study, 5);

    assertThat(summary).contains(
        "22 (complete 18, pruned 1, fail 1, running 1, waiting 1)",
        "best trial:   #" + best.number() + ", value ",
        "opt=" + best.param("opt"),
        "Top 5 of 18 complete trials:");
    assertThat(summary).containsPattern("rank +number +value +x +opt .*duration");
    assertThat(tableNumbers(summary)).containsExactlyElementsOf(expected);
  }

  @Test
  void maximizingRanksTheLargestValueFirstAndFormatsNumbersCompactly() {
    Study study = study(StudyDirection.MAXIMIZE);
    FloatDistribution x = FloatDistribution.uniform(0, 10);
    IntDistribution n = IntDistribution.uniform(0, 100);
    complete(study, List.of(0.1 + 0.2), "x", x, 2.5);
    complete(study, List.of(1234567.891), "x", x, 0.00001234, "n", n, 42.0);
    complete(study, List.of(3.0), "x", x, 3.0);

    String summary = StudySummary.format(study, 3);

    assertThat(summary).contains("best trial:   #1, value 1.23457e+06, params {x=1.234e-05, n=42}");
    assertThat(tableNumbers(summary)).containsExactly(1, 2, 0);
    assertThat(summary).containsPattern("\\n +3 +0 +0\\.3 +2\\.5 +- ");
    assertThat(summary).containsPattern("\\n +2 +2 +3 +3 +- ");
  }

  @Test
  void escapesAwkwardChoicesSoEachRowStaysOnOneLine() {
    Study study = study(StudyDirection.MINIMIZE);
    CategoricalDistribution label = CategoricalDistribution.of("a,b \"q\"\nsecond", null);
    complete(study, List.of(1.0), "label", label, 0.0);
    complete(study, List.of(2.0), "label", label, 1.0);
    complete(study, List.of(Double.NEGATIVE_INFINITY), "label", label, 0.0);

    String summary = StudySummary.format(study, 10);

    assertThat(summary).contains("best trial:   #2, value -Infinity, params {label=a,b \"q\"\\nsecond}");
    assertThat(tableNumbers(summary)).containsExactly(2, 0, 1);
    assertThat(summary.lines().filter(l -> l.contains("null"))).hasSize(1);
  }

  @Test
  void multiObjectiveStudiesShowTheParetoFrontFirst() {
    Study study = study(StudyDirection.MINIMIZE, StudyDirection.MAXIMIZE);
    study.optimizeMulti(t -> {
      double x = t.suggestFloat("x", 0, 1);
      double y = t.suggestFloat("y", 0, 1);
      return new double[] {x, y};
    }, OptimizeOptions.trials(15));
    List<Integer> front = study.bestTrials().stream().map(FrozenTrial::number).toList();

    String summary = StudySummary.format(study, 15);

    assertThat(summary).contains("pareto front: " + front.size() + " trial")
        .contains("values_0", "values_1", "pareto")
        .doesNotContain("best trial");
    List<Integer> rows = tableNumbers(summary);
    assertThat(rows).hasSize(15);
    assertThat(rows.subList(0, front.size())).containsExactlyInAnyOrderElementsOf(front);
    assertThat(summary.lines().filter(l -> l.matches(" +\\d+ +\\d+ +\\*.*"))).hasSize(front.size());
  }

  /** Named objectives head their columns; bad names are refused and nothing is stored. */
  @Test
  void metricNamesLabelTheValuesAndAreCheckedAgainstTheDirections() {
    Study study = study(StudyDirection.MAXIMIZE, StudyDirection.MINIMIZE);
    complete(study, List.of(0.9, 1200.0));
    complete(study, List.of(0.8, 100.0));
    assertThat(study.metricNames()).isEmpty();
    study.setMetricNames("val_accuracy", "parameters");
    assertThat(study.metricNames()).contains(List.of("val_accuracy", "parameters"));
    // another handle on the same storage sees them
    assertThat(Study.load("t", study.storage()).metricNames())
        .contains(List.of("val_accuracy", "parameters"));
    String summary = StudySummary.format(study, 5);
    assertThat(summary).contains("metrics:      [val_accuracy, parameters]")
        .containsPattern("rank +number +pareto +val_accuracy +parameters")
        .doesNotContain("values_0");
    assertThatThrownBy(() -> study.setMetricNames("accuracy"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("metric names [accuracy] are 1, but the study has 2 direction(s)");
    assertThatThrownBy(() -> study.setMetricNames("a", "a"))
        .hasMessageContaining("name 'a' twice");
    assertThatThrownBy(() -> study.setMetricNames("a", " "))
        .hasMessageContaining("hold a blank name");
    assertThat(study.metricNames()).contains(List.of("val_accuracy", "parameters"));
    // a list of another length (another tool's) counts as none
    study.storage().setStudySystemAttr(study.id(), MetricNames.ATTR, List.of("x"));
    assertThat(study.metricNames()).isEmpty();
    // and so does a name given twice (objectives are told apart by their names)
    study.storage().setStudySystemAttr(study.id(), MetricNames.ATTR, List.of("loss", "loss"));
    assertThat(study.metricNames()).isEmpty();
    assertThat(MetricNames.labels(study.systemAttrs(), 2)).containsExactly("values_0",
        "values_1");
    assertThat(MetricNames.labels(Map.of(), 1)).containsExactly("value");
  }

  @Test
  void longNamesKeepTheirEndsAndDurationsNeverGoScientific() {
    Study study = study(StudyDirection.MINIMIZE);
    FloatDistribution unit = new FloatDistribution(0, 1, false, 0);
    complete(study, List.of(1.0), "learning_rate_of_the_optimizer_layer_1", unit, 0.5,
        "learning_rate_of_the_optimizer_layer_2", unit, 0.25);
    String header = StudySummary.format(study, 1).lines().filter(l -> l.startsWith("rank"))
        .findFirst().orElseThrow();
    assertThat(header).contains("learning_ra...er_layer_1").contains("learning_ra...er_layer_2");
    assertThat(StudySummary.duration(java.time.Duration.ofNanos(999_600_000))).isEqualTo("1s");
    assertThat(StudySummary.duration(java.time.Duration.ofNanos(999_400_000)))
        .isEqualTo("999ms");
    assertThat(StudySummary.duration(java.time.Duration.ofMillis(1500))).isEqualTo("1.5s");
    assertThat(StudySummary.duration(java.time.Duration.ofMillis(59_970))).isEqualTo("1m00s");
  }

  @Test
  void topZeroOmitsTheTableAndNegativeTopIsRejected() {
    Study study = study(StudyDirection.MINIMIZE);
    study.optimize(trial -> trial.suggestFloat("x", 0, 1), 3);

    assertThat(StudySummary.format(study, 0)).contains("best trial:").doesNotContain("rank");
    assertThatThrownBy(() -> StudySummary.format(study, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("top=-1");
  }
}
