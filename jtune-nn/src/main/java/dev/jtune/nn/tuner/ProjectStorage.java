package dev.jtune.nn.tuner;

import dev.jtune.io.AtomicFile;
import dev.jtune.storage.RetryFailedTrialCallback;
import dev.jtune.storage.Storage;
import dev.jtune.storage.StudyId;
import dev.jtune.storage.StudyRecord;
import dev.jtune.storage.jdbc.JdbcStorage;
import dev.jtune.storage.jdbc.JdbcStorageConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where a tuner project keeps its study and its trials' files: a SQLite file,
 * {@code jdbc:sqlite:<directory>/<projectName>/study.db}, through {@link JdbcStorage}, so that a
 * second run of the same project (after the first finished, or was killed) resumes its study.
 * With heartbeats on, a trial whose process died is failed once its heartbeat is older than the
 * grace period and its parameters are enqueued once more ({@link RetryFailedTrialCallback} with
 * {@value #RETRIES} retry: a configuration that kills its process twice is not tried a third
 * time).
 */
final class ProjectStorage {
  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(ProjectStorage.class);

  private ProjectStorage() {}

  /** The file the study lives in. */
  static Path studyFile(Path projectDir) {
    return projectDir.resolve("study.db");
  }

  static final int RETRIES = 1;

  /**
   * Writes {@code bytes} to {@code <projectDir>/trial_<number>/<name>}, making the folder. The
   * bytes go to a temporary file that then replaces the target in one move, so a process killed
   * mid-write leaves the earlier file (or none), never a truncated one that a later
   * {@code bestModels} would fail to load.
   *
   * @throws UncheckedIOException naming the file, if it cannot be written
   */
  static Path writeTrialFile(Path projectDir, int number, String name, byte[] bytes) {
    Path file = projectDir.resolve("trial_" + number).resolve(name);
    try {
      Files.createDirectories(file.getParent());
      AtomicFile.write(file, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + name + " of trial " + number + " to "
          + file, e);
    }
    return file;
  }

  /**
   * How a trial file is recorded in the study: its path relative to the project folder, with
   * {@code /} separators, so that a project folder moved or copied elsewhere still finds it.
   */
  static String recorded(Path projectDir, Path file) {
    return projectDir.relativize(file).toString().replace(java.io.File.separatorChar, '/');
  }

  /**
   * A recorded trial file resolved in the project folder; an absolute path (as projects recorded
   * before 2026-12-07) is taken as it is, or, where it is gone, as {@code trial_<n>/<file>} of
   * this project folder.
   */
  static Path resolve(Path projectDir, String recorded) {
    Path path = Path.of(recorded);
    if (!path.isAbsolute()) {
      return projectDir.resolve(path).normalize();
    }
    // an earlier jtune's absolute path: if the project has moved since, its trial_<n>/<file>
    Path moved = path.getNameCount() >= 2
        ? projectDir.resolve(path.getParent().getFileName()).resolve(path.getFileName()) : path;
    return Files.exists(path) || !Files.exists(moved) ? path : moved;
  }

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

  /**
   * The study the project's database holds: the one named {@code projectName}, or, when the
   * project folder was renamed since, the only study in it (Keras Tuner's project is its folder).
   * A database holding other studies but none of that name is refused rather than given a new,
   * empty study whose trials would overwrite the others' weight files.
   */
  static String studyName(Storage storage, String projectName) {
    List<String> names = storage.studies().stream().map(StudyRecord::name).toList();
    if (names.isEmpty() || names.contains(projectName)) {
      return projectName;
    }
    if (names.size() == 1) {
      LOG.info("project {}: its database holds study '{}' (the folder was renamed); resuming it",
          projectName, names.get(0));
      return names.get(0);
    }
    throw new IllegalArgumentException("project " + projectName + ": its database holds studies "
        + names + " but none named '" + projectName + "'; use the project name it was created "
        + "with, or overwrite(true) to start the project afresh");
  }

  /**
   * Refuses a project whose stored study optimizes in the other direction (its objective was
   * another metric), naming the objective, before the study would refuse it in its own terms.
   */
  static void refuseAnotherDirection(Storage storage, String name, TunerBuilder config) {
    Optional<StudyId> id = storage.findStudy(name);
    if (id.isEmpty()) {
      return;
    }
    StudyRecord stored = storage.study(id.get());
    if (!stored.directions().equals(config.directions())) {
      Object objective = stored.userAttrs().get(Tuner.TASK_ATTR) instanceof Map<?, ?> m
          && m.get("objective") != null
          ? m.get("objective") + (m.get("scores") instanceof List<?> l && !l.isEmpty()
              ? " and " + l : "") : null;   // older projects stored no objective
      throw new IllegalArgumentException("project '" + config.projectName + "' was searched "
          + (objective != null ? "with objective " + objective + " " : "")
          + stored.directions().stream().map(d -> d.name().toLowerCase(Locale.ROOT)).toList()
          + ", not with " + (config.directions().size() == 1 ? config.metric.label() + " ("
              + config.direction.name().toLowerCase(Locale.ROOT) + ")"
              : config.objectiveLabels() + " " + config.directions().stream()
                  .map(d -> d.name().toLowerCase(Locale.ROOT)).toList())
          + ": its trials' values would not compare. "
          + "Use another projectName, or overwrite(true) to start the project afresh");
    }
  }
}
