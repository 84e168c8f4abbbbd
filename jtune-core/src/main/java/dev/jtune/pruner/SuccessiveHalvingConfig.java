package dev.jtune.pruner;

import java.util.OptionalInt;

/**
 * Configuration of asynchronous successive halving ({@link Pruner#successiveHalving}), Optuna's
 * {@code SuccessiveHalvingPruner}. Rung {@code k} ends at step
 * {@code minResource * reductionFactor^(minEarlyStoppingRate + k)}; a trial that reaches it is
 * promoted when its value is in the best {@code 1/reductionFactor} of the values recorded at that
 * rung so far (while fewer than {@code reductionFactor} values are there, only the best is promoted),
 * and pruned otherwise. By default (as in Optuna) there is no maximum: the objective stops reporting
 * when it is done, and a rung that ends at its last step still judges it. With a {@code maxResource},
 * rungs that end at or past it judge nothing (ASHA's top rung is the maximum resource): a trial that
 * survives every earlier rung runs to the end.
 *
 * @param minResource the resource (steps) of the first rung, {@code >= 1}; empty for automatic:
 *     {@code max(1, lastStep / 100)} of the lowest-numbered trial that finished COMPLETE (no
 *     pruning before)
 * @param maxResource the last step a trial reports, {@code >= minResource} when both are given;
 *     empty for none
 * @param reductionFactor {@code eta}, {@code >= 2}: about one trial in {@code eta} is promoted
 * @param minEarlyStoppingRate {@code s >= 0}: the first rung ends at {@code minResource * eta^s}
 * @param bootstrapCount a trial completing a rung is pruned until more than this many values are
 *     recorded there ({@code >= 0}; needs an explicit {@code minResource} when positive)
 */
public record SuccessiveHalvingConfig(OptionalInt minResource, OptionalInt maxResource,
    int reductionFactor, int minEarlyStoppingRate, int bootstrapCount) {

  public SuccessiveHalvingConfig {
    if (minResource.isPresent() && minResource.getAsInt() < 1) {
      throw new IllegalArgumentException("minResource must be >= 1 (or automatic), got minResource="
          + minResource.getAsInt());
    }
    if (maxResource.isPresent() && maxResource.getAsInt() < minResource.orElse(1)) {
      throw new IllegalArgumentException(minResource.isPresent()
          ? "maxResource must be >= minResource=" + minResource.getAsInt() + ", got maxResource="
              + maxResource.getAsInt()
          : "maxResource must be >= 1, got maxResource=" + maxResource.getAsInt());
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

  /**
   * Refuses a configuration that can never prune: one whose first rung, at step
   * {@code minResource * reductionFactor^minEarlyStoppingRate}, ends at or past
   * {@code maxResource} (such rungs judge nothing). {@link Pruner#successiveHalving} calls it.
   */
  void requireCanPrune() {
    if (maxResource.isEmpty()) {
      return;
    }
    // an automatic minimum resource is at least 1: if even 1 cannot prune, none can
    long firstRung = minResource.orElse(1);
    for (int i = 0; i < minEarlyStoppingRate && firstRung < maxResource.getAsInt(); i++) {
      firstRung *= reductionFactor;
    }
    if (firstRung >= maxResource.getAsInt()) {
      throw new IllegalArgumentException("successive halving would never prune: its first rung "
          + "ends at step minResource * reductionFactor^minEarlyStoppingRate = "
          + (minResource.isPresent() ? String.valueOf(minResource.getAsInt())
              : "(automatic, at least 1)") + " * " + reductionFactor + "^" + minEarlyStoppingRate
          + (firstRung >= Integer.MAX_VALUE ? " (or more)" : " = " + firstRung)
          + ", not before maxResource=" + maxResource.getAsInt()
          + "; lower minResource or minEarlyStoppingRate, or raise maxResource");
    }
  }

  /** Optuna's defaults: automatic minimum resource, reduction factor 4, rate 0, no bootstrap. */
  public static SuccessiveHalvingConfig defaults() {
    return new SuccessiveHalvingConfig(OptionalInt.empty(), OptionalInt.empty(), 4, 0, 0);
  }

  /** A copy with an explicit minimum resource. */
  public SuccessiveHalvingConfig withMinResource(int minResource) {
    return new SuccessiveHalvingConfig(OptionalInt.of(minResource), maxResource, reductionFactor,
        minEarlyStoppingRate, bootstrapCount);
  }

  /** A copy whose minimum resource is estimated from the lowest-numbered COMPLETE trial. */
  public SuccessiveHalvingConfig withAutomaticMinResource() {
    return new SuccessiveHalvingConfig(OptionalInt.empty(), maxResource, reductionFactor,
        minEarlyStoppingRate, bootstrapCount);
  }

  /** A copy whose rungs stop at {@code maxResource}, the last step a trial reports. */
  public SuccessiveHalvingConfig withMaxResource(int maxResource) {
    return new SuccessiveHalvingConfig(minResource, OptionalInt.of(maxResource), reductionFactor,
        minEarlyStoppingRate, bootstrapCount);
  }

  /** A copy with another reduction factor. */
  public SuccessiveHalvingConfig withReductionFactor(int reductionFactor) {
    return new SuccessiveHalvingConfig(minResource, maxResource, reductionFactor, minEarlyStoppingRate,
        bootstrapCount);
  }

  /** A copy with another minimum early-stopping rate. */
  public SuccessiveHalvingConfig withMinEarlyStoppingRate(int minEarlyStoppingRate) {
    return new SuccessiveHalvingConfig(minResource, maxResource, reductionFactor, minEarlyStoppingRate,
        bootstrapCount);
  }

  /** A copy with another bootstrap count. */
  public SuccessiveHalvingConfig withBootstrapCount(int bootstrapCount) {
    return new SuccessiveHalvingConfig(minResource, maxResource, reductionFactor, minEarlyStoppingRate,
        bootstrapCount);
  }
}
