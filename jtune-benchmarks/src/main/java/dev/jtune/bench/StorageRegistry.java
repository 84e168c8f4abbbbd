package dev.jtune.bench;

import dev.jtune.storage.InMemoryStorage;
import dev.jtune.storage.Storage;
import dev.jtune.storage.StudyRecord;
import dev.jtune.storage.jdbc.Durability;
import dev.jtune.storage.jdbc.JdbcStorage;
import dev.jtune.storage.jdbc.JdbcStorageConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The storages a benchmark can name on its command line, with the names the peer scripts use
 * ({@code memory}, {@code sqlite} and {@code postgres}). Each run opens a fresh, empty storage
 * and closes it afterwards: the SQLite file is deleted before each run, and the PostgreSQL
 * database (the peers' {@code optuna_bench}, started by {@code pg_setup.sh}) loses the studies
 * earlier jtune benchmark runs left there, so runs never share trials.
 */
final class StorageRegistry {
  /** The SQLite file of the {@code sqlite} storage, as the peer's {@code --sqlite-path}. */
  static final String DEFAULT_SQLITE_PATH =
      Path.of(System.getProperty("java.io.tmpdir"), "jtune_bench.sqlite3").toString();
  /** The database of {@code pg_setup.sh}, as the peer's {@code --pg-url}. */
  static final String DEFAULT_PG_URL =
      "jdbc:postgresql://127.0.0.1:5432/optuna_bench?user=optuna&password=optuna";
  /** Studies of earlier benchmark runs start with this; the postgres factory deletes them. */
  static final String STUDY_PREFIX = "jtune-bench-";

  /** Opens fresh storages of one kind; {@code url} is what results report ({@code null} in memory). */
  record Kind(String name, Supplier<Storage> factory, String url) {}

  private final Map<String, Kind> kinds = new LinkedHashMap<>();

  /** The storages available in this build, at the default places. */
  static StorageRegistry defaults() {
    return defaults(DEFAULT_SQLITE_PATH, DEFAULT_PG_URL, Durability.FINISHED_TRIALS);
  }

  /** The storages available in this build, with the SQLite file, PostgreSQL URL and durability given. */
  static StorageRegistry defaults(String sqlitePath, String pgUrl, Durability durability) {
    String sqliteUrl = "jdbc:sqlite:" + sqlitePath;
    return new StorageRegistry()
        .register(new Kind("memory", InMemoryStorage::new, null))
        .register(new Kind("sqlite", () -> {
          deleteDatabaseFiles(Path.of(sqlitePath));
          return JdbcStorage.open(JdbcStorageConfig.of(sqliteUrl).withDurability(durability));
        }, sqliteUrl))
        .register(new Kind("postgres", () -> wiped(JdbcStorage.open(
            JdbcStorageConfig.of(pgUrl).withDurability(durability))), pgUrl));
  }

  private static Storage wiped(Storage storage) {
    for (StudyRecord study : storage.studies()) {
      if (study.name().startsWith(STUDY_PREFIX)) {
        storage.deleteStudy(study.id());
      }
    }
    return storage;
  }

  private static void deleteDatabaseFiles(Path file) {
    try {
      for (String suffix : new String[] {"", "-wal", "-shm", "-journal"}) {
        Files.deleteIfExists(Path.of(file + suffix));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + file, e);
    }
  }

  StorageRegistry register(Kind kind) {
    if (kinds.putIfAbsent(kind.name(), kind) != null) {
      throw new IllegalArgumentException("storage '" + kind.name() + "' is already registered");
    }
    return this;
  }

  /** The registered names, in registration order. */
  Set<String> names() {
    return kinds.keySet();
  }

  /**
   * The storage kind of that name.
   *
   * @throws IllegalArgumentException naming the known storages if there is none
   */
  Kind get(String name) {
    Kind kind = kinds.get(name);
    if (kind == null) {
      throw new IllegalArgumentException(
          "unknown storage '" + name + "'; known: " + String.join(", ", names()));
    }
    return kind;
  }
}
