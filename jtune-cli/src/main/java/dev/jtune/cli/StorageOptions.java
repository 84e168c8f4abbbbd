package dev.jtune.cli;

import dev.jtune.storage.Storage;
import dev.jtune.storage.StudyId;
import dev.jtune.storage.StudyRecord;
import picocli.CommandLine.Option;

/** {@code --storage URL} and {@code --study NAME}, for commands that work on a stored study. */
final class StorageOptions {
  @Option(names = "--storage", required = true, paramLabel = "URL",
      description = "jdbc:sqlite:FILE (or a path ending in .db) or "
          + "jdbc:postgresql://HOST:PORT/DB?user=U&password=P")
  String url;

  /** Finds a study by name or fails with {@link ExitCode#NOT_FOUND} listing the known ones. */
  static StudyId find(Storage storage, String url, String name) {
    return storage.findStudy(name).orElseThrow(() -> new CliException(ExitCode.NOT_FOUND,
        "no study named '" + name + "' in " + StorageUrls.shown(url) + "; it has "
        + storage.studies().stream()
            .map(StudyRecord::name).toList()));
  }
}
