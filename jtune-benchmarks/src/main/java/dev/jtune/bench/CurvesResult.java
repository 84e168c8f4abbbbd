package dev.jtune.bench;

/**
 * One run of the {@code curves} benchmark (one JSON line).
 *
 * @param benchmark always {@code curves}
 * @param sampler the sampler's name
 * @param pruner the pruner's name
 * @param seed the run's seed (sampler and noise)
 * @param maxEpochs epochs of a trial that is never stopped
 * @param trialLimit the most trials the run may start
 * @param epochBudget the run starts no trial once this many epochs are spent; 0 for none
 * @param trials trials run
 * @param complete trials COMPLETE
 * @param pruned trials PRUNED
 * @param failed trials FAIL (diverged to NaN and not stopped before the end)
 * @param epochs epochs spent by all trials together (reports made)
 * @param bestValue the best COMPLETE trial's final observed loss; null if none
 * @param bestTrueLoss that trial's noise-free final loss
 * @param bestTrial that trial's number
 * @param wallS wall-clock seconds of the run
 * @param jobs worker threads
 * @param history what parallel trials saw of each other
 * @param epochMs milliseconds each epoch slept, standing in for training
 * @param env where it ran
 */
record CurvesResult(String benchmark, String sampler, String pruner, long seed, int maxEpochs,
    int trialLimit, long epochBudget, int trials, int complete, int pruned, int failed, long epochs,
    Double bestValue, Double bestTrueLoss, Integer bestTrial, double wallS, int jobs, String history, int epochMs,
    BenchEnvironment env) {}
