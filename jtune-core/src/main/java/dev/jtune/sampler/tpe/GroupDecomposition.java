package dev.jtune.sampler.tpe;

import dev.jtune.internal.FoldedTrials;
import dev.jtune.space.Distribution;
import dev.jtune.trial.FrozenTrial;
import dev.jtune.trial.TrialState;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The relative search space of multivariate TPE, kept up to date incrementally from finished
 * (COMPLETE or PRUNED) trials, which never change, so each trial is folded in once.
 *
 * <p>With grouping (Optuna's {@code _GroupDecomposedSearchSpace}), the parameters are partitioned
 * into the coarsest groups such that every finished trial has either all or none of a group's
 * parameters: each new trial's parameter set splits every group into the part it has and the part
 * it lacks, and its unseen parameters form a new group. Parameters that appear together are then
 * modelled together, and a conditional branch gets its own group. A group keeps the distribution
 * a parameter first had. Without grouping, the space is the intersection of all finished trials'
 * spaces (parameters with an equal distribution in every one of them), as one group.
 *
 * <p>Thread-safe.
 */
final class GroupDecomposition {
  private final boolean group;
  private final FoldedTrials seen = new FoldedTrials();
  private List<Map<String, Distribution>> groups = new ArrayList<>();
  private Map<String, Distribution> intersection;

  GroupDecomposition(boolean group) {
    this.group = group;
  }

  /**
   * The groups after folding in the finished trials among {@code trials}; each group's parameters
   * are sorted by name and exclude fixed (single-valued) ones; empty groups are dropped.
   */
  synchronized List<Map<String, Distribution>> update(List<FrozenTrial> trials) {
    if (seen.replacedAny(trials)) {   // the study was created again under its id: start afresh
      seen.clear();
      groups = new ArrayList<>();
      intersection = null;
    }
    for (FrozenTrial t : trials) {
      if ((t.state() == TrialState.COMPLETE || t.state() == TrialState.PRUNED)
          && seen.add(t)) {
        add(t.distributions());
      }
    }
    List<Map<String, Distribution>> out = new ArrayList<>();
    List<Map<String, Distribution>> source = group ? groups
        : intersection == null ? List.of() : List.of(intersection);
    for (Map<String, Distribution> g : source) {
      Map<String, Distribution> sorted = new TreeMap<>();
      g.forEach((name, d) -> {
        if (!d.isSingle()) {
          sorted.put(name, d);
        }
      });
      if (!sorted.isEmpty()) {
        out.add(new LinkedHashMap<>(sorted));
      }
    }
    return out;
  }

  private void add(Map<String, Distribution> distributions) {
    if (!group) {
      if (intersection == null) {
        intersection = new LinkedHashMap<>(distributions);
      } else {
        intersection.entrySet().removeIf(e -> !e.getValue().equals(distributions.get(e.getKey())));
      }
      return;
    }
    Set<String> remaining = new HashSet<>(distributions.keySet());
    List<Map<String, Distribution>> next = new ArrayList<>();
    for (Map<String, Distribution> g : groups) {
      Map<String, Distribution> inside = new LinkedHashMap<>();
      Map<String, Distribution> outside = new LinkedHashMap<>();
      g.forEach((name, d) -> (remaining.contains(name) ? inside : outside).put(name, d));
      remaining.removeAll(g.keySet());
      if (!inside.isEmpty()) {
        next.add(inside);
      }
      if (!outside.isEmpty()) {
        next.add(outside);
      }
    }
    Map<String, Distribution> fresh = new LinkedHashMap<>();
    distributions.forEach((name, d) -> {
      if (remaining.contains(name)) {
        fresh.put(name, d);
      }
    });
    if (!fresh.isEmpty()) {
      next.add(fresh);
    }
    groups = next;
  }
}
