package dev.jtune.bench;

import dev.jtune.sampler.cmaes.CmaEsConfig;
import dev.jtune.sampler.cmaes.CmaEsSampler;
import dev.jtune.sampler.gp.GpConfig;
import dev.jtune.sampler.gp.GpSampler;
import dev.jtune.sampler.tpe.TpeConfig;
import dev.jtune.sampler.tpe.TpeSampler;

/**
 * The registration point of the samplers that learn from history, shared by every benchmark that
 * measures them ({@code quality}, {@code overhead}). Each sampler package adds its own lines here,
 * under its own comment, with the names the peer scripts use where the peer has one.
 */
final class ModelBasedSamplers {
  private ModelBasedSamplers() {}

  /** Adds the model-based samplers to {@code registry} and returns it. */
  static SamplerRegistry registerInto(SamplerRegistry registry) {
    // TPE (dev.jtune.sampler.tpe): "tpe" independent, "tpe_mv" multivariate with groups (the
    // peer's tpe_mv is TPESampler(multivariate=True, group=True)).
    registry.register("tpe", seed -> new TpeSampler(TpeConfig.defaults().withSeed(seed)));
    registry.register("tpe_mv", seed -> new TpeSampler(
        TpeConfig.defaults().withSeed(seed).withMultivariate(true).withGroup(true)));
    // Ablations of jtune's two departures from the peer, to measure them (docs/benchmarks.md).
    registry.register("tpe_normalized", seed -> new TpeSampler(
        TpeConfig.defaults().withSeed(seed).withBandwidthWeightedScore(false)));
    registry.register("tpe_uniform_startup", seed -> new TpeSampler(
        TpeConfig.defaults().withSeed(seed).withQuasiRandomStartup(false)));

    // GP (dev.jtune.sampler.gp): "gp" with the defaults (log-EI, kriging believer).
    registry.register("gp", seed -> new GpSampler(GpConfig.defaults().withSeed(seed)));
    // Ablation of the quadratic prior mean (docs/benchmarks.md).
    registry.register("gp_constant_mean", seed -> new GpSampler(
        GpConfig.defaults().withSeed(seed).withPriorMean(GpConfig.PriorMean.CONSTANT)));

    // CMA-ES (dev.jtune.sampler.cmaes): "cmaes" with the defaults (IPOP restarts, margin).
    registry.register("cmaes", seed -> new CmaEsSampler(CmaEsConfig.defaults().withSeed(seed)));
    registry.register("auto", seed -> new dev.jtune.sampler.auto.AutoSampler(seed));
    return registry;
  }
}
