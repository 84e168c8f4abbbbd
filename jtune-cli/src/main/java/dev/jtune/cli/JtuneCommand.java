package dev.jtune.cli;

import dev.jtune.storage.StorageException;
import dev.jtune.storage.StudyNotFoundException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code jtune} command line. Exit codes ({@link ExitCode}): 0 done, 1 other failure, 2 bad
 * usage, 3 bad configuration, 4 storage unreachable or failing, 5 study or trial not found,
 * 130 interrupted. Errors print one line starting with {@code jtune:}; set {@code JTUNE_DEBUG=1} for
 * stack traces.
 */
@Command(
    name = "jtune",
    mixinStandardHelpOptions = true,
    versionProvider = JtuneCommand.Version.class,
    description = "Hyperparameter optimization and training of deep neural networks on the JVM.",
    footerHeading = "%nExit codes:%n",
    footer = {"  0    done", "  1    failure not covered below", "  2    bad usage",
        "  3    bad configuration (study file or stored configuration)",
        "  4    storage unreachable or failing", "  5    study or trial not found",
        "  130  interrupted (Ctrl-C); finished trials are stored and the next run resumes"},
    subcommands = {DemoCommand.class, RunCommand.class, WorkerCommand.class, StudiesCommand.class,
        DashboardCommand.class, AskCommand.class, TellCommand.class,
        CommandLine.HelpCommand.class})
public final class JtuneCommand implements Runnable {
  private static volatile boolean handleSignals;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  /** Runs the command line and exits with its code; Ctrl-C is handled (see {@link Interrupts}). */
  public static void main(String[] args) {
    handleSignals = true;
    System.exit(commandLine().execute(args));
  }

  /** Whether runs install the Ctrl-C handler (in {@link #main} only, not in embedded use). */
  static boolean handlesSignals() {
    return handleSignals;
  }

  /** The configured command line, for tests and embedding. */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new JtuneCommand()).setCaseInsensitiveEnumValuesAllowed(true);
    cli.setExecutionExceptionHandler((e, cmd, parseResult) -> report(e, cmd.getErr()).code());
    return cli;
  }

  static ExitCode report(Exception e, PrintWriter err) {
    ExitCode code;
    String message;
    if (e instanceof CliException c) {
      code = c.exitCode();
      message = c.getMessage();
    } else if (e instanceof StudyNotFoundException) {
      code = ExitCode.NOT_FOUND;
      message = e.getMessage();
    } else if (e instanceof StorageException) {
      code = ExitCode.STORAGE;
      message = "storage failure: " + e.getMessage();
    } else {
      code = ExitCode.FAILURE;
      message = "failed: " + e;
    }
    err.println("jtune: " + message);
    if (System.getenv("JTUNE_DEBUG") != null || code == ExitCode.FAILURE) {
      if (System.getenv("JTUNE_DEBUG") != null) {
        e.printStackTrace(err);
      } else {
        err.println("jtune: (set JTUNE_DEBUG=1 for the stack trace)");
      }
    }
    err.flush();
    return code;
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
