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

  /**
   * Population-based training: segments and their obsolete lists go through the database's
   * attribute encoding, and a seeded population repeats on several threads over it.
   */
  @Nested
  class PopulationBased extends OnSqlite {
    @Override
    protected Sampler newSampler(long seed) {
      return new dev.jtune.sampler.pbt.PopulationBasedSampler(
          dev.jtune.sampler.pbt.PopulationBasedConfig.defaults().withPopulationSize(6)
              .withSeed(seed).withMutable(java.util.Set.of("uniform", "log", "step", "int",
                  "intLog", "intStep", "choice", "color", "flag", "x", "y")));
    }
  }

  /** Population-based bandits: the bandit models a history read back from the database. */
  @Nested
  class PopulationBasedBandits extends OnSqlite {
    @Override
    protected Sampler newSampler(long seed) {
      return new dev.jtune.sampler.pbt.PopulationBasedSampler(
          dev.jtune.sampler.pbt.PopulationBasedConfig.defaults().withPopulationSize(6)
              .withSeed(seed).withExploration(
                  dev.jtune.sampler.pbt.PopulationBasedConfig.Exploration.BANDIT)
              .withMutable(java.util.Set.of("uniform", "log", "step", "int", "intLog",
                  "intStep", "choice", "color", "flag", "x", "y")));
    }
  }
}
