/**
 * Bayesian optimization with a Gaussian process: {@link dev.jtune.sampler.gp.GpSampler} and its
 * settings {@link dev.jtune.sampler.gp.GpConfig}. The model, its fit and the acquisition function
 * are package-private.
 */
package dev.jtune.sampler.gp;
