package dev.jtune.cli.config;

import dev.jtune.sampler.BruteForceSampler;
import dev.jtune.sampler.GridSampler;
import dev.jtune.sampler.RandomSampler;
import dev.jtune.sampler.Sampler;
import dev.jtune.sampler.auto.AutoSampler;
import dev.jtune.sampler.cmaes.CmaEsConfig;
import dev.jtune.sampler.cmaes.CmaEsSampler;
import dev.jtune.sampler.gp.GpConfig;
import dev.jtune.sampler.gp.GpSampler;
import dev.jtune.sampler.nsga.Crossover;
import dev.jtune.sampler.nsga.NsgaIIConfig;
import dev.jtune.sampler.nsga.NsgaIISampler;
import dev.jtune.sampler.SobolSampler;
import dev.jtune.sampler.pbt.PopulationBasedConfig;
import dev.jtune.sampler.pbt.PopulationBasedSampler;
import dev.jtune.sampler.tpe.TpeConfig;
import dev.jtune.sampler.tpe.TpeSampler;
import dev.jtune.space.CategoricalDistribution;
import dev.jtune.space.Distribution;
import dev.jtune.space.FloatDistribution;
import dev.jtune.space.IntDistribution;
import dev.jtune.space.SearchSpace;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The samplers a study file may name: an explicit map from name to factory (no classpath
 * scanning). Each entry lists the settings keys it reads; the {@code sampler} section of a study
 * file is {@code name} plus those keys, e.g. {@code {name: tpe, seed: 42, startup-trials: 10}}.
 *
 * <p>Standard entries: {@code auto} (the library's default: GP, then TPE after {@code gp-trials};
 * seed, gp-trials), {@code random} (seed), {@code sobol} (seed, scramble), {@code grid} (needs a
 * declared space whose floats have steps), {@code brute-force} (seed: Optuna's
 * {@code BruteForceSampler}, every combination of a finite space the objective may define as it
 * runs, conditional parameters included), {@code tpe} (seed,
 * startup-trials, ei-candidates, multivariate, group, constant-liar, quasi-random-startup),
 * {@code gp} (seed, startup-trials, acquisition: log-ei|ucb, ucb-kappa, deterministic-objective,
 * warp-outputs, refine-noisy, candidates), {@code cmaes} (seed, startup-trials, sigma0, popsize,
 * restarts, margin), {@code nsga2} (seed, population-size, mutation-probability, crossover:
 * uniform|blx-alpha|sbx|vsbx|undx|spx, crossover-probability, swapping-probability; Optuna's
 * default for studies of several objectives, where {@code auto} gives the GP, then TPE),
 * {@code pbt} (population-based training of a training study's networks: seed, population-size,
 * quantile-fraction, resample-probability, perturbation-factors, mutable; the checkpoints go to
 * {@code training.checkpoints}), {@code pb2} (population-based bandits: the same keys, the
 * explored numbers chosen by GP-UCB on each interval's improvement).
 * Thread-safe once built; {@link #register} is for building.
 */
public final class SamplerRegistry {

  /** Builds a sampler from its settings and the declared search space (possibly empty). */
  @FunctionalInterface
  public interface Factory {
    /**
     * @throws ConfigException for settings that do not fit; an {@link IllegalArgumentException}
     *     from a config record is turned into one at the section's position
     */
    Sampler create(Section settings, SearchSpace space);
  }

  private record Entry(List<String> keys, Factory factory) {}

  /** The largest grid the grid sampler accepts. */
  public static final long MAX_GRID = 1_000_000;

  /** The keys of population-based training's and bandits' sections. */
  private static final List<String> POPULATION_KEYS = List.of("seed", "population-size",
      "quantile-fraction", "resample-probability", "perturbation-factors", "mutable");

  private final Map<String, Entry> entries = new LinkedHashMap<>();

  /** An empty registry. */
  public SamplerRegistry() {}

  /** The registry of the samplers jtune ships. */
  public static SamplerRegistry standard() {
    return new SamplerRegistry()
        .register("auto", List.of("seed", "gp-trials"), (s, space) -> new AutoSampler(
            s.has("seed") ? s.longValue("seed", 0) : new java.util.Random().nextLong(),
            s.integer("gp-trials", AutoSampler.DEFAULT_GP_TRIALS, 0, 1_000_000)))
        .register("random", List.of("seed"), (s, space) -> s.has("seed")
            ? new RandomSampler(s.longValue("seed", 0)) : new RandomSampler())
        .register("brute-force", List.of("seed"), (s, space) -> s.has("seed")
            ? new BruteForceSampler(s.longValue("seed", 0)) : new BruteForceSampler())
        .register("sobol", List.of("seed", "scramble"), (s, space) -> {
          long seed = s.has("seed") ? s.longValue("seed", 0) : new java.util.Random().nextLong();
          return space.isEmpty() ? new SobolSampler(seed)
              : new SobolSampler(space, seed, s.bool("scramble", true));
        })
        .register("grid", List.of(), (s, space) -> {
          if (space.isEmpty()) {
            throw new ConfigException(s.origin(), s.path(), "the grid sampler needs a declared "
                + "space (a 'space' section whose floats have steps)");
          }
          double points = 1;
          for (var e : space.parameters().entrySet()) {
            points *= gridSize(e.getValue());
          }
          if (points > MAX_GRID) {
            throw new ConfigException(s.origin(), s.path(), "the grid has " + String.format("%.3g",
                points) + " points; at most " + MAX_GRID + " are supported (use coarser steps or "
                + "another sampler)");
          }
          return GridSampler.over(space);
        })
        .register("tpe", List.of("seed", "startup-trials", "ei-candidates", "multivariate", "group",
            "constant-liar", "quasi-random-startup"), (s, space) -> {
              TpeConfig c = TpeConfig.defaults();
              if (s.has("seed")) {
                c = c.withSeed(s.longValue("seed", 0));
              }
              c = c.withStartupTrials(s.integer("startup-trials", c.startupTrials(), 0, 1_000_000))
                  .withEiCandidates(s.integer("ei-candidates", c.eiCandidates(), 1, 1_000_000))
                  .withMultivariate(s.bool("multivariate", c.multivariate()))
                  .withGroup(s.bool("group", c.group()))
                  .withConstantLiar(s.bool("constant-liar", c.constantLiar()))
                  .withQuasiRandomStartup(s.bool("quasi-random-startup", c.quasiRandomStartup()));
              return new TpeSampler(c);
            })
        .register("gp", List.of("seed", "startup-trials", "acquisition", "ucb-kappa",
            "deterministic-objective", "warp-outputs", "prior-mean", "refine-noisy",
            "candidates"),
            (s, space) -> {
              GpConfig c = GpConfig.defaults();
              if (s.has("seed")) {
                c = c.withSeed(s.longValue("seed", 0));
              }
              String acquisition = s.word("acquisition", List.of("log-ei", "ucb"),
                  c.acquisition() == GpConfig.Acquisition.UCB ? "ucb" : "log-ei");
              String priorMean = s.word("prior-mean", List.of("quadratic", "constant"),
                  c.priorMean() == GpConfig.PriorMean.CONSTANT ? "constant" : "quadratic");
              return new GpSampler(c
                  .withStartupTrials(s.integer("startup-trials", c.startupTrials(), 1, 1_000_000))
                  .withAcquisition(acquisition.equals("ucb") ? GpConfig.Acquisition.UCB
                      : GpConfig.Acquisition.LOG_EI)
                  .withUcbKappa(s.number("ucb-kappa", c.ucbKappa(), 0, 1e6))
                  .withDeterministicObjective(s.bool("deterministic-objective",
                      c.deterministicObjective()))
                  .withWarpOutputs(s.bool("warp-outputs", c.warpOutputs()))
                  .withPriorMean(priorMean.equals("constant") ? GpConfig.PriorMean.CONSTANT
                      : GpConfig.PriorMean.QUADRATIC)
                  .withRefineNoisy(s.bool("refine-noisy", c.refineNoisy()))
                  .withCandidates(s.integer("candidates", c.candidates(), 1, 1_000_000)));
            })
        .register("cmaes", List.of("seed", "startup-trials", "sigma0", "popsize", "restarts",
            "margin"), (s, space) -> {
              CmaEsConfig c = CmaEsConfig.defaults();
              if (s.has("seed")) {
                c = c.withSeed(s.longValue("seed", 0));
              }
              c = c.withStartupTrials(s.integer("startup-trials", c.startupTrials(), 0, 1_000_000))
                  .withRestarts(s.bool("restarts", c.restarts()))
                  .withMargin(s.bool("margin", c.margin()));
              if (s.has("sigma0")) {
                c = c.withSigma0(s.number("sigma0", 0, Double.MIN_VALUE, 1e6));
              }
              if (s.has("popsize")) {
                c = c.withPopsize(s.integer("popsize", 0, 2, 100_000));
              }
              return new CmaEsSampler(c);
            })
        .register("nsga2", List.of("seed", "population-size", "mutation-probability",
            "crossover", "crossover-probability", "swapping-probability"), (s, space) -> {
              NsgaIIConfig c = NsgaIIConfig.defaults();
              if (s.has("seed")) {
                c = c.withSeed(s.longValue("seed", 0));
              }
              String crossover = s.word("crossover", List.of("uniform", "blx-alpha", "sbx", "vsbx",
                  "undx", "spx"), "uniform");
              double swapping = s.number("swapping-probability", c.swappingProbability(), 0, 1);
              c = c.withSwappingProbability(swapping)
                  .withCrossoverProbability(s.number("crossover-probability",
                      c.crossoverProbability(), 0, 1))
                  .withCrossover(switch (crossover) {
                    case "blx-alpha" -> new Crossover.BlxAlpha(0.5);
                    case "sbx" -> new Crossover.Sbx(java.util.OptionalDouble.empty());
                    case "vsbx" -> new Crossover.Vsbx(java.util.OptionalDouble.empty());
                    case "undx" -> new Crossover.Undx();
                    case "spx" -> new Crossover.Spx(java.util.OptionalDouble.empty());
                    default -> new Crossover.Uniform(swapping);
                  })
                  .withPopulationSize(s.integer("population-size", c.populationSize(), 2,
                      1_000_000));
              if (s.has("mutation-probability")) {
                c = c.withMutationProbability(s.number("mutation-probability", 0, 0, 1));
              }
              return new NsgaIISampler(c);
            })
        .register("pbt", POPULATION_KEYS,
            (s, space) -> populationBased(s, PopulationBasedConfig.Exploration.PERTURB))
        .register("pb2", POPULATION_KEYS,
            (s, space) -> populationBased(s, PopulationBasedConfig.Exploration.BANDIT));
  }

  /**
   * Population-based training ({@code pbt}) or bandits ({@code pb2}, whose explore step uses the
   * resample probability and perturbation factors for choices, and for numbers until the
   * population has a history to model).
   */
  private static PopulationBasedSampler populationBased(Section s,
      PopulationBasedConfig.Exploration exploration) {
    PopulationBasedConfig c = PopulationBasedConfig.defaults();
    if (s.has("seed")) {
      c = c.withSeed(s.longValue("seed", 0));
    }
    c = c.withPopulationSize(s.integer("population-size", c.populationSize(), 2,
            100_000))
        .withQuantileFraction(s.number("quantile-fraction", c.quantileFraction(),
            Double.MIN_VALUE, 0.5))
        .withResampleProbability(s.number("resample-probability",
            c.resampleProbability(), 0, 1));
    if (s.has("perturbation-factors")) {
      List<Double> factors = new ArrayList<>();
      for (ConfigValue v : s.list("perturbation-factors", "numbers, e.g. [0.8, 1.2]")
          .orElseThrow()) {
        factors.add(s.number(v, "perturbation-factors", Double.MIN_VALUE, 1e6));
      }
      c = c.withPerturbationFactors(factors);
    }
    if (s.has("mutable")) {
      Set<String> names = new java.util.LinkedHashSet<>();
      for (ConfigValue v : s.list("mutable", "parameter names, e.g. [lr, dropout]")
          .orElseThrow()) {
        if (!(v instanceof ConfigValue.Scalar name) || name.text().isBlank()) {
          throw s.error(v, "mutable", "expected a parameter name, got " + v);
        }
        names.add(name.text());
      }
      c = c.withMutable(names);
    }
    return new PopulationBasedSampler(c.withExploration(exploration));
  }

  private static double gridSize(Distribution d) {
    if (d instanceof CategoricalDistribution c) {
      return c.choices().size();
    }
    if (d instanceof IntDistribution i) {
      return i.gridSize();
    }
    FloatDistribution f = (FloatDistribution) d;
    return f.isSingle() || !f.hasStep() ? 1 : f.gridSize(); // a continuous float: GridSampler says so
  }

  /**
   * Adds a sampler under a name, with the settings keys its factory reads ({@code name} is always
   * valid).
   *
   * @throws IllegalArgumentException if the name is taken
   */
  public SamplerRegistry register(String name, List<String> keys, Factory factory) {
    Objects.requireNonNull(factory, "factory");
    if (entries.containsKey(name)) {
      throw new IllegalArgumentException("sampler '" + name + "' is already registered");
    }
    List<String> all = new ArrayList<>(List.of("name"));
    all.addAll(keys);
    entries.put(name, new Entry(List.copyOf(all), factory));
    return this;
  }

  /** Whether the named sampler takes a {@code seed} setting (false for unknown names). */
  public boolean takesSeed(String name) {
    Entry e = entries.get(name);
    return e != null && e.keys().contains("seed");
  }

  /** The registered names, in registration order. */
  public Set<String> names() {
    return entries.keySet();
  }

  /**
   * Builds the sampler a {@code sampler} section names.
   *
   * @throws ConfigException for an unknown name (suggesting the closest), an unknown key, or a
   *     setting out of range
   */
  public Sampler create(ConfigValue.Mapping section, String path, SearchSpace space) {
    Section names = Section.of(section, path, new ArrayList<>(section.entries().keySet()));
    String name = names.requireString("name", "a sampler name: " + String.join(", ", names()));
    Entry entry = entries.get(name);
    if (entry == null) {
      throw names.error(names.value("name").orElseThrow(), "name",
          KeySuggestion.unknown("sampler", name, List.copyOf(names())));
    }
    Section settings = Section.of(section, path, entry.keys());
    try {
      return entry.factory().create(settings, space);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(section.origin(), path, e.getMessage());
    }
  }
}
