package dev.jtune.cli.train;

import dev.jtune.cli.config.TrainingSpec;
import dev.jtune.nn.data.CsvData;
import dev.jtune.nn.data.CsvFormat;
import dev.jtune.nn.data.CsvLoader;
import dev.jtune.nn.data.IdxLoader;
import dev.jtune.nn.data.LabeledData;
import dev.jtune.nn.data.Split;
import dev.jtune.nn.data.Splitter;
import dev.jtune.nn.data.SyntheticClassification;
import dev.jtune.nn.model.CnnHyperModel;
import dev.jtune.nn.model.HyperModel;
import dev.jtune.nn.model.MlpHyperModel;
import dev.jtune.nn.optim.OptimizerChoice;
import dev.jtune.nn.schedule.LearningRateSchedule;
import dev.jtune.nn.train.EarlyStopping;
import dev.jtune.nn.train.Metric;
import dev.jtune.nn.train.Score;
import dev.jtune.nn.train.TrainingObjective;
import dev.jtune.study.MultiObjective;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Binds a validated {@link TrainingSpec} (the training sections of a study file) to jtune-nn: loads
 * the data, splits it into train / validation / test (or, with {@code split.folds}, into train /
 * test with k folds of the train part), builds the hyper-model and returns the
 * {@link TrainingObjective} a study optimizes (the validation metric at the best epoch, or its
 * mean over the folds).
 *
 * <p>The test part is held out and returned with the objective ({@link Bound#test()}) so a caller
 * may evaluate the best model on it; the objective never sees it.
 */
public final class TrainingSpecAdapter {

  private TrainingSpecAdapter() {}

  /**
   * The objective and what it was built from: the hyper-model, the three parts of the data
   * ({@code validation} is {@code null} with k folds, which are cut from {@code train}), the
   * epochs, the validation metric, the seed, and whether the best model is refitted on the
   * training and validation rows before its test ({@code training.refit}).
   */
  public record Bound(TrainingObjective objective, HyperModel model, LabeledData train,
      LabeledData validation, LabeledData test, int epochs, Metric metric, long seed,
      boolean refit) {

    /**
     * What a run optimizes: the objective's {@link TrainingObjective#scores() scores}, one value
     * per study direction (the metric alone for a study of one); closing it releases the
     * objective's native data.
     */
    public Scored values() {
      return new Scored(objective);
    }

    /** The same, with {@code other} (a copy of this objective made for a sampler or pruner). */
    public Bound withObjective(TrainingObjective other) {
      return new Bound(other, model, train, validation, test, epochs, metric, seed, refit);
    }
  }

  /** A training objective as a {@link MultiObjective} of its scores, closing with it. */
  public record Scored(TrainingObjective objective) implements MultiObjective, AutoCloseable {
    @Override
    public double[] evaluate(dev.jtune.trial.Trial trial) {
      return objective.evaluateScores(trial);
    }

    @Override
    public void close() {
      objective.close();
    }
  }

  /**
   * Loads the data and builds the objective.
   *
   * @throws IllegalArgumentException naming the offending value when jtune-nn rejects a setting
   *     (for instance a metric that does not apply to the data's task)
   */
  public static Bound bind(TrainingSpec spec) {
    TrainingSpec.Split s = spec.data().split();
    Metric metric = Metric.parse(spec.metric());
    HyperModel model = model(spec.model(), spec.training(), metric);
    LabeledData data;
    if (spec.data() instanceof TrainingSpec.DataSpec.Csv csv) {
      CsvData loaded = loadCsv(csv);
      data = loaded.data();
      if (csv.standardize()) {
        model = model.withInputNormalization(loaded.numeric());
      }
    } else {
      data = generatedOrIdx(spec.data());
    }
    if (spec.model() instanceof TrainingSpec.ModelSpec.Cnn && data.sampleShape().length != 3) {
      // refused before any trial runs (every one would fail building its network)
      throw new IllegalArgumentException("a cnn model needs images, samples shaped (channels, "
          + "height, width) as IDX data gives them; these samples are "
          + java.util.Arrays.toString(data.sampleShape()) + ": use model: {mlp: ...}");
    }
    if (spec.model() instanceof TrainingSpec.ModelSpec.Cnn cnn) {
      // each block halves the image: refuse a range whose largest count would shrink a side
      // below one pixel, before trials with that many blocks fail one by one
      int side = Math.min(data.sampleShape()[1], data.sampleShape()[2]);
      if ((side >> cnn.maxBlocks()) < 1) {
        throw new IllegalArgumentException("model.cnn.blocks: up to " + cnn.maxBlocks()
            + " pooling blocks would shrink a " + side + "-pixel side below 1 pixel; at most "
            + (31 - Integer.numberOfLeadingZeros(side)) + " fit these "
            + java.util.Arrays.toString(data.sampleShape()) + " images");
      }
    }
    if (s.crossValidated()) {
      Split trainTest = s.test() > 0 ? Splitter.shuffled(s.seed()).trainTest(data, s.test())
          : new Split(data, data.slice(0, 0));
      if (s.folds() > trainTest.train().rows()) {
        throw new IllegalArgumentException("data.split.folds: " + s.folds() + " folds need at "
            + "least as many training rows; the training part has " + trainTest.train().rows());
      }
      TrainingObjective objective = TrainingObjective.crossValidated(model, trainTest.train(),
          s.folds(), spec.training().epochs(), metric, s.seed()).withScores(others(spec))
          .withExecutions(spec.training().executions());
      return new Bound(objective, model, trainTest.train(), null, trainTest.held(),
          spec.training().epochs(), metric, s.seed(), true);
    }
    List<LabeledData> parts;
    if (s.test() > 0) {
      parts = Splitter.shuffled(s.seed()).trainValidationTest(data, s.validation(), s.test());
    } else {   // test: 0, no rows held out for a final test
      Split trainValidation = Splitter.shuffled(s.seed()).trainTest(data, s.validation());
      parts = List.of(trainValidation.train(), trainValidation.held(), data.slice(0, 0));
    }
    TrainingObjective objective = TrainingObjective.holdout(model, parts.get(0), parts.get(1),
        spec.training().epochs(), metric, s.seed()).withScores(others(spec))
        .withExecutions(spec.training().executions());
    return new Bound(objective, model, parts.get(0), parts.get(1), parts.get(2),
        spec.training().epochs(), metric, s.seed(), spec.training().refit());
  }

  /** The scores after the metric, for a study of several objectives. */
  private static List<Score> others(TrainingSpec spec) {
    return spec.otherScores().stream().map(Score::parse).toList();
  }

  /** The examples of a synthetic or IDX data section (CSV goes through {@link #loadCsv}). */
  private static LabeledData generatedOrIdx(TrainingSpec.DataSpec d) {
    if (d instanceof TrainingSpec.DataSpec.Synthetic syn) {
      return synthetic(syn).generate();
    }
    TrainingSpec.DataSpec.Idx idx = (TrainingSpec.DataSpec.Idx) d;
    return IdxLoader.load(idx.images(), idx.labels());   // classes counted from the labels
  }

  private static CsvData loadCsv(TrainingSpec.DataSpec.Csv csv) {
    return new CsvLoader(new CsvFormat(csv.label(), Set.copyOf(csv.categorical()),
        !csv.regression(), ',')).load(csv.path());
  }

  /**
   * make_classification with scikit-learn's defaults, the informative features grown where the
   * classes need more ({@link SyntheticClassification#of}).
   */
  static SyntheticClassification synthetic(TrainingSpec.DataSpec.Synthetic syn) {
    return SyntheticClassification.of(syn.samples(), syn.features(), syn.classes(), syn.seed());
  }

  static HyperModel model(TrainingSpec.ModelSpec m, TrainingSpec.Settings t, Metric metric) {
    OptimizerChoice optimizers = OptimizerChoice.of(t.lrLow(), t.lrHigh(),
        t.optimizers().toArray(String[]::new));
    LearningRateSchedule schedule = schedule(t.schedule());
    EarlyStopping early = t.earlyStopping().map(e -> new EarlyStopping(metric, e.patience(),
        e.minDelta(), e.restoreBest())).orElse(null);
    if (m instanceof TrainingSpec.ModelSpec.Mlp mlp) {
      return new MlpHyperModel(mlp.minLayers(), mlp.maxLayers(), mlp.units(), mlp.activations(),
          mlp.maxDropout(), mlp.batchNorm(), optimizers, t.batchSizes(), schedule, early);
    }
    TrainingSpec.ModelSpec.Cnn cnn = (TrainingSpec.ModelSpec.Cnn) m;
    return new CnnHyperModel(cnn.minBlocks(), cnn.maxBlocks(), cnn.filters(), cnn.kernels(),
        cnn.poolings(), cnn.dense(), cnn.maxDropout(), cnn.batchNorm(), optimizers,
        t.batchSizes(), schedule, early);
  }

  /** The schedule a {@code training.schedule} section names, with jtune-nn's defaults. */
  static LearningRateSchedule schedule(TrainingSpec.Schedule s) {
    Map<String, Double> v = s.settings();
    return switch (s.name()) {
      case "constant" -> LearningRateSchedule.constant();
      case "step-decay" -> new LearningRateSchedule.StepDecay(
          (int) Math.round(v.getOrDefault("step-size", 100.0)), v.getOrDefault("gamma", 0.5));
      case "exponential-decay" -> new LearningRateSchedule.ExponentialDecay(
          v.getOrDefault("rate", 0.96), (int) Math.round(v.getOrDefault("decay-steps", 100.0)));
      case "cosine-warmup" -> new LearningRateSchedule.CosineWarmup(
          (int) Math.round(v.getOrDefault("warmup-steps", 0.0)),
          v.getOrDefault("min-fraction", 0.0));
      case "one-cycle" -> {
        LearningRateSchedule.OneCycle d = LearningRateSchedule.OneCycle.defaults();
        yield new LearningRateSchedule.OneCycle(v.getOrDefault("pct-start", d.pctStart()),
            v.getOrDefault("div", d.div()), v.getOrDefault("final-div", d.finalDiv()));
      }
      case "reduce-on-plateau" -> new LearningRateSchedule.ReduceOnPlateau(
          v.getOrDefault("factor", 0.1), (int) Math.round(v.getOrDefault("patience", 10.0)),
          v.getOrDefault("min-delta", 1e-4), v.getOrDefault("min-rate", 0.0));
      default -> throw new IllegalArgumentException("unknown schedule '" + s.name() + "'");
    };
  }
}
