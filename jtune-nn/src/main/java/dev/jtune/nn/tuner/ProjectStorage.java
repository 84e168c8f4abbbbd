package dev.jtune.nn.tuner;

import dev.jtune.storage.InMemoryStorage;
import dev.jtune.storage.Storage;
import java.nio.file.Path;

/**
 * Where a tuner project keeps its study: the seam between the {@link Tuner} and the storage.
 *
 * <p>The intended store is a SQLite file, {@code jdbc:sqlite:<directory>/<projectName>/study.db},
 * through {@code JdbcStorage} (module {@code jtune-storage-jdbc}), so that a second run of the same
 * project resumes its study. Until that module is on the build, this seam returns an
 * {@link InMemoryStorage}: the study lives as long as the tuner, while trial weights are already
 * written under the project directory. Only {@link #open} changes when the switch is made.
 */
final class ProjectStorage {

  private ProjectStorage() {}

  /** The file the study will live in. */
  static Path studyFile(Path projectDir) {
    return projectDir.resolve("study.db");
  }

  /** Opens (or creates) the project's study storage. */
  static Storage open(Path projectDir) {
    return new InMemoryStorage();
  }

  /** Whether studies survive the process (false until the SQLite storage is used). */
  static boolean persistent() {
    return false;
  }
}
