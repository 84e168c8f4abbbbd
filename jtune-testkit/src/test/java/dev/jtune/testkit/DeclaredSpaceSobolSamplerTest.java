package dev.jtune.testkit;

import dev.jtune.sampler.Sampler;
import dev.jtune.sampler.SobolSampler;
import dev.jtune.space.SearchSpace;

/** The Sobol sampler with a declared space that covers part of the contract's parameters. */
class DeclaredSpaceSobolSamplerTest extends SamplerContract {
  @Override
  protected Sampler newSampler(long seed) {
    SearchSpace space = SearchSpace.builder()
        .uniform("uniform", -2.5, 4.0)
        .logUniform("log", 1e-5, 1e-1)
        .stepped("step", 0.1, 1.0, 0.1)
        .intRange("int", -3, 7)
        .logIntRange("intLog", 1, 1024)
        .build();
    return new SobolSampler(space, seed);
  }
}
