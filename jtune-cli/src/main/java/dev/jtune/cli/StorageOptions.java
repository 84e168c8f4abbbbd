package dev.jtune.cli;

import dev.jtune.storage.Storage;
import dev.jtune.storage.StudyId;
import dev.jtune.storage.StudyRecord;
import picocli.CommandLine.Option;

/** {@code --storage URL} and {@code --study NAME}, for commands that work on a stored study. */
final class StorageOptions {
  @Option(names = "--storage", required = true, paramLabel = "URL",
      description = "jdbc:sqlite:FILE (or sqlite:///FILE, or a path ending in .db) or "
          + "jdbc:postgresql://HOST:PORT/DB?user=U&password=P")
  String url;

  /**
   * Refuses to delete a study while a live worker runs some of its trials (their heartbeats are
   * fresh): that worker would go on writing into the study that next takes the deleted one's
   * place (SQLite gives it the same ids). A killed worker's trials stop counting once their
   * heartbeat is older than the grace period.
   */
  static void refuseDeletingWhileRunning(Storage storage, StudyId id, String name) {
    java.util.List<Integer> live = storage.heartbeat().map(h -> h.liveTrials(id))
        .orElse(java.util.List.of());
    if (!live.isEmpty()) {
      throw new CliException(ExitCode.USAGE, "study '" + name + "' has trial(s) " + live
          + " running with a live heartbeat (a worker is on them now); stop that worker before "
          + "deleting the study, or wait: a killed worker's trials count as dead after "
          + storage.heartbeat().orElseThrow().gracePeriod().toSeconds() + " s");
    }
  }

  /** Finds a study by name or fails with {@link ExitCode#NOT_FOUND} listing the known ones. */
  static StudyId find(Storage storage, String url, String name) {
    return storage.findStudy(name).orElseThrow(() -> new CliException(ExitCode.NOT_FOUND,
        "no study named '" + name + "' in " + StorageUrls.shown(url) + "; it has "
        + storage.studies().stream()
            .map(StudyRecord::name).toList()));
  }
}
