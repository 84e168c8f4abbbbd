package dev.jtune.testkit;

import dev.jtune.sampler.Sampler;
import dev.jtune.sampler.nsga.NsgaIIConfig;
import dev.jtune.sampler.nsga.NsgaIISampler;

/** The sampler contract for NSGA-II, with generations of 12 so that the runs breed several. */
class NsgaIISamplerTest extends SamplerContract {
  @Override
  protected Sampler newSampler(long seed) {
    return new NsgaIISampler(NsgaIIConfig.defaults().withSeed(seed).withPopulationSize(12));
  }
}
