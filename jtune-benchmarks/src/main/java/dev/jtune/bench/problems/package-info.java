/**
 * The benchmark problem suite of {@code shared/peers/problems.py}, ported exactly: the same
 * functions, search spaces (names, bounds, scales, suggestion order, the conditional parameter of
 * {@code mixed}), known optima and the noisy variant of Hartmann6, so that jtune's samplers and
 * Optuna's are measured on the same problems. Every problem is a minimization with a known optimum;
 * the simple regret of a point is its noiseless value minus the optimum.
 */
package dev.jtune.bench.problems;
