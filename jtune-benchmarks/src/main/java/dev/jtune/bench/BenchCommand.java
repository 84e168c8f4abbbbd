package dev.jtune.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The benchmark jar's entry point: one picocli subcommand per benchmark. */
@Command(name = "jtune-benchmarks",
    mixinStandardHelpOptions = true,
    versionProvider = BenchEnvironment.VersionProvider.class,
    subcommands = {OverheadCommand.class, QualityCommand.class, CurvesCommand.class,
        StorageCommand.class, ParallelCommand.class, TrainingCommand.class, SeedCommand.class,
        FmnistCommand.class, KernelsCommand.class, SeedFitsCommand.class, ImportanceCommand.class, ParetoCommand.class,
        ConstrainedCommand.class, PopulationCommand.class, TerminatorCommand.class, BanditCommand.class, WilcoxonCommand.class, BruteForceCommand.class,
        HelpCommand.class},
    description = {"Benchmarks of jtune, comparable with the Python peers in shared/peers/.",
        "Each prints one JSON object per result on stdout and progress on stderr."})
public final class BenchCommand implements Runnable {
  /** slf4j-simple's level property; read when the first logger is created. */
  static final String LOG_LEVEL_PROPERTY = "org.slf4j.simpleLogger.defaultLogLevel";

  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "name a benchmark: "
        + String.join(", ", spec.subcommands().keySet()));
  }

  /** Runs the named benchmark; exits with picocli's status (0 on success, 2 on bad arguments). */
  public static void main(String[] args) {
    // Before any logger exists: jtune logs one INFO line per trial, which is not part of the
    // overhead being measured (the peer sets Optuna's logging to WARNING for the same reason).
    // An explicit -D on the command line wins.
    if (System.getProperty(LOG_LEVEL_PROPERTY) == null) {
      System.setProperty(LOG_LEVEL_PROPERTY, "warn");
    }
    System.exit(new CommandLine(new BenchCommand()).execute(args));
  }
}
