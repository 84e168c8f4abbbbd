package dev.jtune.cli;

import dev.jtune.dashboard.StudyReport;
import dev.jtune.storage.Storage;
import dev.jtune.storage.StudyId;
import dev.jtune.study.Study;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jtune studies report}: one study as a self-contained HTML page of charts. */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = "Writes one HTML page about the study (optimization history, learning curves,"
        + " parameter importances, objective by parameter, parallel coordinates or Pareto front,"
        + " best trials); it loads nothing from the network, so it opens anywhere.")
final class ReportCommand extends StudiesCommand.OneStudy {
  @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE",
      description = "The HTML file to write (replaced whole).")
  Path output;

  @Override
  void run(Storage s, StudyId id) {
    OutputFile.check(output, storage.url, "the report");
    Study study = Study.load(s.study(id).name(), s);
    try {
      StudyReport.write(study, output);
    } catch (UncheckedIOException e) {
      throw new CliException(ExitCode.FAILURE, e.getMessage(), e);
    }
    spec.commandLine().getErr().println("wrote the report of study '" + study.name() + "' ("
        + study.trials().size() + " trials) to " + output);
    spec.commandLine().getErr().flush();
  }
}
