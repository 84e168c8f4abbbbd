package dev.jtune.nn.tuner;

import dev.jtune.storage.Storage;
import dev.jtune.storage.jdbc.JdbcStorage;
import java.nio.file.Path;

/**
 * Where a tuner project keeps its study: a SQLite file,
 * {@code jdbc:sqlite:<directory>/<projectName>/study.db}, through {@link JdbcStorage}, so that a
 * second run of the same project (after the first finished, or was killed) resumes its study.
 */
final class ProjectStorage {

  private ProjectStorage() {}

  /** The file the study lives in. */
  static Path studyFile(Path projectDir) {
    return projectDir.resolve("study.db");
  }

  /** Opens (or creates) the project's study database. */
  static Storage open(Path projectDir) {
    return JdbcStorage.open("jdbc:sqlite:" + studyFile(projectDir).toAbsolutePath());
  }
}
