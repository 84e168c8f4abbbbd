package dev.jtune.sampler.nsga;

import dev.jtune.internal.CompletedIntersection;
import dev.jtune.internal.TrialSeeds;
import dev.jtune.sampler.Constraints;
import dev.jtune.sampler.RandomSampler;
import dev.jtune.sampler.Sampler;
import dev.jtune.space.CategoricalDistribution;
import dev.jtune.space.Distribution;
import dev.jtune.space.FloatDistribution;
import dev.jtune.space.SearchSpace;
import dev.jtune.space.UnitScale;
import dev.jtune.storage.TrialId;
import dev.jtune.study.StudyView;
import dev.jtune.trial.FrozenTrial;
import dev.jtune.trial.TrialState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * NSGA-II (Deb et al. 2002), the genetic algorithm Optuna uses by default for studies of several
 * objectives, as Optuna 3.1 runs it over a study's trials.
 *
 * <p>Trials form generations of {@link NsgaIIConfig#populationSize} trials. Every trial records the
 * generation it belongs to ({@value #GENERATION}, a system attribute, so workers in any number of
 * threads or processes share one search). Generation 0 is drawn at random. A generation is complete
 * once that many of its trials are COMPLETE; its complete trials together with the previous parent
 * population are then ranked by non-dominated sorting and crowding distance, and the best
 * {@code populationSize} become the next parents ({@link Ranking}). A child trial of the next
 * generation:
 *
 * <ol>
 *   <li>takes, with probability {@code crossoverProbability}, a crossover of parents chosen by binary
 *       tournaments ({@link Crossover}, numerical parameters on the unit cube; categorical ones by
 *       uniform crossover), and otherwise a copy of one parent chosen uniformly;
 *   <li>then draws each parameter afresh at random with probability {@code mutationProbability}
 *       (by default {@code 1 / n}).
 * </ol>
 *
 * <p>The parents' space is the parameters every complete trial has with one distribution; other
 * parameters are drawn at random. A child whose continuous parameter falls outside its range is
 * made again with new parents, up to 100 times, and then clamped into it (Optuna makes it again
 * only below the range and clamps above it; integers and stepped values are clamped, as there).
 * With {@link NsgaIIConfig#constraints}, domination is constrained domination ({@link Individual});
 * a trial whose constraints cannot be had ranks below the others (see {@link Constraints}).
 * Pruned and failed trials take no part. A single-objective study works too: domination is then
 * being better.
 *
 * <p>Reproducibility: a trial's randomness derives from the seed and its number, and the parents
 * from the stored trials alone (ties broken by trial number), so a seeded study is reproducible on
 * one thread, and on several under the default reproducible parallel history. A trial's generation
 * and parents are chosen once, in its joint phase. Each generation's selection is cached in memory
 * (per study view, so a sampler may serve several studies, or Hyperband's brackets; up to 65,536
 * selections in all). Thread-safe.
 */
public final class NsgaIISampler implements Sampler {
  /** System attribute: the generation a trial belongs to. */
  public static final String GENERATION = "nsga2:generation";
  private static final int ATTEMPTS = 100;
  private static final int MAX_ENTRIES = 65_536;
  private static final int MAX_PENDING_TRIALS = 4096;
  private static final Logger LOG = LoggerFactory.getLogger(NsgaIISampler.class);

  private final NsgaIIConfig config;
  private final RandomSampler independent;
  private final CompletedIntersection intersection = new CompletedIntersection();
  /**
   * Ranked generations, by study view and, within one, by generation, members and previous
   * parents: all of a view's generations, since its chain is walked on every trial (Hyperband's
   * brackets show one study through several views; a sampler may serve several studies). Views
   * are evicted least recently used first once more than {@value #MAX_ENTRIES} selections are
   * kept, never the one in use. Guarded by itself, with {@link #entries}.
   */
  private final LinkedHashMap<Object, Map<SelectionKey, List<Individual>>> selections =
      new LinkedHashMap<>(16, 0.75f, true);
  private int entries;
  /** The parents each trial's joint phase chose, so that both phases use the same ones. */
  private final Map<TrialKey, Parents> parentsOfTrial = new ConcurrentHashMap<>();
  private final Set<String> warned = ConcurrentHashMap.newKeySet();

  /** A trial of a study. */
  private record TrialKey(Object study, int number) {}

  /** What a generation's selection depends on, within one study. */
  private record SelectionKey(int generation, List<Member> members, List<Member> previous) {}

  /** A trial as the cache knows it: a study made again under its id has other trials. */
  private record Member(TrialId id, int number, Instant completed) {
    static List<Member> of(List<FrozenTrial> trials) {
      List<Member> out = new ArrayList<>(trials.size());
      for (FrozenTrial t : trials) {
        out.add(new Member(t.id(), t.number(), t.completed()));
      }
      return out;
    }
  }

  /** The parents of the next generation: the newest complete generation's selection. */
  private record Parents(int generation, List<Individual> population) {}

  /** A sampler with the given settings. */
  public NsgaIISampler(NsgaIIConfig config) {
    this.config = Objects.requireNonNull(config, "config");
    this.independent = new RandomSampler(config.seed());
  }

  /** A sampler with the default settings and the given seed. */
  public NsgaIISampler(long seed) {
    this(NsgaIIConfig.defaults().withSeed(seed));
  }

  /** The settings. */
  public NsgaIIConfig config() {
    return config;
  }

  /**
   * Records the trial's generation and, from the second generation on, returns the parameters
   * every complete trial has (single-valued ones left to the study).
   */
  @Override
  public SearchSpace relativeSearchSpace(StudyView study, FrozenTrial trial) {
    Parents parents = parents(study);
    study.setTrialSystemAttr(trial.id(), GENERATION, parents.generation() + 1);
    if (parents.generation() < 0) {
      return SearchSpace.empty();
    }
    // read after the parents: the space can only shrink as trials complete, so every parent
    // has every parameter of it
    Map<String, Distribution> common = intersection.update(study.cacheKey(),
        study.trials(EnumSet.of(TrialState.COMPLETE)));
    common.entrySet().removeIf(e -> e.getValue().isSingle());
    if (!common.isEmpty()) {
      if (parentsOfTrial.size() >= MAX_PENDING_TRIALS) {
        parentsOfTrial.clear(); // trials asked and never sampled further
      }
      parentsOfTrial.put(new TrialKey(study.cacheKey(), trial.number()), parents);
    }
    return SearchSpace.of(common);
  }

  @Override
  public Map<String, Double> sampleRelative(StudyView study, FrozenTrial trial, SearchSpace space) {
    // the parents the joint phase saw: a generation completing in between (another worker)
    // would bring parents without the space's parameters, and a trial bred from the wrong one
    Parents parents = parentsOfTrial.remove(new TrialKey(study.cacheKey(), trial.number()));
    if (parents == null) {
      parents = parents(study);
    }
    if (parents.generation() < 0 || space.isEmpty()) {
      return Map.of();
    }
    SplittableRandom rng = TrialSeeds.random(config.seed(), trial.number(), "nsga2");
    List<Individual> population = parents.population();
    Map<String, Double> child = rng.nextDouble() < config.crossoverProbability()
        ? crossover(population, space, rng, study.directions().size() > 1)
        : copy(population.get(rng.nextInt(population.size())), space);
    double mutation = config.mutationProbability().orElse(1.0 / Math.max(1, child.size()));
    Map<String, Double> kept = new LinkedHashMap<>();
    for (Map.Entry<String, Double> e : child.entrySet()) {
      if (rng.nextDouble() >= mutation) {
        kept.put(e.getKey(), e.getValue());
      }
    }
    return kept;
  }

  private static Map<String, Double> copy(Individual parent, SearchSpace space) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (String name : space.names()) {
      Double v = parent.trial().internalParams().get(name);
      if (v != null && space.get(name).equals(parent.trial().distributions().get(name))) {
        out.put(name, v);
      }
    }
    return out;
  }

  /** A crossover child, made again while a continuous parameter falls outside its range. */
  private Map<String, Double> crossover(List<Individual> population, SearchSpace space,
      SplittableRandom rng, boolean multiObjective) {
    List<String> numerical = new ArrayList<>();
    List<String> categorical = new ArrayList<>();
    for (Map.Entry<String, Distribution> e : space.parameters().entrySet()) {
      // every parent has the space's parameters, the space being what every complete trial
      // had when the parents were chosen; a parameter some lack is left to random draws
      if (population.stream().allMatch(p -> e.getValue().equals(
          p.trial().distributions().get(e.getKey())))) {
        (e.getValue() instanceof CategoricalDistribution ? categorical : numerical)
            .add(e.getKey());
      }
    }
    Crossover crossover = config.crossover();
    for (int attempt = 1; ; attempt++) {
      List<Individual> chosen = selectParents(population, crossover.parents(), rng);
      Map<String, Double> child = new LinkedHashMap<>();
      for (String name : categorical) {
        boolean first = rng.nextDouble() < config.swappingProbability();
        child.put(name, chosen.get(first ? 0 : chosen.size() - 1).trial().internalParams()
            .get(name));
      }
      if (numerical.isEmpty()) {
        return child;
      }
      double[][] unit = new double[chosen.size()][numerical.size()];
      for (int p = 0; p < chosen.size(); p++) {
        for (int i = 0; i < numerical.size(); i++) {
          String name = numerical.get(i);
          unit[p][i] = UnitScale.toUnit(space.get(name),
              chosen.get(p).trial().internalParams().get(name));
        }
      }
      double[] made = crossover.cross(unit, rng, multiObjective);
      boolean inside = true;
      for (int i = 0; i < made.length; i++) {
        Distribution d = space.get(numerical.get(i));
        boolean continuous = d instanceof FloatDistribution f && !f.hasStep();
        inside &= !continuous || (made[i] >= 0 && made[i] <= 1);
      }
      if (inside || attempt == ATTEMPTS) {
        for (int i = 0; i < made.length; i++) {
          child.put(numerical.get(i), UnitScale.fromUnit(space.get(numerical.get(i)), made[i]));
        }
        return child;
      }
    }
  }

  /** {@code count} different parents, each the winner of a binary tournament. */
  private static List<Individual> selectParents(List<Individual> population, int count,
      SplittableRandom rng) {
    List<Individual> left = new ArrayList<>(population);
    List<Individual> chosen = new ArrayList<>(count);
    for (int k = 0; k < count; k++) {
      Individual a = left.get(rng.nextInt(left.size()));
      Individual b = left.get(rng.nextInt(left.size()));
      Individual winner = a.dominates(b) ? a : b;
      chosen.add(winner);
      left.remove(winner);
    }
    return chosen;
  }

  /**
   * The newest complete generation and its selected parents ({@code -1} and none before the first
   * generation completes), from the stored trials; each generation's selection is cached while
   * its members and the parents before it stay the same.
   */
  private Parents parents(StudyView study) {
    Map<Integer, List<FrozenTrial>> byGeneration = new TreeMap<>();
    for (FrozenTrial t : study.trials(EnumSet.of(TrialState.COMPLETE))) {
      if (t.systemAttrs().get(GENERATION) instanceof Number g) {
        byGeneration.computeIfAbsent(g.intValue(), k -> new ArrayList<>()).add(t);
      }
    }
    int generation = -1;
    List<Individual> population = List.of();
    while (true) {
      List<FrozenTrial> members = byGeneration.getOrDefault(generation + 1, List.of());
      if (members.size() < config.populationSize()) {
        return new Parents(generation, population);
      }
      generation++;
      SelectionKey key = new SelectionKey(generation, Member.of(members),
          Member.of(population.stream().map(Individual::trial).toList()));
      List<Individual> selected;
      synchronized (selections) {
        selected = selections.computeIfAbsent(study.cacheKey(), k -> new HashMap<>()).get(key);
      }
      if (selected == null) {
        List<Individual> candidates = new ArrayList<>(members.size() + population.size());
        Constraints constraints = Constraints.forTrials(config.constraints(), members);
        for (FrozenTrial t : members) {
          candidates.add(Individual.of(t, study.directions(), constraints));
        }
        candidates.addAll(population);
        selected = List.copyOf(Ranking.elite(checkedConstraints(candidates),
            config.populationSize()));
        synchronized (selections) {
          if (selections.computeIfAbsent(study.cacheKey(), k -> new HashMap<>())
              .put(key, selected) == null) {
            entries++;
          }
          var views = selections.entrySet().iterator();
          while (entries > MAX_ENTRIES && selections.size() > 1) {
            var eldest = views.next();
            if (!eldest.getKey().equals(study.cacheKey())) {
              entries -= eldest.getValue().size();
              views.remove();
            }
          }
        }
      }
      population = selected;
    }
  }

  /**
   * The candidates, those whose constraints could not be had, or whose number of values is not
   * the one most candidates have (of equally common ones, the smallest), marked as without
   * constraint values; one WARN line per trial.
   */
  List<Individual> checkedConstraints(List<Individual> candidates) {
    if (candidates.stream().allMatch(i -> i.constraints() == null && !i.missing())) {
      return candidates; // unconstrained
    }
    int usual = Constraints.usualCount(candidates.stream()
        .map(i -> i.missing() ? null : i.constraints()).toList());
    List<Individual> out = new ArrayList<>(candidates.size());
    for (Individual i : candidates) {
      if (!i.missing() && i.constraints().length != usual) {
        i = i.withoutConstraints("it has " + i.constraints().length + " constraint values, most "
            + "trials " + usual);
      }
      boolean reported = i.missing() && i.trial().constraintValues().isEmpty()
          && i.trial().systemAttrs().containsKey(FrozenTrial.CONSTRAINTS); // by the study
      if (i.missing() && !reported && warned.add(i.trial().id() + ":" + i.number())) {
        LOG.warn("NsgaIISampler: trial {} has no usable constraint values ({}); it ranks below "
            + "every trial that has them", i.number(), i.problem());
      }
      out.add(i);
    }
    return out;
  }

  @Override
  public Constraints constraints() {
    return config.constraints();
  }

  @Override
  public double sampleIndependent(
      StudyView study, FrozenTrial trial, String name, Distribution distribution) {
    return independent.sampleIndependent(study, trial, name, distribution);
  }

  @Override
  public String toString() {
    return "NsgaIISampler(" + config + ")";
  }
}
