package dev.jtune.examples;

import dev.jtune.dashboard.StudyReport;
import dev.jtune.nn.data.IdxLoader;
import dev.jtune.nn.data.LabeledData;
import dev.jtune.nn.data.Splitter;
import dev.jtune.nn.model.CnnHyperModel;
import dev.jtune.nn.model.HyperModel;
import dev.jtune.nn.model.MlpHyperModel;
import dev.jtune.nn.optim.OptimizerChoice;
import dev.jtune.nn.train.Metric;
import dev.jtune.nn.train.TrainedNetwork;
import dev.jtune.nn.tuner.Tuner;
import dev.jtune.pruner.HyperbandConfig;
import dev.jtune.pruner.Pruner;
import dev.jtune.sampler.tpe.TpeConfig;
import dev.jtune.sampler.tpe.TpeSampler;
import java.nio.file.Path;

/**
 * Tunes an MLP and a CNN on Fashion-MNIST with TPE and Hyperband pruning (Keras Tuner's
 * {@code Hyperband} tuner): each trial reports its validation accuracy every epoch and the pruner
 * stops the unpromising ones. Needs Debian's {@code dataset-fashion-mnist} (or the four IDX files
 * in the folder given as the fourth argument).
 *
 * <p>TPE behind Hyperband learns from the trials of each trial's own bracket (BOHB's rule), and
 * 9 epochs make 3 brackets: so TPE starts modelling after 3 trials of a bracket here, not after
 * its default 10, which none of 3 brackets reaches in 20 trials (TPE would stay quasi-random).
 *
 * <p>Arguments (all optional): {@code trials epochs trainRows dataDir}; the defaults (20 trials of
 * 9 epochs on 12,000 training rows) take minutes on one core.
 */
public final class FashionMnistExample {

  private FashionMnistExample() {}

  /** Tunes one hypermodel; returns the best model's test accuracy. */
  static double tune(String name, HyperModel model, LabeledData train, LabeledData test,
      int trials, int epochs, Path directory) {
    try (Tuner tuner = Tuner.builder().hyperModel(model).objective("val_accuracy")
        .maxTrials(trials).directory(directory).projectName("fmnist_" + name).overwrite(true)
        .sampler(new TpeSampler(TpeConfig.defaults().withStartupTrials(3).withSeed(7))).pruner(Pruner.hyperband(HyperbandConfig.of(1, epochs)))
        .seed(7).build()) {
      tuner.search(train, epochs, 0.2);
      System.out.println(tuner.resultsSummary(5));
      // learning curves with the pruned trials, importances, the best pair: one offline page
      Path report = tuner.projectDirectory().resolve("report.html");
      StudyReport.write(tuner.study(), report);
      System.out.println("charts: " + report);
      try (TrainedNetwork best = tuner.bestModels(1).get(0)) {
        double accuracy = best.evaluate(test).get(Metric.ACCURACY);
        System.out.printf("%s: best %s, test accuracy %.4f%n", name,
            tuner.bestHyperparameters(1).get(0), accuracy);
        return accuracy;
      }
    }
  }

  public static void main(String[] args) {
    int trials = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 9;
    if (epochs < 2) {
      throw new IllegalArgumentException("epochs=" + epochs + ": Hyperband needs at least 2 "
          + "epochs to stop a trial before its last one");
    }
    int rows = args.length > 2 ? Integer.parseInt(args[2]) : 12_000;
    Path data = args.length > 3 ? Path.of(args[3]) : IdxLoader.FASHION_MNIST;
    LabeledData all = IdxLoader.standard(data, true);
    LabeledData images = rows < all.rows()
        ? Splitter.stratified(1).trainTest(all, 1 - (double) rows / all.rows()).train() : all;
    LabeledData test = IdxLoader.standard(data, false);
    Path dir = Path.of("fmnist_tuning");

    MlpHyperModel mlp = MlpHyperModel.seedExample().withLayers(1, 3, 64, 128, 256, 512)
        .withActivations("relu", "gelu").withRegularization(0.4, true)
        .withOptimizers(OptimizerChoice.of(1e-4, 1e-2, "adam", "adamw", "nesterov"))
        .withBatchSizes(64, 128, 256);
    tune("mlp", mlp, images.reshaped(784), test.reshaped(784), trials, epochs, dir);

    CnnHyperModel cnn = CnnHyperModel.defaults().withBatchSizes(64, 128);
    tune("cnn", cnn, images, test, Math.max(1, trials / 2), epochs, dir);
  }
}
