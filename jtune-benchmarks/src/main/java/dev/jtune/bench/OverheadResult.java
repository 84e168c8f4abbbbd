package dev.jtune.bench;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * One line of the {@code overhead} benchmark's output. The components, written in snake_case, are
 * the fields of {@code optuna_overhead.py}'s per-run result, plus {@code repeat} and {@code env}.
 *
 * @param sampler {@code jtune-<name>}, to tell it from the peer's sampler names
 * @param storage the storage's name in {@link StorageRegistry}
 * @param nTrials trials run: the largest size
 * @param nTrialsInStudy trials in the study afterwards
 * @param seed the sampler's seed
 * @param window trials per measurement window
 * @param msPerTrialLastWindow by size (as a string): mean ms per trial of the last {@code window}
 *     trials when the study had that many
 * @param totalS seconds {@code optimize} took
 * @param meanMsPerTrialOverall {@code 1000 * totalS / nTrials}
 * @param perTrialMs each trial's ms, only with {@code --keep-per-trial}; omitted when {@code null}
 * @param storageUrl where the storage lives; {@code null} in memory
 * @param durability the database storage's {@code Durability}; omitted in memory
 * @param repeat 1-based index of the run within its cell
 * @param env where it ran
 */
record OverheadResult(
    String sampler,
    String storage,
    int nTrials,
    int nTrialsInStudy,
    long seed,
    int window,
    Map<String, Double> msPerTrialLastWindow,
    double totalS,
    double meanMsPerTrialOverall,
    @JsonInclude(JsonInclude.Include.NON_NULL) List<Double> perTrialMs,
    String storageUrl,
    @JsonInclude(JsonInclude.Include.NON_NULL) String durability,
    int repeat,
    BenchEnvironment env) {}
