package dev.jtune.cli.config;

import dev.jtune.pruner.HyperbandConfig;
import dev.jtune.pruner.PatientConfig;
import dev.jtune.pruner.PercentileConfig;
import dev.jtune.pruner.Pruner;
import dev.jtune.pruner.SuccessiveHalvingConfig;
import dev.jtune.pruner.ThresholdConfig;
import dev.jtune.pruner.WilcoxonConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The pruners a study file may name: an explicit map from name to factory (no classpath scanning).
 * The {@code pruner} section of a study file is {@code name} plus the entry's keys, e.g.
 * {@code {name: median, startup-trials: 5, warmup-steps: 2}}.
 *
 * <p>Standard entries: {@code none}; {@code median} and {@code percentile} (percentile,
 * startup-trials, warmup-steps, interval-steps, min-trials); {@code successive-halving} (min-resource,
 * max-resource, reduction-factor, min-early-stopping-rate, bootstrap-count); {@code hyperband}
 * (min-resource, max-resource, reduction-factor, bootstrap-count); {@code threshold} (lower, upper,
 * warmup-steps, interval-steps); {@code wilcoxon} (p-threshold, startup-steps: Optuna's
 * {@code WilcoxonPruner}, which compares a training study's trials fold by fold); {@code patient}
 * (patience, min-delta, and {@code wrapped}: another pruner section). Thread-safe once built.
 */
public final class PrunerRegistry {

  /** Builds a pruner from its settings. */
  @FunctionalInterface
  public interface Factory {
    /** @throws ConfigException for settings that do not fit */
    Pruner create(Section settings, PrunerRegistry registry);
  }

  private record Entry(List<String> keys, Factory factory) {}

  private static final List<String> PERCENTILE_KEYS =
      List.of("startup-trials", "warmup-steps", "interval-steps", "min-trials");

  private final Map<String, Entry> entries = new LinkedHashMap<>();

  /** An empty registry. */
  public PrunerRegistry() {}

  /** The registry of the pruners jtune ships. */
  public static PrunerRegistry standard() {
    List<String> percentileKeys = new ArrayList<>(List.of("percentile"));
    percentileKeys.addAll(PERCENTILE_KEYS);
    return new PrunerRegistry()
        .register("none", List.of(), (s, r) -> Pruner.none())
        .register("median", PERCENTILE_KEYS,
            (s, r) -> Pruner.percentile(percentile(s, PercentileConfig.median())))
        .register("percentile", percentileKeys, (s, r) -> Pruner.percentile(percentile(s,
            PercentileConfig.of(s.requireNumber("percentile", 0, 100)))))
        .register("successive-halving", List.of("min-resource", "max-resource", "reduction-factor",
            "min-early-stopping-rate", "bootstrap-count"), (s, r) -> {
              SuccessiveHalvingConfig c = SuccessiveHalvingConfig.defaults();
              if (s.has("min-resource")) {
                c = c.withMinResource(s.integer("min-resource", 1, 1, Integer.MAX_VALUE));
              }
              if (s.has("max-resource")) {
                c = c.withMaxResource(s.integer("max-resource", 1, 1, Integer.MAX_VALUE));
              }
              c = c.withReductionFactor(s.integer("reduction-factor", c.reductionFactor(), 2, 1000))
                  .withMinEarlyStoppingRate(s.integer("min-early-stopping-rate",
                      c.minEarlyStoppingRate(), 0, 1000))
                  .withBootstrapCount(s.integer("bootstrap-count", c.bootstrapCount(), 0,
                      Integer.MAX_VALUE));
              return Pruner.successiveHalving(c);
            })
        .register("hyperband", List.of("min-resource", "max-resource", "reduction-factor",
            "bootstrap-count"), (s, r) -> {
              HyperbandConfig c = HyperbandConfig.defaults();
              c = c.withMinResource(s.integer("min-resource", c.minResource(), 1, Integer.MAX_VALUE));
              if (s.has("max-resource")) {
                c = c.withMaxResource(s.integer("max-resource", 1, 1, Integer.MAX_VALUE));
              }
              c = c.withReductionFactor(s.integer("reduction-factor", c.reductionFactor(), 2, 1000))
                  .withBootstrapCount(s.integer("bootstrap-count", c.bootstrapCount(), 0,
                      Integer.MAX_VALUE));
              return Pruner.hyperband(c);
            })
        .register("threshold", List.of("lower", "upper", "warmup-steps", "interval-steps"),
            (s, r) -> Pruner.threshold(ThresholdConfig.between(
                    s.number("lower", Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY,
                        Double.POSITIVE_INFINITY),
                    s.number("upper", Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
                        Double.POSITIVE_INFINITY))
                .withWarmupSteps(s.integer("warmup-steps", 0, 0, Integer.MAX_VALUE))
                .withIntervalSteps(s.integer("interval-steps", 1, 1, Integer.MAX_VALUE))))
        .register("wilcoxon", List.of("p-threshold", "startup-steps"), (s, r) -> {
          WilcoxonConfig c = WilcoxonConfig.defaults();
          return Pruner.wilcoxon(c.withPThreshold(s.number("p-threshold", c.pThreshold(), 0, 1))
              .withStartupSteps(s.integer("startup-steps", c.startupSteps(), 0,
                  Integer.MAX_VALUE)));
        })
        .register("patient", List.of("patience", "min-delta", "wrapped"), (s, r) -> {
          PatientConfig c = new PatientConfig(s.integer("patience", 0, 0, Integer.MAX_VALUE),
              s.number("min-delta", 0, 0, Double.POSITIVE_INFINITY));
          if (!s.has("wrapped")) {
            return Pruner.patient(c);
          }
          ConfigValue w = s.value("wrapped").orElseThrow();
          if (!(w instanceof ConfigValue.Mapping m)) {
            throw s.error(w, "wrapped", "expected a pruner section such as {name: median}, found "
                + Section.describe(w));
          }
          return Pruner.patient(r.create(m, s.path("wrapped")), c);
        });
  }

  private static PercentileConfig percentile(Section s, PercentileConfig c) {
    return c.withStartupTrials(s.integer("startup-trials", c.startupTrials(), 0, Integer.MAX_VALUE))
        .withWarmupSteps(s.integer("warmup-steps", c.warmupSteps(), 0, Integer.MAX_VALUE))
        .withIntervalSteps(s.integer("interval-steps", c.intervalSteps(), 1, Integer.MAX_VALUE))
        .withMinTrials(s.integer("min-trials", c.minTrials(), 1, Integer.MAX_VALUE));
  }

  /**
   * Adds a pruner under a name with the settings keys its factory reads ({@code name} is always
   * valid).
   *
   * @throws IllegalArgumentException if the name is taken
   */
  public PrunerRegistry register(String name, List<String> keys, Factory factory) {
    Objects.requireNonNull(factory, "factory");
    if (entries.containsKey(name)) {
      throw new IllegalArgumentException("pruner '" + name + "' is already registered");
    }
    List<String> all = new ArrayList<>(List.of("name"));
    all.addAll(keys);
    entries.put(name, new Entry(List.copyOf(all), factory));
    return this;
  }

  /** The registered names, in registration order. */
  public Set<String> names() {
    return entries.keySet();
  }

  /**
   * Builds the pruner a {@code pruner} section names.
   *
   * @throws ConfigException for an unknown name (suggesting the closest), an unknown key, or a
   *     setting out of range
   */
  public Pruner create(ConfigValue.Mapping section, String path) {
    Section any = Section.of(section, path, new ArrayList<>(section.entries().keySet()));
    String name = any.requireString("name", "a pruner name: " + String.join(", ", names()));
    Entry entry = entries.get(name);
    if (entry == null) {
      throw any.error(any.value("name").orElseThrow(), "name",
          KeySuggestion.unknown("pruner", name, List.copyOf(names())));
    }
    Section settings = Section.of(section, path, entry.keys());
    try {
      return entry.factory().create(settings, this);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(section.origin(), path, e.getMessage());
    }
  }
}
