/**
 * CMA-ES with restarts and margin: {@link dev.jtune.sampler.cmaes.CmaEsSampler} and its settings
 * {@link dev.jtune.sampler.cmaes.CmaEsConfig}. The evolution strategy itself is package-private.
 */
package dev.jtune.sampler.cmaes;
