package dev.jtune.cli.config;

import dev.jtune.sampler.Sampler;
import java.security.SecureRandom;
import java.util.Objects;

/**
 * The sampler seed of a study file that gives none. It is drawn when the file is read and stored
 * with the study in its configuration, so that every worker's sampler is the same one; a resumed
 * run, {@code demo} or {@code ask --config} of a stored study then keeps the stored seed instead
 * of drawing another, so a seeded sequence (Sobol') stays one sequence across processes and runs.
 */
final class SamplerSeeds {
  /** Where a drawn seed comes from: how {@link #keepStored} tells a drawn seed from a given one. */
  private static final Origin DRAWN = Origin.of("a seed drawn for this study");

  private final SamplerRegistry samplers;

  SamplerSeeds(SamplerRegistry samplers) {
    this.samplers = samplers;
  }

  /**
   * The tree with a drawn seed in the sampler section when the sampler takes one and the file gives
   * none ({@code seed: ~} included; the default sampler is auto, as in the library).
   */
  ConfigValue.Mapping drawIfMissing(ConfigValue.Mapping root) {
    ConfigValue v = root.entries().get("sampler");
    ConfigValue.Mapping section;
    if (v == null || v instanceof ConfigValue.Scalar s && s.isNull()) {
      section = ConfigValue.Mapping.empty(DRAWN).with("name",
          new ConfigValue.Scalar("auto", false, Origin.of("the default sampler")));
    } else if (v instanceof ConfigValue.Scalar s) {
      section = ConfigValue.Mapping.empty(s.origin()).with("name", s);
    } else if (v instanceof ConfigValue.Mapping m) {
      section = m;
    } else {
      return root; // reported by the sampler's own check
    }
    ConfigValue name = section.entries().get("name");
    boolean seeded = section.entries().get("seed") instanceof ConfigValue.Scalar given
        && !given.isNull();   // seed: ~ means the default, a drawn seed, as no key does
    if (!(name instanceof ConfigValue.Scalar n) || !samplers.takesSeed(n.text()) || seeded) {
      return section == v ? root : root.with("sampler", section);
    }
    long seed = new SecureRandom().nextLong();
    return root.with("sampler", section.with("seed",
        new ConfigValue.Scalar(Long.toString(seed), false, DRAWN)));
  }

  /**
   * {@code config} with the sampler seed stored with its study (in {@code storedYaml}) where
   * {@code config}'s own was drawn, for the same sampler: a resumed run, a later
   * {@code ask --config} and the workers then continue one seeded sequence instead of each
   * drawing another (and storing it over the first). Anything else returns {@code config}.
   */
  StudyConfig keepStored(StudyConfig config, String storedYaml) {
    if (!(config.source().entries().get("sampler") instanceof ConfigValue.Mapping section)
        || !(section.entries().get("seed") instanceof ConfigValue.Scalar seed)
        || !seed.origin().describe().equals(DRAWN.describe())) {
      return config;
    }
    ConfigValue.Scalar stored;
    try {
      if (!(YamlSource.parse(storedYaml, "stored configuration").entries().get("sampler")
          instanceof ConfigValue.Mapping storedSection)
          || !(storedSection.entries().get("seed") instanceof ConfigValue.Scalar s)
          || s.isNull()
          || !Objects.equals(text(storedSection.entries().get("name")),
              text(section.entries().get("name")))) {
        return config;
      }
      stored = s;
    } catch (RuntimeException unreadable) {
      return config;
    }
    ConfigValue.Mapping withStored = section.with("seed", stored);
    Sampler sampler = samplers.create(withStored, "sampler", config.space().flat());
    return new StudyConfig(config.name(), config.directions(), config.storage(),
        config.objective(), config.space(), sampler, config.pruner(), config.trials(),
        config.timeout(), config.jobs(), config.parallelHistory(), config.metricNames(),
        config.constraints(), config.source().with("sampler", withStored), config.terminator());
  }

  private static String text(ConfigValue v) {
    return v instanceof ConfigValue.Scalar s && !s.isNull() ? s.text() : null;
  }
}
