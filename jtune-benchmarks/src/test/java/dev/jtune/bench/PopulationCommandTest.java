package dev.jtune.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code pbt} command on tiny IDX files made here: both methods, the same epochs. */
class PopulationCommandTest {

  @TempDir Path dir;

  /** Images whose class shows as a bright column, labels 0-9 in turn. */
  private void writeIdx(String prefix, int rows, long seed) throws IOException {
    SplittableRandom rng = new SplittableRandom(seed);
    try (OutputStream f = Files.newOutputStream(dir.resolve(prefix + "-images-idx3-ubyte"));
        DataOutputStream out = new DataOutputStream(f)) {
      out.writeInt(0x803);
      out.writeInt(rows);
      out.writeInt(28);
      out.writeInt(28);
      for (int r = 0; r < rows; r++) {
        for (int p = 0; p < 28 * 28; p++) {
          out.writeByte(p % 28 == 2 * (r % 10) ? 255 : rng.nextInt(60));
        }
      }
    }
    try (OutputStream f = Files.newOutputStream(dir.resolve(prefix + "-labels-idx1-ubyte"));
        DataOutputStream out = new DataOutputStream(f)) {
      out.writeInt(0x801);
      out.writeInt(rows);
      for (int r = 0; r < rows; r++) {
        out.writeByte(r % 10);
      }
    }
  }

  @Test
  void trainsAPopulationAndRandomSearchForTheSameEpochs() throws Exception {
    writeIdx("train", 300, 1);
    writeIdx("t10k", 100, 2);
    BenchOutput bench = BenchOutput.of("pbt", "--population", "2", "--intervals", "2",
        "--interval", "1", "--rows", "300", "--seeds", "0", "--data-dir", dir.toString());
    assertThat(bench.status()).isZero();
    List<String> lines = bench.out().lines().toList();
    assertThat(lines).hasSize(2);
    ObjectMapper json = new ObjectMapper();
    JsonNode pbt = json.readTree(lines.get(0));
    JsonNode random = json.readTree(lines.get(1));
    assertThat(pbt.get("method").asText()).isEqualTo("pbt");
    assertThat(random.get("method").asText()).isEqualTo("random");
    for (JsonNode run : List.of(pbt, random)) {
      assertThat(run.get("epochs").asInt()).isEqualTo(4);
      // the bright column gives the class away: both learn it
      assertThat(run.get("test").asDouble()).isGreaterThan(0.5);
    }
    assertThat(pbt.get("lineage_lr").size()).isBetween(1, 2);
    assertThat(pbt.get("last_interval_test").asDouble()).isGreaterThan(0.5);
    assertThat(random.has("last_interval_test")).isFalse();
  }

  /** {@code --refit}: the best member's schedule and the constant control, on all the rows. */
  @Test
  void refitTrainsTheBestSchedulesAndTheControlOnAllRows() throws Exception {
    writeIdx("train", 300, 1);
    writeIdx("t10k", 100, 2);
    BenchOutput bench = BenchOutput.of("pbt", "--population", "2", "--intervals", "2",
        "--interval", "1", "--rows", "300", "--seeds", "0", "--methods", "pb2", "--refit",
        "--data-dir", dir.toString());
    assertThat(bench.status()).isZero();
    JsonNode pb2 = new ObjectMapper().readTree(bench.out().lines().findFirst().orElseThrow());
    assertThat(pb2.get("method").asText()).isEqualTo("pb2");
    assertThat(pb2.get("refit_epochs").asInt())
        .isEqualTo(pb2.get("schedule_intervals").asInt());
    assertThat(pb2.get("refit_test").asDouble()).isGreaterThan(0.5);
    assertThat(pb2.get("constant_test").asDouble()).isGreaterThan(0.5);
    assertThat(pb2.get("refit_seconds").asDouble()).isNotNegative();   // tenths of a second
  }
}
