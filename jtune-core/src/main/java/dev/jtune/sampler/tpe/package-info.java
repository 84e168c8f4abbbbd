/**
 * The tree-structured Parzen estimator sampler ({@link dev.jtune.sampler.tpe.TpeSampler}) and its
 * settings ({@link dev.jtune.sampler.tpe.TpeConfig}); the estimators and the truncated normal
 * distribution behind it are package-private.
 */
package dev.jtune.sampler.tpe;
