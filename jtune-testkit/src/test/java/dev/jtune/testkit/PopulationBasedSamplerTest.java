package dev.jtune.testkit;

import dev.jtune.sampler.Sampler;
import dev.jtune.sampler.pbt.PopulationBasedSampler;

/**
 * The sampler contract for population-based training, with 6 members: more than the contract's
 * 4 threads, so that a member is always free. Every parameter is explored here (the contract's
 * objectives keep no checkpoints, and every kind of distribution must stay in range when
 * perturbed).
 */
class PopulationBasedSamplerTest extends SamplerContract {
  @Override
  protected Sampler newSampler(long seed) {
    return new PopulationBasedSampler(dev.jtune.sampler.pbt.PopulationBasedConfig.defaults()
        .withPopulationSize(6).withSeed(seed).withMutable(java.util.Set.of("uniform", "log",
            "step", "int", "intLog", "intStep", "choice", "color", "flag", "fixed", "x", "y")));
  }
}
