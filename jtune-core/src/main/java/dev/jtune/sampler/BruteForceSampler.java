package dev.jtune.sampler;

import dev.jtune.internal.TrialSeeds;
import dev.jtune.space.CategoricalDistribution;
import dev.jtune.space.Distribution;
import dev.jtune.space.FloatDistribution;
import dev.jtune.space.IntDistribution;
import dev.jtune.study.StudyView;
import dev.jtune.trial.FrozenTrial;
import dev.jtune.trial.TrialState;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Exhaustive search of a finite space that the objective defines as it runs, conditional
 * parameters included: Optuna's {@code BruteForceSampler} (3.1; the tree form of its later
 * versions). Unlike {@link GridSampler}, which needs the grid up front, it learns the space from
 * the trials: each parameter a trial suggests is a node of a tree whose children are the
 * parameter's values (every value of a choice or an integer range, every grid point of a float
 * with a step), and a trial takes a value whose subtree still holds a combination no trial has
 * tried, chosen at random in proportion to how many it holds. Once every combination has been
 * tried the study stops ({@link #isExhausted}: finished trials count, complete, pruned or failed
 * alike). A trial still running takes its place for the trials that choose meanwhile: its joint
 * phase plans its path through the combinations finished trials have shown ({@value #PLAN}), which
 * the study's reproducible parallel history shows other workers while it runs, and its parameters
 * past that plan count once they are seen. Where the space is still unknown (the first trials,
 * a branch no trial has finished) <b>several workers may repeat a combination</b>: 4 threads ran
 * 13-14 trials for the 11 combinations of Optuna's example (Optuna 3.1's, which enqueues the
 * siblings of every value it draws, ran 11). Use one job for a search without repeats. Values
 * are drawn from the seed and the trial's number, so a seeded study makes the same trials under
 * that history; how many run past the last new combination depends on when they finish.
 *
 * <p>The space must be finite (a float without a step is refused, naming it) and the same for
 * every trial that reaches the same node; a trial whose parameter differs there in name or values
 * from an earlier trial's fails, naming both (as Optuna's). Trials of another sampler and enqueued
 * ones count where their values lie on the tree; a value off it (a continuous float, a point off
 * the grid) leaves the rest of that trial out. A trial that failed or was pruned counts as having
 * tried everything below where it stopped (it may have stopped before its last parameter), unless
 * a later trial, such as its retry, goes further there; a trial left running by a dead process
 * holds its place until it is failed, and trials meanwhile share what it holds rather than repeat
 * tried combinations. A pruner that shows samplers one bracket of the study (Hyperband) does not
 * narrow what this one sees ({@link #searchesWholeStudy()}): the search spans the brackets.
 */
public final class BruteForceSampler implements Sampler {
  private static final EnumSet<TrialState> TRIED = EnumSet.of(TrialState.COMPLETE,
      TrialState.PRUNED, TrialState.RUNNING, TrialState.FAIL);
  /**
   * System attribute: the path a trial's joint phase planned through the combinations known then,
   * a list of {@code [name, internal value]} pairs, so that trials choosing while it runs see its
   * place taken (the reproducible parallel history shows a running trial's joint phase only).
   */
  public static final String PLAN = "brute-force:plan";
  private static final int MAX_PLANS = 10_000;

  private final long seed;
  private final Map<TrialKey, List<Object>> plans = new java.util.concurrent.ConcurrentHashMap<>();

  private record TrialKey(Object study, int number) {}

  /** A sampler whose order of trials is drawn from {@code seed}. */
  public BruteForceSampler(long seed) {
    this.seed = seed;
  }

  /** A sampler with a random seed. */
  public BruteForceSampler() {
    this(TrialSeeds.randomSeed());
  }

  /**
   * Plans the trial's path through the combinations known so far (those finished trials went
   * through), each step towards untried ones, and stores it ({@value #PLAN}); the search space
   * for a joint phase stays empty (the objective defines the space as it runs).
   */
  @Override
  public dev.jtune.space.SearchSpace relativeSearchSpace(StudyView study, FrozenTrial trial) {
    Node root = new Node();
    try {
      for (FrozenTrial t : finishedFirst(study.trials(TRIED))) {
        if (t.number() != trial.number()) {
          root.add(t, java.util.Set.of(), true);
        }
      }
    } catch (RuntimeException changedSpace) {
      return dev.jtune.space.SearchSpace.empty();   // the trial that meets it fails, saying why
    }
    List<Object> plan = new ArrayList<>();
    SplittableRandom rng = TrialSeeds.random(seed, trial.number(), "brute-force:plan");
    for (Node node = root; node.children != null; ) {
      int i = node.pick(rng);
      plan.add(List.of(node.name, Node.value(node.distribution, i)));
      node = node.children[i];
    }
    if (!plan.isEmpty()) {
      if (plans.size() >= MAX_PLANS) {
        plans.clear();
      }
      plans.put(new TrialKey(study.cacheKey(), trial.number()), plan);
      study.setTrialSystemAttr(trial.id(), PLAN, plan);
    }
    return dev.jtune.space.SearchSpace.empty();
  }

  @Override
  public double sampleIndependent(StudyView study, FrozenTrial trial, String name,
      Distribution distribution) {
    Map<String, Double> mine = trial.internalParams();
    Node root = new Node();
    root.expand(name, distribution);
    for (FrozenTrial t : finishedFirst(study.trials(TRIED))) {
      if (t.number() != trial.number() && agrees(t, mine)) {
        root.add(t, mine.keySet(), true);   // refuses a space that changed, naming it
      }
    }
    Double planned = planned(study, trial, name);
    if (planned != null && Node.index(distribution, planned) >= 0) {
      return planned;
    }
    SplittableRandom rng = TrialSeeds.random(seed, trial.number(), "brute-force:" + name);
    return Node.value(distribution, root.pick(rng));
  }

  /** Finished trials, then running ones: the space as trials ended in it, then what is taken. */
  private static List<FrozenTrial> finishedFirst(List<FrozenTrial> trials) {
    List<FrozenTrial> out = new ArrayList<>(trials.size());
    trials.stream().filter(FrozenTrial::isFinished).forEach(out::add);
    trials.stream().filter(t -> !t.isFinished()).forEach(out::add);
    return out;
  }

  /**
   * The planned value of {@code name}, if the trial's parameters so far follow its plan up to
   * it; {@code null} otherwise (an enqueued value took another branch, say).
   */
  private Double planned(StudyView study, FrozenTrial trial, String name) {
    List<Object> plan = plans.get(new TrialKey(study.cacheKey(), trial.number()));
    if (plan == null && trial.systemAttrs().get(PLAN) instanceof List<?> stored) {
      plan = new ArrayList<>(stored);
    }
    if (plan == null) {
      return null;
    }
    for (Object step : plan) {
      if (!(step instanceof List<?> pair) || pair.size() != 2
          || !(pair.get(0) instanceof String param) || !(pair.get(1) instanceof Number value)) {
        return null;
      }
      if (param.equals(name)) {
        return value.doubleValue();
      }
      Double taken = trial.internalParams().get(param);
      if (taken == null || taken != value.doubleValue()) {
        return null;
      }
    }
    return null;
  }

  @Override
  public void afterTrial(StudyView study, FrozenTrial trial, TrialState state,
      List<Double> values) {
    plans.remove(new TrialKey(study.cacheKey(), trial.number()));
  }

  /**
   * Whether the trial holds every one of {@code params} with the same value, as it shows them or,
   * running, as it planned them.
   */
  private static boolean agrees(FrozenTrial t, Map<String, Double> params) {
    for (Map.Entry<String, Double> e : params.entrySet()) {
      Double v = t.internalParams().get(e.getKey());
      if (v == null && !t.isFinished() && t.systemAttrs().get(PLAN) instanceof List<?> plan) {
        for (Object step : plan) {
          if (step instanceof List<?> pair && pair.size() == 2 && e.getKey().equals(pair.get(0))
              && pair.get(1) instanceof Number n) {
            v = n.doubleValue();
          }
        }
      }
      if (!e.getValue().equals(v)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether a finished trial has tried every combination. A study whose trials disagree on the
   * space (a parameter with other values at the same node) is never exhausted here; its next trial
   * fails saying why.
   */
  @Override
  public boolean isExhausted(StudyView study) {
    List<FrozenTrial> tried = study.trials(TRIED);
    if (tried.isEmpty()) {
      return false;
    }
    Node root = new Node();
    try {
      for (FrozenTrial t : tried) {
        root.add(t, java.util.Set.of(), false);
      }
    } catch (RuntimeException changedSpace) {
      return false;   // the next trial that meets it fails, saying why
    }
    return root.untried() == 0;
  }

  /** Every trial, whatever bracket a pruner puts it in: no combination is tried twice. */
  @Override
  public boolean searchesWholeStudy() {
    return true;
  }

  @Override
  public String toString() {
    return "BruteForceSampler(seed=" + seed + ")";
  }

  /**
   * A node of the tree: unexplored (no trial went past it), a leaf (a trial ended here), or a
   * parameter with one child per value (by the value's index).
   */
  private static final class Node {
    private String name;
    private Distribution distribution;
    private Node[] children;
    /** A complete trial ended here: no parameter follows. */
    private boolean leaf;
    /**
     * A failed or pruned trial ended here, perhaps before its last parameter: tried, unless a
     * later trial (a retry) goes further, which replaces the mark.
     */
    private boolean stopped;
    /** A running trial's path ends here: its combinations count as tried while it runs. */
    private boolean taken;

    void expand(String param, Distribution d) {
      if (children == null && !leaf) {
        stopped = false;
        name = param;
        distribution = d;
        long size = size(param, d);
        children = new Node[(int) size];
        for (int i = 0; i < size; i++) {
          children[i] = new Node();
        }
      } else if (leaf || !name.equals(param) || !distribution.equals(d)) {
        throw new IllegalStateException("the space changed: parameter '" + param + "' " + d
            + " where an earlier trial had " + (leaf ? "no further parameter"
                : "'" + name + "' " + distribution)
            + "; a brute-force search needs the same space at the same values");
      }
    }

    /**
     * Adds the trial's path below the parameters in {@code skip}; off-grid values end it. Where it
     * ends, a finished trial makes a leaf, and so does a running one when {@code runningTakes}.
     */
    void add(FrozenTrial t, java.util.Set<String> skip, boolean runningTakes) {
      Node node = this;
      for (Map.Entry<String, Distribution> e : t.distributions().entrySet()) {
        if (skip.contains(e.getKey())) {
          continue;
        }
        if (!enumerable(e.getValue())) {
          return;   // another sampler's continuous value, say: off the tree
        }
        node.expand(e.getKey(), e.getValue());
        int index = index(e.getValue(), t.internalParams().get(e.getKey()));
        if (index < 0) {
          return;
        }
        node = node.children[index];
      }
      if (!t.isFinished() && runningTakes && t.systemAttrs().get(PLAN) instanceof List<?> plan) {
        // the rest of a running trial's planned path, past the parameters it has shown
        for (Object step : plan) {
          if (node.children == null || !(step instanceof List<?> pair) || pair.size() != 2
              || !(pair.get(1) instanceof Number value)) {
            break;
          }
          if (!node.name.equals(pair.get(0))) {
            continue;   // a step it has taken already (and so skipped above or shown)
          }
          int index = index(node.distribution, value.doubleValue());
          if (index < 0) {
            break;
          }
          node = node.children[index];
        }
      }
      if (t.state() == TrialState.COMPLETE) {
        if (node.children == null) {
          node.leaf = true;
        }
      } else if (t.isFinished()) {
        if (node.children == null) {
          node.stopped = true;
        }
      } else if (runningTakes) {
        node.taken = true;   // it may suggest more, but its place is taken while it runs
      }
    }

    /** Combinations below this node that no trial has tried (an unexplored node is one). */
    long untried() {
      return untried(true);
    }

    /** {@link #untried()}, counting what running trials hold as untried unless {@code held}. */
    long untried(boolean held) {
      if (leaf || stopped || (held && taken)) {
        return 0;
      }
      if (children == null) {
        return 1;
      }
      long sum = 0;
      for (Node c : children) {
        sum += c.untried(held);
      }
      return sum;
    }

    /**
     * A child's index, at random in proportion to its untried combinations; uniformly when
     * every combination has been tried.
     */
    int pick(SplittableRandom rng) {
      long[] weights = new long[children.length];
      long total = 0;
      for (int i = 0; i < children.length; i++) {
        weights[i] = children[i].untried();
        total += weights[i];
      }
      if (total == 0) {
        // every untried combination is held by a running trial (one that may never finish):
        // share them, rather than repeat tried ones at random
        for (int i = 0; i < children.length; i++) {
          weights[i] = children[i].untried(false);
          total += weights[i];
        }
      }
      if (total == 0) {
        return rng.nextInt(children.length);
      }
      long r = rng.nextLong(total);
      for (int i = 0; i < children.length; i++) {
        r -= weights[i];
        if (r < 0) {
          return i;
        }
      }
      return children.length - 1;
    }

    /** Whether the distribution has at most 1,000,000 values ({@link #size} refuses others). */
    static boolean enumerable(Distribution d) {
      if (d instanceof FloatDistribution f) {
        return (f.hasStep() || f.low() == f.high()) && (f.low() == f.high()
            || f.gridSize() <= 1_000_000);
      }
      return !(d instanceof IntDistribution i) || i.gridSize() <= 1_000_000;
    }

    private static long size(String param, Distribution d) {
      long size;
      if (d instanceof FloatDistribution f) {
        if (!f.hasStep() && f.low() != f.high()) {
          throw new IllegalArgumentException("parameter '" + param + "' " + d + " has no step: "
              + "a brute-force search needs a finite space (give the float a step)");
        }
        size = f.low() == f.high() ? 1 : f.gridSize();
      } else if (d instanceof IntDistribution i) {
        size = i.gridSize();
      } else {
        size = ((CategoricalDistribution) d).size();
      }
      if (size > 1_000_000) {
        throw new IllegalArgumentException("parameter '" + param + "' " + d + " has " + size
            + " values; a brute-force search takes at most 1,000,000 per parameter");
      }
      return size;
    }

    /** The internal value of the value at {@code index}. */
    static double value(Distribution d, int index) {
      if (d instanceof FloatDistribution f) {
        return f.low() == f.high() ? f.low() : f.gridPoint(index);
      }
      if (d instanceof IntDistribution i) {
        return i.low() + (long) index * i.step();
      }
      return index;
    }

    /** The index of an internal value, or -1 off the grid. */
    static int index(Distribution d, double v) {
      long k;
      if (d instanceof FloatDistribution f) {
        if (f.low() == f.high()) {
          return v == f.low() ? 0 : -1;
        }
        k = Math.round((v - f.low()) / f.step());
        double onGrid = f.gridPoint(k);
        // the tolerance of FloatDistribution.contains: a value it accepts is on this grid
        double rounding = 8 * Math.ulp(Math.max(Math.abs(f.low()), Math.abs(f.high())));
        return k >= 0 && k < f.gridSize()
            && Math.abs(onGrid - v) <= Math.max(1e-8 * f.step(), rounding) ? (int) k : -1;
      }
      if (d instanceof IntDistribution i) {
        k = Math.round((v - i.low()) / i.step());
        return k >= 0 && k < i.gridSize() && i.low() + k * i.step() == v ? (int) k : -1;
      }
      k = Math.round(v);
      return k >= 0 && k < ((CategoricalDistribution) d).size() && k == v ? (int) k : -1;
    }
  }
}
