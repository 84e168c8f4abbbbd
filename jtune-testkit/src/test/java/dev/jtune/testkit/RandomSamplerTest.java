package dev.jtune.testkit;

import dev.jtune.sampler.RandomSampler;
import dev.jtune.sampler.Sampler;

class RandomSamplerTest extends SamplerContract {
  @Override
  protected Sampler newSampler(long seed) {
    return new RandomSampler(seed);
  }
}
