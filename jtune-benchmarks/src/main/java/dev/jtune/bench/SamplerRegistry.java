package dev.jtune.bench;

import dev.jtune.sampler.RandomSampler;
import dev.jtune.sampler.Sampler;
import dev.jtune.sampler.SobolSampler;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.LongFunction;

/**
 * The samplers a benchmark can name on its command line: an explicit name to seeded-factory table,
 * plus the names that exist but do not apply (with the reason), so that a typo and a deliberate
 * omission get different messages.
 */
final class SamplerRegistry {
  private final Map<String, LongFunction<Sampler>> factories = new LinkedHashMap<>();
  private final Map<String, String> notApplicable = new LinkedHashMap<>();

  /** The samplers of the per-trial overhead benchmark (continuous space, any number of trials). */
  static SamplerRegistry forOverhead() {
    SamplerRegistry registry = new SamplerRegistry()
        .register("random", RandomSampler::new)
        .register("sobol", SobolSampler::new)
        .notApplicable("grid", "a grid sampler needs a finite grid and stops once it is exhausted");
    return ModelBasedSamplers.registerInto(registry);
  }

  /**
   * The samplers of the quality benchmark: every sampler that can search the whole suite
   * (define-by-run, conditional and categorical parameters included).
   */
  static SamplerRegistry forQuality() {
    SamplerRegistry registry = new SamplerRegistry()
        .register("random", RandomSampler::new)
        .register("sobol", SobolSampler::new);
    return ModelBasedSamplers.registerInto(registry);
  }

  SamplerRegistry register(String name, LongFunction<Sampler> factory) {
    if (factories.putIfAbsent(name, factory) != null) {
      throw new IllegalArgumentException("sampler '" + name + "' is already registered");
    }
    return this;
  }

  SamplerRegistry notApplicable(String name, String reason) {
    notApplicable.put(name, reason);
    return this;
  }

  /** The registered names, in registration order. */
  Set<String> names() {
    return factories.keySet();
  }

  /**
   * Checks a name without creating anything.
   *
   * @throws IllegalArgumentException naming the known samplers if {@code name} is not one of them
   */
  void check(String name) {
    if (factories.containsKey(name)) {
      return;
    }
    String reason = notApplicable.get(name);
    throw new IllegalArgumentException(reason != null
        ? "sampler '" + name + "' does not apply here: " + reason
        : "unknown sampler '" + name + "'; known: " + String.join(", ", names()));
  }

  /** A new sampler seeded with {@code seed}; see {@link #check}. */
  Sampler create(String name, long seed) {
    check(name);
    return factories.get(name).apply(seed);
  }
}
