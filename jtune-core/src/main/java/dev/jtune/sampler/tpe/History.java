package dev.jtune.sampler.tpe;

import dev.jtune.space.CategoricalDistribution;
import dev.jtune.space.Distribution;
import dev.jtune.study.StudyDirection;
import dev.jtune.study.StudyView;
import dev.jtune.trial.FrozenTrial;
import dev.jtune.trial.TrialState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The observations a trial's suggestions learn from, read once per trial, ranked and split into
 * the good ("below") and the bad ("above") group as Optuna's {@code _get_observation_pairs} and
 * {@code _split_observation_pairs} do:
 *
 * <ul>
 *   <li>a COMPLETE trial ranks by its value (negated when maximizing);
 *   <li>a PRUNED trial ranks after every complete one, the later its last reported step the better,
 *       then by that value (a NaN value last; a pruned trial without reports after all of them);
 *   <li>with the constant liar, a RUNNING trial (other than the one being sampled) ranks last, so
 *       its point counts as a bad one and parallel workers move away from it;
 *   <li>FAIL trials are ignored;
 *   <li>the best {@code TpeConfig.goodTrials(n)} of the {@code n} finished trials are good, every
 *       other trial bad; within each group trials stay in number order (for the recency weights).
 * </ul>
 */
final class History {
  /** Trials in number order. */
  private final List<FrozenTrial> trials;
  private final boolean[] good;
  private final int finished;

  private History(List<FrozenTrial> trials, boolean[] good, int finished) {
    this.trials = trials;
    this.good = good;
    this.finished = finished;
  }

  /** Reads and ranks the study's trials for sampling {@code current}. */
  static History read(StudyView study, FrozenTrial current, TpeConfig config) {
    Set<TrialState> states = config.constantLiar()
        ? EnumSet.of(TrialState.COMPLETE, TrialState.PRUNED, TrialState.RUNNING)
        : EnumSet.of(TrialState.COMPLETE, TrialState.PRUNED);
    double sign = study.directions().get(0) == StudyDirection.MAXIMIZE ? -1 : 1;
    List<FrozenTrial> trials = new ArrayList<>();
    List<double[]> keys = new ArrayList<>();
    int finished = 0;
    for (FrozenTrial t : study.trials(states)) {
      if (t.number() == current.number()) {
        continue;
      }
      double[] key = rankKey(t, sign);
      if (key == null) {
        continue;
      }
      if (t.state() != TrialState.RUNNING) {
        finished++;
      }
      trials.add(t);
      keys.add(key);
    }
    Integer[] order = new Integer[trials.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    // Stable: ties keep number order, as numpy's stable argsort does.
    Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> keys.get(i)[0])
        .thenComparingDouble(i -> keys.get(i)[1]));
    boolean[] good = new boolean[trials.size()];
    int goodCount = Math.min(config.goodTrials(finished), order.length);
    for (int r = 0; r < goodCount; r++) {
      good[order[r]] = true;
    }
    return new History(trials, good, finished);
  }

  /** {@code (step key, value)}; smaller is better; {@code null} for a trial without a usable value. */
  private static double[] rankKey(FrozenTrial t, double sign) {
    if (t.state() == TrialState.COMPLETE) {
      if (t.values().size() != 1 || Double.isNaN(t.values().get(0))) {
        return null;
      }
      return new double[] {Double.NEGATIVE_INFINITY, sign * t.values().get(0)};
    }
    if (t.state() == TrialState.PRUNED) {
      if (t.intermediateValues().isEmpty()) {
        return new double[] {1, 0.0};
      }
      int step = t.intermediateValues().lastKey();
      double v = t.intermediateValues().get(step);
      return new double[] {-step, Double.isNaN(v) ? Double.POSITIVE_INFINITY : sign * v};
    }
    return new double[] {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
  }

  /** COMPLETE and PRUNED trials read (running ones excluded): what the startup phase counts. */
  int finished() {
    return finished;
  }

  /** Every trial read, in number order. */
  List<FrozenTrial> trials() {
    return trials;
  }

  /**
   * The values of the given parameters in the good ({@code good == true}) or bad group:
   * {@code [parameter][observation]}, internal values, observations in number order. A trial
   * counts only if it has every parameter with a value the target distribution accepts (an equal
   * categorical; a numerical value inside the target's bounds and grid).
   */
  double[][] observations(List<String> names, List<Distribution> targets, boolean wantGood) {
    int d = names.size();
    double[][] buffer = new double[d][trials.size()];
    int n = 0;
    for (int i = 0; i < trials.size(); i++) {
      if (good[i] != wantGood) {
        continue;
      }
      Map<String, Double> params = trials.get(i).internalParams();
      Map<String, Distribution> dists = trials.get(i).distributions();
      boolean usable = true;
      for (int k = 0; k < d && usable; k++) {
        Double v = params.get(names.get(k));
        usable = v != null && compatible(dists.get(names.get(k)), targets.get(k), v);
        if (usable) {
          buffer[k][n] = v;
        }
      }
      if (usable) {
        n++;
      }
    }
    double[][] out = new double[d][];
    for (int k = 0; k < d; k++) {
      out[k] = Arrays.copyOf(buffer[k], n);
    }
    return out;
  }

  private static boolean compatible(Distribution observed, Distribution target, double value) {
    if (observed.equals(target)) {
      return true;
    }
    if (target instanceof CategoricalDistribution || observed instanceof CategoricalDistribution) {
      return false;
    }
    return observed.getClass() == target.getClass() && target.contains(value);
  }
}
