package dev.jtune.sampler;

import dev.jtune.space.Distribution;
import dev.jtune.space.SearchSpace;
import dev.jtune.study.StudyView;
import dev.jtune.trial.FrozenTrial;
import dev.jtune.trial.TrialState;
import java.util.List;
import java.util.Map;

/**
 * Chooses parameter values for trials. The study calls a sampler in three phases per trial, as in
 * Optuna:
 *
 * <ol>
 *   <li>once, when the trial starts: {@link #relativeSearchSpace} names the parameters the sampler
 *       wants to choose jointly, and {@link #sampleRelative} chooses them (internal values);
 *   <li>whenever the objective suggests a parameter that the first phase did not cover (or covered
 *       with a different distribution): {@link #sampleIndependent};
 *   <li>after the trial finishes: {@link #afterTrial}.
 * </ol>
 *
 * <p>Samplers see a read-only {@link StudyView} and immutable {@link FrozenTrial}s. Implementations
 * must be thread-safe: with {@code jobs > 1} several trials are sampled at once. A seeded sampler
 * derives each trial's randomness from its seed and the trial's number (never from the order in which
 * threads call it), so a seeded study gives the same suggestions however threads interleave.
 * Returned values must lie in their distribution; the study checks and fails the trial otherwise.
 */
public interface Sampler {

  /** The parameters to sample jointly for this trial; the default is none. */
  default SearchSpace relativeSearchSpace(StudyView study, FrozenTrial trial) {
    return SearchSpace.empty();
  }

  /** Internal values for (some of) the parameters of {@code space}; the default is none. */
  default Map<String, Double> sampleRelative(
      StudyView study, FrozenTrial trial, SearchSpace space) {
    return Map.of();
  }

  /** An internal value for one parameter, drawn from its distribution. */
  double sampleIndependent(
      StudyView study, FrozenTrial trial, String name, Distribution distribution);

  /**
   * Whether this sampler's suggestions can depend on other trials (their parameters, values or
   * attributes). {@code false} promises that a trial's suggestions depend only on the seed, the
   * trial's number and its own parameters so far; {@code optimize} on several threads then lets
   * trials start without waiting for older ones, unless the pruner reads history (see
   * {@link dev.jtune.study.OptimizeOptions.ParallelHistory}). It must not change over the
   * sampler's life ({@code optimize} reads it once per call), and a sampler that delegates must
   * forward it or keep the default {@code true}.
   */
  default boolean readsHistory() {
    return true;
  }

  /**
   * Whether this sampler must see the whole study even behind a pruner that shows samplers less of
   * it ({@link dev.jtune.pruner.Pruner#samplerView}: Hyperband's bracket): an exhaustive search,
   * which would otherwise repeat in one bracket what another tried. The default, {@code false},
   * lets a model-based sampler learn per bracket (TPE with Hyperband is BOHB-like). A sampler that
   * delegates must forward it.
   */
  default boolean searchesWholeStudy() {
    return false;
  }

  /**
   * The constraints this sampler was given, which a study built with it asks and stores when no
   * constraints were given to the study itself ({@link Constraints}); the default is none
   * ({@code null}). A sampler that delegates must forward them.
   */
  default Constraints constraints() {
    return null;
  }

  /** Called once a trial finished, with its final state and values; the default does nothing. */
  default void afterTrial(StudyView study, FrozenTrial trial, TrialState state, List<Double> values) {}

  /**
   * Whether the sampler has nothing left to propose (a grid whose every point was handed out); the
   * study then stops starting trials. Checked before each new trial; the default is never.
   */
  default boolean isExhausted(StudyView study) {
    return false;
  }
}
