package dev.jtune.storage.jdbc;

import dev.jtune.sampler.RandomSampler;
import dev.jtune.sampler.Sampler;
import dev.jtune.sampler.nsga.NsgaIIConfig;
import dev.jtune.sampler.nsga.NsgaIISampler;
import dev.jtune.sampler.tpe.TpeConfig;
import dev.jtune.sampler.tpe.TpeSampler;
import dev.jtune.storage.Storage;
import dev.jtune.testkit.SamplerContract;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sampler contract with every study in its own SQLite file: every kind of parameter (enums,
 * null and mixed-type choices, log and stepped ranges) goes through the database's encoding, and
 * seeded reproducibility with several threads holds over a real storage.
 */
class SqliteSamplerContractTest {

  /** Opens a new SQLite file per study and closes them all after each test. */
  abstract static class OnSqlite extends SamplerContract {
    @TempDir
    Path dir;
    private final List<Storage> opened = new ArrayList<>();

    @Override
    protected Storage newStorage() {
      Storage storage = JdbcStorage.open("jdbc:sqlite:" + dir.resolve("s-" + opened.size()
          + ".db"));
      opened.add(storage);
      return storage;
    }

    @AfterEach
    void closeStorages() throws Exception {
      for (Storage s : opened) {
        s.close();
      }
    }
  }

  @Nested
  class Random extends OnSqlite {
    @Override
    protected Sampler newSampler(long seed) {
      return new RandomSampler(seed);
    }
  }

  @Nested
  class MultivariateTpe extends OnSqlite {
    @Override
    protected Sampler newSampler(long seed) {
      return new TpeSampler(TpeConfig.defaults().withSeed(seed).withMultivariate(true));
    }

    @Override
    protected int trials() {
      return 60;
    }
  }

  @Nested
  class NsgaII extends OnSqlite {
    @Override
    protected Sampler newSampler(long seed) {
      return new NsgaIISampler(NsgaIIConfig.defaults().withSeed(seed).withPopulationSize(12));
    }
  }
}
