package dev.jtune.sampler.tpe;

import dev.jtune.space.CategoricalDistribution;
import dev.jtune.space.Distribution;
import dev.jtune.study.StudyDirection;
import dev.jtune.study.StudyView;
import dev.jtune.trial.FrozenTrial;
import dev.jtune.trial.TrialState;
import java.util.ArrayList;
import java.util.Arrays;
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
 *
 * <p>With constraints ({@link Violations}) the feasible trials come first, ranked as above, then
 * the infeasible ones by their total violation, as Optuna's {@code _split_observation_pairs} does
 * (trials of equal violation by value here, by number there).
 *
 * <p>A study of several objectives reads COMPLETE trials only (Optuna's multi-objective TPE
 * neither prunes nor lies), picks its good group by {@link ParetoGoodGroup} and weighs each good
 * observation by its hypervolume contribution instead of by recency.
 */
final class History {
  /** Trials in number order. */
  private final List<FrozenTrial> trials;
  private final boolean[] good;
  /** The weight of each good trial (several objectives), or {@code null} (recency weights). */
  private final double[] goodWeights;
  private final int finished;
  private final ParamColumns columns;

  private History(List<FrozenTrial> trials, boolean[] good, double[] goodWeights, int finished,
      ParamColumns columns) {
    this.columns = columns;
    this.trials = trials;
    this.good = good;
    this.goodWeights = goodWeights;
    this.finished = finished;
  }

  /**
   * Reads and ranks the study's trials for sampling {@code current}; {@code columns} is the
   * study's column store, brought up to date here.
   */
  static History read(StudyView study, FrozenTrial current, TpeConfig config,
      Violations violations, ParamColumns columns) {
    if (study.directions().size() > 1) {
      return readSeveral(study, current, config, violations, columns);
    }
    Set<TrialState> states = config.constantLiar()
        ? EnumSet.of(TrialState.COMPLETE, TrialState.PRUNED, TrialState.RUNNING)
        : EnumSet.of(TrialState.COMPLETE, TrialState.PRUNED);
    double sign = study.directions().get(0) == StudyDirection.MAXIMIZE ? -1 : 1;
    List<FrozenTrial> trials = new ArrayList<>();
    List<double[]> keys = new ArrayList<>();
    int finished = 0;
    List<FrozenTrial> read = study.trials(states);
    violations = violations.forTrials(read);
    for (FrozenTrial t : read) {
      if (t.number() == current.number()) {
        continue;
      }
      double[] key = rankKey(t, sign);
      if (key == null) {
        continue;
      }
      if (violations.any()) {
        key = new double[] {violations.of(t), key[0], key[1]};
      }
      if (t.state() != TrialState.RUNNING) {
        finished++;
      }
      trials.add(t);
      keys.add(key);
    }
    boolean[] good = new boolean[trials.size()];
    for (int i : best(keys, Math.min(config.goodTrials(finished), trials.size()))) {
      good[i] = true;
    }
    columns.update(trials);
    return new History(trials, good, null, finished, columns);
  }

  /** The history of a study of several objectives: its COMPLETE trials with every value. */
  private static History readSeveral(StudyView study, FrozenTrial current, TpeConfig config,
      Violations violations, ParamColumns columns) {
    List<StudyDirection> directions = study.directions();
    List<FrozenTrial> trials = new ArrayList<>();
    List<double[]> values = new ArrayList<>();
    List<FrozenTrial> read = study.trials(EnumSet.of(TrialState.COMPLETE));
    violations = violations.forTrials(read);
    for (FrozenTrial t : read) {
      if (t.number() == current.number() || t.values().size() != directions.size()
          || t.values().stream().anyMatch(v -> Double.isNaN(v))) {
        continue;
      }
      double[] v = new double[directions.size()];
      for (int i = 0; i < v.length; i++) {
        v[i] = directions.get(i).toMinimized(t.values().get(i));
      }
      trials.add(t);
      values.add(v);
    }
    int count = Math.min(config.goodTrials(trials.size()), trials.size());
    double[] weights = violations.any() ? constrainedGroup(trials, values, count, violations)
        : ParetoGoodGroup.select(values, count);
    boolean[] good = new boolean[trials.size()];
    for (int i = 0; i < good.length; i++) {
      good[i] = !Double.isNaN(weights[i]);
    }
    columns.update(trials);
    return new History(trials, good, weights, trials.size(), columns);
  }

  /**
   * The good group of a constrained study of several objectives, as Optuna's: among the feasible
   * trials if there are enough of them, else every feasible trial (weighted by hypervolume
   * contribution among themselves) and the least violating others (weight 1e-12).
   */
  private static double[] constrainedGroup(List<FrozenTrial> trials, List<double[]> values,
      int count, Violations violations) {
    double[] violation = new double[trials.size()];
    List<Integer> feasible = new ArrayList<>();
    List<Integer> infeasible = new ArrayList<>();
    for (int i = 0; i < violation.length; i++) {
      violation[i] = violations.of(trials.get(i));
      (violation[i] == 0 ? feasible : infeasible).add(i);
    }
    double[] weights = new double[trials.size()];
    Arrays.fill(weights, Double.NaN);
    List<double[]> feasibleValues = feasible.stream().map(values::get).toList();
    double[] w = feasible.size() >= count ? ParetoGoodGroup.select(feasibleValues, count)
        : ParetoGoodGroup.contributions(feasibleValues);
    for (int k = 0; k < feasible.size(); k++) {
      weights[feasible.get(k)] = w[k];
    }
    infeasible.sort((a, b) -> Double.compare(violation[a], violation[b]));
    for (int k = 0; k < count - feasible.size(); k++) {
      weights[infeasible.get(k)] = 1e-12;
    }
    return weights;
  }

  /**
   * The indices of the {@code count} smallest keys, ties broken by index (what a stable sort would
   * put first), by insertion into a sorted buffer: {@code O(n * count)} at worst, about
   * {@code O(n)} in practice, since few keys beat the buffer's worst once it is full.
   */
  private static int[] best(List<double[]> keys, int count) {
    int[] top = new int[count];
    int size = 0;
    for (int i = 0; i < keys.size() && count > 0; i++) {
      double[] key = keys.get(i);
      if (size == count && !less(key, keys.get(top[size - 1]))) {
        continue;
      }
      int pos = size == count ? size - 1 : size++;
      while (pos > 0 && less(key, keys.get(top[pos - 1]))) {
        top[pos] = top[pos - 1];
        pos--;
      }
      top[pos] = i;
    }
    return Arrays.copyOf(top, size);
  }

  /** Lexicographic order of rank keys. */
  private static boolean less(double[] a, double[] b) {
    for (int i = 0; i < a.length; i++) {
      if (a[i] != b[i]) {
        return a[i] < b[i];
      }
    }
    return false;
  }

  /** {@code (step key, value)}, smaller is better; {@code null} for a trial without a value. */
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

  /** Whether the {@code i}-th trial read is in the good group. */
  boolean isGood(int i) {
    return good[i];
  }

  /** Every trial read, in number order. */
  List<FrozenTrial> trials() {
    return trials;
  }

  /**
   * The observed values of some parameters, {@code [parameter][observation]}, internal values,
   * observations in number order.
   *
   * @param good those of the good group
   * @param bad those of the bad group
   * @param goodWeights the good observations' weights in a study of several objectives, else
   *     {@code null}
   */
  record Split(double[][] good, double[][] bad, double[] goodWeights) {}

  /**
   * The values of the given parameters in the good and the bad group. A trial counts only if it has
   * every parameter with a value the target distribution accepts (an equal categorical; a numerical
   * value inside the target's bounds and on its grid).
   */
  Split observations(List<String> nameList, List<Distribution> targetList) {
    String[] names = nameList.toArray(new String[0]);
    Distribution[] targets = targetList.toArray(new Distribution[0]);
    int d = names.length;
    ParamColumns.Column[] cols = new ParamColumns.Column[d];
    boolean[][] accepted = new boolean[d][];
    for (int k = 0; k < d; k++) {
      cols[k] = columns.column(names[k]);
      if (cols[k] != null) {
        accepted[k] = new boolean[cols[k].ids()];
        for (int id = 0; id < accepted[k].length; id++) {
          accepted[k][id] = compatible(cols[k].distribution(id), targets[k], Double.NaN);
        }
      }
    }
    double[][] goodBuffer = new double[d][trials.size()];
    double[][] badBuffer = new double[d][trials.size()];
    double[] weightBuffer = goodWeights == null ? null : new double[trials.size()];
    int goodCount = 0;
    int badCount = 0;
    for (int i = 0; i < trials.size(); i++) {
      FrozenTrial t = trials.get(i);
      boolean finishedTrial = t.isFinished();
      double[][] buffer = good[i] ? goodBuffer : badBuffer;
      int n = good[i] ? goodCount : badCount;
      boolean usable = true;
      for (int k = 0; k < d && usable; k++) {
        if (finishedTrial) {
          // Finished trials are read from the study's columns: no hashing per trial.
          int id = cols[k] == null ? -1 : cols[k].id(t.number());
          usable = id >= 0;
          if (usable) {
            double v = cols[k].value(t.number());
            usable = accepted[k][id] || compatible(cols[k].distribution(id), targets[k], v);
            buffer[k][n] = v;
          }
        } else {
          Double v = t.internalParams().get(names[k]);
          usable = v != null && compatible(t.distributions().get(names[k]), targets[k], v);
          if (usable) {
            buffer[k][n] = v;
          }
        }
      }
      if (usable) {
        if (good[i]) {
          if (weightBuffer != null) {
            weightBuffer[goodCount] = goodWeights[i];
          }
          goodCount++;
        } else {
          badCount++;
        }
      }
    }
    return new Split(trim(goodBuffer, goodCount), trim(badBuffer, badCount),
        weightBuffer == null ? null : Arrays.copyOf(weightBuffer, goodCount));
  }

  private static double[][] trim(double[][] buffer, int n) {
    double[][] out = new double[buffer.length][];
    for (int k = 0; k < buffer.length; k++) {
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
