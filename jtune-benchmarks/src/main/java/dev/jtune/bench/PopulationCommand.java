package dev.jtune.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jtune.nn.TorchRuntime;
import dev.jtune.nn.data.IdxLoader;
import dev.jtune.nn.data.LabeledData;
import dev.jtune.nn.data.Split;
import dev.jtune.nn.data.Splitter;
import dev.jtune.nn.model.FixedTrial;
import dev.jtune.nn.model.MlpHyperModel;
import dev.jtune.nn.model.Task;
import dev.jtune.nn.optim.OptimizerChoice;
import dev.jtune.nn.train.FitResult;
import dev.jtune.nn.train.Metric;
import dev.jtune.nn.train.ScheduleReplay;
import dev.jtune.nn.train.TrainedNetwork;
import dev.jtune.nn.tuner.Tuner;
import dev.jtune.nn.tuner.TunerBuilder;
import dev.jtune.sampler.pbt.Lineage;
import dev.jtune.trial.FrozenTrial;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code pbt} benchmark: population-based training (and bandits, {@code --methods pb2}) against
 * random search for the same epochs,
 * through the {@link Tuner} facade, on Fashion-MNIST (an MLP of 1-2 layers of 64/128/256 units,
 * dropout in [0, 0.4], Adam or momentum SGD at a rate in [1e-4, 1e-1] log, batch 128). PBT trains
 * {@code --population} members for {@code --intervals} intervals of {@code --interval} epochs;
 * random search trains {@code --population} configurations for all those epochs each, keeping
 * each one's best epoch (Keras Tuner's rule). Prints one JSON line per method and seed: the best
 * validation accuracy, the best model's test accuracy, epochs trained, wall seconds and, for PBT,
 * the best member's rates along its lineage and the test accuracy of the best trial of the last
 * interval (Ray's rule, {@code scope="last"}); with {@code --refit}, the test accuracy and seconds of
 * the best member's schedule trained afresh on the fit and validation rows together (and its
 * epochs: the best trial may be an earlier interval than the last), and of its last parameters held
 * constant for as many epochs on the same rows (the control: is it the schedule, or the rows?).
 */
@Command(name = "pbt", mixinStandardHelpOptions = true,
    description = "Population-based training against random search for the same epochs.")
final class PopulationCommand implements Callable<Integer> {

  @Option(names = "--population", defaultValue = "8")
  int population;

  @Option(names = "--interval", defaultValue = "2", description = "epochs per PBT interval")
  int interval;

  @Option(names = "--intervals", defaultValue = "8", description = "intervals each member trains")
  int intervals;

  @Option(names = "--seeds", split = ",", defaultValue = "0,1,2")
  List<Long> seeds;

  @Option(names = "--methods", split = ",", defaultValue = "pbt,random")
  List<String> methods;

  @Option(names = "--rows", defaultValue = "12000",
      description = "training rows drawn (stratified) from the 60,000; 20% of them validate")
  int rows;

  @Option(names = "--jobs", defaultValue = "1")
  int jobs;

  @Option(names = "--refit", description = "after a pbt or pb2 search, also train the best "
      + "member's schedule afresh on the fit and validation rows together "
      + "(Tuner.refitBest) and report its test accuracy and seconds")
  boolean refit;

  @Option(names = "--data-dir", defaultValue = "/usr/share/datasets/fashion-mnist")
  Path dataDir;

  static final MlpHyperModel MODEL = MlpHyperModel.seedExample().withLayers(1, 2, 64, 128, 256)
      .withRegularization(0.4, false)
      .withOptimizers(OptimizerChoice.of(1e-4, 1e-1, "adam", "momentum")).withBatchSizes(128);

  @Override
  public Integer call() throws Exception {
    TorchRuntime.engine();
    LabeledData all = IdxLoader.standard(dataDir, true);
    LabeledData images = rows < all.rows()
        ? Splitter.stratified(1).trainTest(all, 1 - (double) rows / all.rows()).train() : all;
    Split split = Splitter.stratified(2).trainTest(images.reshaped(784), 0.2);
    LabeledData test = IdxLoader.standard(dataDir, false).reshaped(784);
    ObjectMapper json = new ObjectMapper();
    Path dir = Files.createTempDirectory("jtune-pbt-bench");
    for (long seed : seeds) {
      for (String method : methods) {
        System.out.println(json.writeValueAsString(run(method, seed, split, test, dir)));
        System.out.flush();
      }
    }
    return 0;
  }

  /** The test accuracy of {@code t}'s network with these weights. */
  private static double testAccuracy(FrozenTrial t, byte[] weights, Split split,
      LabeledData test) {
    Task task = Task.of(split.train());
    try (TrainedNetwork net = TrainedNetwork.load(MODEL.build(new FixedTrial(t.params(),
        t.number()), task), task, weights)) {
      return net.evaluate(test).get(Metric.ACCURACY);
    }
  }

  private static byte[] readWeights(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Seconds since {@code started} (nanoTime), to a tenth. */
  private static double secondsSince(long started) {
    return Math.round((System.nanoTime() - started) / 1e8) / 10.0;
  }

  /** The complete trial of the highest interval index with the best value. */
  static FrozenTrial lastIntervalBest(List<FrozenTrial> trials) {
    int lastIndex = trials.stream().filter(t -> t.state() == dev.jtune.trial.TrialState.COMPLETE)
        .mapToInt(t -> dev.jtune.sampler.pbt.Segment.of(t.systemAttrs()).orElseThrow().index())
        .max().orElseThrow();
    return trials.stream().filter(t -> t.state() == dev.jtune.trial.TrialState.COMPLETE
            && dev.jtune.sampler.pbt.Segment.of(t.systemAttrs()).orElseThrow().index() == lastIndex)
        .max(java.util.Comparator.comparingDouble(FrozenTrial::value)).orElseThrow();
  }

  private Map<String, Object> run(String method, long seed, Split split, LabeledData test,
      Path dir) {
    boolean pbt = method.equals("pbt") || method.equals("pb2");
    if (!pbt && !method.equals("random")) {
      throw new IllegalArgumentException("method '" + method + "': pbt, pb2 or random");
    }
    TunerBuilder builder = method.equals("pb2") ? Tuner.populationBasedBandits(population)
        : pbt ? Tuner.populationBasedTraining(population) : Tuner.randomSearch();
    long started = System.nanoTime();
    Map<String, Object> out = new LinkedHashMap<>();
    try (Tuner tuner = builder.hyperModel(MODEL).objective("val_accuracy")
        .maxTrials(pbt ? population * intervals : population).directory(dir)
        .projectName(method + "-" + seed).overwrite(true).seed(seed).jobs(jobs).build()) {
      tuner.search(split.train(), split.held(), pbt ? interval : interval * intervals);
      double seconds = (System.nanoTime() - started) / 1e9;
      FrozenTrial best = tuner.bestTrials(1).get(0);
      double testAccuracy;
      try (TrainedNetwork net = tuner.bestModels(1).get(0)) {
        testAccuracy = net.evaluate(test).get(Metric.ACCURACY);
      }
      out.put("method", method);
      out.put("seed", seed);
      out.put("best_val", best.value());
      out.put("test", testAccuracy);
      out.put("epochs", population * interval * intervals);
      out.put("seconds", Math.round(seconds * 10) / 10.0);
      out.put("best_params", best.params());
      if (pbt) {
        out.put("lineage_lr", Lineage.of(best, tuner.study().trials()).orElseThrow()
            .values("lr"));
        // Ray's rule for the best trial (scope "last"): the best of the last interval only
        FrozenTrial last = lastIntervalBest(tuner.study().trials());
        out.put("last_interval_test", testAccuracy(last, readWeights(tuner.projectDirectory()
            .resolve(last.userAttrs().get("weights").toString())), split, test));
      }
      if (pbt && refit) {
        LabeledData all = split.train().append(split.held());
        long refitStarted = System.nanoTime();
        try (TrainedNetwork net = tuner.refitBest(all)) {
          out.put("refit_seconds", secondsSince(refitStarted));
          out.put("refit_test", net.evaluate(test).get(Metric.ACCURACY));
        }
        ScheduleReplay schedule = tuner.bestSchedule();
        out.put("schedule_intervals", schedule.intervals().size());
        out.put("refit_epochs", schedule.epochs());
        long constantStarted = System.nanoTime();
        // the control: the best member's last parameters held constant for as many epochs
        ScheduleReplay constant = new ScheduleReplay(List.of(new ScheduleReplay.Interval(
            best.number(), best.params(), schedule.epochs())));
        FitResult fit = constant.train(MODEL, Metric.ACCURACY, seed, all, null);
        out.put("constant_seconds", secondsSince(constantStarted));
        out.put("constant_test", testAccuracy(best, fit.weights(), split, test));
      }
    }
    return out;
  }
}
