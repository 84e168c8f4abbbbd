package dev.jtune.testkit;

import dev.jtune.sampler.Sampler;
import dev.jtune.sampler.tpe.TpeConfig;
import dev.jtune.sampler.tpe.TpeSampler;

class MultivariateTpeSamplerTest extends SamplerContract {
  @Override
  protected Sampler newSampler(long seed) {
    return new TpeSampler(TpeConfig.defaults().withSeed(seed).withMultivariate(true));
  }

}
