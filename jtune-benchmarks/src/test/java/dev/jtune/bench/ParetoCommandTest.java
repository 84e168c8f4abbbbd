package dev.jtune.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The pareto benchmark runs and prints its fields (a smoke test). */
class ParetoCommandTest {

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
