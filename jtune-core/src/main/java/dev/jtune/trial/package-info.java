/**
 * Trials: the live {@link dev.jtune.trial.Trial} an objective asks for parameters and reports to,
 * and the immutable {@link dev.jtune.trial.FrozenTrial} snapshot that storages, samplers, pruners and
 * exports see.
 */
package dev.jtune.trial;
