package dev.jtune.sampler.cmaes;

import dev.jtune.internal.CompletedIntersection;
import dev.jtune.internal.TrialSeeds;
import dev.jtune.sampler.RandomSampler;
import dev.jtune.sampler.Sampler;
import dev.jtune.space.CategoricalDistribution;
import dev.jtune.space.Distribution;
import dev.jtune.space.FloatDistribution;
import dev.jtune.space.IntDistribution;
import dev.jtune.space.SearchSpace;
import dev.jtune.space.UnitScale;
import dev.jtune.study.StudyDirection;
import dev.jtune.study.StudyView;
import dev.jtune.trial.FrozenTrial;
import dev.jtune.trial.TrialState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CMA-ES (covariance matrix adaptation evolution strategy, Hansen 2016) over the numerical
 * parameters that every completed trial has, each mapped to the unit interval
 * ({@link UnitScale}: log scale in log space), with IPOP restarts (Auger and Hansen 2005) and
 * Hamano et al.'s margin for integer and stepped parameters ({@link CmaEs}). Categorical
 * parameters, and parameters not every completed trial has, are drawn at random, with an INFO line
 * the first time for each name.
 *
 * <p>Ask-and-tell across workers. The bookkeeping lives in each trial's system attributes, so
 * workers in any number of threads or processes share one search: every proposed trial records its
 * restart ({@value #RESTART}), generation ({@value #GENERATION}) and raw sample ({@value #X}). When
 * a trial starts and the current generation has {@code popsize} completed trials (the first ones by
 * number), it performs the update and stores the new distribution ({@value #STATE}, a JSON-like
 * map) on itself; everyone then continues from the newest stored distribution. Extra trials of a
 * finished generation, as parallel workers produce them, are simply not used (as in Optuna). The
 * newest distribution is also cached in memory, so a worker deserializes only what others wrote.
 *
 * <p>Reproducibility: each sample's randomness derives from the seed and the trial's number, and
 * the distribution only from completed trials, so a seeded study is reproducible on one thread, and
 * on several under the default reproducible parallel history.
 * Single-objective only: a multi-objective study is sampled at random, with one WARN line.
 * Thread-safe.
 */
public final class CmaEsSampler implements Sampler {
  /** System attribute: the restart a trial's sample belongs to. */
  public static final String RESTART = "cma:restart";
  /** System attribute: the generation a trial's sample belongs to. */
  public static final String GENERATION = "cma:generation";
  /** System attribute: a trial's raw sample on the unit cube, what the update learns from. */
  public static final String X = "cma:x";
  /** System attribute: the distribution after the update this trial performed. */
  public static final String STATE = "cma:state";
  private static final Logger LOG = LoggerFactory.getLogger(CmaEsSampler.class);

  private final CmaEsConfig config;
  private final RandomSampler independent;
  private final Set<String> reportedIndependent = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean reportedMultiObjective = new AtomicBoolean();
  private final AtomicBoolean reportedSpaceChange = new AtomicBoolean();
  private volatile Cached cached;

  /** The distribution this sampler used last, and the study ({@link StudyView#cacheKey()}). */
  private record Cached(Object study, Current current) {}
  private final CompletedIntersection intersection = new CompletedIntersection();

  /** A search distribution and where it stands. */
  private record Current(List<String> names, int restart, CmaEs cma) {}

  /** A sampler with the given settings. */
  public CmaEsSampler(CmaEsConfig config) {
    this.config = java.util.Objects.requireNonNull(config, "config");
    this.independent = new RandomSampler(config.seed());
  }

  /** A sampler with the default settings and the given seed. */
  public CmaEsSampler(long seed) {
    this(CmaEsConfig.defaults().withSeed(seed));
  }

  /** The settings. */
  public CmaEsConfig config() {
    return config;
  }

  @Override
  public SearchSpace relativeSearchSpace(StudyView study, FrozenTrial trial) {
    if (study.directions().size() != 1) {
      if (reportedMultiObjective.compareAndSet(false, true)) {
        LOG.warn("CmaEsSampler optimizes one objective; study '{}' has {}, so its parameters are "
            + "sampled at random", study.name(), study.directions().size());
      }
      return SearchSpace.empty();
    }
    List<FrozenTrial> complete = study.trials(java.util.EnumSet.of(TrialState.COMPLETE));
    if (complete.size() < config.startupTrials()) {
      return SearchSpace.empty();
    }
    Map<String, Distribution> common = intersection.update(study.cacheKey(), complete);
    common.entrySet().removeIf(e -> e.getValue().isSingle()
        || e.getValue() instanceof CategoricalDistribution);
    return SearchSpace.of(common);
  }

  @Override
  public Map<String, Double> sampleRelative(StudyView study, FrozenTrial trial, SearchSpace space) {
    if (space.isEmpty()) {
      return Map.of();
    }
    List<String> names = List.copyOf(space.names());
    List<FrozenTrial> all = study.trials();
    Object key = study.cacheKey();
    Current current = current(key, all, names, space);
    if (current == null) {
      return Map.of();
    }
    List<CmaEs.Solution> solutions = solutions(all, current, study.direction());
    if (solutions.size() >= current.cma().popsize()) {
      CmaEs next = current.cma().tell(solutions.subList(0, current.cma().popsize()));
      int restart = current.restart();
      if (config.restarts() && next.shouldStop()) {
        restart++;
        next = fresh(space, restart, next.popsize() * config.popsizeFactor());
        LOG.info("CmaEsSampler restarts (restart {}, population {}) at trial {}", restart,
            next.popsize(), trial.number());
      }
      current = new Current(names, restart, next);
      Map<String, Object> state = new LinkedHashMap<>();
      state.put("restart", restart);
      state.put("names", names);
      state.put("cma", next.toJson());
      store(study, trial, STATE, state);
    }
    cached = new Cached(key, current);
    CmaEs.Sample sample = current.cma().ask(TrialSeeds.random(config.seed(), trial.number(), "cma"));
    store(study, trial, RESTART, current.restart());
    store(study, trial, GENERATION, current.cma().generation());
    List<Object> x = new ArrayList<>();
    for (double v : sample.tell()) {
      x.add(v);
    }
    store(study, trial, X, x);
    Map<String, Double> out = new LinkedHashMap<>();
    for (int i = 0; i < names.size(); i++) {
      out.put(names.get(i), UnitScale.fromUnit(space.get(names.get(i)), sample.eval()[i]));
    }
    return out;
  }

  /** The newest stored distribution (or the cached one if it is that), or a fresh one. */
  private Current current(Object key, List<FrozenTrial> all, List<String> names,
      SearchSpace space) {
    FrozenTrial newest = null;
    int bestRestart = -1;
    int bestGeneration = -1;
    for (FrozenTrial t : all) {
      if (t.systemAttrs().get(STATE) instanceof Map<?, ?> state) {
        int r = ((Number) state.get("restart")).intValue();
        int g = ((Number) ((Map<?, ?>) state.get("cma")).get("generation")).intValue();
        if (r > bestRestart || (r == bestRestart && g > bestGeneration)) {
          newest = t;
          bestRestart = r;
          bestGeneration = g;
        }
      }
    }
    if (newest == null) {
      Current c = cachedFor(key);
      if (c != null && c.names().equals(names) && c.restart() == 0 && c.cma().generation() == 0) {
        return c;
      }
      return new Current(names, 0, fresh(space, 0, config.popsize()));
    }
    Map<?, ?> state = (Map<?, ?>) newest.systemAttrs().get(STATE);
    if (!names.equals(state.get("names"))) {
      if (reportedSpaceChange.compareAndSet(false, true)) {
        LOG.warn("CmaEsSampler: the parameters {} differ from those of the running search {}; "
            + "CMA-ES does not support a changing search space, so parameters are sampled at "
            + "random", names, state.get("names"));
      }
      return null;
    }
    Current c = cachedFor(key);
    if (c != null && c.names().equals(names) && c.restart() == bestRestart
        && c.cma().generation() == bestGeneration) {
      return c;
    }
    return new Current(names, bestRestart, CmaEs.fromJson((Map<?, ?>) state.get("cma")));
  }

  /** The cached distribution if it was made for this study, else {@code null}. */
  private Current cachedFor(Object key) {
    Cached c = cached;
    return c != null && c.study().equals(key) ? c.current() : null;
  }

  private CmaEs fresh(SearchSpace space, int restart, int popsize) {
    int n = space.size();
    double[] mean = new double[n];
    int[] grid = new int[n];
    SplittableRandom rng = TrialSeeds.random(config.seed(), restart, "cma-restart");
    int i = 0;
    for (Distribution d : space.parameters().values()) {
      // The first search starts at the centre, as Optuna's; a restart at a random point (IPOP).
      mean[i] = restart == 0 ? 0.5 : rng.nextDouble();
      grid[i] = config.margin() ? gridSize(d) : 0;
      i++;
    }
    return CmaEs.start(mean, config.sigma0(), popsize, grid);
  }

  /** The number of values of an integer or stepped parameter on a linear scale, else 0. */
  private static int gridSize(Distribution d) {
    long size = 0;
    if (d instanceof IntDistribution i && !i.log()) {
      size = i.gridSize();
    } else if (d instanceof FloatDistribution f && f.hasStep()) {
      size = f.gridSize();
    }
    return size >= 2 && size <= Integer.MAX_VALUE ? (int) size : 0;
  }

  /** The completed trials of the current generation, first by number, as solutions. */
  private static List<CmaEs.Solution> solutions(List<FrozenTrial> all, Current current,
      StudyDirection direction) {
    List<FrozenTrial> members = new ArrayList<>();
    for (FrozenTrial t : all) {
      if (t.state() == TrialState.COMPLETE
          && t.systemAttrs().get(RESTART) instanceof Number r && r.intValue() == current.restart()
          && t.systemAttrs().get(GENERATION) instanceof Number g
          && g.intValue() == current.cma().generation()
          && t.systemAttrs().get(X) instanceof List<?> x && x.size() == current.names().size()) {
        members.add(t);
      }
    }
    members.sort(Comparator.comparingInt(FrozenTrial::number));
    List<CmaEs.Solution> out = new ArrayList<>(members.size());
    double sign = direction == StudyDirection.MINIMIZE ? 1 : -1;
    for (FrozenTrial t : members) {
      List<?> x = (List<?>) t.systemAttrs().get(X);
      double[] v = new double[x.size()];
      Map<?, ?> fixed = t.systemAttrs().get(FrozenTrial.FIXED_PARAMS) instanceof Map<?, ?> m
          ? m : Map.of();
      for (int i = 0; i < v.length; i++) {
        v[i] = ((Number) x.get(i)).doubleValue();
        String name = current.names().get(i);
        if (fixed.containsKey(name) && t.internalParams().containsKey(name)) {
          // an enqueued value replaced the proposal: CMA-ES learns where the trial was evaluated
          // (as Optuna's, which tells the evaluated parameters), not the point it proposed
          v[i] = UnitScale.toUnit(t.distributions().get(name), t.internalParams().get(name));
        }
      }
      out.add(new CmaEs.Solution(v, sign * t.value()));
    }
    return out;
  }

  private static void store(StudyView study, FrozenTrial trial, String key, Object value) {
    study.setTrialSystemAttr(trial.id(), key, value);
  }

  @Override
  public double sampleIndependent(
      StudyView study, FrozenTrial trial, String name, Distribution distribution) {
    if (study.directions().size() == 1 && !(distribution instanceof CategoricalDistribution)
        && trial.number() >= config.startupTrials() && reportedIndependent.add(name)) {
      LOG.info("CmaEsSampler: parameter '{}' of trial {} is sampled independently at random: "
          + "it is not in every completed trial, or its distribution changed", name,
          trial.number());
    } else if (distribution instanceof CategoricalDistribution && reportedIndependent.add(name)) {
      LOG.info("CmaEsSampler: categorical parameter '{}' is sampled independently at random "
          + "(CMA-ES searches numerical parameters only)", name);
    }
    return independent.sampleIndependent(study, trial, name, distribution);
  }

  @Override
  public String toString() {
    return "CmaEsSampler(" + config + ")";
  }
}
