/**
 * Samplers: the {@link dev.jtune.sampler.Sampler} contract and the samplers that need no model:
 * {@link dev.jtune.sampler.RandomSampler}, {@link dev.jtune.sampler.GridSampler} and
 * {@link dev.jtune.sampler.SobolSampler}. All are seeded per trial number, so parallel runs are
 * reproducible.
 */
package dev.jtune.sampler;
