package dev.jtune.nn.train;

import dev.jtune.nn.data.LabeledData;
import dev.jtune.nn.model.FixedTrial;
import dev.jtune.nn.model.HyperModel;
import dev.jtune.nn.model.Task;
import dev.jtune.sampler.pbt.Lineage;
import dev.jtune.sampler.pbt.Segment;
import dev.jtune.trial.FrozenTrial;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hyperparameter schedule a population member's network was trained with, to train afresh
 * (Ray Tune's {@code PopulationBasedTrainingReplay}): the intervals of its {@link Lineage}, oldest
 * first, each with the parameters of the trial that trained it and its length in epochs. Population
 * training found the schedule by copying better members' networks; a replay trains one network
 * through the whole schedule, interval after interval, carrying its weights and optimizer state
 * across, with no copying. On other data, such as the training and validation rows together, it
 * is the population search's refit.
 *
 * <p>Each interval trains as its trial did ({@link TrainingObjective#withPopulation}): the network
 * built from the interval's parameters (a dropout rate may change), its optimizer and
 * learning-rate schedule anew, early stopping off, and the seed of the trial's fit, so a replay on
 * the search's own rows remakes the member's network exactly when trials ran one at a time
 * (dropout draws from libtorch's global generator, which parallel trials share).
 *
 * @param intervals oldest first; at least one
 */
public record ScheduleReplay(List<Interval> intervals) {
  private static final Logger LOG = LoggerFactory.getLogger(ScheduleReplay.class);

  /**
   * One interval of the schedule.
   *
   * @param trial the number of the trial that trained it
   * @param params that trial's parameters
   * @param epochs how many epochs it trained, at least 1
   */
  public record Interval(int trial, Map<String, Object> params, int epochs) {
    public Interval {
      params = Map.copyOf(params);
      if (epochs < 1) {
        throw new IllegalArgumentException("interval of trial " + trial + ": epochs=" + epochs
            + " must be >= 1");
      }
    }
  }

  public ScheduleReplay {
    intervals = List.copyOf(intervals);
    if (intervals.isEmpty()) {
      throw new IllegalArgumentException("a schedule has at least one interval");
    }
  }

  /**
   * The schedule of {@code lineage}. An interval's length is the difference of its trial's and
   * its parent's user attribute {@code epochs} (the epochs trained in all, which a population
   * objective stores), or {@code intervalEpochs} where the attribute is missing (a trial still
   * running).
   *
   * @throws IllegalArgumentException if the lineage does not start with a fresh network (a parent
   *     missing from the study cut it short), or an interval's epochs do not add up
   */
  public static ScheduleReplay of(Lineage lineage, int intervalEpochs) {
    List<FrozenTrial> trials = lineage.trials();
    FrozenTrial first = trials.get(0);
    var start = Segment.of(first.systemAttrs()).orElseThrow().parent();
    if (start.isPresent()) {
      throw new IllegalArgumentException("the lineage of trial "
          + trials.get(trials.size() - 1).number() + " starts at trial " + first.number()
          + ", which continues trial " + start.getAsInt() + ", missing from the study: the "
          + "schedule before it is unknown");
    }
    List<Interval> out = new ArrayList<>();
    int before = 0;
    for (FrozenTrial t : trials) {
      int after = t.userAttrs().get("epochs") instanceof Number n ? n.intValue()
          : before + intervalEpochs;
      if (after <= before) {
        throw new IllegalArgumentException("trial " + t.number() + " records epochs=" + after
            + " in all, but the interval it continues ended at epoch " + before + ": its "
            + "interval would train " + (after - before) + " epochs");
      }
      out.add(new Interval(t.number(), t.params(), after - before));
      before = after;
    }
    return new ScheduleReplay(out);
  }

  /** The epochs of all intervals. */
  public int epochs() {
    return intervals.stream().mapToInt(Interval::epochs).sum();
  }

  /**
   * The values of parameter {@code name} epoch by epoch (an absent one as {@code null}): the
   * schedule in the form a training script takes, such as the learning rate of each epoch.
   */
  public List<Object> perEpoch(String name) {
    List<Object> out = new ArrayList<>();
    for (Interval i : intervals) {
      for (int e = 0; e < i.epochs(); e++) {
        out.add(i.params().get(name));
      }
    }
    return out;
  }

  /**
   * Trains the schedule on {@code train}, judged on {@code validation} after each epoch, or on
   * {@code train} itself when {@code validation} is {@code null} (a refit on all rows, with none
   * held out: reduce-on-plateau then reads the training rows, as Keras does without validation
   * data). Every interval keeps its last epoch's weights, as population members do.
   *
   * @param seed the study objective's seed ({@link TrainingObjective}'s), from which each
   *     interval's fit is seeded with its trial's number
   * @return the epochs of all intervals, numbered on from 1; the last epoch as the best, with its
   *     weights and checkpoint
   * @throws TrainingDivergedException if an interval's training diverges
   */
  public FitResult train(HyperModel model, Metric metric, long seed, LabeledData train,
      LabeledData validation) {
    Task task = Task.of(train);
    try (NativeData x = NativeData.of(train, task);
        NativeData xv = validation == null ? null : NativeData.of(validation, task)) {
      return train(model, metric, seed, x, xv == null ? x : xv);
    }
  }

  /** {@link #train(HyperModel, Metric, long, LabeledData, LabeledData)} on data already native. */
  FitResult train(HyperModel model, Metric metric, long seed, NativeData train,
      NativeData validation) {
    Task task = train.task();
    List<EpochRecord> history = new ArrayList<>();
    FitResult last = null;
    Checkpoint from = null;
    for (int i = 0; i < intervals.size(); i++) {
      Interval interval = intervals.get(i);
      FixedTrial trial = new FixedTrial(interval.params(), interval.trial());
      TrainingPlan plan = model.plan(trial).withEarlyStopping(null);
      FitLoop loop = new FitLoop(task, plan, interval.epochs(), metric,
          TrainingObjective.runSeed(seed, interval.trial(), 0)).startingFrom(from);
      last = loop.fit(model.build(trial, task), train, validation, List.of());
      for (EpochRecord e : last.history()) {
        history.add(new EpochRecord(history.size() + 1, e.trainLoss(), e.validation(),
            e.learningRate(), e.batchSize(), e.trainSeconds(), e.seconds()));
      }
      from = last.checkpoint();
      LOG.info("schedule replay: interval {}/{} (trial {}) trained to epoch {}, val_{} {}",
          i + 1, intervals.size(), interval.trial(), history.size(), metric.label(),
          String.format(java.util.Locale.ROOT, "%.4f",
              history.get(history.size() - 1).validation().get(metric)));
    }
    // the last epoch is the result, as a member's value is where it stands, not its best epoch
    return new FitResult(history, history.size(), history.get(history.size() - 1).validation(),
        last.weights(), false, last.parameters(), last.checkpoint());
  }

  /** One line per interval: its trial, epochs and the parameters that changed. */
  @Override
  public String toString() {
    StringJoiner out = new StringJoiner("\n");
    int epoch = 1;
    Map<String, Object> before = Map.of();
    for (Interval i : intervals) {
      StringJoiner changed = new StringJoiner(", ");
      for (var e : new java.util.TreeMap<>(i.params()).entrySet()) {
        if (!e.getValue().equals(before.get(e.getKey()))) {
          changed.add(e.getKey() + "=" + (e.getValue() instanceof Double d
              ? String.format(java.util.Locale.ROOT, "%.3g", d) : e.getValue()));
        }
      }
      // a conditional parameter the interval no longer has (momentum after a change of optimizer)
      for (String k : new java.util.TreeSet<>(before.keySet())) {
        if (!i.params().containsKey(k)) {
          changed.add(k + " unset");
        }
      }
      out.add("epochs " + epoch + "-" + (epoch + i.epochs() - 1) + " (trial " + i.trial() + "): "
          + (changed.length() == 0 ? "unchanged" : changed));
      epoch += i.epochs();
      before = i.params();
    }
    return out.toString();
  }
}
