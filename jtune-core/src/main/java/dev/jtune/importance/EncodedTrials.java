package dev.jtune.importance;

import dev.jtune.space.CategoricalDistribution;
import dev.jtune.space.Distribution;
import dev.jtune.space.UnitScale;
import dev.jtune.trial.FrozenTrial;
import dev.jtune.trial.TrialState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The complete trials an evaluator learns from, as a matrix. A numeric parameter is one column, its
 * position on the distribution's {@link UnitScale} (so a log-scale parameter is measured in log
 * space, as it was searched); a categorical parameter with {@code k} choices is {@code k} one-hot
 * columns. Parameters with a single possible value are not columns: they explain nothing.
 */
final class EncodedTrials {
  final List<String> params;
  final List<Distribution> distributions;
  final List<String> constants;
  /** Per column: the parameter (index into {@code params}) it encodes. */
  final int[] columnParam;
  /** Per column: the choice it is the one-hot indicator of, or -1 for a numeric column. */
  final int[] columnChoice;
  final double[][] rows;
  final double[] targets;
  final int completeTrials;
  final int nonFiniteTargets;

  private EncodedTrials(Map<String, Distribution> space, List<FrozenTrial> usable, double[] targets,
      int completeTrials, int nonFiniteTargets) {
    this.params = new ArrayList<>();
    this.distributions = new ArrayList<>();
    this.constants = new ArrayList<>();
    space.forEach((name, distribution) -> {
      if (distribution.isSingle()) {
        constants.add(name);
      } else {
        params.add(name);
        distributions.add(distribution);
      }
    });
    List<int[]> columns = new ArrayList<>();
    for (int p = 0; p < params.size(); p++) {
      if (distributions.get(p) instanceof CategoricalDistribution c) {
        for (int choice = 0; choice < c.size(); choice++) {
          columns.add(new int[] {p, choice});
        }
      } else {
        columns.add(new int[] {p, -1});
      }
    }
    columnParam = columns.stream().mapToInt(c -> c[0]).toArray();
    columnChoice = columns.stream().mapToInt(c -> c[1]).toArray();
    rows = new double[usable.size()][columns.size()];
    for (int r = 0; r < usable.size(); r++) {
      FrozenTrial trial = usable.get(r);
      for (int c = 0; c < columns.size(); c++) {
        String name = params.get(columnParam[c]);
        Distribution distribution = distributions.get(columnParam[c]);
        double internal = trial.internalParams().get(name);
        rows[r][c] = columnChoice[c] >= 0
            ? ((int) internal == columnChoice[c] ? 1.0 : 0.0)
            : UnitScale.toUnit(distribution, internal);
      }
    }
    this.targets = targets;
    this.completeTrials = completeTrials;
    this.nonFiniteTargets = nonFiniteTargets;
  }

  int columns() {
    return columnParam.length;
  }

  /** The number of choices of parameter {@code p}, 0 for a numeric one. */
  int choices(int p) {
    return distributions.get(p) instanceof CategoricalDistribution c ? c.size() : 0;
  }

  /**
   * Selects and encodes the trials: the complete ones that have every parameter asked for (with no
   * names asked: every parameter that all complete trials share with one distribution) and a finite
   * target.
   *
   * @throws IllegalArgumentException for a parameter no complete trial has, or one whose
   *     distribution differs between trials
   * @throws ImportanceException for fewer than two usable trials
   */
  static EncodedTrials of(List<FrozenTrial> trials, List<String> names, ImportanceTarget target) {
    List<FrozenTrial> complete = trials.stream()
        .filter(t -> t.state() == TrialState.COMPLETE)
        .sorted(Comparator.comparingInt(FrozenTrial::number))
        .toList();
    if (complete.size() < 2) {
      throw new ImportanceException("parameter importances need at least two complete trials; "
          + "the study has " + complete.size() + " of " + trials.size() + " trials complete");
    }
    Map<String, Distribution> space;
    List<FrozenTrial> chosen;
    if (names.isEmpty()) {
      space = commonSpace(complete);
      chosen = complete;
    } else {
      chosen = complete.stream().filter(t -> names.stream().allMatch(t::hasParam)).toList();
      space = requestedSpace(complete, chosen, names);
    }
    List<FrozenTrial> usable = new ArrayList<>();
    List<Double> values = new ArrayList<>();
    int nonFinite = 0;
    for (FrozenTrial trial : chosen) {
      double value;
      try {
        value = target.function().applyAsDouble(trial);
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("target '" + target.name() + "' cannot be read from trial "
            + trial.number() + ": " + e.getMessage(), e);
      }
      if (Double.isFinite(value)) {
        usable.add(trial);
        values.add(value);
      } else {
        nonFinite++;
      }
    }
    if (usable.size() < 2) {
      throw new ImportanceException("parameter importances need at least two complete trials with "
          + "a finite " + target.name() + "; of " + chosen.size() + " complete trials"
          + (names.isEmpty() ? "" : " with " + names) + ", " + nonFinite
          + " have a NaN or infinite " + target.name());
    }
    double[] targets = values.stream().mapToDouble(Double::doubleValue).toArray();
    return new EncodedTrials(space, usable, targets, complete.size(), nonFinite);
  }

  /** Parameters every complete trial has with the same distribution, by name. */
  private static Map<String, Distribution> commonSpace(List<FrozenTrial> complete) {
    Map<String, Distribution> space = new TreeMap<>(complete.get(0).distributions());
    for (FrozenTrial trial : complete) {
      space.entrySet().removeIf(e -> !e.getValue().equals(trial.distributions().get(e.getKey())));
    }
    return space;
  }

  private static Map<String, Distribution> requestedSpace(List<FrozenTrial> complete,
      List<FrozenTrial> chosen, List<String> names) {
    for (String name : names) {
      if (complete.stream().noneMatch(t -> t.hasParam(name))) {
        TreeSet<String> known = new TreeSet<>();
        complete.forEach(t -> known.addAll(t.distributions().keySet()));
        throw new IllegalArgumentException("no complete trial has parameter '" + name
            + "'; the complete trials have " + known);
      }
    }
    if (chosen.size() < 2) {
      throw new ImportanceException("parameter importances need at least two complete trials; "
          + chosen.size() + " of " + complete.size() + " complete trials have all of " + names);
    }
    Map<String, Distribution> space = new LinkedHashMap<>();
    for (String name : new TreeSet<>(names)) {
      FrozenTrial first = chosen.get(0);
      Distribution distribution = first.distributions().get(name);
      for (FrozenTrial trial : chosen) {
        Distribution other = trial.distributions().get(name);
        if (!other.equals(distribution)) {
          throw new IllegalArgumentException("parameter '" + name + "' has distribution "
              + distribution.describe() + " in trial " + first.number() + " but "
              + other.describe() + " in trial " + trial.number()
              + "; importances need one distribution per parameter");
        }
      }
      space.put(name, distribution);
    }
    return space;
  }
}
