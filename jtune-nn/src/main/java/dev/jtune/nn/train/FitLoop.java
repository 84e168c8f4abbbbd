package dev.jtune.nn.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import dev.jtune.nn.Autograd;
import dev.jtune.nn.GlobalGenerator;
import dev.jtune.nn.Kernels;
import dev.jtune.nn.TorchRuntime;
import dev.jtune.nn.data.LabeledData;
import dev.jtune.nn.model.DropoutBlock;
import dev.jtune.nn.model.NormalizationBlock;
import dev.jtune.nn.model.SeededGlorot;
import dev.jtune.nn.model.Task;
import dev.jtune.nn.optim.Updater;
import dev.jtune.nn.schedule.BatchSizeSchedule;
import dev.jtune.nn.schedule.RateTracker;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains one network for up to {@code epochs} epochs and judges it on validation data after each.
 *
 * <p>Before the first epoch the network is initialized, its input {@link NormalizationBlock}, if
 * any, is adapted to the training rows, and the plan's step-memory limit, if any, is checked
 * ({@link StepMemory}).
 *
 * <p>Each epoch shuffles the training rows (seeded), cuts them into batches of the plan's size for
 * that epoch (the last batch may be smaller; full-batch gradient descent takes all rows), and for
 * each batch runs forward, loss and backward under {@link Autograd}, then one optimizer update at
 * the schedule's rate. After the epoch it evaluates every metric on the validation data, feeds the
 * monitored one to the schedule (reduce-on-plateau) and to early stopping, and tells the listeners
 * (a {@link PruningListener} may stop the fit by throwing). An epoch whose training loss is not
 * finite ends the fit: with the best epoch's weights kept, that epoch is the result (as Keras's
 * {@code TerminateOnNaN} stops); in the first epoch, or when the last epoch's weights were asked
 * for, it throws {@link TrainingDivergedException}.
 *
 * <p>Resources: training and validation data are {@link NativeData}, made by the caller once for
 * many fits or by {@link #fit(Block, LabeledData, LabeledData, List)} for one; every tensor a
 * step creates is closed at the end of the step ({@link NDScope}); the fit's {@link NDManager} is
 * closed when it returns or throws. The network's initial weights come from {@link SeededGlorot}
 * with the fit's seed; the shuffles from the same seed; jtune's dropout masks from seeds derived
 * from it ({@link DropoutBlock#seed}), so fits are reproducible on any number of threads. Random
 * operations of a user's own blocks (DJL's {@code Dropout}) draw from libtorch's global generator,
 * which each fit seeds when it starts: reproducible only for fits that run one at a time.
 *
 * <p>Immutable; {@link #fit} may run on several threads at once for different blocks.
 */
public final class FitLoop {
  private static final Logger LOG = LoggerFactory.getLogger(FitLoop.class);

  private final Task task;
  private final TrainingPlan plan;
  private final int epochs;
  private final Metric monitor;
  private final long seed;
  private final LongSupplier clock;
  private final KeptWeights kept;
  /** Whether fits return a checkpoint, and where they start ({@code null}: afresh). */
  private final boolean checkpoints;
  private final Checkpoint start;

  /** Which epoch's weights a fit returns. */
  private enum KeptWeights {
    /**
     * The best epoch's by the monitored metric; with early stopping, by its monitor if it
     * restores the best weights and the last epoch's if it does not (Keras's {@code fit}).
     */
    AS_EARLY_STOPPING_SAYS,
    /** The best epoch's by the monitored metric, whatever early stopping says (a tuner's trial). */
    BEST,
    /** The last epoch's. */
    LAST
  }

  /**
   * A loop for a task and plan.
   *
   * @param monitor the validation metric that defines the best epoch (and drives
   *     reduce-on-plateau); early stopping watches its own
   */
  public FitLoop(Task task, TrainingPlan plan, int epochs, Metric monitor, long seed) {
    if (epochs < 1) {
      throw new IllegalArgumentException("epochs=" + epochs + " must be >= 1");
    }
    if (!monitor.appliesTo(task)) {
      throw new IllegalArgumentException("metric val_" + monitor.label() + " does not apply to "
          + task.kind());
    }
    plan.early().ifPresent(e -> {
      if (!e.monitor().appliesTo(task)) {
        throw new IllegalArgumentException("early stopping monitors val_" + e.monitor().label()
            + ", which does not apply to " + task.kind());
      }
    });
    this.task = task;
    this.plan = plan;
    this.epochs = epochs;
    this.monitor = monitor;
    this.seed = seed;
    this.clock = System::nanoTime;
    this.kept = KeptWeights.AS_EARLY_STOPPING_SAYS;
    this.checkpoints = false;
    this.start = null;
  }

  private FitLoop(FitLoop base, LongSupplier clock, KeptWeights kept) {
    this(base, clock, kept, base.checkpoints, base.start);
  }

  private FitLoop(FitLoop base, LongSupplier clock, KeptWeights kept, boolean checkpoints,
      Checkpoint start) {
    this.task = base.task;
    this.plan = base.plan;
    this.epochs = base.epochs;
    this.monitor = base.monitor;
    this.seed = base.seed;
    this.clock = clock;
    this.kept = kept;
    this.checkpoints = checkpoints;
    this.start = start;
  }

  /**
   * A copy whose fits go on from {@code from} (its weights and optimizer state; {@code null}
   * starts a new network as usual), train this loop's epochs more, and return the last epoch's
   * weights with a {@link FitResult#checkpoint()} to go on from again: a population member's
   * interval. The optimizer state is taken up when the plan's optimizer is of the same kind (its
   * rates may differ), and starts afresh otherwise. Epochs count from 1 within the fit, so a
   * learning-rate or batch-size schedule runs anew in each interval; the checkpoint counts them in
   * all.
   */
  public FitLoop startingFrom(Checkpoint from) {
    return new FitLoop(this, clock, KeptWeights.LAST, true, from);
  }

  /**
   * A copy that times epochs with another nanosecond clock (benchmarks use the process's CPU time,
   * which a busy machine disturbs far less than wall time).
   */
  public FitLoop withClock(LongSupplier nanos) {
    return new FitLoop(this, nanos, kept);
  }

  /**
   * A copy whose fits return the last epoch's weights whatever the monitored metric did (for a
   * final fit whose "validation" rows are its training rows, such as a refit on all the data).
   */
  public FitLoop withLastEpochWeights() {
    return new FitLoop(this, clock, KeptWeights.LAST);
  }

  /**
   * A copy whose fits return the best epoch's weights by the monitored metric, whether or not
   * early stopping restores them: the weights that score the trial's value, which a tuner saves
   * (Keras Tuner checkpoints the best epoch the same way).
   */
  public FitLoop withBestEpochWeights() {
    return new FitLoop(this, clock, KeptWeights.BEST);
  }

  /**
   * Trains {@code block} (uninitialized) on {@code train}, evaluating on {@code validation}; copies
   * both into native memory for this fit only (a study should make them {@link NativeData} once and
   * call {@link #fit(Block, NativeData, NativeData, List)}).
   *
   * @return the history, the best epoch (by the monitored metric) and the final weights: without
   *     early stopping the best epoch's by the monitored metric; with early stopping that restores
   *     weights, those of the epoch of its last improvement by more than {@code minDelta} (Keras's
   *     {@code restore_best_weights}); with early stopping that does not, the last epoch's. A loop
   *     made {@link #withBestEpochWeights()} always returns the best epoch's by the monitored
   *     metric, one made {@link #withLastEpochWeights()} the last epoch's
   */
  public FitResult fit(Block block, LabeledData train, LabeledData validation,
      List<EpochListener> listeners) {
    checkData(train, "train");
    checkData(validation, "validation");
    try (NativeData x = NativeData.of(train, task);
        NativeData xv = NativeData.of(validation, task)) {
      return fit(block, x, xv, listeners);
    }
  }

  /**
   * Trains {@code block} (uninitialized) on data already in native memory, which it only reads (so
   * other fits may share it at the same time); see {@link #fit(Block, LabeledData, LabeledData,
   * List)}.
   *
   * @throws IllegalArgumentException if the data were made for another task, or do not fit it
   */
  public FitResult fit(Block block, NativeData train, NativeData validation,
      List<EpochListener> listeners) {
    for (NativeData d : List.of(train, validation)) {
      if (!d.task().equals(task)) {
        throw new IllegalArgumentException("native data made for " + d.task() + ", the loop's task"
            + " is " + task);
      }
    }
    checkData(train.data(), "train");
    checkData(validation.data(), "validation");
    Autograd.disableOnThisThread();
    if (block.isInitialized()) {
      throw new IllegalArgumentException("the block is already initialized: a fit takes a new, "
          + "uninitialized block (was it trained before? HyperModel.build must return a new block "
          + "each call)");
    }
    // after the check: a block refused (perhaps training in another fit) keeps its seeds
    GlobalGenerator.seed(seed);   // for random operations of a user's own blocks
    seedDropout(block, new long[] {0});
    try (NDManager manager = TorchRuntime.engine().newBaseManager()) {
      block.setInitializer(new SeededGlorot(seed), Parameter.Type.WEIGHT);
      block.initialize(manager, DataType.FLOAT32, Forward.batchShape(1, task.inputShape()));
      checkOutputWidth(block, task);
      NormalizationBlock.adaptTo(block, train.data());
      if (start != null) {
        TrainedNetwork.loadCheckpoint(block, manager, start);
      }
      if (plan.batchMemoryLimitBytes() > 0) {
        int rows = train.data().rows();
        int batch = plan.largestBatch(rows, epochs);
        if (batch < rows && BatchSizeSchedule.batchesPerEpoch(rows, batch,
            normalizesOverTheBatch(block)) < (rows + batch - 1) / batch) {
          batch++; // a last row folded into the batch before (batch normalization)
        }
        plan.checkStepMemory(StepMemory.estimate(block, batch,
            java.util.Arrays.stream(task.inputShape()).asLongStream().toArray(),
            plan.optimizer().stateSlots()), batch);
      }
      List<NDArray> weights = new ArrayList<>();
      long trainable = 0;
      for (Parameter p : block.getParameters().values()) {
        if (p.requiresGradient()) {
          weights.add(p.getArray());
          trainable += p.getArray().size();
        }
      }
      for (EpochListener listener : listeners) {
        listener.onStart(trainable);
      }
      try (Updater updater = new Updater(plan.optimizer(), weights,
          start == null ? null : start.optimizer())) {
        return epochs(block, manager, new ParameterStore(manager, false), train, validation,
            updater, listeners, trainable);
      }
    }
  }

  private FitResult epochs(Block block, NDManager manager, ParameterStore store, NativeData train,
      NativeData validationData, Updater updater, List<EpochListener> listeners,
      long trainable) {
    NDArray xv = validationData.features();
    LabeledData validation = validationData.data();
    int rows = train.data().rows();
    boolean fullBatch = plan.optimizer().fullBatch();
    boolean foldSingleRow = normalizesOverTheBatch(block);
    if (foldSingleRow && rows < 2) {
      // a batch of one row has no variance to normalize by (libtorch refuses it)
      throw new IllegalArgumentException("batch normalization needs at least 2 training rows, "
          + "and the training data has " + rows + "; use more data or a network without it");
    }
    int totalSteps = fullBatch ? epochs : plan.batchSizes().totalSteps(rows, epochs, foldSingleRow);
    RateTracker rate = plan.schedule().start(plan.optimizer().learningRate(), totalSteps);
    SplittableRandom rng = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + 1);
    EarlyStopping early = plan.early().orElse(null);
    boolean keepBest = kept == KeptWeights.BEST
        || (kept == KeptWeights.AS_EARLY_STOPPING_SAYS && (early == null || early.restoreBest()));
    // restoring as early stopping says keeps the epoch of its last improvement (by more than
    // minDelta, as Keras's restore_best_weights), not the metric's best epoch
    boolean keepByEarly = kept == KeptWeights.AS_EARLY_STOPPING_SAYS && early != null;
    Metric keepBy = keepByEarly ? early.monitor() : monitor;
    double keptValue = Double.NaN;
    List<EpochRecord> history = new ArrayList<>();
    int bestEpoch = 0;
    Evaluation best = null;
    byte[] bestWeights = null;
    double earlyBest = Double.NaN;
    int stale = 0;
    boolean stopped = false;
    NDArray one = manager.create(1f);
    EpochTrainer trainer = new EpochTrainer(Kernels.get(), block, store, train, manager, one,
        updater, rate, listeners, foldSingleRow);
    for (int epoch = 1; epoch <= epochs; epoch++) {
      long started = clock.getAsLong();
      int batch = fullBatch ? rows : Math.min(rows, plan.batchSizes().sizeAt(epoch));
      double lossSum = trainer.epoch(epoch, batch, rng);
      double lr = trainer.lastRate();
      long trained = clock.getAsLong();
      // the training loss is taken before each update, so an epoch whose last update broke the
      // weights shows a finite loss and NaN outputs: both end the fit as diverged
      Evaluation eval = Double.isFinite(lossSum)
          ? Evaluation.of(task, Forward.outputs(block, store, xv, task), validation.labels())
          : null;
      if (eval == null || !eval.finite()) {
        // Keras's TerminateOnNaN: stop; the best finite epoch is kept when its weights were,
        // else the weights are NaN and the fit fails with the reason
        TrainingDivergedException diverged = eval == null
            ? new TrainingDivergedException(epoch, lossSum / rows, lr)
            : TrainingDivergedException.onValidation(epoch, lr);
        if (bestWeights == null) {
          throw diverged;
        }
        LOG.warn("{}: training stopped, the best earlier epoch's weights kept",
            diverged.getMessage());
        stopped = true;
        break;
      }
      double monitored = eval.get(monitor);
      rate.endEpoch(epoch, monitored, monitor.higherIsBetter());
      if (best == null || monitor.better(monitored, best.get(monitor))) {
        best = eval;
        bestEpoch = epoch;
      }
      double watchedForWeights = eval.get(keepBy);
      if (keepBest && (bestWeights == null
          || (keepByEarly ? early.improves(watchedForWeights, keptValue)
              : keepBy.better(watchedForWeights, keptValue)))) {
        bestWeights = TrainedNetwork.snapshot(block);
        keptValue = watchedForWeights;
      }
      EpochRecord record = new EpochRecord(epoch, lossSum / rows, eval, lr, batch,
          (trained - started) / 1e9, (clock.getAsLong() - started) / 1e9);
      history.add(record);
      for (EpochListener listener : listeners) {
        listener.onEpoch(record);
      }
      if (early != null) {
        double watched = eval.get(early.monitor());
        if (early.improves(watched, earlyBest)) {
          earlyBest = watched;
          stale = 0;
        } else if (++stale >= early.patience()) {
          stopped = epoch < epochs;
          break;
        }
      }
    }
    one.close();
    byte[] weights = keepBest && bestWeights != null ? bestWeights : TrainedNetwork.snapshot(block);
    Checkpoint end = checkpoints ? new Checkpoint(weights, updater.export(),
        (start == null ? 0 : start.epochs()) + history.size()) : null;
    return new FitResult(history, bestEpoch, best, weights, stopped, trainable, end);
  }

  /**
   * The training part of an epoch: shuffle, then one optimizer step per batch. Its own class, not
   * the body of the epoch loop, so that the JIT compiles this hot path on its own within the first
   * fits: compiled late as part of a 1,300-byte epoch loop, it took the C2 compiler about 35 MB of
   * native memory at trial ~190 of the seed example, which glibc then kept (docs/benchmarks.md,
   * "Resident memory over 200 trials").
   */
  private final class EpochTrainer {
    private final Kernels kernels;
    private final Block block;
    private final ParameterStore store;
    private final NDArray x;
    private final NDArray y;
    private final int rows;
    private final NDManager manager;
    private final NDArray one;
    private final Updater updater;
    private final RateTracker rate;
    private final List<EpochListener> listeners;
    private final boolean foldSingleRow;
    private int step;
    private double lastRate;
    private boolean outputChecked;

    EpochTrainer(Kernels kernels, Block block, ParameterStore store, NativeData train,
        NDManager manager, NDArray one, Updater updater, RateTracker rate,
        List<EpochListener> listeners, boolean foldSingleRow) {
      this.kernels = kernels;
      this.block = block;
      this.store = store;
      this.x = train.features();
      this.y = train.labels();
      this.rows = train.data().rows();
      this.manager = manager;
      this.one = one;
      this.updater = updater;
      this.rate = rate;
      this.listeners = listeners;
      this.foldSingleRow = foldSingleRow;
      this.lastRate = rate.at(0);
    }

    /** The learning rate of the last step taken (the first step's before any). */
    double lastRate() {
      return lastRate;
    }

    /**
     * Trains one epoch in batches of {@code batch} rows, shuffled by {@code rng} (a last batch of
     * one row joins the one before when the network has batch normalization); returns the sum
     * over rows of the training loss (each batch's mean times its rows).
     */
    double epoch(int epoch, int batch, SplittableRandom rng) {
      double lossSum = 0;
      // Each batch gathers its rows from x and y, which other fits may share: the batch is still
      // in cache when the forward pass reads it (gathering a shuffled copy of the whole epoch
      // cost 140-180 ms of a Fashion-MNIST epoch, these gathers 60-70 ms with DJL's indexing,
      // about 40 with index_select). The batch, and so everything computed from it, belongs to
      // this fit's manager (the index's), never to the shared data's. Full batches' mean losses
      // are summed in native memory: reading each one back cost 45 us a step.
      try (NDManager epochScope = manager.newSubManager();
          NDArray order = epochScope.create(shuffled(rows, rng));
          NDArray fullBatchLosses = epochScope.zeros(new Shape())) {
        int count = BatchSizeSchedule.batchesPerEpoch(rows, batch, foldSingleRow);
        NDList batches = order.split(batchStarts(count, batch));
        for (int b = 0; b < count; b++) {
          int start = b * batch;
          int end = b == count - 1 ? rows : start + batch;
          lastRate = rate.at(step++);
          if (end - start == batch) {
            step(batches.get(b), fullBatchLosses);
          } else {
            lossSum += step(batches.get(b), null) * (end - start);
          }
          for (EpochListener listener : listeners) {
            listener.onBatch(epoch, b, end);
          }
        }
        return lossSum + fullBatchLosses.getFloat() * batch;
      }
    }

    /**
     * Forward, loss, backward and update on the rows {@code indices} picks, at the current rate.
     * The batch's mean loss is added to {@code fullBatchLosses} in native memory and 0 returned,
     * or, when that is {@code null}, read back and returned (a float: the caller multiplies it by
     * the batch's rows in float, as the loss sum always has). Everything the step makes is closed
     * before it returns.
     */
    private float step(NDArray indices, NDArray fullBatchLosses) {
      try (NDScope scope = new NDScope()) {
        NDList batchRows = kernels.rows(indices, x, y);
        NDArray l;
        try (Autograd tape = Autograd.record()) {
          NDArray out = block.forward(store, new NDList(batchRows.get(0)), true)
              .singletonOrThrow();
          if (!outputChecked) {
            requireLossShape(out, batchRows.get(0).getShape().get(0));
            outputChecked = true;
          }
          l = loss(kernels, out, batchRows.get(1));
          tape.backward(l, one);
        }
        float partial = 0;
        if (fullBatchLosses != null) {
          fullBatchLosses.addi(l);
        } else {
          partial = l.getFloat();
        }
        updater.step(lastRate);
        scope.suppressNotUsedWarning();
        return partial;
      }
    }
  }

  /**
   * Refuses, at the first step of a fit, a network whose output is not {@code (rows, outputs)}
   * (a block whose output shape {@link #checkOutputWidth} could not know): the loss kernel would
   * throw, and libtorch keeps the inputs of a kernel call that throws, so every such trial leaked
   * its batch and activations.
   */
  private void requireLossShape(NDArray out, long rows) {
    Shape expected = new Shape(rows, task.outputs());
    if (!out.getShape().equals(expected)) {
      throw new IllegalArgumentException("the network's output for a batch of " + rows
          + " rows has shape " + out.getShape() + ", the " + task.kind() + " task's loss needs "
          + expected + " (Task.outputs() per row)");
    }
  }

  /**
   * The batch's mean loss, one libtorch call ({@link Kernels}): binary, the sigmoid cross-entropy
   * of the logits; multi-class, the softmax cross-entropy; regression, the squared error.
   */
  private NDArray loss(Kernels kernels, NDArray out, NDArray y) {
    return switch (task.kind()) {
      case BINARY -> kernels.binaryCrossEntropy(out, y);
      case MULTICLASS -> kernels.crossEntropy(out, y);
      case REGRESSION -> kernels.meanSquaredError(out, y);
    };
  }

  private void checkData(LabeledData data, String role) {
    if (data.rows() == 0) {
      throw new IllegalArgumentException(role + " data has no rows");
    }
    checkShape(task, data, role);
    checkClasses(task, data, role);
    float[] labels = data.labels();
    for (int i = 0; i < labels.length; i++) {
      if (!Float.isFinite(labels[i])) {
        throw new IllegalArgumentException(role + " data has label " + labels[i] + " in row " + i
            + "; labels must be finite numbers");
      }
    }
  }

  /** Refuses samples whose shape is not the task's, naming both. */
  static void checkShape(Task task, LabeledData data, String role) {
    if (!java.util.Arrays.equals(data.sampleShape(), task.inputShape())) {
      throw new IllegalArgumentException(role + " samples have shape "
          + java.util.Arrays.toString(data.sampleShape()) + ", the network's task expects "
          + java.util.Arrays.toString(task.inputShape()));
    }
  }

  /** Refuses labels of another kind or number of classes than the task's, naming both. */
  static void checkClasses(Task task, LabeledData data, String role) {
    if (data.classes() != task.classes()) {
      throw new IllegalArgumentException(role + " data has classes=" + data.classes()
          + " (0: regression), the network's task " + task.classes());
    }
  }

  /**
   * Refuses a network whose output per sample is not {@link Task#outputs()} values, before any
   * training (a block that cannot tell its output shape is trusted).
   */
  static void checkOutputWidth(Block block, Task task) {
    Shape[] out;
    try {
      out = block.getOutputShapes(new Shape[] {Forward.batchShape(1, task.inputShape())});
    } catch (RuntimeException unknown) {
      return;
    }
    if (out.length == 1 && out[0].size() >= 0 && out[0].size() != task.outputs()) {
      throw new IllegalArgumentException("the network outputs " + out[0].size() + " value(s) per "
          + "sample (shape " + out[0] + " for one sample), the " + task.kind() + " task needs "
          + task.outputs() + " (Task.outputs())");
    }
  }

  /**
   * Seeds each {@link DropoutBlock} in {@code block} from the fit's seed and its position (depth
   * first), so that its masks depend on nothing else ({@code next} counts the blocks seeded).
   */
  private void seedDropout(Block block, long[] next) {
    if (block instanceof DropoutBlock dropout) {
      dropout.seed(GlobalGenerator.mix(seed, next[0]++));
    }
    for (Block child : block.getChildren().values()) {
      seedDropout(child, next);
    }
  }

  /** Whether {@code block} or any block inside it is a batch normalization. */
  static boolean normalizesOverTheBatch(Block block) {
    if (block instanceof BatchNorm) {
      return true;
    }
    for (Block child : block.getChildren().values()) {
      if (normalizesOverTheBatch(child)) {
        return true;
      }
    }
    return false;
  }

  /** Where batches {@code 1 .. count-1} start (the split points of an epoch's order). */
  private static long[] batchStarts(int count, int batch) {
    long[] starts = new long[count - 1];
    for (int i = 0; i < starts.length; i++) {
      starts[i] = (long) (i + 1) * batch;
    }
    return starts;
  }

  private static long[] shuffled(int n, SplittableRandom rng) {
    long[] p = new long[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      long t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }
}
