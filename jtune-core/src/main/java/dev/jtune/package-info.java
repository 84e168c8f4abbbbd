/**
 * jtune: hyperparameter optimization on the JVM. Start with {@link dev.jtune.study.Study#builder()};
 * an objective receives a {@link dev.jtune.trial.Trial} and asks it for parameter values
 * ({@code trial.suggestFloat("lr", 1e-5, 1e-1, true)}), so conditional search spaces are ordinary
 * Java {@code if}s. {@link dev.jtune.JtuneException} is the root of jtune's own exceptions.
 */
package dev.jtune;
