package dev.jtune.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class HypervolumeTest {

  @Test
  void matchesHandComputedVolumes() {
    // three boxes against (4, 4, 4): 3*2*1 + 2*3*2 + 1*1*3 minus their overlaps = 15
    assertThat(Hypervolume.of(List.of(new double[] {1, 2, 3}, new double[] {2, 1, 2},
        new double[] {3, 3, 1}), new double[] {4, 4, 4})).isEqualTo(15.0);
    // a staircase, a dominated point, and a point beyond the reference that adds nothing
    assertThat(Hypervolume.of(List.of(new double[] {1, 3}, new double[] {2, 2},
        new double[] {3, 3}, new double[] {0, 5}), new double[] {4, 4})).isEqualTo(3 + 2);
    assertThat(Hypervolume.of(List.of(), new double[] {1, 1})).isZero();
  }

  @Test
  void matchesOptunasWfgOnSixtyPoints() {
    // the same points through optuna._hypervolume.WFG (Optuna 3.1): 0.7509722662675488 in three
    // objectives, 0.9265596462558878 in the first two
    List<double[]> three = new ArrayList<>();
    List<double[]> two = new ArrayList<>();
    for (int i = 1; i <= 60; i++) {
      three.add(new double[] {(i * 37 % 101) / 101.0, (i * 53 % 103) / 103.0,
          (i * 71 % 107) / 107.0});
      two.add(new double[] {(i * 37 % 101) / 101.0, (i * 53 % 103) / 103.0});
    }
    assertThat(Hypervolume.of(three, new double[] {1, 1, 1}))
        .isCloseTo(0.7509722662675488, within(1e-12));
    assertThat(Hypervolume.of(two, new double[] {1, 1}))
        .isCloseTo(0.9265596462558878, within(1e-12));
  }

  @Test
  void theBenchmarkPrintsHypervolumesThatGrowWithTheTrials() throws Exception {
    StringWriter out = new StringWriter();
    CommandLine cli = new CommandLine(new BenchCommand());
    cli.setOut(new PrintWriter(out));

    int status = cli.execute("pareto", "--problems", "zdt1,dtlz2", "--seeds", "1", "--trials",
        "120", "--checkpoints", "40,120");

    assertThat(status).isZero();
    List<String> lines = out.toString().lines().toList();
    assertThat(lines).hasSize(2);
    for (String line : lines) {
      JsonNode n = new ObjectMapper().readTree(line);
      assertThat(n.get("sampler").asText()).isEqualTo("nsga2");
      assertThat(n.get("hypervolume").get("120").asDouble())
          .isGreaterThanOrEqualTo(n.get("hypervolume").get("40").asDouble()).isPositive();
    }
  }
}
