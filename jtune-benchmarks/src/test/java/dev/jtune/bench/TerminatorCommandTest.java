package dev.jtune.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The terminator benchmark reads the peer's runs and judges the same trials (a smoke test). */
class TerminatorCommandTest {
  @TempDir
  Path dir;

  @Test
  void judgesThePeersTrialsAndSaysWhereEachToolStops() throws Exception {
    Random random = new Random(2);
    List<Map<String, Object>> trials = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      double x = -2 + 4 * random.nextDouble();
      double y = Math.pow(10, -3 + 3 * random.nextDouble());
      double truth = -(x - 0.5) * (x - 0.5) - Math.pow(Math.log10(y) + 1, 2);
      List<Double> scores = new ArrayList<>();
      for (int k = 0; k < 5; k++) {
        scores.add(truth + 0.5 * random.nextGaussian());
      }
      trials.add(Map.of("x", x, "y", y, "scores", scores,
          "value", scores.stream().mapToDouble(Double::doubleValue).average().orElseThrow()));
    }
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("seed", 0);
    run.put("noise", 0.5);
    run.put("trials", trials);
    run.put("optuna", List.of(Map.of("n", 20, "bound", 1.0, "error", 0.1, "seconds", 0.01),
        Map.of("n", 30, "bound", 0.01, "error", 0.1, "seconds", 0.01)));
    Path file = dir.resolve("runs.json");
    new ObjectMapper().writeValue(file.toFile(), Map.of("optuna", "5.0.0", "runs", List.of(run)));

    BenchOutput output = BenchOutput.of("terminator", "--json", file.toString());

    assertThat(output.status()).isZero();
    JsonNode r = new ObjectMapper().readTree(output.out()).get("runs").get(0);
    assertThat(r.get("optuna_stop").asInt()).isEqualTo(30);
    JsonNode first = r.get("checks").get(0);
    assertThat(first.get("n").asInt()).isEqualTo(20);
    assertThat(first.get("jtune_bound").asDouble()).isPositive().isFinite();
    assertThat(first.get("jtune_error").asDouble()).isPositive();
    assertThat(first.get("true_regret").asDouble()).isNotNegative();
    assertThat(Files.exists(file)).isTrue();
  }
}
