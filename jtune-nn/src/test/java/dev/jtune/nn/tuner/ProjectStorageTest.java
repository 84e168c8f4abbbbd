package dev.jtune.nn.tuner;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectStorageTest {
  @TempDir
  Path dir;

  /** A trial file is replaced whole (through a temporary file that leaves nothing behind). */
  @Test
  void aTrialFileIsReplacedWholeAndLeavesNoTemporaryFile() throws Exception {
    Path first = ProjectStorage.writeTrialFile(dir, 3, "weights.params", new byte[] {1, 2, 3});
    Path second = ProjectStorage.writeTrialFile(dir, 3, "weights.params", new byte[] {9});
    assertThat(second).isEqualTo(first).isEqualTo(dir.resolve("trial_3/weights.params"));
    assertThat(Files.readAllBytes(second)).containsExactly(9);
    try (Stream<Path> files = Files.list(dir.resolve("trial_3"))) {
      assertThat(files).containsExactly(second);
    }
  }
}
