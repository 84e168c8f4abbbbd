package dev.jtune.testkit;

import dev.jtune.sampler.Sampler;
import dev.jtune.sampler.SobolSampler;

class SobolSamplerTest extends SamplerContract {
  @Override
  protected Sampler newSampler(long seed) {
    return new SobolSampler(seed);
  }
}
