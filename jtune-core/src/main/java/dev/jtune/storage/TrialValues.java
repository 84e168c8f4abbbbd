package dev.jtune.storage;

import dev.jtune.trial.TrialState;
import java.util.List;

/**
 * The rule every {@link Storage} applies to the values of a trial entering a state: no NaN or
 * {@code null}; COMPLETE needs one value per study direction; PRUNED none or one per direction; FAIL
 * none. Infinities are legal objective values.
 */
public final class TrialValues {
  private TrialValues() {}

  /**
   * Checks the values a trial takes with {@code state} in a study with {@code directions}
   * directions.
   *
   * @throws IllegalArgumentException naming the values and the state if they break the rule
   */
  public static void check(TrialState state, List<Double> values, int directions) {
    for (Double v : values) {
      if (v == null || v.isNaN()) {
        throw new IllegalArgumentException(
            "objective values must not be NaN or null, got " + values);
      }
    }
    boolean ok = switch (state) {
      case COMPLETE -> values.size() == directions;
      case PRUNED -> values.isEmpty() || values.size() == directions;
      case FAIL -> values.isEmpty();
      default -> true;
    };
    if (!ok) {
      throw new IllegalArgumentException("a " + state + " trial of a study with " + directions
          + " direction(s) cannot have values " + values);
    }
  }
}
