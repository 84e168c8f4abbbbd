package dev.jtune.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The PB2 benchmark reads the peer's histories and chooses on the same ones (a smoke test). */
class BanditCommandTest {
  @TempDir
  Path dir;

  @Test
  void choosesOnThePeersHistoriesAndTabulatesTheRegrets() throws Exception {
    Random random = new Random(3);
    List<Map<String, Object>> history = new ArrayList<>();
    for (int t = 0; t < 6; t++) {
      for (int m = 0; m < 4; m++) {
        double x = random.nextDouble();
        history.add(Map.of("time", t, "start", 0.5 + 0.02 * t, "x", List.of(x),
            "gain", -(x - 0.3) * (x - 0.3)));
      }
    }
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("seed", 0);
    run.put("intervals", 6);
    run.put("members", 4);
    run.put("optimum", List.of(0.3));
    run.put("history", history);
    run.put("query", Map.of("time", 6, "start", 0.62));
    run.put("ray", Map.of("choice", List.of(0.9), "regret", 0.36, "seconds", 0.2));
    Path file = dir.resolve("pb2.json");
    new ObjectMapper().writeValue(file.toFile(), List.of(run));

    BenchOutput output = BenchOutput.of("pb2", "--json", file.toString());

    assertThat(output.status()).isZero();
    String row = output.out().lines().filter(l -> l.startsWith("| 6 |")).findFirst().orElseThrow();
    String[] cells = row.split("\\|");
    assertThat(cells[2].trim()).isEqualTo("24");
    assertThat(cells[3].trim()).isEqualTo("0.360");
    assertThat(Double.parseDouble(cells[4].trim())).as("jtune's regret").isLessThan(0.05);
    assertThat(cells[6].trim()).isEqualTo("1 of 1");
  }
}
