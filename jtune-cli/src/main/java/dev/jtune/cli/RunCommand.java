package dev.jtune.cli;

import dev.jtune.cli.config.ConfigValue;
import dev.jtune.cli.config.ObjectiveSpec;
import dev.jtune.cli.config.Overrides;
import dev.jtune.cli.config.StudyConfig;
import dev.jtune.cli.config.StudyConfigParser;
import dev.jtune.cli.config.YamlSource;
import dev.jtune.cli.train.DataFingerprint;
import dev.jtune.cli.train.TrainingSpecAdapter;
import dev.jtune.storage.Storage;
import dev.jtune.study.MultiObjective;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code jtune run study.yaml}: runs the study a YAML file describes (see {@code examples/}).
 * Command-line options override the file. The whole file is checked before the storage is opened,
 * so a run that fails to start changes nothing stored.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = {"Run the study a YAML file describes (see examples/).",
        "Options override the file. The study's budget counts its finished trials across every "
            + "process and run, so running the same file again resumes the study."})
final class RunCommand implements Callable<Integer> {
  /** The study system attribute holding its configuration as YAML, read by {@code jtune worker}. */
  static final String CONFIG_ATTR = "jtune:config";

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "The study file (YAML).")
  Path file;

  @Mixin
  StudyOverrideOptions overrides;

  @Option(names = "--overwrite", description = "Delete a stored study of the same name first.")
  boolean overwrite;

  @Option(names = "--check", description = "Only check the file, its data and its objective "
      + "class (and print the study it describes); touch no storage.")
  boolean check;

  @Option(names = "--top", defaultValue = "10", description = "Trials in the summary table "
      + "(default ${DEFAULT-VALUE}).")
  int top;

  @Mixin
  OutputOptions output;

  /** Closes an objective that holds resources (a training objective's native data). */
  private static void close(MultiObjective objective) {
    try {
      StudyRunner.closeIfCloseable(objective);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("closing the checked objective failed: " + e, e);
    }
  }

  @Override
  public Integer call() {
    CliException.nonNegative("--top", top);
    ConfigValue.Mapping tree = overrides.toOverrides().apply(YamlSource.load(file));
    Path dir = file.toAbsolutePath().getParent();
    StudyConfig config = StudyConfigParser.standard(dir == null ? Path.of("") : dir).parse(tree);
    if (check) {
      // bind the objective too: a training study reads its data here, so a bad row, a missing
      // label column or an objective class that cannot be made fails the check, not the run
      close(StudyConfigParser.objective(config));
      StorageUrls.checkForm(config.storage());
      boolean training = config.objective() instanceof ObjectiveSpec.Training;
      String parameters = training ? "parameters from the model and training sections"
          : config.space().params().size() + " parameter(s)";
      if (output.mode() == OutputMode.JSON) {
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("event", "check");
        m.put("ok", true);
        m.put("file", file.toString());
        m.put("study", config.name());
        if (config.directions().size() == 1) {
          m.put("direction", config.directions().get(0).name().toLowerCase(Locale.ROOT));
        }
        m.put("directions", config.directions().stream()
            .map(d -> d.name().toLowerCase(Locale.ROOT)).toList());
        m.put("parameters", training ? null : config.space().params().size());
        m.put("sampler", String.valueOf(config.sampler()));
        m.put("pruner", String.valueOf(config.pruner()));
        m.put("constraints", config.constraints().stream().map(String::valueOf).toList());
        m.put("budget", config.trials());
        m.put("jobs", config.jobs());
        m.put("storage", StorageUrls.shown(config.storage()));
        spec.commandLine().getOut().println(Json.line(m));
      } else if (output.mode() != OutputMode.QUIET) {
        spec.commandLine().getOut().printf("%s: study '%s' (%s%s), %s, %s, %s, budget "
                + "%d trials, %d job(s), storage %s%n", file, config.name(),
            config.directionsText(), config.constraints().isEmpty() ? ""
                : " subject to " + config.constraints().stream().map(String::valueOf)
                    .collect(java.util.stream.Collectors.joining(", ")),
            parameters, config.sampler(),
            config.pruner(), config.trials(), config.jobs(), StorageUrls.shown(config.storage()));
      }
      spec.commandLine().getOut().flush();
      return ExitCode.OK.code();
    }
    TrainingSpecAdapter.Bound bound = config.objective() instanceof ObjectiveSpec.Training
        ? StudyConfigParser.bound(config) : null;
    MultiObjective objective = bound != null ? bound.values()
        : StudyConfigParser.objective(config);
    try (Storage storage = StorageUrls.open(config.storage(), true)) {
      StudyRunner runner = new StudyRunner(spec.commandLine().getOut(),
          spec.commandLine().getErr(), output.mode(), top, JtuneCommand.handlesSignals());
      StudyConfig resumed = StudyRunner.withStoredSeed(config, storage, overwrite);
      Map<String, Object> attrs = StudyRunner.studyAttrs(resumed, bound);
      if (bound != null) {
        StudyRunner.requireSameData(storage, resumed, resumed.storage(),
            (String) attrs.get(DataFingerprint.ATTR), overwrite);
      }
      ExitCode code = runner.run(resumed, objective, storage, resumed.storage(), overwrite, attrs);
      if (bound != null && code == ExitCode.OK) {
        BestModelReport.print(spec.commandLine().getOut(), storage, resumed, bound,
            output.mode());
      }
      return code.code();
    }
  }

  /** The options that override a study file, shared by run, worker and ask. */
  static final class StudyOverrideOptions {
    @Option(names = "--study", paramLabel = "NAME", description = "The study's name.")
    String name;

    @Option(names = "--storage", paramLabel = "URL", description = "jdbc:sqlite:FILE (sqlite:///FILE, FILE.db) or "
        + "jdbc:postgresql://HOST:PORT/DB")
    String storage;

    @Option(names = "--direction", paramLabel = "DIR[,DIR...]", description = "minimize or "
        + "maximize; one per objective, comma-separated, for a study of several.")
    String direction;

    @Option(names = "--trials", paramLabel = "N", description = "The study's trial budget.")
    Integer trials;

    @Option(names = "--timeout", paramLabel = "TIME", description = "Start no trial after this "
        + "long (e.g. 90s, 10m, 1h).")
    String timeout;

    @Option(names = "--jobs", paramLabel = "N", description = "Worker threads.")
    Integer jobs;

    @Option(names = "--parallel-history", paramLabel = "reproducible|latest",
        description = "With several threads: trials see each other by start order, so a seeded "
            + "study repeats itself (reproducible, the default), or never wait (latest).")
    String parallelHistory;

    @Option(names = "--sampler", paramLabel = "NAME", description = "auto (default), random, sobol, grid, brute-force, tpe, gp, cmaes, "
        + "nsga2, pbt or pb2 (replaces the file's sampler section).")
    String sampler;

    @Option(names = "--sampler-arg", paramLabel = "KEY=VALUE",
        description = "A sampler setting, e.g. --sampler-arg seed=42.")
    Map<String, String> samplerArgs;

    @Option(names = "--pruner", paramLabel = "NAME", description = "none, median, percentile, "
        + "successive-halving, hyperband, threshold or patient (replaces the file's section).")
    String pruner;

    @Option(names = "--pruner-arg", paramLabel = "KEY=VALUE",
        description = "A pruner setting, e.g. --pruner-arg startup-trials=5.")
    Map<String, String> prunerArgs;

    Overrides toOverrides() {
      return new Overrides(name, direction, storage == null ? null
          : StorageUrls.normalize(storage), trials, timeout, jobs, sampler, samplerArgs, pruner,
          prunerArgs, parallelHistory);
    }
  }
}
