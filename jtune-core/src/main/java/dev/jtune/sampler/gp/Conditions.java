package dev.jtune.sampler.gp;

import dev.jtune.space.CategoricalDistribution;
import dev.jtune.space.Distribution;
import dev.jtune.space.FloatDistribution;
import dev.jtune.space.IntDistribution;
import dev.jtune.space.SearchSpace;
import dev.jtune.trial.FrozenTrial;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a define-by-run objective's conditional parameters depend on, learned from its completed
 * trials: a parameter {@code p} that only some trials have is <em>active when</em> a parameter
 * {@code q} that every trial has (a categorical, or an integer or stepped parameter with at most
 * {@value #MAX_PARENT_VALUES} values) takes one of a set of values, if that rule holds in every
 * completed trial ({@code momentum} when {@code optimizer = sgd}, {@code units_2} when
 * {@code layers} is 3 or 4). The GP then evaluates a candidate with {@code p} marked absent whenever
 * the candidate's {@code q} says so, exactly as such trials are recorded; without this it would
 * believe that, say, {@code optimizer = adam} with a new {@code momentum} is unexplored, propose
 * it, and learn nothing from the result. A conditional parameter with no such rule is left out of
 * the joint space (sampled independently). Immutable.
 *
 * @param parents for each conditional parameter of the joint space, the parameter it depends on
 * @param activeValues for each conditional parameter, the internal values of its parent for which it
 *     is present
 */
record Conditions(Map<String, String> parents, Map<String, Set<Double>> activeValues) {
  static final int MAX_PARENT_VALUES = 64;

  /** The rules of the parameters of {@code space} that not every trial has; see the class comment. */
  static Conditions infer(SearchSpace space, List<FrozenTrial> trials) {
    Map<String, String> parents = new LinkedHashMap<>();
    Map<String, Set<Double>> values = new LinkedHashMap<>();
    List<String> always = space.names().stream()
        .filter(name -> trials.stream().allMatch(t -> has(t, name, space.get(name))))
        .filter(name -> canBeParent(space.get(name)))
        .toList();
    for (String p : space.names()) {
      Distribution dp = space.get(p);
      if (trials.stream().allMatch(t -> has(t, p, dp))) {
        continue;
      }
      for (String q : always) {
        Set<Double> active = new HashSet<>();
        for (FrozenTrial t : trials) {
          if (has(t, p, dp)) {
            active.add(t.internalParams().get(q));
          }
        }
        boolean rule = trials.stream()
            .allMatch(t -> has(t, p, dp) == active.contains(t.internalParams().get(q)));
        if (rule) {
          parents.put(p, q);
          values.put(p, Set.copyOf(active));
          break;
        }
      }
    }
    return new Conditions(parents, values);
  }

  /** The names of {@code space} that are either in every trial or have a rule. */
  static SearchSpace modelled(SearchSpace space, List<FrozenTrial> trials) {
    Conditions conditions = infer(space, trials);
    Map<String, Distribution> kept = new LinkedHashMap<>();
    space.parameters().forEach((name, d) -> {
      if (conditions.parents().containsKey(name)
          || trials.stream().allMatch(t -> has(t, name, d))) {
        kept.put(name, d);
      }
    });
    return SearchSpace.of(kept);
  }

  private static boolean has(FrozenTrial t, String name, Distribution d) {
    return t.internalParams().containsKey(name) && d.equals(t.distributions().get(name));
  }

  private static boolean canBeParent(Distribution d) {
    if (d instanceof CategoricalDistribution) {
      return true;
    }
    if (d instanceof IntDistribution i) {
      return i.gridSize() <= MAX_PARENT_VALUES;
    }
    FloatDistribution f = (FloatDistribution) d;
    return f.hasStep() && f.gridSize() <= MAX_PARENT_VALUES;
  }
}
