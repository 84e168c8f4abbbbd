package dev.jtune.sampler.tpe;

import dev.jtune.internal.FoldedTrials;
import dev.jtune.space.Distribution;
import dev.jtune.trial.FrozenTrial;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The parameter values of a study's finished trials, stored by column: for each parameter name an
 * array indexed by trial number. Finished trials never change, so each is copied in once, and a
 * suggestion then reads a parameter's history from one contiguous array instead of two hash
 * lookups per trial, which dominated the cost of TPE in long studies. Each distinct distribution
 * of a parameter gets a small id, so compatibility checks compare ints.
 *
 * <p>Thread-safe: {@link #update} and {@link #column} are synchronized, and {@link #column} hands
 * out a copy (a few microseconds), so readers never see a column being grown.
 */
final class ParamColumns {
  private final Map<String, Column> columns = new HashMap<>();
  private final FoldedTrials seen = new FoldedTrials();

  /** One parameter's values and distribution ids by trial number; id -1 where absent. */
  static final class Column {
    private double[] values = new double[64];
    private int[] ids = new int[64];
    private final List<Distribution> distributions = new ArrayList<>();

    private Column() {
      Arrays.fill(ids, -1);
    }

    private Column copy() {
      Column out = new Column();
      out.values = values.clone();
      out.ids = ids.clone();
      out.distributions.addAll(distributions);
      return out;
    }

    private void put(int number, double value, Distribution d) {
      if (number >= values.length) {
        int size = Math.max(number + 1, 2 * values.length);
        values = Arrays.copyOf(values, size);
        int old = ids.length;
        ids = Arrays.copyOf(ids, size);
        Arrays.fill(ids, old, size, -1);
      }
      int id = distributions.indexOf(d);
      if (id < 0) {
        id = distributions.size();
        distributions.add(d);
      }
      values[number] = value;
      ids[number] = id;
    }

    /** The value of trial {@code number}; only meaningful where {@link #id} is not -1. */
    double value(int number) {
      return values[number];
    }

    /** The id of trial {@code number}'s distribution, or -1 if it lacks the parameter. */
    int id(int number) {
      return number < ids.length ? ids[number] : -1;
    }

    /** The distribution of an id. */
    Distribution distribution(int id) {
      return distributions.get(id);
    }

    /** The ids in use. */
    int ids() {
      return distributions.size();
    }
  }

  /**
   * Copies in the finished trials not seen yet; starts afresh when a number seen before now
   * denotes another trial (the study was deleted and created again under its id).
   */
  synchronized void update(List<FrozenTrial> trials) {
    if (seen.replacedAny(trials)) {
      columns.clear();
      seen.clear();
    }
    for (FrozenTrial t : trials) {
      if (!t.isFinished() || !seen.add(t)) {
        continue;
      }
      int n = t.number();
      Map<String, Distribution> dists = t.distributions();
      t.internalParams().forEach((name, v) ->
          columns.computeIfAbsent(name, k -> new Column()).put(n, v, dists.get(name)));
    }
  }

  /** A copy of the column of a parameter, or {@code null} if no finished trial has it. */
  synchronized Column column(String name) {
    Column c = columns.get(name);
    return c == null ? null : c.copy();
  }
}
