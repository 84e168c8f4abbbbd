package dev.jtune.cli;

import dev.jtune.cli.config.ConfigValue;
import dev.jtune.cli.config.Overrides;
import dev.jtune.cli.config.StudyConfig;
import dev.jtune.cli.config.StudyConfigParser;
import dev.jtune.cli.config.YamlSource;
import dev.jtune.cli.train.DataFingerprint;
import dev.jtune.cli.train.TrainingSpecAdapter;
import dev.jtune.storage.Storage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code jtune demo}: the seed example, the study of the embedded {@code demo.yaml} on its defaults:
 * synthetic data (make_classification, 1000 samples x 20 features, 2 classes), a tunable MLP
 * (1-3 layers of 32-256 units, SGD/Adam/RMSprop, a log-uniform learning rate, the batch size),
 * random search over 10 trials of 10 epochs, a SQLite study file {@code jtune-demo.db} in the
 * working directory. Prints the progress and the results summary, then the best hyperparameters
 * and the best network's accuracy on the held-out test part (retrained from its parameters). A
 * second run resumes the study (raise {@code --trials} to run more) unless {@code --overwrite}.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"Tune a small MLP on synthetic data (the seed example) and print the results "
        + "summary, the best hyperparameters and the test accuracy.",
        "The study lives in jtune-demo.db in the working directory; running again resumes it "
            + "(--overwrite starts afresh)."})
final class DemoCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--trials", description = "The study's trial budget (default 10).")
  Integer trials;

  @Option(names = "--sampler", description = "random, sobol, tpe, gp or cmaes (default random).")
  String sampler;

  @Option(names = "--jobs", description = "Worker threads (default 1).")
  Integer jobs;

  @Option(names = "--seed", defaultValue = "42", description = "Sampler seed (default "
      + "${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--storage", paramLabel = "URL", description = "Where the study lives "
      + "(default jdbc:sqlite:jtune-demo.db).")
  String storage;

  @Option(names = "--overwrite", description = "Delete the stored demo study first.")
  boolean overwrite;

  @Option(names = "--top", defaultValue = "5", description = "Trials in the summary table "
      + "(default ${DEFAULT-VALUE}).")
  int top;

  @Mixin
  OutputOptions output;

  @Override
  public Integer call() {
    CliException.nonNegative("--top", top);
    if ("grid".equalsIgnoreCase(sampler)) {
      // a known sampler the demo's space cannot use (the seed it would pass is no grid option)
      throw new CliException(ExitCode.CONFIG, "option --sampler grid: the demo runs random, "
          + "sobol, tpe, gp or cmaes (its learning rate is continuous, so there is no grid)");
    }
    Map<String, String> samplerArgs = new LinkedHashMap<>();
    samplerArgs.put("seed", Long.toString(seed));
    Overrides overrides = new Overrides(null, null, storage == null ? null
        : StorageUrls.normalize(storage), trials, null, jobs, sampler, samplerArgs, null, null);
    ConfigValue.Mapping tree = overrides.apply(YamlSource.parse(embedded(), "demo.yaml"));
    StudyConfig config = StudyConfigParser.standard().parse(tree);
    // as run binds it: a population-based sampler gets members trained from checkpoints
    TrainingSpecAdapter.Bound bound = StudyConfigParser.bound(config);
    try (Storage s = StorageUrls.open(config.storage(), true)) {
      StudyRunner runner = new StudyRunner(spec.commandLine().getOut(),
          spec.commandLine().getErr(), output.mode(), top, JtuneCommand.handlesSignals());
      StudyConfig resumed = StudyRunner.withStoredSeed(config, s, overwrite);
      Map<String, Object> attrs = StudyRunner.studyAttrs(resumed, bound);
      StudyRunner.requireSameData(s, resumed, resumed.storage(), (String) attrs.get(DataFingerprint.ATTR),
          overwrite);
      ExitCode code = runner.run(resumed, bound.values(), s, resumed.storage(), overwrite,
          attrs);
      if (code == ExitCode.OK) {
        BestModelReport.print(spec.commandLine().getOut(), s, resumed, bound, output.mode());
      }
      return code.code();
    }
  }

  static String embedded() {
    try (InputStream in = DemoCommand.class.getResourceAsStream("demo.yaml")) {
      if (in == null) {
        throw new IllegalStateException("demo.yaml is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
