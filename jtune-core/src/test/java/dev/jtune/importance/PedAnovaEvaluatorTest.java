package dev.jtune.importance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jtune.space.CategoricalDistribution;
import dev.jtune.space.Distribution;
import dev.jtune.space.FloatDistribution;
import dev.jtune.space.IntDistribution;
import dev.jtune.storage.TrialTemplate;
import dev.jtune.study.Study;
import dev.jtune.study.StudyDirection;
import dev.jtune.trial.FrozenTrial;
import dev.jtune.trial.TrialState;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * PED-ANOVA against Optuna 5.0's {@code PedAnovaImportanceEvaluator} on the same trials: the
 * fixture {@code ped-anova/optuna5.json} holds four seeded random-search studies (numbers, log
 * numbers, integers, log integers, a stepped float, a choice, a parameter present for one choice
 * only, one whose range differs by choice, a fixed one; minimized, maximized, tied values, 12
 * trials) and Optuna's raw importances for three settings, written by
 * {@code jtune-benchmarks/peers/optuna_ped_anova.py --fixture}.
 */
class PedAnovaEvaluatorTest {

  private static JsonNode fixture() throws IOException {
    try (InputStream in = PedAnovaEvaluatorTest.class.getResourceAsStream(
        "/ped-anova/optuna5.json")) {
      return new ObjectMapper().readTree(in);
    }
  }

  private static Distribution distribution(JsonNode d) {
    return switch (d.get("type").asText()) {
      case "categorical" -> {
        List<Object> choices = new ArrayList<>();
        d.get("choices").forEach(c -> choices.add(c.asText()));
        yield new CategoricalDistribution(choices);
      }
      case "int" -> new IntDistribution(d.get("low").asInt(), d.get("high").asInt(),
          d.get("log").asBoolean(), d.get("step").asInt());
      default -> new FloatDistribution(d.get("low").asDouble(), d.get("high").asDouble(),
          d.get("log").asBoolean(), d.get("step").asDouble());
    };
  }

  /** The case's trials, stored in a study of its direction. */
  private static Study study(JsonNode c) {
    List<Distribution> dists = new ArrayList<>();
    c.get("dists").forEach(d -> dists.add(distribution(d)));
    Study study = Study.builder()
        .direction(StudyDirection.valueOf(c.get("direction").asText())).build();
    for (JsonNode t : c.get("trials")) {
      Map<String, Double> internal = new LinkedHashMap<>();
      Map<String, Distribution> distributions = new LinkedHashMap<>();
      t.get("params").fields().forEachRemaining(e -> {
        distributions.put(e.getKey(), dists.get(e.getValue().get(0).asInt()));
        internal.put(e.getKey(), e.getValue().get(1).asDouble());
      });
      study.addTrial(new TrialTemplate(TrialState.COMPLETE, List.of(t.get("value").asDouble()),
          internal, distributions, new TreeMap<>(), Map.of(), Map.of()));
    }
    return study;
  }

  @Test
  void itsImportancesAreOptunasOnTheSameTrials() throws IOException {
    JsonNode root = fixture();
    assertThat(root.get("optuna").asText()).isEqualTo("5.0.0");
    int compared = 0;
    for (JsonNode c : root.get("cases")) {
      Study study = study(c);
      for (JsonNode r : c.get("results")) {
        JsonNode s = r.get("settings");
        PedAnovaEvaluator evaluator = PedAnovaEvaluator.defaults()
            .withQuantiles(s.get("target_quantile").asDouble(),
                s.get("region_quantile").asDouble())
            .withEvaluateOnLocal(s.get("evaluate_on_local").asBoolean());
        ParamImportances got = evaluator.evaluate(study);
        double sum = 0;
        for (JsonNode v : r.get("raw")) {
          sum += v.asDouble();
        }
        String where = c.get("name").asText() + " " + s;
        assertThat(got.importances().keySet()).as(where)
            .containsExactlyInAnyOrderElementsOf(() -> r.get("raw").fieldNames());
        for (var e : got.importances().entrySet()) {
          double expected = sum > 0 ? r.get("raw").get(e.getKey()).asDouble() / sum : 0;
          assertThat(e.getValue()).as(where + " " + e.getKey())
              .isCloseTo(expected, Offset.offset(1e-9 + 1e-9 * expected));
          compared++;
        }
        assertThat(got.method()).isEqualTo("PED-ANOVA");
        assertThat(got.trials()).isEqualTo(c.get("trials").size());
      }
    }
    assertThat(compared).isEqualTo(4 * 3 * 9);
  }

  /** A conditional parameter is judged by default, which the forest methods leave out. */
  @Test
  void aParameterOnlySomeTrialsHaveIsJudgedWhereTheForestsLeaveItOut() throws IOException {
    Study study = study(fixture().get("cases").get(0));
    assertThat(PedAnovaEvaluator.defaults().evaluate(study).importance("momentum")).isPositive();
    assertThat(PedAnovaEvaluator.defaults().evaluate(study).importance("k")).isPositive();
    assertThat(ImportanceEvaluator.fanova().evaluate(study).importances())
        .doesNotContainKeys("momentum", "k").containsKey("x");
    // a fixed parameter has nothing to say
    assertThat(PedAnovaEvaluator.defaults().evaluate(study).importance("fixed")).isZero();
  }

  /** The best trials are the lowest targets when minimizing, the highest when maximizing. */
  @Test
  void theDirectionPicksTheBestTrials() throws IOException {
    Study study = study(fixture().get("cases").get(0));
    List<FrozenTrial> trials = study.trials();
    ImportanceTarget value = ImportanceTarget.value();
    ParamImportances low = PedAnovaEvaluator.defaults().evaluate(trials, List.of(), value);
    ParamImportances high = PedAnovaEvaluator.defaults().withDirection(StudyDirection.MAXIMIZE)
        .evaluate(trials, List.of(), value);
    assertThat(low).isEqualTo(PedAnovaEvaluator.defaults().evaluate(study));
    assertThat(high.importances()).isNotEqualTo(low.importances());
    // negating the target and the direction together changes nothing
    ParamImportances negated = PedAnovaEvaluator.defaults().withDirection(StudyDirection.MAXIMIZE)
        .evaluate(trials, List.of(), new ImportanceTarget("value", t -> -t.value()));
    assertThat(negated.importances()).isEqualTo(low.importances());
  }

  @Test
  void theTopQuantileKeepsTiesAndAtLeastOneTrial() {
    List<FrozenTrial> trials = new ArrayList<>();
    Study study = Study.builder().build();
    for (int i = 0; i < 5; i++) {
      trials.add(study.addTrial(new TrialTemplate(TrialState.COMPLETE, List.of((double) i),
          Map.of(), Map.of(), new TreeMap<>(), Map.of(), Map.of())));
    }
    List<Double> losses = List.of(3.0, 1.0, 1.0, 2.0, 0.5);
    assertThat(PedAnovaEvaluator.top(trials, losses, 0.1)).extracting(FrozenTrial::number)
        .containsExactly(4);
    // ceil(0.4 * 5) = 2: the second smallest is 1.0, which two trials share
    assertThat(PedAnovaEvaluator.top(trials, losses, 0.4)).extracting(FrozenTrial::number)
        .containsExactly(1, 2, 4);
    assertThat(PedAnovaEvaluator.top(trials, losses, 1.0)).hasSize(5);
  }

  @Test
  void badSettingsAndTooFewTrialsAreRefusedNamingThem() throws IOException {
    assertThatThrownBy(() -> new PedAnovaEvaluator(0.5, 0.5, true, StudyDirection.MINIMIZE))
        .hasMessageContaining("targetQuantile=0.5 and regionQuantile=0.5");
    assertThatThrownBy(() -> PedAnovaEvaluator.defaults().withQuantiles(0, 1))
        .hasMessageContaining("targetQuantile=0.0");
    Study study = study(fixture().get("cases").get(0));
    assertThatThrownBy(() -> PedAnovaEvaluator.defaults().evaluate(study.trials().subList(0, 1),
        List.of(), ImportanceTarget.value())).isInstanceOf(ImportanceException.class)
        .hasMessageContaining("at least 2 complete trials with a finite value, got 1");
    assertThatThrownBy(() -> PedAnovaEvaluator.defaults().evaluate(study.trials(),
        List.of("nope"), ImportanceTarget.value()))
        .hasMessageContaining("[nope]");
    assertThatThrownBy(() -> PedAnovaEvaluator.defaults().evaluate(study.trials(), List.of(),
        new ImportanceTarget("one", t -> 1.0))).isInstanceOf(ImportanceException.class)
        .hasMessageContaining("every complete trial has one 1.0");
  }

  /** Trials of one int parameter over {@code dist} with these values and targets. */
  private static List<FrozenTrial> ints(IntDistribution dist, int[] xs, double[] ys) {
    Study study = Study.builder().build();
    List<FrozenTrial> out = new ArrayList<>();
    for (int i = 0; i < xs.length; i++) {
      out.add(study.addTrial(new TrialTemplate(TrialState.COMPLETE, List.of(ys[i]),
          Map.of("n", (double) xs[i]), Map.of("n", dist), new TreeMap<>(), Map.of(), Map.of())));
    }
    return out;
  }

  @Test
  void bestTrialsThatTieWithTheRegionAreRefusedRatherThanAllZero() {
    // 19 trials at chance, one good: maximized, the top 10% cutoff is the chance value itself
    int[] xs = new int[20];
    double[] ys = new double[20];
    for (int i = 0; i < 20; i++) {
      xs[i] = i;
      ys[i] = i == 7 ? 0.9 : 0.1;
    }
    List<FrozenTrial> trials = ints(new IntDistribution(0, 19, false, 1), xs, ys);
    PedAnovaEvaluator up = PedAnovaEvaluator.defaults().withQuantiles(0.1, 1.0)
        .withDirection(StudyDirection.MAXIMIZE);
    // maximized, the second best is at chance with every other trial: all 20 are "the best"
    assertThatThrownBy(() -> up.evaluate(trials, List.of(), ImportanceTarget.value()))
        .isInstanceOf(ImportanceException.class)
        .hasMessageContaining("tie with the rest (20 trials share the cutoff)");
    // against the whole space the same trials say something
    assertThat(up.withEvaluateOnLocal(false).evaluate(trials, List.of(),
        ImportanceTarget.value()).importance("n")).isEqualTo(1.0);
    // minimized, the 19 at chance are the best and the one good trial is left out
    assertThat(up.withDirection(StudyDirection.MINIMIZE).evaluate(trials, List.of(),
        ImportanceTarget.value()).importance("n")).isEqualTo(1.0);
  }

  /**
   * 10 on a log integer range [1, 100] of 8 cells lies half-way between cells 3 and 4; its
   * logarithm lands on either side by a rounding (numpy 1.24's is an ulp below Java's, which is
   * correctly rounded), and it goes to the lower cell, as in Optuna.
   */
  @Test
  void aValueOnAMidpointGoesToTheLowerCellWhateverTheLogarithmsRounding() {
    IntDistribution dist = new IntDistribution(1, 100, true, 1);
    assertThat(GridParzenEstimator.gridSize(dist)).isEqualTo(8);
    int[] counts = GridParzenEstimator.counts("n", dist, ints(dist, new int[] {10, 1, 100},
        new double[] {1, 2, 3}));
    assertThat(counts).containsExactly(1, 0, 0, 1, 0, 0, 0, 1);
  }

  @Test
  void aRangeAsWideAsTheIntsIsGriddedWithoutOverflow() {
    int[] xs = {-2_000_000_000, -5, 0, 7, 1_999_999_999, 12, -300, 44};
    double[] ys = {1, 2, 3, 4, 5, 6, 7, 8};
    IntDistribution wide = new IntDistribution(-2_000_000_000, 2_000_000_000, false, 1);
    assertThat(GridParzenEstimator.gridSize(wide)).isEqualTo(GridParzenEstimator.STEPS);
    assertThat(PedAnovaEvaluator.defaults().withQuantiles(0.25, 1.0).evaluate(ints(wide, xs, ys),
        List.of(), ImportanceTarget.value()).importance("n")).isEqualTo(1.0);
  }

  /** Trials gathered from two studies repeat their numbers: the best are still the best. */
  @Test
  void repeatedTrialNumbersDoNotMakeOtherTrialsBest() throws IOException {
    List<FrozenTrial> first = study(fixture().get("cases").get(0)).trials();
    List<FrozenTrial> again = study(fixture().get("cases").get(0)).trials().stream()
        .map(t -> new FrozenTrial(t.id(), t.number(), t.state(), List.of(t.value() + 1000),
            t.internalParams(), t.distributions(), t.intermediateValues(), t.userAttrs(),
            t.systemAttrs(), t.started(), t.completed())).toList();
    List<FrozenTrial> both = new ArrayList<>(first);
    both.addAll(again);
    // the best 5% of the 160 are the best 10% of the first 80: the same trials, the same verdict
    // but for the region, which is twice as large
    ParamImportances mixed = PedAnovaEvaluator.defaults().withQuantiles(0.05, 1.0)
        .withEvaluateOnLocal(false).evaluate(both, List.of(), ImportanceTarget.value());
    ParamImportances alone = PedAnovaEvaluator.defaults().withEvaluateOnLocal(false)
        .evaluate(first, List.of(), ImportanceTarget.value());
    for (String p : alone.importances().keySet()) {
      assertThat(mixed.importance(p)).as(p).isCloseTo(alone.importance(p), Offset.offset(1e-12));
    }
  }

  @Test
  void aTargetThatCannotBeReadIsNamedWithItsTrial() throws IOException {
    Study study = study(fixture().get("cases").get(0));
    assertThatThrownBy(() -> PedAnovaEvaluator.defaults().evaluate(study.trials(), List.of(),
        new ImportanceTarget("broken", t -> {
          throw new IllegalStateException("no such value");
        }))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("target 'broken' cannot be read from trial 0: no such value");
  }
}
