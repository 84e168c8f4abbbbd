package dev.jtune.importance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.jtune.sampler.RandomSampler;
import dev.jtune.study.Study;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Laws every evaluator keeps, on random studies with random objectives. */
class ImportanceLawsTest {

  @Property(tries = 40)
  void importancesAreSharesOfOneRankedHighestFirst(
      @ForAll @IntRange(min = 2, max = 40) int trials,
      @ForAll @IntRange(min = 1, max = 4) int floats,
      @ForAll boolean withCategorical,
      @ForAll long seed,
      @ForAll boolean fanova) {
    Study study = Study.builder().sampler(new RandomSampler(seed)).build();
    List<String> names = new ArrayList<>();
    study.optimize(t -> {
      double y = Math.floorMod(seed, 7);
      for (int i = 0; i < floats; i++) {
        String name = "f" + i;
        double x = i % 2 == 0 ? t.suggestFloat(name, -1, 1, 0.25) : t.suggestFloat(name, -1, 1);
        y += (i + 1) * Math.sin(3 * x);
      }
      if (withCategorical) {
        y += t.<String>suggestCategorical("c", List.of("a", "b", "c")).charAt(0);
      }
      return y;
    }, trials);
    ImportanceEvaluator evaluator = fanova
        ? ImportanceEvaluator.fanova().withSeed(seed) : ImportanceEvaluator.meanDecreaseImpurity();
    for (int i = 0; i < floats; i++) {
      names.add("f" + i);
    }
    if (withCategorical) {
      names.add("c");
    }

    ParamImportances result;
    try {
      result = evaluator.evaluate(study);
    } catch (ImportanceException e) {
      // Few trials may all land on one stepped value: then nothing varies, and that is the message.
      assertThat(e).hasMessageContaining("same");
      return;
    }

    assertThat(result.importances()).containsOnlyKeys(names);
    assertThat(result.importances().values()).allSatisfy(v -> assertThat(v).isBetween(0.0, 1.0));
    double sum = result.importances().values().stream().mapToDouble(Double::doubleValue).sum();
    if (sum > 0) {
      assertThat(sum).isCloseTo(1.0, within(1e-9));
    }
    List<Double> values = List.copyOf(result.importances().values());
    for (int i = 1; i < values.size(); i++) {
      assertThat(values.get(i)).isLessThanOrEqualTo(values.get(i - 1));
    }
    assertThat(evaluator.evaluate(study)).isEqualTo(result);
    assertThat(result.trials()).isEqualTo(trials);
  }
}
