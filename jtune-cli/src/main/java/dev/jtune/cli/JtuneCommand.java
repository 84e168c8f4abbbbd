package dev.jtune.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code jtune} command line. Exit codes: 0 done, 2 bad usage (picocli's), 1 any other failure.
 */
@Command(
    name = "jtune",
    mixinStandardHelpOptions = true,
    versionProvider = JtuneCommand.Version.class,
    description = "Hyperparameter optimization and training of deep neural networks on the JVM.",
    subcommands = {DemoCommand.class, CommandLine.HelpCommand.class})
public final class JtuneCommand implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  /** Runs the command line and exits with its code. */
  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured command line, for tests and embedding. */
  public static CommandLine commandLine() {
    return new CommandLine(new JtuneCommand()).setCaseInsensitiveEnumValuesAllowed(true);
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Reports the version from the jar's manifest, or "development" when run from classes. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = JtuneCommand.class.getPackage().getImplementationVersion();
      return new String[] {"jtune " + (version == null ? "development" : version)};
    }
  }
}
