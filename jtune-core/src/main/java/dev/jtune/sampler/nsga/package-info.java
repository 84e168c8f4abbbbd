/**
 * NSGA-II for studies of several objectives (and one): {@link dev.jtune.sampler.nsga.NsgaIISampler},
 * its settings {@link dev.jtune.sampler.nsga.NsgaIIConfig}, the crossover operators
 * {@link dev.jtune.sampler.nsga.Crossover} and optional
 * {@link dev.jtune.sampler.Constraints}. Ranking (non-dominated sorting, crowding distance)
 * is package-private.
 */
package dev.jtune.sampler.nsga;
