package dev.jtune.importance;

import dev.jtune.trial.FrozenTrial;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * What the importances explain: a number read from each complete trial, with a name for reports.
 * Trials whose target is NaN or infinite are left out (and counted in the result).
 *
 * @param name how reports name the target, for example {@code "value"} or {@code "duration_s"}
 * @param function reads the target from a complete trial; called once per trial, never concurrently
 */
public record ImportanceTarget(String name, ToDoubleFunction<FrozenTrial> function) {

  public ImportanceTarget {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(function, "function");
    if (name.isBlank()) {
      throw new IllegalArgumentException("target name must not be blank");
    }
  }

  /** The objective value of a single-objective study. */
  public static ImportanceTarget value() {
    return new ImportanceTarget("value", FrozenTrial::value);
  }

  /**
   * Objective {@code index} (from 0) of a multi-objective study, called {@code values_INDEX} as
   * summary tables and exports call it.
   */
  public static ImportanceTarget objective(int index) {
    return objective(index, "values_" + index);
  }

  /**
   * Objective {@code index} (from 0) of a multi-objective study, called {@code name} in reports
   * (its metric name, {@code val_accuracy}, say).
   */
  public static ImportanceTarget objective(int index, String name) {
    if (index < 0) {
      throw new IllegalArgumentException("objective index must be >= 0, got " + index);
    }
    return new ImportanceTarget(name, t -> {
      if (index >= t.values().size()) {
        throw new IllegalArgumentException("trial " + t.number() + " has " + t.values().size()
            + " values, no objective " + index);
      }
      return t.values().get(index);
    });
  }

  /** The trial's running time in seconds: which parameters make trials slow. */
  public static ImportanceTarget duration() {
    return new ImportanceTarget("duration_s",
        t -> t.duration().map(d -> d.getSeconds() + d.getNano() / 1e9).orElse(Double.NaN));
  }
}
