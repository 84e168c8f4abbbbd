package dev.jtune.cli;

import dev.jtune.sampler.GridSampler;
import dev.jtune.sampler.RandomSampler;
import dev.jtune.sampler.Sampler;
import dev.jtune.sampler.SobolSampler;
import dev.jtune.space.SearchSpace;
import dev.jtune.study.OptimizeOptions;
import dev.jtune.study.Study;
import dev.jtune.study.StudyDirection;
import dev.jtune.trial.Trial;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code jtune demo}: a core-only study that tunes a network-shaped analytic function (no training
 * yet): learning rate on a log scale, depth, width, an optimizer with its own conditional
 * hyperparameters, and dropout. It shows define-by-run spaces, the chosen sampler, progress and the
 * results summary on embedded defaults (in memory, CPU only).
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Tune a network-shaped analytic function and print the results summary.")
final class DemoCommand implements Callable<Integer> {

  enum SamplerName { RANDOM, SOBOL, GRID }

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--trials", defaultValue = "60", description = "Trial budget (default ${DEFAULT-VALUE}).")
  int trials;

  @Option(names = "--sampler", defaultValue = "sobol",
      description = "random, sobol or grid (default ${DEFAULT-VALUE}).")
  SamplerName sampler;

  @Option(names = "--jobs", defaultValue = "1", description = "Worker threads (default ${DEFAULT-VALUE}).")
  int jobs;

  @Option(names = "--seed", defaultValue = "42", description = "Sampler seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--top", defaultValue = "5", description = "Trials in the summary table (default ${DEFAULT-VALUE}).")
  int top;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Study study = Study.builder().name("demo").direction(StudyDirection.MINIMIZE)
        .sampler(sampler(sampler, seed)).callback(new ProgressCallback(out, trials)).build();
    out.printf("Tuning a network-shaped function with %s, %d trials on %d thread(s)%n",
        study.sampler(), trials, jobs);
    out.flush();
    study.optimize(DemoCommand::validationLoss, OptimizeOptions.trials(trials).withJobs(jobs));
    out.println();
    out.print(study.summary(top));
    out.flush();
    return 0;
  }

  static Sampler sampler(SamplerName name, long seed) {
    return switch (name) {
      case RANDOM -> new RandomSampler(seed);
      case SOBOL -> new SobolSampler(seed);
      case GRID -> GridSampler.over(SearchSpace.builder()
          .choice("lr", 1e-4, 1e-3, 3e-3, 1e-2, 1e-1).intRange("layers", 1, 4)
          .choice("units", 32, 128, 512).choice("optimizer", "adam", "sgd")
          .stepped("dropout", 0.0, 0.5, 0.25).stepped("momentum", 0.0, 0.9, 0.45).build());
    };
  }

  /**
   * A stand-in for a validation loss: smallest near lr = 3e-3, three layers of 128 units, Adam,
   * dropout 0.2; SGD needs momentum near 0.9 to come close.
   */
  static double validationLoss(Trial trial) {
    double lr = trial.suggestFloat("lr", 1e-4, 1e-1, true);
    int layers = trial.suggestInt("layers", 1, 4);
    int units = trial.suggestInt("units", 32, 512, true);
    String optimizer = trial.suggestCategorical("optimizer", List.of("adam", "sgd"));
    double dropout = trial.suggestFloat("dropout", 0.0, 0.5);
    double loss = 0.25
        + 0.08 * sq(Math.log10(lr) - Math.log10(3e-3))
        + 0.03 * sq(layers - 3)
        + 0.02 * sq(Math.log(units / 128.0) / Math.log(2))
        + 0.4 * sq(dropout - 0.2);
    if (optimizer.equals("sgd")) {
      double momentum = trial.suggestFloat("momentum", 0.0, 0.99);
      loss += 0.05 + 0.3 * sq(momentum - 0.9);
    }
    return loss;
  }

  private static double sq(double x) {
    return x * x;
  }
}
