package dev.jtune.storage.jdbc;

import dev.jtune.pruner.Pruner;
import dev.jtune.storage.Storage;
import dev.jtune.testkit.PrunerContract;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pruner contract on SQLite files, with the second handle a second connection pool on the same
 * file (as another process opens it): decisions must depend only on what is stored, including the
 * rung values successive halving and Hyperband keep in trial system attributes.
 */
class SqlitePrunerContractTest {

  /** Opens a new SQLite file per study storage and a second handle on it for {@code reopen}. */
  abstract static class OnSqlite extends PrunerContract {
    @TempDir
    Path dir;
    private final List<Storage> opened = new ArrayList<>();
    private final Map<Storage, String> urls = new IdentityHashMap<>();

    @Override
    protected Storage newStorage() {
      String url = "jdbc:sqlite:" + dir.resolve("pruning-" + opened.size() + ".db");
      Storage storage = JdbcStorage.open(url);
      opened.add(storage);
      urls.put(storage, url);
      return storage;
    }

    @Override
    protected Storage reopen(Storage storage) {
      Storage other = JdbcStorage.open(urls.get(storage));
      opened.add(other);
      return other;
    }

    @AfterEach
    void closeHandles() throws Exception {
      for (Storage s : opened) {
        s.close();
      }
    }
  }

  @Nested
  class Median extends OnSqlite {
    @Override
    protected Pruner newPruner() {
      return Pruner.median();
    }
  }

  @Nested
  class SuccessiveHalving extends OnSqlite {
    @Override
    protected Pruner newPruner() {
      return Pruner.successiveHalving();
    }
  }

  @Nested
  class Hyperband extends OnSqlite {
    @Override
    protected Pruner newPruner() {
      return Pruner.hyperband();
    }
  }

  @Nested
  class PatientMedian extends OnSqlite {
    @Override
    protected Pruner newPruner() {
      return Pruner.patient(Pruner.median(), new dev.jtune.pruner.PatientConfig(2, 0.01));
    }
  }

  /** The Wilcoxon pruner pairs a trial's reports with the best trial's as stored. */
  @Nested
  class Wilcoxon extends OnSqlite {
    @Override
    protected Pruner newPruner() {
      return Pruner.wilcoxon();
    }
  }
}
