package dev.jtune.sampler;

import dev.jtune.JtuneException;
import dev.jtune.space.CategoricalDistribution;
import dev.jtune.space.Distribution;
import dev.jtune.space.FloatDistribution;
import dev.jtune.space.IntDistribution;
import dev.jtune.space.SearchSpace;
import dev.jtune.storage.RetryFailedTrialCallback;
import dev.jtune.study.StudyView;
import dev.jtune.trial.FrozenTrial;
import dev.jtune.trial.TrialState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Exhaustive search: every combination of the listed values, each exactly once, after which the
 * study stops.
 *
 * <p><b>Exactly once, without coordination.</b> Trial numbers are dense and unique per study, and
 * a storage allocates them atomically, so the grid point of a trial is a function of its number:
 * the {@code k}-th trial that was not enqueued with fixed parameters gets grid point {@code k}. This
 * holds with any number of threads or processes sharing the study, with no lock and no retry.
 * Enqueued trials keep their own parameters and take no grid point, so they must fix every grid
 * parameter (as in Optuna), except a retry of a grid trial whose worker died
 * ({@link RetryFailedTrialCallback}), which completes the point of the trial it repeats. The
 * grid's trials carry their
 * point as the system attribute {@value #GRID_ID}; a study holding finished trials with parameters
 * from another sampler (or {@code addTrial}) is refused, since they would take grid points: run
 * the grid on a study of its own. Should several processes race past the end of
 * the grid, the surplus trial fails with a message saying the grid was exhausted.
 *
 * <p>Points are visited in row-major order (the last parameter varies fastest), or in a seeded
 * random order ({@link #shuffled}). Suggesting a parameter the grid does not list, or a grid value
 * outside the distribution the objective suggests, fails the trial with a message naming both.
 */
public final class GridSampler implements Sampler {
  /** The trial system attribute that records a trial's grid point (Optuna's name). */
  public static final String GRID_ID = "grid_id";
  private final List<String> names;
  private final List<List<Object>> values;
  private final long size;
  private final int[] order;
  /** Grid points handed out, by trial ({@link StudyView#cacheKey()} and trial id). */
  private final Map<List<Object>, Long> gridIdByTrial = new ConcurrentHashMap<>();

  private GridSampler(Map<String, ? extends List<?>> grid, Long seed) {
    if (grid.isEmpty()) {
      throw new IllegalArgumentException("a grid needs at least one parameter, got {}");
    }
    this.names = List.copyOf(grid.keySet());
    List<List<Object>> copies = new ArrayList<>();
    long product = 1;
    for (Map.Entry<String, ? extends List<?>> e : grid.entrySet()) {
      if (e.getValue() == null || e.getValue().isEmpty()) {
        throw new IllegalArgumentException(
            "grid parameter '" + e.getKey() + "' needs at least one value, got " + e.getValue());
      }
      copies.add(java.util.Collections.unmodifiableList(new ArrayList<>(e.getValue())));
      product = Math.multiplyExact(product, e.getValue().size());
    }
    if (product > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("the grid has " + product + " points, more than "
          + Integer.MAX_VALUE + "; use random or quasi-random search");
    }
    this.values = List.copyOf(copies);
    this.size = product;
    this.order = seed == null ? null : permutation((int) product, seed);
  }

  /** A grid over the listed values of each parameter, in row-major order. */
  public static GridSampler of(Map<String, ? extends List<?>> grid) {
    return new GridSampler(new LinkedHashMap<>(grid), null);
  }

  /** A grid over the listed values, visited in an order shuffled by {@code seed}. */
  public static GridSampler shuffled(Map<String, ? extends List<?>> grid, long seed) {
    return new GridSampler(new LinkedHashMap<>(grid), seed);
  }

  /**
   * A grid over the listed values, each checked against the declared space.
   *
   * @throws IllegalArgumentException naming the parameter and value if a value is outside its
   *     declared distribution, or a parameter is not declared
   */
  public static GridSampler of(SearchSpace space, Map<String, ? extends List<?>> grid) {
    grid.forEach((name, list) -> {
      Distribution d = space.get(name);
      if (d == null) {
        throw new IllegalArgumentException(
            "grid parameter '" + name + "' is not declared in " + space);
      }
      for (Object value : list) {
        try {
          d.toInternal(value);
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("grid value " + value + " of parameter '" + name
              + "' is outside its declared space " + d.describe(), e);
        }
      }
    });
    return of(grid);
  }

  /**
   * The grid of every value of a finite space: all choices, all integers (on their step), all float
   * grid points.
   *
   * @throws IllegalArgumentException naming the parameter if a float has no step
   */
  public static GridSampler over(SearchSpace space) {
    Map<String, List<Object>> grid = new LinkedHashMap<>();
    space.parameters().forEach((name, d) -> grid.put(name, allValues(name, d)));
    return of(grid);
  }

  private static List<Object> allValues(String name, Distribution d) {
    List<Object> out = new ArrayList<>();
    if (d instanceof CategoricalDistribution c) {
      out.addAll(c.choices());
    } else if (d instanceof IntDistribution i) {
      for (long v = i.low(); v <= i.high(); v += i.step()) {
        out.add((int) v);
      }
    } else {
      FloatDistribution f = (FloatDistribution) d;
      if (!f.hasStep() && !f.isSingle()) {
        throw new IllegalArgumentException("parameter '" + name + "' is a continuous "
            + f.describe() + "; a grid needs a step or explicit values");
      }
      long n = f.isSingle() ? 1 : f.gridSize();
      for (long k = 0; k < n; k++) {
        out.add(f.isSingle() ? f.low() : f.gridPoint(k));
      }
    }
    return out;
  }

  /** The number of grid points. */
  public long size() {
    return size;
  }

  /** The external value of every parameter at grid point {@code gridId}, in declaration order. */
  public Map<String, Object> point(long gridId) {
    long index = order == null ? gridId : order[(int) gridId];
    Map<String, Object> point = new LinkedHashMap<>();
    Object[] digits = new Object[names.size()];
    for (int i = names.size() - 1; i >= 0; i--) {
      int radix = values.get(i).size();
      digits[i] = values.get(i).get((int) (index % radix));
      index /= radix;
    }
    for (int i = 0; i < names.size(); i++) {
      point.put(names.get(i), digits[i]);
    }
    return point;
  }

  @Override
  public double sampleIndependent(
      StudyView study, FrozenTrial trial, String name, Distribution distribution) {
    int position = names.indexOf(name);
    if (position < 0) {
      throw new IllegalArgumentException(
          "parameter '" + name + "' is not in the grid " + names + "; add it to the grid");
    }
    if (trial.systemAttrs().containsKey(FrozenTrial.FIXED_PARAMS)) {
      return enqueuedValue(study, trial, name, distribution);
    }
    List<Object> key = List.of(study.cacheKey(), trial.id().value());
    Long known = gridIdByTrial.get(key);
    long gridId = known != null ? known : gridId(study, trial);
    if (known == null) {
      gridIdByTrial.put(key, gridId);
      try {
        study.setTrialSystemAttr(trial.id(), GRID_ID, gridId);
      } catch (UnsupportedOperationException readOnlyView) {
        // nothing to mark in a view without storage
      }
    }
    if (gridId >= size) {
      throw new JtuneException("the grid's " + size + " points were all handed out to other "
          + "trials; trial " + trial.number() + " has no point left");
    }
    return internal(point(gridId).get(name), name, distribution);
  }

  private static double internal(Object value, String name, Distribution distribution) {
    try {
      return distribution.toInternal(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("grid value " + value + " of parameter '" + name
          + "' is outside the suggested distribution " + distribution.describe(), e);
    }
  }

  /**
   * A grid parameter an enqueued trial was not given. Enqueued trials take no grid point, so the
   * value can only come from the point of the trial it retries ({@link RetryFailedTrialCallback}
   * fixes only what the dead trial had suggested): the retry completes that point. Any other
   * enqueued trial must fix every grid parameter, as Optuna requires; taking a point by number
   * would evaluate another trial's point twice, or fail once the grid is used up.
   */
  private double enqueuedValue(StudyView study, FrozenTrial trial, String name,
      Distribution distribution) {
    OptionalLong retried = RetryFailedTrialCallback.retriedTrialNumber(trial).flatMap(number ->
        study.trials().stream().filter(t -> t.number() == number).findFirst())
        .map(original -> original.systemAttrs().get(GRID_ID) instanceof Number id
            ? OptionalLong.of(id.longValue())
            : original.systemAttrs().containsKey(FrozenTrial.FIXED_PARAMS) ? OptionalLong.empty()
            : OptionalLong.of(gridId(study, original)))
        .orElse(OptionalLong.empty());
    if (retried.isPresent() && retried.getAsLong() < size) {
      return internal(point(retried.getAsLong()).get(name), name, distribution);
    }
    throw new IllegalArgumentException("trial " + trial.number() + " was enqueued with "
        + trial.systemAttrs().get(FrozenTrial.FIXED_PARAMS) + " and no value for grid parameter '"
        + name + "': a grid study gives enqueued trials no grid point, so enqueue a value for "
        + "every grid parameter " + names);
  }

  /** The number of trials numbered below this one that take grid points. */
  private static long gridId(StudyView study, FrozenTrial trial) {
    long enqueuedBefore = 0;
    for (FrozenTrial t : study.trials()) {
      if (t.number() < trial.number() && t.systemAttrs().containsKey(FrozenTrial.FIXED_PARAMS)) {
        enqueuedBefore++;
      }
    }
    return trial.number() - enqueuedBefore;
  }

  @Override
  public void afterTrial(StudyView study, FrozenTrial trial, TrialState state, List<Double> v) {
    gridIdByTrial.remove(List.of(study.cacheKey(), trial.id().value()));
  }

  /**
   * A trial's point depends only on its number and on the enqueued trials numbered below it, which
   * all exist, with their fixed parameters, before it is created: the same on any number of
   * threads without waiting (trials that callbacks enqueue during a run excepted).
   */
  @Override
  public boolean readsHistory() {
    return false;
  }

  /**
   * Whether every grid point is handed out.
   *
   * @throws IllegalStateException naming them if the study has finished trials with parameters that
   *     are neither this grid's ({@value #GRID_ID}) nor enqueued: another sampler's, or added with
   *     {@code addTrial}. The grid numbers its points by trial, so it would silently skip as many
   *     points (Optuna's grid skips only the points its own trials visited).
   */
  @Override
  public boolean isExhausted(StudyView study) {
    long gridTrials = 0;
    List<Integer> foreign = new ArrayList<>();
    long enqueued = 0;
    for (FrozenTrial t : study.trials()) {
      if (t.systemAttrs().containsKey(FrozenTrial.FIXED_PARAMS)) {
        enqueued++;
      } else {
        gridTrials++;
        if (t.isFinished() && !t.systemAttrs().containsKey(GRID_ID)
            && !onItsPoint(t, t.number() - enqueued)) {
          foreign.add(t.number());
        }
      }
    }
    if (!foreign.isEmpty()) {
      throw new IllegalStateException("GridSampler: study '" + study.name() + "' has "
          + foreign.size() + " trial(s) with parameters from another sampler or addTrial ("
          + (foreign.size() > 10 ? foreign.subList(0, 10) + "..." : foreign) + "); a grid "
          + "numbers its points by trial, so it must run on a study of its own (enqueued trials "
          + "are fine)");
    }
    boolean waiting = !study.trials(java.util.EnumSet.of(TrialState.WAITING)).isEmpty();
    return gridTrials >= size && !waiting;
  }

  /**
   * Whether an unmarked trial's parameters agree with the point its number gives: a grid trial of
   * an earlier jtune (which did not mark them), or one that suggested only single-valued
   * parameters (which never reach the sampler) before it ended.
   */
  private boolean onItsPoint(FrozenTrial t, long gridId) {
    if (gridId >= size) {
      return t.params().isEmpty();
    }
    Map<String, Object> point = point(gridId);
    for (Map.Entry<String, Object> p : t.params().entrySet()) {
      if (point.containsKey(p.getKey()) && !sameValue(point.get(p.getKey()), p.getValue())) {
        return false;
      }
    }
    return true;
  }

  private static boolean sameValue(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y) {
      return x.doubleValue() == y.doubleValue();
    }
    return java.util.Objects.equals(a, b);
  }

  private static int[] permutation(int n, long seed) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    SplittableRandom rng = new SplittableRandom(seed);
    for (int i = n - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int tmp = p[i];
      p[i] = p[j];
      p[j] = tmp;
    }
    return p;
  }

  @Override
  public String toString() {
    return "GridSampler(" + names + ", " + size + " points" + (order == null ? "" : ", shuffled")
        + ")";
  }
}
