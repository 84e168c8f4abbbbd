package dev.jtune.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes study files for tests. */
final class Studies {
  private Studies() {}

  /** Writes {@code yaml} to {@code dir/name} and returns the path. */
  static Path file(Path dir, String name, String yaml) {
    try {
      Path f = dir.resolve(name);
      Files.writeString(f, yaml);
      return f;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A valid sphere study with a conditional space, stored in {@code dir/study.db}. */
  static String sphere(Path dir, String name, int trials) {
    return """
        name: %s
        direction: minimize
        storage: jdbc:sqlite:%s
        objective:
          function: sphere
        space:
          x: {type: float, low: -3.0, high: 3.0}
          n: {type: int, low: 0, high: 8, step: 2}
          opt: {type: categorical, choices: [adam, sgd]}
          momentum: {type: float, low: 0.0, high: 1.0, when: {opt: sgd}}
        sampler:
          name: random
          seed: 1
        budget:
          trials: %d
        """.formatted(name, dir.resolve("study.db"), trials);
  }
}
