package dev.jtune.cli;

import dev.jtune.storage.jdbc.JdbcStorageConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The checks on a file a command is asked to write (an export, a report) before it writes. */
final class OutputFile {
  private OutputFile() {}

  /**
   * Refuses (exit 2) a directory, a file in a folder that does not exist, and the storage's own
   * SQLite database or one of its journal files, which {@code what} would replace, losing every
   * study in it.
   */
  static void check(Path output, String storageUrl, String what) {
    if (Files.isDirectory(output)) {
      throw new CliException(ExitCode.USAGE, "cannot write " + output + ": it is a directory; "
          + "name a file in it");
    }
    refuseTheDatabase(output, storageUrl, what);
    Path folder = output.toAbsolutePath().getParent();
    if (folder != null && !Files.isDirectory(folder)) {
      throw new CliException(ExitCode.USAGE, "cannot write " + output + ": " + folder
          + (Files.exists(folder) ? " is not a directory" : " does not exist"));
    }
  }

  private static void refuseTheDatabase(Path output, String storageUrl, String what) {
    Optional<Path> database = JdbcStorageConfig.of(StorageUrls.normalize(storageUrl)).sqliteFile();
    if (database.isEmpty()) {
      return;
    }
    Path db = database.get().toAbsolutePath().normalize();
    Path out = output.toAbsolutePath().normalize();
    boolean same;
    try {
      same = Files.exists(out) && Files.exists(db) && Files.isSameFile(out, db);
    } catch (IOException e) {
      same = false;
    }
    for (String suffix : new String[] {"", "-wal", "-shm", "-journal"}) {
      same |= out.equals(Path.of(db + suffix));
    }
    if (same) {
      throw new CliException(ExitCode.USAGE, "cannot write " + output + ": it is the storage's "
          + "database " + (out.equals(db) ? "" : "journal ") + "file, which " + what
          + " would replace; name another file");
    }
  }
}
