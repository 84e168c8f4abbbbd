package dev.jtune.sampler.pbt;

import dev.jtune.sampler.gp.TimeVaryingUcb;
import dev.jtune.space.CategoricalDistribution;
import dev.jtune.space.Distribution;
import dev.jtune.space.UnitScale;
import dev.jtune.storage.RetryFailedTrialCallback;
import dev.jtune.study.StudyDirection;
import dev.jtune.trial.FrozenTrial;
import dev.jtune.trial.TrialState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * PB2's explore step ({@link PopulationBasedConfig.Exploration#BANDIT}): the values of the
 * numbers (not choices) a member explores when it copies a better one, chosen together by
 * {@link TimeVaryingUcb} from the population's history.
 *
 * <p>An observation is a complete trial that continued a complete parent (its own member's or a
 * copied one's) in the same explored numbers as the parent being copied (same names, same
 * distributions: a conditional parameter present or absent alike): its interval index, the
 * parent's value, its explored values on their search scale, and its improvement over the parent
 * (the parent's value minus its own in a minimized study). An interval that failed or was pruned
 * after such a parent (diverged, say; not one a retry repeats, whose failure was the process's)
 * counts as the worst improvement observed, so the bandit learns where training breaks instead of
 * seeing only where it works (Ray's PB2 drops such intervals, and then keeps sending members back
 * where its model knows nothing). A trial still running in those numbers after such a parent
 * counts as taken. Internal values in and out.
 */
final class BanditExplorer {
  private final Explorer explorer;

  BanditExplorer(Explorer explorer) {
    this.explorer = explorer;
  }

  /**
   * The values of the numbers the parent explores for trial {@code number}, which copies
   * {@code parent} to train interval {@code index}; empty when fewer than two intervals in those
   * numbers have ended.
   */
  Optional<Map<String, Double>> explore(int number, FrozenTrial parent, int index,
      List<FrozenTrial> history, DecisionLog log, StudyDirection direction,
      SplittableRandom rng) {
    Map<String, Distribution> numbers = numbers(parent);
    if (numbers.isEmpty() || !Double.isFinite(parent.value())) {
      return Optional.empty();
    }
    Map<Integer, FrozenTrial> byNumber = new HashMap<>();
    history.forEach(t -> byNumber.put(t.number(), t));
    java.util.Set<Integer> retried = new java.util.HashSet<>();
    history.forEach(t -> retried.addAll(RetryFailedTrialCallback.retryHistory(t)));
    List<TimeVaryingUcb.Observation> observed = new ArrayList<>();
    List<TimeVaryingUcb.Point> running = new ArrayList<>();
    List<TimeVaryingUcb.Point> broken = new ArrayList<>();
    for (FrozenTrial t : history) {
      if (t.number() == number || retried.contains(t.number())) {
        continue;
      }
      Optional<Segment> segment = log.segmentOf(t);
      FrozenTrial from = segment.filter(s -> s.parent().isPresent())
          .map(s -> byNumber.get(s.parent().getAsInt())).orElse(null);
      double[] position = numbers(t).equals(numbers) ? position(t, numbers) : null;
      if (from == null || from.state() != TrialState.COMPLETE
          || !Double.isFinite(from.value()) || position == null) {
        continue;
      }
      TimeVaryingUcb.Point point = new TimeVaryingUcb.Point(segment.get().index(), from.value(),
          position);
      if (!t.isFinished()) {
        running.add(point);
      } else if (t.state() != TrialState.COMPLETE) {
        broken.add(point);
      } else if (Double.isFinite(t.value())) {
        double gain = direction == StudyDirection.MAXIMIZE ? t.value() - from.value()
            : from.value() - t.value();
        observed.add(new TimeVaryingUcb.Observation(point, gain));
      }
    }
    if (!observed.isEmpty()) {
      double worst = observed.stream().mapToDouble(TimeVaryingUcb.Observation::improvement)
          .min().orElseThrow();
      broken.forEach(p -> observed.add(new TimeVaryingUcb.Observation(p, worst)));
    }
    return TimeVaryingUcb.suggest(observed, running, index, parent.value(), numbers.size(), rng)
        .map(unit -> {
          Map<String, Double> out = new LinkedHashMap<>();
          int k = 0;
          for (Map.Entry<String, Distribution> e : numbers.entrySet()) {
            out.put(e.getKey(), UnitScale.fromUnit(e.getValue(), unit[k++]));
          }
          return out;
        });
  }

  /** The numbers (not choices) a trial's parameters hold that the explore step explores. */
  private Map<String, Distribution> numbers(FrozenTrial trial) {
    Map<String, Distribution> out = new LinkedHashMap<>();
    trial.distributions().forEach((name, d) -> {
      if (!(d instanceof CategoricalDistribution) && explorer.explores(name, d)
          && trial.internalParams().containsKey(name)) {
        out.put(name, d);
      }
    });
    return out;
  }

  /** The trial's values of these numbers in the unit cube, in their order. */
  private static double[] position(FrozenTrial trial, Map<String, Distribution> numbers) {
    double[] out = new double[numbers.size()];
    int k = 0;
    for (Map.Entry<String, Distribution> e : numbers.entrySet()) {
      out[k++] = UnitScale.toUnit(e.getValue(), trial.internalParams().get(e.getKey()));
    }
    return out;
  }
}
