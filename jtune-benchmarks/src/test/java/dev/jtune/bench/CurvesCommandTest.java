package dev.jtune.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class CurvesCommandTest {

  @Test
  void curvesHaveTheirDocumentedShape() {
    LearningCurves.Config best = new LearningCurves.Config(1e-3, 256, 0.3, "adam", 64);
    assertThat(best.asymptote()).isEqualTo(LearningCurves.FLOOR);
    assertThat(best.trueLoss(81)).isBetween(LearningCurves.FLOOR, LearningCurves.FLOOR + 1e-3);
    assertThat(best.trueLoss(1)).isLessThan(LearningCurves.INITIAL_LOSS);
    // Too fast a rate: faster early, worse at the end (the curves cross).
    LearningCurves.Config fast = new LearningCurves.Config(5e-3, 256, 0.3, "adam", 64);
    assertThat(fast.trueLoss(3)).isLessThan(best.trueLoss(3));
    assertThat(fast.trueLoss(81)).isGreaterThan(best.trueLoss(81));
    LearningCurves.Config diverging = new LearningCurves.Config(0.5, 256, 0.3, "adam", 64);
    assertThat(diverging.trueLoss(2)).isGreaterThan(LearningCurves.INITIAL_LOSS);
    assertThat(diverging.trueLoss(5)).isNaN();
    LearningCurves curves = new LearningCurves(3);
    assertThat(curves.observed(best, 7, 10)).isEqualTo(curves.observed(best, 7, 10))
        .isNotEqualTo(curves.observed(best, 8, 10));
  }

  @Test
  void printsOneJsonLinePerPrunerAndSeed() throws Exception {
    StringWriter out = new StringWriter();
    CommandLine cli = new CommandLine(new BenchCommand());
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(new StringWriter()));
    int status = cli.execute("curves", "--pruners", "none,hyperband", "--seeds", "1,2",
        "--trials", "30", "--epochs", "27");
    assertThat(status).isZero();
    String[] lines = out.toString().strip().split("\n");
    assertThat(lines).hasSize(4);
    ObjectMapper json = new ObjectMapper();
    JsonNode none = json.readTree(lines[0]);
    assertThat(none.get("pruner").asText()).isEqualTo("none");
    assertThat(none.get("epochs").asLong()).isEqualTo(30 * 27);
    assertThat(none.get("pruned").asInt()).isZero();
    JsonNode hyperband = json.readTree(lines[2]);
    assertThat(hyperband.get("pruner").asText()).isEqualTo("hyperband");
    assertThat(hyperband.get("epochs").asLong()).isLessThan(30 * 27);
    assertThat(hyperband.get("pruned").asInt()).isPositive();
    assertThat(hyperband.get("best_true_loss").asDouble()).isPositive();
    // Same seed, same run.
    StringWriter again = new StringWriter();
    CommandLine cli2 = new CommandLine(new BenchCommand());
    cli2.setOut(new PrintWriter(again));
    cli2.setErr(new PrintWriter(new StringWriter()));
    cli2.execute("curves", "--pruners", "hyperband", "--seeds", "1", "--trials", "30",
        "--epochs", "27");
    assertThat(json.readTree(again.toString().strip()).get("best_value"))
        .isEqualTo(hyperband.get("best_value"));
  }

  @Test
  void anEpochBudgetStopsTheRun() {
    StringWriter out = new StringWriter();
    CommandLine cli = new CommandLine(new BenchCommand());
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(new StringWriter()));
    assertThat(cli.execute("curves", "--pruners", "none", "--seeds", "0", "--trials", "1000",
        "--epochs", "10", "--epoch-budget", "95")).isZero();
    assertThat(out.toString()).contains("\"trials\":10,").contains("\"epochs\":100,");
    assertThat(cli.execute("curves", "--pruners", "nope")).isEqualTo(2);
  }
}
