package dev.jtune.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The constrained benchmark runs and prints its fields (a smoke test on a tiny budget). */
class ConstrainedCommandTest {

  @Test
  void everySamplerPrintsOneLinePerProblemAndSeedWithMonotoneMetrics() throws Exception {
    StringWriter out = new StringWriter();
    CommandLine cli = new CommandLine(new BenchCommand());
    cli.setOut(new PrintWriter(out));

    int status = cli.execute("constrained", "--seeds", "1", "--trials", "16", "--checkpoints",
        "8,16");

    assertThat(status).isZero();
    List<JsonNode> lines = new ArrayList<>();
    for (String line : out.toString().lines().toList()) {
      lines.add(new ObjectMapper().readTree(line));
    }
    // gp, tpe, auto and random on four problems; nsga2 on bnh only
    assertThat(lines).hasSize(4 * 4 + 1);
    assertThat(lines).filteredOn(n -> n.get("sampler").asText().equals("nsga2"))
        .extracting(n -> n.get("problem").asText()).containsExactly("bnh");
    for (JsonNode n : lines) {
      assertThat(n.get("tool").asText()).isEqualTo("jtune");
      assertThat(n.get("trials").asInt()).isEqualTo(16);
      assertThat(n.get("ms_per_trial").asDouble()).isPositive();
      JsonNode feasible = n.get("feasible");
      assertThat(feasible.get("8").asInt()).isBetween(0, 8);
      assertThat(feasible.get("16").asInt()).isBetween(feasible.get("8").asInt(), 16);
      if (n.get("problem").asText().equals("bnh")) {
        assertThat(n.has("best")).isFalse();
        JsonNode hv = n.get("hypervolume");
        // 94% of BNH's box is feasible, and a feasible trial whose second objective is below 50
        // adds area; the reference's own box bounds it
        assertThat(hv.get("16").asDouble()).isGreaterThanOrEqualTo(hv.get("8").asDouble())
            .isPositive().isLessThan(140.0 * 50);
      } else {
        assertThat(n.has("hypervolume")).isFalse();
        JsonNode best = n.get("best");
        if (best.get("8").isNull()) {
          assertThat(feasible.get("8").asInt()).isZero();
        } else {
          assertThat(best.get("16").asDouble()).isLessThanOrEqualTo(best.get("8").asDouble());
        }
        if (feasible.get("16").asInt() == 0) {
          assertThat(best.get("16").isNull()).isTrue();
        }
      }
    }
  }

  @Test
  void anUnknownSamplerFailsBeforeAnyStudyRuns() {
    StringWriter out = new StringWriter();
    CommandLine cli = new CommandLine(new BenchCommand());
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(new StringWriter()));

    int status = cli.execute("constrained", "--samplers", "tpe,cmaes", "--seeds", "1",
        "--trials", "4", "--checkpoints", "4");

    assertThat(status).isNotZero();
    assertThat(out.toString()).isEmpty();
  }
}
