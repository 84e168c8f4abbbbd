package dev.jtune.testkit;

import dev.jtune.sampler.Sampler;
import dev.jtune.sampler.pbt.PopulationBasedConfig;
import dev.jtune.sampler.pbt.PopulationBasedSampler;
import java.util.Set;

/**
 * The sampler contract for population-based bandits (PB2), set up as
 * {@link PopulationBasedSamplerTest}: every parameter explored, so that the bandit's choices of
 * every kind of number (log, stepped, integer) must stay in range and on their grids.
 */
class PopulationBasedBanditsSamplerTest extends SamplerContract {
  @Override
  protected Sampler newSampler(long seed) {
    return new PopulationBasedSampler(PopulationBasedConfig.defaults()
        .withPopulationSize(6).withSeed(seed)
        .withExploration(PopulationBasedConfig.Exploration.BANDIT)
        .withMutable(Set.of("uniform", "log", "step", "int", "intLog", "intStep", "choice",
            "color", "flag", "fixed", "x", "y")));
  }
}
