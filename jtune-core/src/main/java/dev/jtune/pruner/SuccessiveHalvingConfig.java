package dev.jtune.pruner;

import java.util.OptionalInt;

/**
 * Configuration of asynchronous successive halving ({@link Pruner#successiveHalving}), Optuna's
 * {@code SuccessiveHalvingPruner}. Rung {@code k} ends at step
 * {@code minResource * reductionFactor^(minEarlyStoppingRate + k)}; a trial that reaches it is
 * promoted when its value is in the best {@code 1/reductionFactor} of the values recorded at that
 * rung so far (while fewer than {@code reductionFactor} values are there, only the best is promoted),
 * and pruned otherwise. The maximum resource is the objective's business: it stops reporting.
 *
 * @param minResource the resource (steps) of the first rung, {@code >= 1}; empty for automatic:
 *     {@code max(1, lastStep / 100)} of the first trial that finished COMPLETE (no pruning before)
 * @param reductionFactor {@code eta}, {@code >= 2}: about one trial in {@code eta} is promoted
 * @param minEarlyStoppingRate {@code s >= 0}: the first rung ends at {@code minResource * eta^s}
 * @param bootstrapCount a trial completing a rung is pruned until more than this many values are
 *     recorded there ({@code >= 0}; needs an explicit {@code minResource} when positive)
 */
public record SuccessiveHalvingConfig(OptionalInt minResource, int reductionFactor,
    int minEarlyStoppingRate, int bootstrapCount) {

  public SuccessiveHalvingConfig {
    if (minResource.isPresent() && minResource.getAsInt() < 1) {
      throw new IllegalArgumentException("minResource must be >= 1 (or automatic), got minResource="
          + minResource.getAsInt());
    }
    if (reductionFactor < 2) {
      throw new IllegalArgumentException("reductionFactor must be >= 2, got reductionFactor="
          + reductionFactor);
    }
    if (minEarlyStoppingRate < 0) {
      throw new IllegalArgumentException("minEarlyStoppingRate must be >= 0, got "
          + "minEarlyStoppingRate=" + minEarlyStoppingRate);
    }
    if (bootstrapCount < 0) {
      throw new IllegalArgumentException("bootstrapCount must be >= 0, got bootstrapCount="
          + bootstrapCount);
    }
    if (bootstrapCount > 0 && minResource.isEmpty()) {
      throw new IllegalArgumentException("bootstrapCount=" + bootstrapCount
          + " needs an explicit minResource, not an automatic one");
    }
  }

  /** Optuna's defaults: automatic minimum resource, reduction factor 4, rate 0, no bootstrap. */
  public static SuccessiveHalvingConfig defaults() {
    return new SuccessiveHalvingConfig(OptionalInt.empty(), 4, 0, 0);
  }

  /** A copy with an explicit minimum resource. */
  public SuccessiveHalvingConfig withMinResource(int minResource) {
    return new SuccessiveHalvingConfig(OptionalInt.of(minResource), reductionFactor,
        minEarlyStoppingRate, bootstrapCount);
  }

  /** A copy whose minimum resource is estimated from the first COMPLETE trial. */
  public SuccessiveHalvingConfig withAutomaticMinResource() {
    return new SuccessiveHalvingConfig(OptionalInt.empty(), reductionFactor, minEarlyStoppingRate,
        bootstrapCount);
  }

  /** A copy with another reduction factor. */
  public SuccessiveHalvingConfig withReductionFactor(int reductionFactor) {
    return new SuccessiveHalvingConfig(minResource, reductionFactor, minEarlyStoppingRate,
        bootstrapCount);
  }

  /** A copy with another minimum early-stopping rate. */
  public SuccessiveHalvingConfig withMinEarlyStoppingRate(int minEarlyStoppingRate) {
    return new SuccessiveHalvingConfig(minResource, reductionFactor, minEarlyStoppingRate,
        bootstrapCount);
  }

  /** A copy with another bootstrap count. */
  public SuccessiveHalvingConfig withBootstrapCount(int bootstrapCount) {
    return new SuccessiveHalvingConfig(minResource, reductionFactor, minEarlyStoppingRate,
        bootstrapCount);
  }
}
