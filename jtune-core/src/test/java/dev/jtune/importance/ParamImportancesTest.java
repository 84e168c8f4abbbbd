package dev.jtune.importance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.jtune.sampler.RandomSampler;
import dev.jtune.space.CategoricalDistribution;
import dev.jtune.space.Distribution;
import dev.jtune.space.FloatDistribution;
import dev.jtune.storage.TrialTemplate;
import dev.jtune.study.Objective;
import dev.jtune.study.Study;
import dev.jtune.study.StudyDirection;
import dev.jtune.trial.FrozenTrial;
import dev.jtune.trial.TrialState;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ParamImportancesTest {

  private static Study randomStudy(int trials, Objective objective) {
    Study study = Study.builder().sampler(new RandomSampler(7)).build();
    study.optimize(objective, trials);
    return study;
  }

  @Test
  void anAdditiveFunctionSplitsItsVarianceAsItsTermsDo() {
    // f = 3x + y on the unit square: Var(3x) = 9/12, Var(y) = 1/12, so 0.9 and 0.1.
    Study study = randomStudy(300,
        t -> 3 * t.suggestFloat("x", 0, 1) + t.suggestFloat("y", 0, 1));

    ParamImportances fanova = ParamImportances.of(study);

    assertThat(fanova.ranking()).containsExactly("x", "y");
    assertThat(fanova.importance("x")).isCloseTo(0.9, within(0.04));
    assertThat(fanova.importance("y")).isCloseTo(0.1, within(0.04));
    assertThat(fanova.trials()).isEqualTo(300);
    assertThat(fanova.method()).isEqualTo("fANOVA");
  }

  @Test
  void aParameterTheObjectiveIgnoresExplainsAlmostNothing() {
    Study study = randomStudy(200, t -> {
      double x = t.suggestFloat("x", -2, 2);
      t.suggestInt("ignored", 1, 100);
      t.suggestCategorical("unused", List.of("a", "b", "c"));
      return x * x;
    });

    for (ImportanceEvaluator evaluator : List.<ImportanceEvaluator>of(
        ImportanceEvaluator.fanova(), ImportanceEvaluator.meanDecreaseImpurity())) {
      ParamImportances importances = evaluator.evaluate(study);
      assertThat(importances.ranking().get(0)).as(importances.method()).isEqualTo("x");
      assertThat(importances.importance("x")).as(importances.method()).isGreaterThan(0.75);
      assertThat(importances.importance("unused")).as(importances.method()).isLessThan(0.1);
    }
  }

  @Test
  void aCategoricalIsMeasuredOverItsChoices() {
    // Effect a:0, b:10, c:0 (variance 22.2) against x on [0, 1] (variance 1/12).
    Study study = randomStudy(150, t -> {
      String c = t.suggestCategorical("c", List.of("a", "b", "c"));
      return (c.equals("b") ? 10 : 0) + t.suggestFloat("x", 0, 1);
    });

    ParamImportances importances = ParamImportances.of(study);

    assertThat(importances.importance("c")).isCloseTo(22.22 / (22.22 + 0.0833), within(0.01));
  }

  @Test
  void aLogScaleParameterIsMeasuredInLogSpace() {
    // log10(lr) is uniform on [-5, -1] as searched: variance 16/12 against 9 * 1/12 for x.
    Study study = randomStudy(300, t -> Math.log10(t.suggestFloat("lr", 1e-5, 1e-1, true))
        + 3 * t.suggestFloat("x", 0, 1));

    ParamImportances importances = ParamImportances.of(study);

    assertThat(importances.importance("lr")).isCloseTo(16.0 / 25, within(0.05));
  }

  @Test
  void theSameTrialsAndSeedGiveTheSameImportances() {
    Study study = randomStudy(60, t -> t.suggestFloat("x", 0, 1) * t.suggestFloat("y", 0, 1)
        + t.suggestInt("n", 0, 5));

    ParamImportances first = ImportanceEvaluator.fanova().evaluate(study);

    assertThat(ImportanceEvaluator.fanova().evaluate(study)).isEqualTo(first);
    assertThat(ImportanceEvaluator.fanova().withSeed(1).evaluate(study).importances())
        .isNotEqualTo(first.importances());
  }

  @Test
  void trialsWithANonFiniteValueAreLeftOutAndCounted() {
    Study study = randomStudy(40, t -> {
      double x = t.suggestFloat("x", 0, 1);
      return t.number() % 10 == 0 ? Double.POSITIVE_INFINITY : x;
    });

    ParamImportances importances = ParamImportances.of(study);

    assertThat(importances.trials()).isEqualTo(36);
    assertThat(importances.skipped()).isEqualTo(4);
    assertThat(importances.format()).contains("over 36 complete trials, 4 left out");
  }

  @Test
  void onlyCompleteTrialsSharingAParameterWithOneDistributionCount() {
    Study study = Study.builder().build();
    FloatDistribution unit = FloatDistribution.uniform(0, 1);
    for (int i = 0; i < 10; i++) {
      Map<String, Distribution> dists = new TreeMap<>(Map.of("x", unit, "y",
          i < 5 ? unit : FloatDistribution.uniform(0, 2)));
      if (i % 2 == 0) {
        dists.put("only_even", unit);
      }
      Map<String, Double> params = new TreeMap<>();
      double value = (double) ((i * 7) % 10) / 10;
      dists.keySet().forEach(k -> params.put(k, value));
      study.addTrial(new TrialTemplate(TrialState.COMPLETE, List.of((double) i), params, dists,
          new TreeMap<>(), Map.of(), Map.of()));
    }
    study.addTrial(new TrialTemplate(TrialState.PRUNED, List.of(), Map.of("x", 0.5),
        Map.of("x", unit), new TreeMap<>(), Map.of(), Map.of()));

    ParamImportances importances = ParamImportances.of(study);

    assertThat(importances.importances()).containsOnlyKeys("x");
    assertThat(importances.trials()).isEqualTo(10);
    assertThatThrownBy(() -> ImportanceEvaluator.fanova()
        .evaluate(study.trials(), List.of("y"), ImportanceTarget.value()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("parameter 'y' has distribution")
        .hasMessageContaining("in trial 0 but");
    assertThat(ImportanceEvaluator.fanova()
        .evaluate(study.trials(), List.of("only_even"), ImportanceTarget.value()).trials())
        .isEqualTo(5);
  }

  @Test
  void aParameterWithOneValueGetsZero() {
    Study study = randomStudy(30, t -> {
      t.suggest("flag", CategoricalDistribution.fixed(true));
      return t.suggestFloat("x", 0, 1) + t.suggestFloat("fixed", 2, 2);
    });

    ParamImportances importances = ParamImportances.of(study);

    assertThat(importances.importances()).containsExactly(
        Map.entry("x", 1.0), Map.entry("fixed", 0.0), Map.entry("flag", 0.0));
  }

  @Test
  void aStudyWithoutEnoughTrialsOrVariationSaysWhy() {
    Study one = randomStudy(1, t -> t.suggestFloat("x", 0, 1));
    assertThatThrownBy(() -> ParamImportances.of(one)).isInstanceOf(ImportanceException.class)
        .hasMessage("parameter importances need at least two complete trials; the study has 1 of 1"
            + " trials complete");

    Study constant = randomStudy(10, t -> t.suggestFloat("x", 0, 1) * 0 + 4);
    assertThatThrownBy(() -> ParamImportances.of(constant)).isInstanceOf(ImportanceException.class)
        .hasMessage("all 10 complete trials have the same value (4.0): no parameter explains any"
            + " difference");

    assertThatThrownBy(() -> ImportanceEvaluator.fanova().evaluate(constant.trials(), List.of(),
        new ImportanceTarget("loss", t -> Double.NaN)))
        .isInstanceOf(ImportanceException.class)
        .hasMessage("parameter importances need at least two complete trials with a finite loss;"
            + " of 10 complete trials, 10 have a NaN or infinite loss");

    assertThatThrownBy(() -> ImportanceEvaluator.fanova()
        .evaluate(constant.trials(), List.of("lr"), ImportanceTarget.value()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no complete trial has parameter 'lr'; the complete trials have [x]");
  }

  @Test
  void aMultiObjectiveStudyNeedsATarget() {
    Study study = Study.builder().sampler(new RandomSampler(1))
        .directions(StudyDirection.MINIMIZE, StudyDirection.MINIMIZE).build();
    for (int i = 0; i < 30; i++) {
      var trial = study.ask();
      double x = trial.suggestFloat("x", 0, 1);
      double y = trial.suggestFloat("y", 0, 1);
      study.tell(trial, x, y);
    }

    assertThatThrownBy(() -> ParamImportances.of(study))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("has 2 objectives; name one with ImportanceTarget.objective(i)");
    ParamImportances second = ImportanceEvaluator.fanova()
        .evaluate(study.trials(), List.of(), ImportanceTarget.objective(1));
    assertThat(second.ranking()).containsExactly("y", "x");
    assertThat(second.importance("y")).isGreaterThan(0.95);
    assertThat(second.target()).isEqualTo("values_1");
  }

  @Test
  void formatShowsEachParameterWithABar() {
    Study study = randomStudy(100, t -> 3 * t.suggestFloat("x", 0, 1) + t.suggestFloat("yy", 0, 1));

    String text = ParamImportances.of(study).format();

    assertThat(text).startsWith("Parameter importance (fANOVA of value over 100 complete trials):\n")
        .containsPattern("\n  x   0\\.9\\d\\d  #{18,20}\n  yy  0\\.\\d{3}  #{1,3}\n$");
  }

  @Test
  void evaluatorSettingsAreChecked() {
    assertThatThrownBy(() -> new FanovaEvaluator(0, 64, 0))
        .hasMessage("trees must be >= 1, got 0");
    assertThatThrownBy(() -> new MeanDecreaseImpurityEvaluator(64, 0, 0))
        .hasMessage("maxDepth must be >= 1, got 0");
    assertThatThrownBy(() -> ImportanceTarget.objective(-1))
        .hasMessage("objective index must be >= 0, got -1");
  }

  @Test
  void theScaleOfTheObjectiveChangesNothing() {
    // 1e-9 once made every tree a single leaf (an absolute purity test), 1e200 overflowed the
    // variances into NaN shares reported as 0
    Study base = randomStudy(80, t -> t.suggestFloat("x", 0, 1) + 0.1 * t.suggestFloat("y", 0, 1));
    ParamImportances reference = ParamImportances.of(base);
    for (double factor : new double[] {1e-9, 1e200, -3}) {
      Study scaled = Study.builder().build();
      for (FrozenTrial t : base.trials()) {
        scaled.addTrial(new TrialTemplate(TrialState.COMPLETE, List.of(t.value() * factor),
            t.internalParams(), t.distributions(), new TreeMap<>(), Map.of(), Map.of()));
      }
      for (ImportanceEvaluator evaluator : List.<ImportanceEvaluator>of(
          ImportanceEvaluator.fanova(), ImportanceEvaluator.meanDecreaseImpurity())) {
        ParamImportances expected = evaluator.evaluate(base);
        ParamImportances got = evaluator.evaluate(scaled);
        assertThat(got.importance("x")).as("%s x %s", evaluator, factor)
            .isCloseTo(expected.importance("x"), within(1e-4));
      }
    }
    assertThat(reference.importance("x")).isGreaterThan(0.9);
  }
}