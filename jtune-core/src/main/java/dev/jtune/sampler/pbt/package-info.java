/**
 * Population-based training: {@link dev.jtune.sampler.pbt.PopulationBasedSampler}, its settings
 * {@link dev.jtune.sampler.pbt.PopulationBasedConfig}, and {@link dev.jtune.sampler.pbt.Segment},
 * what each trial of the population trains, which the objective reads to know where to start.
 */
package dev.jtune.sampler.pbt;
