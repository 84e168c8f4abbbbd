package dev.jtune.bench;

import dev.jtune.storage.jdbc.Durability;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The {@code storage} benchmark: the per-trial overhead of the database storages, i.e. the
 * {@code overhead} benchmark with SQLite and PostgreSQL as its storages, the counterpart of
 * {@code optuna_overhead.py --storages sqlite postgres --samplers random}. Same fields, same
 * measurement (see {@link OverheadCommand}).
 */
@Command(name = "storage",
    mixinStandardHelpOptions = true,
    description = {"Per-trial overhead of JdbcStorage on SQLite and PostgreSQL, as "
        + "optuna_overhead.py measures it with --storages sqlite postgres.",
        "",
        "PostgreSQL is the peers' database: run `bash pg_setup.sh start` in a copy of "
            + "shared/peers first."})
final class StorageCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--samplers", arity = "1..*", defaultValue = "random", split = ",",
      paramLabel = "NAME", description = "Samplers: random, sobol (default: ${DEFAULT-VALUE}).")
  List<String> samplers;

  @Option(names = "--storages", arity = "1..*", defaultValue = "sqlite,postgres", split = ",",
      paramLabel = "NAME", description = "Storages: sqlite, postgres, memory "
          + "(default: ${DEFAULT-VALUE}).")
  List<String> storages;

  @Option(names = "--sizes", arity = "1..*", defaultValue = "100,1000", split = ",",
      paramLabel = "N", description = "Study sizes to report; each study runs max(sizes) trials "
          + "(default: ${DEFAULT-VALUE}).")
  List<Integer> sizes;

  @Option(names = "--window", defaultValue = "100",
      description = "Trials per measurement window (default: ${DEFAULT-VALUE}).")
  int window;

  @Option(names = "--seed", defaultValue = "0", description = "Sampler seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--repeats", defaultValue = "1",
      description = "Measured studies per cell, in this JVM (default: ${DEFAULT-VALUE}).")
  int repeats;

  @Option(names = "--warmup", defaultValue = "300", paramLabel = "TRIALS",
      description = "Trials of the unreported warm-up study per cell; 0 for none "
          + "(default: ${DEFAULT-VALUE}).")
  int warmup;

  @Option(names = "--keep-per-trial", description = "Add every trial's ms (per_trial_ms).")
  boolean keepPerTrial;

  @Option(names = "--sqlite-path", paramLabel = "FILE",
      description = "The SQLite file, deleted before each study (default: a file in java.io.tmpdir).")
  String sqlitePath = StorageRegistry.DEFAULT_SQLITE_PATH;

  @Option(names = "--durability", defaultValue = "FINISHED_TRIALS", paramLabel = "MODE",
      description = "Which commits wait for the disk: FULL, FINISHED_TRIALS, ASYNC "
          + "(default: ${DEFAULT-VALUE}).")
  Durability durability = Durability.FINISHED_TRIALS;

  @Option(names = "--pg-url", paramLabel = "JDBC_URL",
      description = "The PostgreSQL database (default: " + StorageRegistry.DEFAULT_PG_URL + ").")
  String pgUrl = StorageRegistry.DEFAULT_PG_URL;

  @Option(names = "--params", defaultValue = "5",
      description = "Floats the objective suggests; the peer's are 5 (default: ${DEFAULT-VALUE}).")
  int params;

  @Override
  public Integer call() throws Exception {
    OverheadCommand overhead = new OverheadCommand();
    overhead.params = params;
    overhead.spec = spec;
    overhead.samplers = samplers;
    overhead.storages = storages;
    overhead.sizes = sizes;
    overhead.window = window;
    overhead.seed = seed;
    overhead.repeats = repeats;
    overhead.warmup = warmup;
    overhead.keepPerTrial = keepPerTrial;
    overhead.sqlitePath = sqlitePath;
    overhead.pgUrl = pgUrl;
    overhead.durability = durability;
    return overhead.call();
  }
}
