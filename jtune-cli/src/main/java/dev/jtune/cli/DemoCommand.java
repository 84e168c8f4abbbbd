package dev.jtune.cli;

import dev.jtune.cli.config.ConfigValue;
import dev.jtune.cli.config.Overrides;
import dev.jtune.cli.config.StudyConfig;
import dev.jtune.cli.config.StudyConfigParser;
import dev.jtune.cli.config.YamlSource;
import dev.jtune.storage.Storage;
import dev.jtune.study.Objective;
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
 * {@code jtune demo}: the study of the embedded {@code demo.yaml} on its defaults: a network-shaped
 * analytic function (learning rate on a log scale, depth, width, an optimizer with a conditional
 * momentum, dropout), random search, a SQLite study file {@code jtune-demo.db} in the working
 * directory. A second run resumes the study (raise {@code --trials} to run more) unless
 * {@code --overwrite}.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"Tune a network-shaped analytic function and print the results summary.",
        "The study lives in jtune-demo.db in the working directory; running again resumes it "
            + "(--overwrite starts afresh)."})
final class DemoCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--trials", description = "The study's trial budget (default 60).")
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
    Map<String, String> samplerArgs = new LinkedHashMap<>();
    samplerArgs.put("seed", Long.toString(seed));
    Overrides overrides = new Overrides(null, null, storage == null ? null
        : StorageUrls.normalize(storage), trials, null, jobs, sampler, samplerArgs, null, null);
    ConfigValue.Mapping tree = overrides.apply(YamlSource.parse(embedded(), "demo.yaml"));
    StudyConfig config = StudyConfigParser.standard().parse(tree);
    Objective objective = StudyConfigParser.objective(config);
    try (Storage s = StorageUrls.open(config.storage(), true)) {
      return new StudyRunner(spec.commandLine().getOut(), spec.commandLine().getErr(),
          output.mode(), top, JtuneCommand.handlesSignals())
          .run(config, objective, s, config.storage(), overwrite, true).code();
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
