package dev.jtune.bench;

import ai.djl.nn.Block;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.jtune.nn.TorchRuntime;
import dev.jtune.nn.data.IdxLoader;
import dev.jtune.nn.data.LabeledData;
import dev.jtune.nn.model.Activation;
import dev.jtune.nn.model.MlpHyperModel;
import dev.jtune.nn.model.Task;
import dev.jtune.nn.optim.OptimizerSpec;
import dev.jtune.nn.train.EpochRecord;
import dev.jtune.nn.train.FitLoop;
import dev.jtune.nn.train.Metric;
import dev.jtune.nn.train.NativeData;
import dev.jtune.nn.train.TrainingPlan;
import dev.jtune.pruner.HyperbandConfig;
import dev.jtune.pruner.Pruner;
import dev.jtune.pruner.SuccessiveHalvingConfig;
import dev.jtune.sampler.tpe.TpeSampler;
import dev.jtune.study.OptimizeOptions;
import dev.jtune.study.Study;
import dev.jtune.study.StudyDirection;
import dev.jtune.trial.Trial;
import dev.jtune.trial.TrialPrunedException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code fmnist} benchmark, the counterpart of {@code shared/peers/fmnist_hyperband.py}: a
 * Fashion-MNIST MLP study with TPE, with or without Hyperband, under a wall-clock budget.
 *
 * <p>Same data split (training rows 0–49,999 fit, 50,000–59,999 validate, pixels in [0, 1]), same
 * search space (1–3 layers of 64/128/256/512 units, dropout [0, 0.5], learning rate [1e-4, 1e-1]
 * log, Adam / SGD with momentum 0.9 / RMSprop with PyTorch's defaults, batch 64/128/256), the same
 * objective (validation accuracy after the last epoch, reported every epoch), the same pruner
 * (Hyperband, minimum resource 1, maximum {@code --max-epochs}, reduction factor 3) and the same
 * budget rule: a trial still training when the budget ends is "cut" (recorded as FAIL) and only
 * epochs finished within the budget count. Prints one JSON object with the peer's fields
 * ({@code curve}, trial counts, {@code best}, {@code trials}, {@code epoch_events}), so the two
 * outputs compare field by field ({@code scripts/fmnist_report.py}).
 */
@Command(name = "fmnist", mixinStandardHelpOptions = true,
    description = "Fashion-MNIST MLP study under a time budget, as fmnist_hyperband.py runs it.")
final class FmnistCommand implements Callable<Integer> {

  private static final int FIT_ROWS = 50_000;
  private static final List<Integer> UNITS = List.of(64, 128, 256, 512);

  @Option(names = "--pruner", defaultValue = "hyperband", description = "hyperband (the peer's "
      + "minimum 1, maximum --max-epochs, factor 3), none, median (Optuna's defaults) or asha "
      + "(minimum 1, factor 3, top rung at --max-epochs); the peer has only the first two")
  String pruner;

  @Option(names = "--budget-s", defaultValue = "900", description = "wall-clock budget (s)")
  double budgetSeconds;

  @Option(names = "--max-epochs", defaultValue = "10")
  int maxEpochs;

  @Option(names = "--seed", defaultValue = "0")
  long seed;

  @Option(names = "--threads", defaultValue = "1", description = "libtorch intra-op threads")
  int threads;

  @Option(names = "--curve-min", split = ",", defaultValue = "2,5,10,15",
      description = "minutes at which the best-so-far is read (default: 2,5,10,15)")
  List<Double> curveMinutes;

  @Option(names = "--data-dir", defaultValue = "/usr/share/datasets/fashion-mnist")
  Path dataDir;

  @Option(names = "--no-retrain", description = "skip retraining the best configuration")
  boolean noRetrain;

  /** Thrown when the budget ends during a trial: the trial is recorded as FAIL ("cut"). */
  static final class BudgetExceeded extends RuntimeException {
    BudgetExceeded() {
      super("budget exceeded", null, false, false);
    }
  }

  /** One trial's configuration. */
  record Config(int[] units, double dropout, double lr, String optimizer, int batch) {
    static Config suggest(Trial trial) {
      int layers = trial.suggestInt("n_layers", 1, 3);
      int[] units = new int[layers];
      for (int i = 0; i < layers; i++) {
        units[i] = trial.suggestCategorical("units_l" + i, UNITS);
      }
      double dropout = trial.suggestFloat("dropout", 0.0, 0.5);
      double lr = trial.suggestFloat("lr", 1e-4, 1e-1, true);
      String optimizer = trial.suggestCategorical("optimizer", List.of("adam", "sgd", "rmsprop"));
      int batch = trial.suggestCategorical("batch_size", List.of(64, 128, 256));
      return new Config(units, dropout, lr, optimizer, batch);
    }

    /**
     * PyTorch's default settings, as the peer uses them; Adam's ε enters in the paper's (Keras's)
     * form, PyTorch's effective ε being 1e-8·√(1−β2ᵗ)⁻¹ (negligible against these gradients).
     */
    OptimizerSpec spec() {
      return switch (optimizer) {
        case "adam" -> new OptimizerSpec.Adam(lr, 0.9, 0.999, 1e-8);
        case "sgd" -> new OptimizerSpec.Momentum(lr, 0.9);
        case "rmsprop" -> new OptimizerSpec.RmsProp(lr, 0.99, 1e-8);
        default -> throw new IllegalStateException("optimizer " + optimizer);
      };
    }

    Map<String, Object> params() {
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("n_layers", units.length);
      for (int i = 0; i < units.length; i++) {
        p.put("units_l" + i, units[i]);
      }
      p.put("dropout", dropout);
      p.put("lr", lr);
      p.put("optimizer", optimizer);
      p.put("batch_size", batch);
      return p;
    }
  }

  /** What one trial did; mutable while it runs, on the study's one thread. */
  static final class TrialLog {
    final int number;
    final Config config;
    final double startSeconds;
    final List<Double> accuracies = new ArrayList<>();
    String state = "running";
    Double endSeconds;

    TrialLog(int number, Config config, double startSeconds) {
      this.number = number;
      this.config = config;
      this.startSeconds = startSeconds;
    }

    double value() {
      return accuracies.get(accuracies.size() - 1);
    }

    Map<String, Object> json() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("number", number);
      m.put("params", config.params());
      m.put("start_s", startSeconds);
      m.put("accs", accuracies);
      m.put("state", state);
      m.put("end_s", endSeconds);
      if (!state.equals("cut")) {
        m.put("epochs", accuracies.size());
      }
      if (state.equals("complete")) {
        m.put("value", value());
      }
      return m;
    }
  }

  /** One epoch finished within the budget. */
  record EpochEvent(double seconds, int number, int epoch, double accuracy) {
    Map<String, Object> json() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("t_s", seconds);
      m.put("number", number);
      m.put("epoch", epoch);
      m.put("acc", accuracy);
      return m;
    }
  }

  private long t0;

  private double elapsed() {
    return (System.nanoTime() - t0) / 1e9;
  }

  @Override
  public Integer call() throws Exception {
    Pruner chosen = switch (pruner) {
      case "hyperband" -> Pruner.hyperband(HyperbandConfig.of(1, maxEpochs));
      case "none" -> Pruner.none();
      case "median" -> Pruner.median();
      case "asha" -> Pruner.successiveHalving(SuccessiveHalvingConfig.defaults().withMinResource(1)
          .withReductionFactor(3).withMaxResource(maxEpochs));
      default -> throw new IllegalArgumentException(
          "--pruner " + pruner + ": hyperband, none, median or asha");
    };
    System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
    TorchRuntime.engine();
    long loadStart = System.nanoTime();
    LabeledData all = IdxLoader.standard(dataDir, true).reshaped(784);
    LabeledData test = IdxLoader.standard(dataDir, false).reshaped(784);
    double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
    LabeledData fit = all.slice(0, FIT_ROWS);
    LabeledData validation = all.slice(FIT_ROWS, all.rows());
    Task task = Task.of(fit);

    Study study = Study.builder().name("fmnist-" + pruner + "-" + seed)
        .direction(StudyDirection.MAXIMIZE).sampler(new TpeSampler(seed))
        .pruner(chosen)
        .build();
    List<TrialLog> trials = new ArrayList<>();
    List<EpochEvent> events = new ArrayList<>();
    // the data go to native memory once, as TrainingObjective does (the peer's tensors are made
    // once too); this is not counted in the budget, like the peer's loading
    double searchEnd;
    try (NativeData fitData = NativeData.of(fit, task);
        NativeData validationData = NativeData.of(validation, task)) {
      t0 = System.nanoTime();
      search(study, task, fitData, validationData, trials, events);
      searchEnd = elapsed();
    }


    Map<String, Object> out = new LinkedHashMap<>();
    out.put("env", BenchEnvironment.current());
    Map<String, Object> args = new LinkedHashMap<>();
    args.put("tool", "jtune");
    args.put("pruner", pruner);
    args.put("budget_s", budgetSeconds);
    args.put("max_epochs", maxEpochs);
    args.put("seed", seed);
    args.put("threads", threads);
    out.put("args", args);
    out.put("data_load_s", loadSeconds);
    out.put("search_end_s", searchEnd);
    out.put("n_trials", trials.size());
    out.put("n_complete", count(trials, "complete"));
    out.put("n_pruned", count(trials, "pruned"));
    out.put("n_cut_by_budget", count(trials, "cut"));
    out.put("epochs_trained", events.size());
    out.put("curve", curve(trials, events));
    out.put("best_so_far_steps", steps(trials));
    trials.stream().filter(t -> t.state.equals("complete"))
        .max(Comparator.comparingDouble(TrialLog::value))
        .ifPresent(best -> out.put("best", best(best, task, all, test)));
    out.put("trials", trials.stream().map(TrialLog::json).toList());
    out.put("epoch_events", events.stream().map(EpochEvent::json).toList());
    System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
        .writeValueAsString(out));
    return 0;
  }

  /** Runs the study until the budget ends, logging every trial and every epoch within it. */
  private void search(Study study, Task task, NativeData fitData, NativeData validationData,
      List<TrialLog> trials, List<EpochEvent> events) {
    double deadline = budgetSeconds;
    study.optimize(trial -> {
      double started = elapsed();
      TrialLog log = new TrialLog(trial.number(), Config.suggest(trial), started);
      trials.add(log);
      if (elapsed() >= deadline) {
        log.state = "cut";
        log.endSeconds = elapsed();
        throw new BudgetExceeded();
      }
      FitLoop loop = new FitLoop(task, TrainingPlan.of(log.config.spec(), log.config.batch),
          maxEpochs, Metric.ACCURACY, seed * 100_003L + trial.number());
      loop.fit(network(task, log.config), fitData, validationData, List.of(record -> {
        double now = elapsed();
        if (now > deadline) {
          log.state = "cut";
          log.endSeconds = now;
          throw new BudgetExceeded();
        }
        double accuracy = record.validation().get(Metric.ACCURACY);
        log.accuracies.add(accuracy);
        events.add(new EpochEvent(now, trial.number(), record.epoch(), accuracy));
        trial.report(record.epoch(), accuracy);
        if (trial.shouldPrune()) {
          log.state = "pruned";
          log.endSeconds = now;
          throw new TrialPrunedException("pruned at epoch " + record.epoch());
        }
      }));
      log.state = "complete";
      log.endSeconds = elapsed();
      System.err.printf("trial %d: %.4f after %d epochs (%.0f s)%n", log.number, log.value(),
          log.accuracies.size(), log.endSeconds);
      return log.value();
    }, OptimizeOptions.timeout(Duration.ofMillis((long) (budgetSeconds * 1000))));
  }

  private static Block network(Task task, Config config) {
    return MlpHyperModel.network(task, config.units, Activation.RELU, config.dropout, false);
  }

  private static long count(List<TrialLog> trials, String state) {
    return trials.stream().filter(t -> t.state.equals(state)).count();
  }

  private List<Map<String, Object>> curve(List<TrialLog> trials, List<EpochEvent> events) {
    List<Map<String, Object>> curve = new ArrayList<>();
    for (double minutes : curveMinutes) {
      double t = 60 * minutes;
      List<TrialLog> done = trials.stream()
          .filter(r -> r.state.equals("complete") && r.endSeconds <= t).toList();
      List<EpochEvent> seen = events.stream().filter(e -> e.seconds() <= t).toList();
      Map<String, Object> point = new LinkedHashMap<>();
      point.put("minutes", minutes);
      point.put("best_val_acc_completed",
          done.stream().mapToDouble(TrialLog::value).max().stream().boxed().findFirst()
              .orElse(null));
      point.put("n_completed", done.size());
      point.put("n_pruned", trials.stream()
          .filter(r -> r.state.equals("pruned") && r.endSeconds <= t).count());
      point.put("best_val_acc_any_epoch",
          seen.stream().mapToDouble(EpochEvent::accuracy).max().stream().boxed().findFirst()
              .orElse(null));
      point.put("epochs_trained", seen.size());
      curve.add(point);
    }
    return curve;
  }

  private static List<Map<String, Object>> steps(List<TrialLog> trials) {
    List<Map<String, Object>> steps = new ArrayList<>();
    double best = Double.NEGATIVE_INFINITY;
    for (TrialLog r : trials.stream().filter(t -> t.state.equals("complete"))
        .sorted(Comparator.comparingDouble(t -> t.endSeconds)).toList()) {
      if (r.value() > best) {
        best = r.value();
        Map<String, Object> step = new LinkedHashMap<>();
        step.put("t_s", r.endSeconds);
        step.put("best_val_acc", best);
        step.put("number", r.number);
        steps.add(step);
      }
    }
    return steps;
  }

  /** The best completed trial, retrained on all 60,000 training images and tested (not timed). */
  private Map<String, Object> best(TrialLog best, Task task, LabeledData all, LabeledData test) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("number", best.number);
    m.put("params", best.config.params());
    m.put("val_acc", best.value());
    m.put("found_at_s", best.endSeconds);
    if (!noRetrain) {
      long started = System.nanoTime();
      FitLoop loop = new FitLoop(task, TrainingPlan.of(best.config.spec(), best.config.batch),
          maxEpochs, Metric.ACCURACY, seed);
      List<EpochRecord> history = loop.fit(network(task, best.config), all, test, List.of())
          .history();
      m.put("retrain_on", "all 60000 training images");
      m.put("test_acc", history.get(history.size() - 1).validation().get(Metric.ACCURACY));
      m.put("retrain_s", (System.nanoTime() - started) / 1e9);
    }
    return m;
  }
}
