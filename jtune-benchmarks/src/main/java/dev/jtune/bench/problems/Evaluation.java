package dev.jtune.bench.problems;

/**
 * The result of evaluating a problem at a point.
 *
 * @param observed what the optimizer sees (the true value plus noise for a noisy problem)
 * @param trueValue the noiseless value, on which regret is measured
 */
public record Evaluation(double observed, double trueValue) {}
