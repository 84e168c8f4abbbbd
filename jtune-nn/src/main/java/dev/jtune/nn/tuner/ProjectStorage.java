package dev.jtune.nn.tuner;

import dev.jtune.storage.RetryFailedTrialCallback;
import dev.jtune.storage.Storage;
import dev.jtune.storage.jdbc.JdbcStorage;
import dev.jtune.storage.jdbc.JdbcStorageConfig;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Where a tuner project keeps its study: a SQLite file,
 * {@code jdbc:sqlite:<directory>/<projectName>/study.db}, through {@link JdbcStorage}, so that a
 * second run of the same project (after the first finished, or was killed) resumes its study.
 * With heartbeats on, a trial whose process died is failed once its heartbeat is older than the
 * grace period and its parameters are enqueued once more ({@link RetryFailedTrialCallback} with
 * {@value #RETRIES} retry: a configuration that kills its process twice is not tried a third
 * time).
 */
final class ProjectStorage {

  private ProjectStorage() {}

  /** The file the study lives in. */
  static Path studyFile(Path projectDir) {
    return projectDir.resolve("study.db");
  }

  static final int RETRIES = 1;

  /** Opens (or creates) the project's study database; {@code interval} 0: no heartbeats. */
  static Storage open(Path projectDir, Duration interval, Duration grace) {
    JdbcStorageConfig config = JdbcStorageConfig.of("jdbc:sqlite:"
        + studyFile(projectDir).toAbsolutePath());
    if (!interval.isZero()) {
      config = config.withHeartbeat(interval, grace)
          .withFailedTrialCallback(new RetryFailedTrialCallback(RETRIES));
    }
    return JdbcStorage.open(config);
  }
}
