package dev.jtune.bench;

import java.util.List;
import java.util.Map;

/**
 * One line of the {@code quality} benchmark's output. The components, written in snake_case, are
 * exactly the fields of a line of {@code optuna_quality.py run}, with {@code jtune} (the version) in
 * place of {@code optuna}, so that {@code optuna_quality.py summarize} reads both tools' files.
 *
 * @param problem the problem's name in the suite
 * @param sampler {@code jtune-<name>}
 * @param seed the sampler's seed (and the noise seed of a noisy problem)
 * @param budget trials run
 * @param checkpoints by trial count (as a string): the regret of the incumbent (best observed value
 *     so far), measured on the noiseless function
 * @param checkpointsOracle by trial count: the best noiseless regret among all points evaluated
 * @param wallS seconds {@code optimize} took
 * @param msPerTrial {@code 1000 * wallS / budget}
 * @param bestParams the best trial's parameters (external values)
 * @param bestObserved the best trial's observed value
 * @param observed every trial's observed value, in order
 * @param trueValues every trial's noiseless value, in order (field {@code true})
 * @param jtune jtune-core's version
 */
record QualityResult(
    String problem,
    String sampler,
    long seed,
    int budget,
    Map<String, Double> checkpoints,
    Map<String, Double> checkpointsOracle,
    double wallS,
    double msPerTrial,
    Map<String, Object> bestParams,
    double bestObserved,
    List<Double> observed,
    @com.fasterxml.jackson.annotation.JsonProperty("true") List<Double> trueValues,
    String jtune) {}
