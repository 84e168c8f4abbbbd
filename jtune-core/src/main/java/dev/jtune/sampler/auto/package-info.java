/**
 * The default sampler, {@link dev.jtune.sampler.auto.AutoSampler}: Gaussian-process Bayesian
 * optimization for small budgets, TPE for long runs, chosen from the benchmark evidence.
 */
package dev.jtune.sampler.auto;
