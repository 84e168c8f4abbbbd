package dev.jtune.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The importance benchmark reads the peer's trial file and prints its fields (a smoke test). */
class ImportanceCommandTest {
  @TempDir
  Path dir;

  @Test
  void readsThePeersTrialsAndRanksTheSteepestTermFirst() throws Exception {
    StringBuilder csv = new StringBuilder("f0,f1,f2,f3,f4,f5,f6,f7,c,n,value\n");
    Random random = new Random(1);
    for (int r = 0; r < 60; r++) {
      double value = 0;
      for (int i = 0; i < 8; i++) {
        double f = random.nextDouble();
        value += i * f;
        csv.append(f).append(',');
      }
      char c = "abcde".charAt(random.nextInt(5));
      int n = 1 + random.nextInt(100);
      value += 0.1 * c + 0.01 * n;
      csv.append(c).append(',').append(n).append(',')
          .append(String.format(Locale.ROOT, "%.17g", value)).append('\n');
    }
    Path file = Files.writeString(dir.resolve("importance_60.csv"), csv);
    StringWriter out = new StringWriter();
    CommandLine cli = new CommandLine(new BenchCommand());
    cli.setOut(new PrintWriter(out));

    int status = cli.execute("importance", "--csv", file.toString(), "--repeats", "1");

    assertThat(status).isZero();
    JsonNode fanova = new ObjectMapper().readTree(out.toString().lines().findFirst().orElseThrow());
    assertThat(fanova.get("tool").asText()).isEqualTo("jtune");
    assertThat(fanova.get("method").asText()).isEqualTo("fanova");
    assertThat(fanova.get("trials").asInt()).isEqualTo(60);
    assertThat(fanova.get("seconds_median").asDouble()).isPositive();
    assertThat(fanova.get("importances").fieldNames().next()).isEqualTo("f7");
    assertThat(out.toString().lines()).hasSize(2);
  }
}
