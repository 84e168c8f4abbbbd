package dev.jtune.pruner;

import java.util.OptionalInt;

/**
 * Configuration of Hyperband ({@link Pruner#hyperband}), Optuna's {@code HyperbandPruner}: brackets
 * {@code 0 .. n-1} with {@code n = floor(log_eta(maxResource / minResource)) + 1}; bracket {@code b}
 * runs successive halving with minimum early-stopping rate {@code b} over its own trials only.
 *
 * @param minResource the resource (steps) of the most aggressive bracket's first rung, {@code >= 1}
 * @param maxResource the last step a trial reports, {@code >= minResource}; rungs ending at or past
 *     it judge nothing; empty for automatic: the last step of the lowest-numbered trial that
 *     finished COMPLETE (no pruning before)
 * @param reductionFactor {@code eta >= 2}
 * @param bootstrapCount as in {@link SuccessiveHalvingConfig#bootstrapCount()} ({@code >= 0}; needs
 *     an explicit {@code maxResource} when positive)
 */
public record HyperbandConfig(int minResource, OptionalInt maxResource, int reductionFactor,
    int bootstrapCount) {

  public HyperbandConfig {
    if (minResource < 1) {
      throw new IllegalArgumentException("minResource must be >= 1, got minResource="
          + minResource);
    }
    if (maxResource.isPresent() && maxResource.getAsInt() < minResource) {
      throw new IllegalArgumentException("maxResource must be >= minResource=" + minResource
          + ", got maxResource=" + maxResource.getAsInt());
    }
    if (reductionFactor < 2) {
      throw new IllegalArgumentException("reductionFactor must be >= 2, got reductionFactor="
          + reductionFactor);
    }
    if (bootstrapCount < 0) {
      throw new IllegalArgumentException("bootstrapCount must be >= 0, got bootstrapCount="
          + bootstrapCount);
    }
    if (bootstrapCount > 0 && maxResource.isEmpty()) {
      throw new IllegalArgumentException("bootstrapCount=" + bootstrapCount
          + " needs an explicit maxResource, not an automatic one");
    }
  }

  /**
   * Refuses a maximum resource equal to the minimum: its one bracket's first rung would end at the
   * maximum, which judges nothing, so the pruner could never prune. {@link Pruner#hyperband} calls
   * it.
   */
  void requireCanPrune() {
    if (maxResource.isPresent() && maxResource.getAsInt() == minResource) {
      throw new IllegalArgumentException("Hyperband would never prune with maxResource="
          + maxResource.getAsInt() + " equal to minResource=" + minResource + ": a trial's last "
          + "step judges nothing; give a larger maxResource (the last step a trial reports)");
    }
  }

  /** Optuna's defaults: minimum resource 1, automatic maximum, reduction factor 3, no bootstrap. */
  public static HyperbandConfig defaults() {
    return new HyperbandConfig(1, OptionalInt.empty(), 3, 0);
  }

  /** Minimum and maximum resource given, reduction factor 3. */
  public static HyperbandConfig of(int minResource, int maxResource) {
    return new HyperbandConfig(minResource, OptionalInt.of(maxResource), 3, 0);
  }

  /** A copy with another minimum resource. */
  public HyperbandConfig withMinResource(int minResource) {
    return new HyperbandConfig(minResource, maxResource, reductionFactor, bootstrapCount);
  }

  /** A copy with an explicit maximum resource. */
  public HyperbandConfig withMaxResource(int maxResource) {
    return new HyperbandConfig(minResource, OptionalInt.of(maxResource), reductionFactor,
        bootstrapCount);
  }

  /** A copy with another reduction factor. */
  public HyperbandConfig withReductionFactor(int reductionFactor) {
    return new HyperbandConfig(minResource, maxResource, reductionFactor, bootstrapCount);
  }

  /** A copy with another bootstrap count. */
  public HyperbandConfig withBootstrapCount(int bootstrapCount) {
    return new HyperbandConfig(minResource, maxResource, reductionFactor, bootstrapCount);
  }
}
