package dev.jtune.bench;

import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The {@code storage} benchmark: the per-trial overhead of the database storages, i.e. the
 * {@code overhead} benchmark with SQLite and PostgreSQL as its storages, the counterpart of
 * {@code optuna_overhead.py --storages sqlite postgres --samplers random}. It is
 * {@link OverheadCommand} itself (same options, fields and measurement) with other defaults, so the
 * two commands cannot drift apart.
 */
@Command(name = "storage",
    mixinStandardHelpOptions = true,
    defaultValueProvider = StorageCommand.Defaults.class,
    description = {"Per-trial overhead of JdbcStorage on SQLite and PostgreSQL, as "
        + "optuna_overhead.py measures it with --storages sqlite postgres.",
        "",
        "PostgreSQL is the peers' database: run `bash pg_setup.sh start` in a copy of "
            + "shared/peers first."})
final class StorageCommand extends OverheadCommand {

  /** The defaults that differ from {@code overhead}'s; every other option keeps its own. */
  static final class Defaults implements IDefaultValueProvider {
    private static final Map<String, String> VALUES = Map.of(
        "--samplers", "random",
        "--storages", "sqlite,postgres",
        "--sizes", "100,1000",
        "--warmup", "300");

    @Override
    public String defaultValue(ArgSpec argSpec) {
      return argSpec instanceof OptionSpec option ? VALUES.get(option.longestName()) : null;
    }
  }
}
