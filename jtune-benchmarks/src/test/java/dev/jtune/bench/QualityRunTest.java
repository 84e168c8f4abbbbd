package dev.jtune.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.jtune.bench.problems.Problem;
import dev.jtune.bench.problems.ProblemSuite;
import dev.jtune.sampler.RandomSampler;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class QualityRunTest {

  @Test
  void writesTheFieldsOfOptunaQualityRun() throws Exception {
    Problem mixed = ProblemSuite.get("mixed");
    QualityResult r = QualityRun.run(mixed, "jtune-random", new RandomSampler(4), 4, 30, 1,
        List.of(10, 25, 50), "test");
    JsonNode line = new ObjectMapper()
        .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .readTree(new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .writeValueAsString(r));
    List<String> fields = new ArrayList<>();
    line.fieldNames().forEachRemaining(fields::add);
    // optuna_quality.py run_one's keys, with "jtune" in place of "optuna".
    assertThat(fields).containsExactly("problem", "sampler", "seed", "budget", "checkpoints",
        "checkpoints_oracle", "wall_s", "ms_per_trial", "best_params", "best_observed", "observed",
        "true", "jtune");
    assertThat(line.get("checkpoints").size()).isEqualTo(2);
    assertThat(line.get("observed").size()).isEqualTo(30);
  }

  @Test
  void regretsAreTheIncumbentsAndTheOraclesAndNeverGrow() {
    Problem noisy = ProblemSuite.get("hartmann6_noisy");
    QualityResult r = QualityRun.run(noisy, "jtune-random", new RandomSampler(1), 1, 60, 1,
        List.of(10, 25, 50, 100), "test");
    assertThat(r.checkpoints().keySet()).containsExactly("10", "25", "50");
    double previous = Double.POSITIVE_INFINITY;
    for (String c : r.checkpoints().keySet()) {
      double oracle = r.checkpointsOracle().get(c);
      assertThat(oracle).isLessThanOrEqualTo(previous).isGreaterThanOrEqualTo(0.0);
      assertThat(r.checkpoints().get(c)).isGreaterThanOrEqualTo(oracle);
      previous = oracle;
    }
    double bestTrue = r.trueValues().stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    assertThat(r.checkpointsOracle().get("50"))
        .isEqualTo(noisy.regret(r.trueValues().subList(0, 50).stream()
            .mapToDouble(Double::doubleValue).min().orElseThrow()));
    assertThat(bestTrue).isGreaterThanOrEqualTo(noisy.fOpt());
    assertThat(r.bestObserved()).isEqualTo(
        r.observed().stream().mapToDouble(Double::doubleValue).min().orElseThrow());
  }

  @Test
  void aRunOnSeveralWorkersRepeatsItself() {
    Problem branin = ProblemSuite.get("branin");
    QualityResult first = QualityRun.run(branin, "jtune-tpe-w3",
        new dev.jtune.sampler.tpe.TpeSampler(5), 5, 40, 3, List.of(10, 25, 40), "test");
    QualityResult second = QualityRun.run(branin, "jtune-tpe-w3",
        new dev.jtune.sampler.tpe.TpeSampler(5), 5, 40, 3, List.of(10, 25, 40), "test");
    assertThat(first.observed()).hasSize(40).isEqualTo(second.observed());
    assertThat(first.checkpoints()).isEqualTo(second.checkpoints());
  }
}
