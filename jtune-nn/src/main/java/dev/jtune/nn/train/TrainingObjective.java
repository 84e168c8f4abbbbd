package dev.jtune.nn.train;

import ai.djl.nn.Block;
import dev.jtune.nn.data.LabeledData;
import dev.jtune.nn.data.Split;
import dev.jtune.nn.data.Splitter;
import dev.jtune.nn.model.HyperModel;
import dev.jtune.nn.model.Task;
import dev.jtune.sampler.pbt.Segment;
import dev.jtune.study.Objective;
import dev.jtune.terminator.CrossValidationError;
import dev.jtune.terminator.ExecutionsError;
import dev.jtune.trial.FrozenTrial;
import dev.jtune.trial.Trial;
import dev.jtune.trial.TrialPrunedException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The study objective that trains a {@link HyperModel}'s network for a trial and returns its
 * validation metric: the value at the best epoch (Keras Tuner's rule for {@code val_*}
 * objectives), either on one validation split or averaged over k folds (cross-validation, for small
 * data sets). Each epoch's value is reported to the trial (step {@code epoch}, or
 * {@code fold·epochs + epoch} with folds), so the study's pruner can stop it; a fold other than the
 * last that stops early reports its result at the steps of the epochs it did not train, so each
 * fold starts at the same step in every trial. {@link #withFoldReports()} reports each fold's
 * score at the fold's index instead, for a pruner that compares trials fold by fold.
 *
 * <p>{@link #withExecutions Several executions per trial} (Keras Tuner's
 * {@code executions_per_trial}) train that many networks per split from different seeds and
 * average them too, reporting their epochs one after another.
 *
 * <p>Stored with the trial: user attributes {@code best_epoch} and {@code val_<metric>} (the
 * per-epoch values of the first network); with cross-validation also {@code fold_values} (each
 * fold's best value, its mean over the executions) and {@code fold_best_epochs} (each network's
 * best epoch, fold by fold, execution after execution); with several executions
 * {@code execution_values}. A {@link WeightsSink}, if set, receives every completed trial's weights
 * (the best epoch's; of the first fold with cross-validation, of its best execution). After a cross-validated search, {@link #refit} trains a chosen trial's
 * configuration on all the rows, as scikit-learn's {@code GridSearchCV(refit=True)} does.
 *
 * <p>Each trial's network is initialized and shuffled from {@code seed} and the trial number, so a
 * trial is reproducible whatever thread runs it (with dropout: when trials run one at a time,
 * since dropout draws from libtorch's global generator). Thread-safe: trials may run in
 * parallel.
 *
 * <p>The data are copied into native memory once, by the first trial that trains on them, and
 * shared by every later trial (copying 50,000 Fashion-MNIST images costs a fraction of an epoch);
 * {@link #close()} releases them when the study is done. With k folds every fold's training and
 * held-out rows stay in native memory, about k times the data set.
 */
public final class TrainingObjective implements Objective, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TrainingObjective.class);

  /** Receives a completed trial's fit. Called on the trial's thread; must be thread-safe. */
  @FunctionalInterface
  public interface WeightsSink {
    void accept(Trial trial, Task task, FitResult fit);
  }

  private final HyperModel model;
  private final List<Split> splits;
  private final int epochs;
  private final Metric metric;
  private final long seed;
  private final WeightsSink sink;
  private final Task task;
  private final NativeSplits natives;
  /** Every row, for a refit: the data that was cut into folds; {@code null} for a holdout. */
  private final LabeledData whole;
  /** The values after the metric's that {@link #evaluateScores} returns. */
  private final List<Score> others;
  /** Where population members keep their end states; {@code null} outside population training. */
  private final CheckpointStore checkpoints;
  /** How many networks each trial trains per split, each from its own seed. */
  private final int executions;
  /** Whether each fold's score is reported (at the run's index) instead of each epoch's. */
  private final boolean foldReports;

  private TrainingObjective(HyperModel model, List<Split> splits, int epochs, Metric metric,
      long seed, WeightsSink sink, NativeSplits natives, LabeledData whole, List<Score> others,
      CheckpointStore checkpoints, int executions, boolean foldReports) {
    this.model = model;
    this.foldReports = foldReports;
    this.checkpoints = checkpoints;
    this.executions = executions;
    this.others = List.copyOf(others);
    this.whole = whole;
    this.splits = List.copyOf(splits);
    this.epochs = epochs;
    this.metric = metric;
    this.seed = seed;
    this.sink = sink;
    this.task = Task.of(splits.get(0).train());
    // checked before any native copy is made: a refusal leaves nothing to free
    if (!metric.appliesTo(task)) {
      throw new IllegalArgumentException("objective val_" + metric.label() + " does not apply to "
          + "a " + task.kind() + " task; it can use " + java.util.Arrays.stream(Metric.values())
              .filter(m -> m.appliesTo(task)).map(Metric::label).toList());
    }
    if (epochs < 1) {
      throw new IllegalArgumentException("epochs=" + epochs + " must be >= 1");
    }
    List<String> named = new ArrayList<>(List.of("val_" + metric.label()));
    for (Score s : this.others) {
      if (s instanceof Score.Validation v && !v.metric().appliesTo(task)) {
        throw new IllegalArgumentException("score " + s.label() + " does not apply to a "
            + task.kind() + " task");
      }
      if (named.contains(s.label())) {
        throw new IllegalArgumentException("score " + s.label() + " is named twice in " + named
            + " + " + s.label() + "; each objective of a study is another value");
      }
      named.add(s.label());
    }
    // a copy sharing native data (withWeightsSink) was made from checked data: checked once
    for (int i = 0; natives == null && i < this.splits.size(); i++) {
      Split s = this.splits.get(i);
      // data no network can learn from would fail every trial alike, each one stored and counted
      s.train().requireTrainable("training");
      s.held().requireTrainable("validation");
      // validation data of another shape or class count would fail every trial alike
      FitLoop.checkShape(task, s.held(), "validation");
      FitLoop.checkClasses(task, s.held(), "validation");
    }
    // val_auc, as the metric or a later score (added to a copy that shares checked native data),
    // needs both classes: checked on every copy, the labels only, nothing native
    if (metric == Metric.AUC || this.others.contains(new Score.Validation(Metric.AUC))) {
      for (int i = 0; i < this.splits.size(); i++) {
        requireBothClasses(this.splits.get(i).held(), this.splits.size() == 1 ? "validation data"
            : "the validation part of fold " + (i + 1) + " of " + this.splits.size());
      }
    }
    this.natives = natives != null ? natives : new NativeSplits(this.splits, task);
  }

  /**
   * Refuses binary validation data of one class for val_auc: its area is undefined, and every
   * epoch of every trial would score alike.
   */
  private static void requireBothClasses(LabeledData validation, String what) {
    int positives = 0;
    for (float label : validation.labels()) {
      if (label > 0.5f) {
        positives++;
      }
    }
    if (positives == 0 || positives == validation.rows()) {
      throw new IllegalArgumentException(what + " holds only class " + (positives == 0 ? 0 : 1)
          + " (" + validation.rows() + " rows): val_auc needs both classes to rank; split it "
          + "stratified, give it more rows, or judge trials by another metric");
    }
  }

  /** Trains on {@code train}, judges on {@code validation}. */
  public static TrainingObjective holdout(HyperModel model, LabeledData train,
      LabeledData validation, int epochs, Metric metric, long seed) {
    return new TrainingObjective(model, List.of(new Split(train, validation)), epochs, metric,
        seed, null, null, null, List.of(), null, 1, false);
  }

  /** The mean over {@code k} stratified folds of {@code data} (seeded by {@code seed}). */
  public static TrainingObjective crossValidated(HyperModel model, LabeledData data, int k,
      int epochs, Metric metric, long seed) {
    return new TrainingObjective(model, Splitter.stratified(seed).kFold(data, k), epochs, metric,
        seed, null, null, data, List.of(), null, 1, false);
  }

  /** A copy that hands completed fits to {@code sink} (and shares this one's native data). */
  public TrainingObjective withWeightsSink(WeightsSink sink) {
    return new TrainingObjective(model, splits, epochs, metric, seed, sink, natives, whole,
        others, checkpoints, executions, foldReports);
  }

  /**
   * A copy (sharing this one's native data) whose {@link #evaluateScores} returns the metric and
   * then {@code others}, for a study of several objectives ({@code val_accuracy} against
   * {@code parameters}, say); {@link #evaluate} still returns the metric alone.
   *
   * @throws IllegalArgumentException for a metric the task does not compute, or a score named
   *     twice (the metric included)
   */
  public TrainingObjective withScores(List<Score> others) {
    return new TrainingObjective(model, splits, epochs, metric, seed, sink, natives, whole,
        others, checkpoints, executions, foldReports);
  }

  /**
   * A copy (sharing this one's native data) that trains {@code n} networks of each trial's
   * configuration on each split, each initialized and shuffled from its own seed (the first one's
   * is the seed a single execution uses), and scores the trial by their mean: Keras Tuner's
   * {@code executions_per_trial}, which trades compute for a value less at the mercy of one
   * initialization. The executions run one after another and report their epochs one after
   * another ({@link #stepsPerTrial()}: {@code epochs × folds × n}; with folds, execution by
   * execution, each through every fold), so a pruner can stop the trial in any of them. The
   * weights sink receives the best execution's fit (of the first fold with cross-validation).
   * User attribute {@code execution_values}: each execution's value (its mean over the folds).
   *
   * @throws IllegalArgumentException if {@code n < 1}
   * @throws IllegalStateException for a population-based objective (a member is one network)
   */
  public TrainingObjective withExecutions(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("executions per trial must be >= 1, got " + n);
    }
    if (checkpoints != null && n > 1) {
      throw new IllegalStateException("population-based training trains one network per member;"
          + " executions per trial = " + n + " would train " + n + ": use 1");
    }
    return new TrainingObjective(model, splits, epochs, metric, seed, sink, natives, whole,
        others, checkpoints, n, foldReports);
  }

  /**
   * A copy (sharing this one's native data) that reports each fold's score, its best epoch's
   * metric, once the fold is trained, at step {@code execution × folds + fold}, and no epoch
   * values: what a pruner that compares trials instance by instance needs
   * ({@link dev.jtune.pruner.Pruner#comparesInstances()}: Optuna's Wilcoxon pruner, for which
   * k-fold cross-validation is the textbook case). The pruner is asked after each fold, so a trial
   * clearly worse than the best on the folds so far stops before its last ones.
   * {@link #stepsPerTrial()} is then {@code folds × executions}.
   *
   * @throws IllegalStateException for an objective that is not cross-validated
   */
  public TrainingObjective withFoldReports() {
    if (!crossValidated()) {
      throw new IllegalStateException("fold reports need a cross-validated objective; this one "
          + "holds out one validation set");
    }
    if (splits.size() * executions < 3) {
      LOG.warn("{} fold(s) x {} execution(s): a pruner asked after each fold but the last sees "
          + "at most {} score(s) per trial, and the Wilcoxon pruner needs 2 to judge (4 without "
          + "ties at its default p threshold of 0.1): use more folds", splits.size(), executions,
          splits.size() * executions - 1);
    }
    return new TrainingObjective(model, splits, epochs, metric, seed, sink, natives, whole,
        others, checkpoints, executions, true);
  }

  /** Whether each fold's score is reported instead of each epoch's ({@link #withFoldReports}). */
  public boolean foldReports() {
    return foldReports;
  }

  /** How many networks each trial trains per split ({@link #withExecutions}). */
  public int executions() {
    return executions;
  }

  /**
   * A copy (sharing this one's native data) that trains the members of a population-based study
   * ({@link dev.jtune.sampler.pbt.PopulationBasedSampler}): each trial is one member's
   * {@link Segment}, which deletes the checkpoints its segment names obsolete, trains
   * {@link #epochs()} epochs from its parent's checkpoint (weights, optimizer state and epochs so
   * far; a new network without a parent), saves its own to {@code store} under its number, and
   * scores the metric (and other scores) at its <em>last</em> epoch, where the member now stands.
   * Epochs are reported at the member's steps (its epochs in all), early stopping is off, and the
   * weights sink receives the last epoch's weights. User attributes: {@code val_METRIC} (this
   * interval's curve), {@code epochs} (the member's in all) and {@code parameters}.
   *
   * @throws IllegalStateException for a cross-validated objective (a member is one network, and
   *     folds would make one per fold)
   */
  public TrainingObjective withPopulation(CheckpointStore store) {
    if (crossValidated()) {
      throw new IllegalStateException("population-based training trains one network per member;"
          + " a cross-validated objective trains one per fold: hold out a validation set");
    }
    if (executions > 1) {
      throw new IllegalStateException("population-based training trains one network per member;"
          + " this objective trains " + executions + " per trial (executions per trial): use 1");
    }
    return new TrainingObjective(model, splits, epochs, metric, seed, sink, natives, whole,
        others, java.util.Objects.requireNonNull(store, "store"), executions, foldReports);
  }

  /** Where population members keep their checkpoints: empty unless made {@link #withPopulation}. */
  public java.util.Optional<CheckpointStore> checkpoints() {
    return java.util.Optional.ofNullable(checkpoints);
  }

  /** What {@link #evaluateScores} returns, in order: the metric, then the other scores. */
  public List<Score> scores() {
    List<Score> all = new ArrayList<>();
    all.add(new Score.Validation(metric));
    all.addAll(others);
    return List.copyOf(all);
  }

  /** Whether trials are scored over folds (and so {@link #refit} applies). */
  public boolean crossValidated() {
    return whole != null;
  }

  /** The rows a {@link #refit} trains on: all of the cross-validated data. */
  public int refitRows() {
    requireCrossValidated();
    return whole.rows();
  }

  /**
   * Trains {@code trial}'s configuration (its parameters and number, as stored) on every row of
   * the cross-validated data for the rounded mean of its folds' best epochs
   * ({@link Refit#epochsOf}: else its first fold's best epoch, else {@link #epochs()}): the folds'
   * verdict on how long to train, since no rows are left to judge the refit by. A {@link Refit}:
   * early stopping off, the last epoch's weights, the trial's seed.
   *
   * @throws IllegalStateException if this objective holds out one validation set instead
   */
  public FitResult refit(FrozenTrial trial) {
    requireCrossValidated();
    try (NativeData all = NativeData.of(whole, task)) {
      return Refit.configuration(model, metric, seed, trial, Refit.epochsOf(trial, epochs), all);
    }
  }

  private void requireCrossValidated() {
    if (whole == null) {
      throw new IllegalStateException("refit needs a cross-validated objective; this one holds "
          + "out a validation set, and its trials' weights are already final");
    }
  }

  /** The epochs each trial trains for (at most). */
  public int epochs() {
    return epochs;
  }

  /**
   * The last step a trial that trains to the end reports: {@link #epochs()}, times the folds when
   * cross-validated and the executions per trial (their epochs are reported one after another);
   * with {@link #withFoldReports()} the folds times the executions.
   */
  public int stepsPerTrial() {
    return (foldReports ? 1 : epochs) * splits.size() * executions;
  }

  /** The task the data calls for. */
  public Task task() {
    return task;
  }

  /** The trial's metric: {@link #evaluateScores}'s first value. */
  @Override
  public double evaluate(Trial trial) {
    return evaluateScores(trial)[0];
  }

  /**
   * Trains the trial's network and returns its {@link #scores()}: the metric at the best epoch,
   * then each other score at that same epoch (means over the folds when cross-validated). Stores
   * the metric's curve, the best epoch and the network's trainable parameters as user attributes
   * ({@code val_METRIC}, {@code best_epoch}, {@code parameters}).
   */
  public double[] evaluateScores(Trial trial) {
    if (checkpoints != null) {
      return trainInterval(trial);
    }
    double[] sums = new double[1 + others.size()];
    FitResult kept = null;
    double[] foldValues = new double[splits.size()];
    List<Integer> foldBestEpochs = new ArrayList<>();
    List<Double> executionValues = new ArrayList<>();
    int runs = executions * splits.size();
    for (int run = 0; run < runs; run++) {
      int execution = run / splits.size();
      int f = run % splits.size();
      Block block = model.build(trial, task);
      TrainingPlan plan = model.plan(trial);
      FitLoop loop = new FitLoop(task, plan, epochs, metric, runSeed(trial.number(), execution))
          .withBestEpochWeights(); // the weights that score the trial, whatever early stopping does
      NativeSplits.NativeSplit data = natives.acquire(f);
      PruningListener pruning = foldReports ? null
          : new PruningListener(trial, metric, run * epochs);
      // the network's size, stored once it is built: a trial pruned or failed later keeps it
      EpochListener size = run > 0 ? null : sizeRecorder(trial);
      List<EpochListener> listeners = new ArrayList<>();
      if (size != null) {
        listeners.add(size);
      }
      if (pruning != null) {
        listeners.add(pruning);
      }
      FitResult r;
      try {
        r = loop.fit(block, data.train(), data.held(), listeners);
      } finally {
        natives.release();
      }
      double value = r.best().get(metric);
      if (run == 0) {
        List<Double> curve = new ArrayList<>();
        r.history().forEach(e -> curve.add(e.validation().get(metric)));
        trial.setUserAttr("val_" + metric.label(), curve);
        trial.setUserAttr("best_epoch", r.bestEpoch());
      }
      if (f == 0 && (kept == null || metric.better(value, kept.best().get(metric)))) {
        kept = r;   // the first fold's best execution
      }
      if (foldReports) {
        trial.report(run, value);
        if (run < runs - 1 && trial.shouldPrune()) {
          throw new TrialPrunedException("pruned after fold " + (f + 1) + " of " + splits.size()
              + (executions > 1 ? " (execution " + (execution + 1) + ")" : "") + " with val_"
              + metric.label() + "=" + value);
        }
      } else if (run < runs - 1) {
        // a run stopped early holds its result up to its last step: the next run's epoch e is
        // then reported at the same step in every trial (the pruner may stop the trial here)
        pruning.hold(r.history().size() + 1, epochs, value);
      }
      sums[0] += value;
      for (int i = 0; i < others.size(); i++) {
        sums[i + 1] += others.get(i).of(r);
      }
      foldValues[f] += value / executions;
      foldBestEpochs.add(r.bestEpoch());
      if (f == 0) {
        executionValues.add(0.0);
      }
      executionValues.set(execution, executionValues.get(execution) + value / splits.size());
    }
    if (splits.size() > 1) {
      trial.setUserAttr(CrossValidationError.SCORES,
          java.util.Arrays.stream(foldValues).boxed().toList());
      trial.setUserAttr("fold_best_epochs", foldBestEpochs);
    }
    if (executions > 1) {
      trial.setUserAttr(ExecutionsError.VALUES, executionValues);
    }
    if (sink != null) {
      sink.accept(trial, task, kept);
    }
    for (int i = 0; i < sums.length; i++) {
      sums[i] /= runs;
    }
    return sums;
  }

  /**
   * The seed of a trial's execution: the first one's is the seed a single execution uses, so
   * adding executions leaves the first network as it was.
   */
  private long runSeed(int trialNumber, int execution) {
    return runSeed(seed, trialNumber, execution);
  }

  /** The seed of a trial's fit: {@code execution} of trial {@code trialNumber}, study {@code seed}. */
  static long runSeed(long seed, int trialNumber, int execution) {
    long first = seed * 1_000_003L + trialNumber;
    return execution == 0 ? first : first + execution * 0x9E3779B97F4A7C15L;
  }

  /**
   * The seed (initialization and shuffles) of the network a holdout trial kept: its best
   * execution's ({@code execution_values}), the only one without several executions. Training
   * the trial's configuration from it for {@link #epochs()} with best-epoch weights gives the
   * weights the weights sink received.
   */
  public long keptNetworkSeed(FrozenTrial trial) {
    int best = 0;
    if (trial.userAttrs().get(ExecutionsError.VALUES) instanceof List<?> values) {
      for (int e = 1; e < values.size(); e++) {
        if (values.get(e) instanceof Number v && values.get(best) instanceof Number b
            && metric.better(v.doubleValue(), b.doubleValue())) {
          best = e;
        }
      }
    }
    return runSeed(trial.number(), best);
  }

  /** Stores the network's trainable parameters with the trial once it is built. */
  private static EpochListener sizeRecorder(Trial trial) {
    return new EpochListener() {
      @Override
      public void onStart(long parameters) {
        trial.setUserAttr("parameters", parameters);
      }

      @Override
      public void onEpoch(EpochRecord record) {}
    };
  }

  /** One population member's interval: see {@link #withPopulation}. */
  private double[] trainInterval(Trial trial) {
    Segment segment = Segment.of(trial.systemAttrs()).orElseThrow(() ->
        new IllegalStateException("trial " + trial.number() + " is no population member's "
            + "interval: an objective made withPopulation needs a study whose sampler is a "
            + "PopulationBasedSampler"));
    Checkpoint from = segment.parent().isPresent()
        ? checkpoints.load(segment.parent().getAsInt()) : null;
    // no later trial starts from these: deleted before training, which may fail or be pruned
    segment.obsolete().forEach(checkpoints::delete);
    Block block = model.build(trial, task);
    TrainingPlan plan = model.plan(trial).withEarlyStopping(null);
    FitLoop loop = new FitLoop(task, plan, epochs, metric, runSeed(trial.number(), 0))
        .startingFrom(from);
    PruningListener pruning = new PruningListener(trial, metric, from == null ? 0 : from.epochs());
    EpochListener size = sizeRecorder(trial);
    NativeSplits.NativeSplit data = natives.acquire(0);
    FitResult r;
    try {
      r = loop.fit(block, data.train(), data.held(), List.of(size, pruning));
    } finally {
      natives.release();
    }
    List<Double> curve = new ArrayList<>();
    r.history().forEach(e -> curve.add(e.validation().get(metric)));
    trial.setUserAttr("val_" + metric.label(), curve);
    trial.setUserAttr("epochs", r.checkpoint().epochs());
    checkpoints.save(trial.number(), r.checkpoint());
    if (sink != null) {
      sink.accept(trial, task, r);
    }
    FitResult last = new FitResult(r.history(), r.history().size(),
        r.history().get(r.history().size() - 1).validation(), r.weights(), r.stoppedEarly(),
        r.parameters(), r.checkpoint());
    double[] scores = new double[1 + others.size()];
    scores[0] = last.best().get(metric);
    for (int i = 0; i < others.size(); i++) {
      scores[i + 1] = others.get(i).of(last);
    }
    return scores;
  }

  /**
   * Releases the native copies of the data (shared with copies made by {@link #withWeightsSink}):
   * at once, or when the last trial still training on them ends. A later trial makes them again.
   */
  @Override
  public void close() {
    natives.close();
  }

  /** Whether native copies of the data exist now (for tests). */
  boolean holdsNativeData() {
    return natives.holdsData();
  }
}
