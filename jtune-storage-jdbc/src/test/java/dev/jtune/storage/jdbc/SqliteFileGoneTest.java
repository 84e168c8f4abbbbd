package dev.jtune.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jtune.sampler.RandomSampler;
import dev.jtune.storage.StorageException;
import dev.jtune.storage.StudyId;
import dev.jtune.study.Study;
import dev.jtune.study.StudyDirection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SQLite files that are not what they should be: deleted or replaced under an open storage
 * (SQLite itself would go on writing to the unlinked file, and every trial since would be lost
 * without a word), a directory, or a file of another kind (which once took ten retries, about 70
 * s, and then named only the pool's timeout).
 */
class SqliteFileGoneTest {
  @TempDir
  Path dir;

  /** Finishing a trial after its file is gone names the finish, not an inner read. */
  @Test
  void aFinishAfterTheFileIsGoneNamesTheTrialAndTheFinish() throws Exception {
    Path db = dir.resolve("gone-finish.db");
    try (JdbcStorage storage = JdbcStorage.open("jdbc:sqlite:" + db)) {
      StudyId s = storage.createStudy("s", List.of(StudyDirection.MINIMIZE));
      dev.jtune.trial.FrozenTrial t = storage.createTrial(s,
          dev.jtune.storage.TrialTemplate.running());
      Files.delete(db);
      assertThatThrownBy(() -> storage.setTrialState(t.id(), dev.jtune.trial.TrialState.COMPLETE,
          List.of(1.0)))
          .isInstanceOf(StorageException.class)
          .hasMessageContaining("setting trial 0 (id " + t.id().value() + ") to COMPLETE")
          .hasMessageContaining("deleted");
    }
  }

  @Test
  void aDeletedFileStopsTheStorageWithAnErrorNamingIt() throws Exception {
    Path db = dir.resolve("gone.db");
    try (JdbcStorage storage = JdbcStorage.open("jdbc:sqlite:" + db)) {
      Study study = Study.builder().name("s").storage(storage).sampler(new RandomSampler(1))
          .build();
      study.optimize(t -> t.suggestFloat("x", 0, 1), 3);
      Files.delete(db);
      assertThatThrownBy(() -> study.optimize(t -> t.suggestFloat("x", 0, 1), 1))
          .isInstanceOf(StorageException.class).hasMessageContaining(db.toString())
          .hasMessageContaining("deleted");
    }
  }

  /** A file the storage created is watched from its creation, before any other operation. */
  @Test
  void aNewFileDeletedBeforeTheFirstOperationIsNoticed() throws Exception {
    Path db = dir.resolve("new.db");
    try (JdbcStorage storage = JdbcStorage.open("jdbc:sqlite:" + db)) {
      assertThat(db).exists();
      Files.delete(db);
      Files.deleteIfExists(dir.resolve("new.db-wal"));
      Files.deleteIfExists(dir.resolve("new.db-shm"));
      assertThatThrownBy(() -> storage.createStudy("s", List.of(StudyDirection.MINIMIZE)))
          .isInstanceOf(StorageException.class).hasMessageContaining(db.toString())
          .hasMessageContaining("deleted");
    }
  }

  @Test
  void aReplacedFileIsNoticedToo() throws Exception {
    Path db = dir.resolve("replaced.db");
    Path other = dir.resolve("other.db");
    try (JdbcStorage first = JdbcStorage.open("jdbc:sqlite:" + other)) {
      first.createStudy("other", List.of(StudyDirection.MINIMIZE));
    }
    try (JdbcStorage storage = JdbcStorage.open("jdbc:sqlite:" + db)) {
      storage.createStudy("s", List.of(StudyDirection.MINIMIZE));
      Files.move(other, db, StandardCopyOption.REPLACE_EXISTING);
      assertThatThrownBy(storage::studies).isInstanceOf(StorageException.class)
          .hasMessageContaining("replaced");
    }
    try (JdbcStorage reopened = JdbcStorage.open("jdbc:sqlite:" + db)) {
      assertThat(reopened.studies()).hasSize(1);
    }
  }

  @Test
  void aDirectoryOrAFileThatIsNotADatabaseIsNamedAsSuch() throws Exception {
    Path folder = Files.createDirectories(dir.resolve("folder.db"));
    assertThatThrownBy(() -> JdbcStorage.open("jdbc:sqlite:" + folder))
        .isInstanceOf(StorageException.class).hasMessageContaining("is a directory");
    Path text = Files.writeString(dir.resolve("notes.db"), "not a database\n".repeat(100));
    long started = System.nanoTime();
    assertThatThrownBy(() -> {
      try (JdbcStorage storage = JdbcStorage.open("jdbc:sqlite:" + text)) {
        storage.studies();
      }
    }).isInstanceOf(StorageException.class).hasMessageContaining(text.toString())
        .hasMessageContaining("is not a SQLite database (it starts with \"not a database?n\"");
    // named from the file's first bytes, not after the pool's 5 s connection timeout
    assertThat(System.nanoTime() - started).isLessThan(2_000_000_000L);
    Path tiny = Files.write(dir.resolve("tiny.db"), new byte[] {'P', 'K', 3});
    assertThatThrownBy(() -> JdbcStorage.open("jdbc:sqlite:" + tiny))
        .isInstanceOf(StorageException.class).hasMessageContaining("it starts with \"PK?\"");
    assertThat(Files.readString(text)).isEqualTo("not a database\n".repeat(100));
  }

  @Test
  void anEmptyFileIsANewDatabase() throws Exception {
    Path empty = Files.createFile(dir.resolve("empty.db"));
    try (JdbcStorage storage = JdbcStorage.open("jdbc:sqlite:" + empty)) {
      assertThat(storage.studies()).isEmpty();
    }
  }
}
