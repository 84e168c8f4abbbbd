package dev.jtune.cli;

import dev.jtune.cli.config.ObjectiveSpec;
import dev.jtune.cli.config.Overrides;
import dev.jtune.cli.config.StudyConfig;
import dev.jtune.cli.config.StudyConfigParser;
import dev.jtune.cli.config.YamlSource;
import dev.jtune.cli.train.DataFingerprint;
import dev.jtune.cli.train.TrainingSpecAdapter;
import dev.jtune.storage.Storage;
import dev.jtune.storage.StudyId;
import dev.jtune.study.MultiObjective;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code jtune worker --storage URL --study NAME}: joins a study started by {@code jtune run} from
 * this or another machine. The study's stored configuration says what to run; the worker runs
 * trials until the study's budget of finished trials is reached. The objective class (if any) must
 * be on this machine's classpath too ({@code JTUNE_CLASSPATH}); a training study's data files must
 * be here too, and hold the data the study was started on (their digest is compared with the one
 * stored with the study).
 */
@Command(name = "worker", mixinStandardHelpOptions = true,
    description = "Join a study started by 'jtune run' and work on it until its budget is spent.")
final class WorkerCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  StorageOptions storage;

  @Option(names = "--study", required = true, paramLabel = "NAME", description = "The study.")
  String study;

  @Option(names = "--jobs", paramLabel = "N", description = "Worker threads (default: the "
      + "study's).")
  Integer jobs;

  @Option(names = "--parallel-history", paramLabel = "reproducible|latest",
      description = "What this worker's threads see of each other (default: the study's).")
  String parallelHistory;

  @Option(names = "--timeout", paramLabel = "TIME", description = "Start no trial after this long.")
  String timeout;

  @Option(names = "--top", defaultValue = "10", description = "Trials in the summary table.")
  int top;

  @Mixin
  OutputOptions output;

  @Override
  public Integer call() {
    try (Storage s = StorageUrls.open(storage.url, false)) {
      StudyConfig config = storedConfig(s, storage.url, study,
          new Overrides(study, null, StorageUrls.normalize(storage.url), null, timeout, jobs, null,
              null, null, null, parallelHistory));
      String url = StorageUrls.normalize(storage.url);
      MultiObjective objective;
      if (config.objective() instanceof ObjectiveSpec.Training) {
        // the data this machine loads must be those the study's trials were judged on
        TrainingSpecAdapter.Bound bound = StudyConfigParser.bound(config);
        StudyRunner.requireSameData(s, config, url, DataFingerprint.of(bound), false);
        objective = bound.values();
      } else {
        objective = StudyConfigParser.objective(config);
      }
      return new StudyRunner(spec.commandLine().getOut(), spec.commandLine().getErr(),
          output.mode(), top, JtuneCommand.handlesSignals())
          .run(config, objective, s, url, false, Map.of()).code();
    }
  }

  /**
   * The configuration stored with a study by {@code jtune run}, with overrides applied.
   *
   * @throws CliException NOT_FOUND without the study, CONFIG without a stored configuration
   */
  static StudyConfig storedConfig(Storage s, String url, String name, Overrides overrides) {
    StudyId id = StorageOptions.find(s, url, name);
    Object text = s.study(id).systemAttrs().get(RunCommand.CONFIG_ATTR);
    if (!(text instanceof String yaml)) {
      throw new CliException(ExitCode.CONFIG, "study '" + name + "' in "
          + StorageUrls.shown(url) + " has no stored "
          + "configuration (it was not started by 'jtune run' or 'jtune ask --config'), so there "
          + "is no space or objective to use: start it with 'jtune run FILE', or give 'jtune ask' "
          + "the file with --config");
    }
    return StudyConfigParser.standard().forStoredConfigurations().parse(overrides.apply(
        YamlSource.parse(yaml, "stored configuration of study '" + name + "'")));
  }
}
