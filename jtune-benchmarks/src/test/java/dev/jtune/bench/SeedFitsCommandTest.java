package dev.jtune.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SeedFitsCommandTest {

  @Test
  void timesEachFixedConfigurationOnce() throws Exception {
    PrintStream stdout = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    int status;
    try {
      System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
      CommandLine cli = new CommandLine(new BenchCommand());
      cli.setErr(new PrintWriter(new StringWriter()));
      status = cli.execute("seed-fits", "--fits", "1", "--warmup", "0");
    } finally {
      System.setOut(stdout);
    }
    assertThat(status).isZero();
    JsonNode out = new ObjectMapper().readTree(captured.toString(StandardCharsets.UTF_8));
    assertThat(out.get("tool").asText()).isEqualTo("jtune");
    JsonNode ms = out.get("ms_per_fit");
    assertThat(ms.fieldNames()).toIterable().containsExactly("batch16_layers1",
        "batch16_layers3", "batch64_layers1", "batch64_layers3");
    ms.forEach(v -> assertThat(v.asDouble()).isPositive());
  }
}
