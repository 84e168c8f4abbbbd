package dev.jtune.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.jtune.sampler.Sampler;
import dev.jtune.study.OptimizeOptions;
import dev.jtune.study.Study;
import dev.jtune.study.StudyDirection;
import dev.jtune.trial.FrozenTrial;
import dev.jtune.trial.TrialPrunedException;
import dev.jtune.trial.TrialState;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code curves} benchmark: random search over {@link LearningCurves}' synthetic learning
 * curves, with and without each pruner, for a budget of trials and epochs. Each trial "trains" for
 * up to {@code --epochs} epochs, reporting the validation loss after each and asking the pruner; one
 * JSON line per (pruner, seed) run gives the best final loss found and the epochs spent.
 */
@Command(name = "curves",
    mixinStandardHelpOptions = true,
    description = {"Pruners on synthetic learning curves: best final loss and epochs spent.",
        "",
        "Random search (or --sampler's, seeded) over lr, width, dropout, optimizer and batch size; each trial reports "
            + "a noisy validation loss after each epoch and stops when its pruner says so. A run "
            + "starts no trial after --trials trials or once --epoch-budget epochs are spent."})
final class CurvesCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--pruners", arity = "1..*", split = ",", paramLabel = "NAME",
      defaultValue = "none,median,asha,hyperband,threshold,patient",
      description = "Pruners (default: ${DEFAULT-VALUE}).")
  List<String> pruners;

  @Option(names = "--sampler", defaultValue = "random",
      description = "Sampler: random, sobol, tpe, tpe_mv (default: ${DEFAULT-VALUE}).")
  String sampler;

  @Option(names = "--seeds", arity = "1..*", split = ",", defaultValue = "0,1,2,3,4,5,6,7,8,9",
      paramLabel = "SEED", description = "Seeds, one run each (default: ${DEFAULT-VALUE}).")
  List<Long> seeds;

  @Option(names = "--epochs", defaultValue = "81",
      description = "Epochs of a trial that is never stopped (default: ${DEFAULT-VALUE}).")
  int epochs;

  @Option(names = "--trials", defaultValue = "100",
      description = "The most trials a run starts (default: ${DEFAULT-VALUE}).")
  int trials;

  @Option(names = "--epoch-budget", defaultValue = "0",
      description = "Start no trial once this many epochs are spent; 0 for no limit "
          + "(default: ${DEFAULT-VALUE}).")
  long epochBudget;

  @Option(names = "--jobs", defaultValue = "1",
      description = "Worker threads (default: ${DEFAULT-VALUE}).")
  int jobs;

  @Option(names = "--history", defaultValue = "REPRODUCIBLE",
      description = "What parallel trials see of each other: ${COMPLETION-CANDIDATES} "
          + "(default: ${DEFAULT-VALUE}).")
  OptimizeOptions.ParallelHistory history;

  @Option(names = "--epoch-ms", defaultValue = "0",
      description = "Sleep this long per epoch, standing in for training, so that wall time "
          + "shows what parallel workers wait (default: ${DEFAULT-VALUE}).")
  int epochMs;

  private final PrunerRegistry registry = PrunerRegistry.forCurves();
  private final SamplerRegistry samplers = SamplerRegistry.forQuality();

  @Override
  public Integer call() throws JsonProcessingException {
    validate();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ObjectMapper json = new ObjectMapper()
        .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
    BenchEnvironment env = BenchEnvironment.current();
    for (String pruner : pruners) {
      for (long seed : seeds) {
        CurvesResult result = run(pruner, seed, env);
        out.println(json.writeValueAsString(result));
        out.flush();
        err.printf(Locale.ROOT, "curves: %s/%s seed %d: %d trials (%d pruned), %d epochs, best %s%n",
            sampler, pruner, seed, result.trials(), result.pruned(), result.epochs(),
            result.bestValue());
        err.flush();
      }
    }
    return 0;
  }

  private void validate() {
    if (jobs < 1 || epochMs < 0) {
      throw new ParameterException(spec.commandLine(), "need --jobs >= 1 and --epoch-ms >= 0, got "
          + "jobs=" + jobs + ", epoch-ms=" + epochMs);
    }
    if (epochs < 1 || trials < 1 || epochBudget < 0) {
      throw new ParameterException(spec.commandLine(), "need --epochs >= 1, --trials >= 1 and "
          + "--epoch-budget >= 0, got epochs=" + epochs + ", trials=" + trials + ", epoch-budget="
          + epochBudget);
    }
    try {
      samplers.check(sampler);
      pruners.forEach(registry::check);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  private Sampler newSampler(long seed) {
    return samplers.create(sampler, seed);
  }

  CurvesResult run(String prunerName, long seed, BenchEnvironment env) {
    LearningCurves curves = new LearningCurves(seed);
    AtomicLong spent = new AtomicLong();
    Study study = Study.builder().name("curves-" + prunerName + "-" + seed)
        .direction(StudyDirection.MINIMIZE).sampler(newSampler(seed))
        .pruner(registry.create(prunerName, epochs))
        .callback((s, finished) -> {
          if (epochBudget > 0 && spent.get() >= epochBudget) {
            s.stop();
          }
        }).build();
    long start = System.nanoTime();
    study.optimize(trial -> {
      LearningCurves.Config config = LearningCurves.suggest(trial);
      double loss = Double.NaN;
      for (int epoch = 1; epoch <= epochs; epoch++) {
        loss = curves.observed(config, trial.number(), epoch);
        spent.incrementAndGet();
        if (epochMs > 0) {
          Thread.sleep(epochMs);
        }
        trial.report(epoch, loss);
        if (trial.shouldPrune()) {
          throw new TrialPrunedException();
        }
      }
      return loss;
    }, OptimizeOptions.trials(trials).withJobs(jobs).withHistory(history));
    double wall = (System.nanoTime() - start) / 1e9;
    List<FrozenTrial> all = study.trials();
    Optional<FrozenTrial> best = study.findBestTrial();
    return new CurvesResult("curves", sampler, prunerName, seed, epochs, trials, epochBudget,
        all.size(), count(all, TrialState.COMPLETE), count(all, TrialState.PRUNED),
        count(all, TrialState.FAIL), spent.get(), best.map(FrozenTrial::value).orElse(null),
        best.map(t -> trueFinalLoss(t)).orElse(null), best.map(FrozenTrial::number).orElse(null),
        wall, jobs, history.name(), epochMs, env);
  }

  private double trueFinalLoss(FrozenTrial t) {
    LearningCurves.Config config = new LearningCurves.Config((Double) t.param("lr"),
        (Integer) t.param("width"), (Double) t.param("dropout"), (String) t.param("optimizer"),
        (Integer) t.param("batch"));
    return config.trueLoss(epochs);
  }

  private static int count(List<FrozenTrial> trials, TrialState state) {
    return (int) trials.stream().filter(t -> t.state() == state).count();
  }
}
