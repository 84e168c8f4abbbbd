package dev.jtune.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example runs end to end (reduced: 3 trials of 3 epochs) and learns the problem. */
class SeedExampleTest {

  @TempDir Path dir;

  @Test
  void runsAndBeatsChance() throws Exception {
    double accuracy = SeedExample.run(3, 3, dir);
    assertThat(accuracy).isGreaterThan(0.7);
    assertThat(Files.exists(dir.resolve("seed"))).isTrue();
    assertThat(Files.readString(dir.resolve("seed/report.html"))).contains("Optimization history");
  }
}
