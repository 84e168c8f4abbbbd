package dev.jtune.study;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Names of a study's objectives ({@code val_accuracy}, {@code parameters}), stored with the study
 * in the system attribute {@value #ATTR} as Optuna 3.2's {@code study.set_metric_names} stores
 * them, so that summaries, reports and the dashboard label each objective by what it measures
 * instead of {@code values_0}, {@code values_1}.
 */
public final class MetricNames {
  /** The study system attribute holding the names, a list of strings (Optuna's key). */
  public static final String ATTR = "study:metric_names";

  private MetricNames() {}

  /**
   * {@code names} checked for a study of {@code objectives} directions: one per direction,
   * non-blank, no two alike.
   *
   * @throws IllegalArgumentException naming the offending list
   */
  static List<String> checked(List<String> names, int objectives) {
    if (names.size() != objectives) {
      throw new IllegalArgumentException("metric names " + names + " are " + names.size()
          + ", but the study has " + objectives + " direction(s): give one name per direction");
    }
    Set<String> seen = new HashSet<>();
    for (String n : names) {
      if (n == null || n.isBlank()) {
        throw new IllegalArgumentException("metric names " + names + " hold a blank name");
      }
      if (!seen.add(n)) {
        throw new IllegalArgumentException("metric names " + names + " name '" + n + "' twice");
      }
    }
    return List.copyOf(names);
  }

  /**
   * The names stored in a study's system attributes, if they are a list of {@code objectives}
   * distinct, non-blank strings (a list of another length, or with a name twice, left by another
   * tool, counts as none: each objective must be told apart by its name).
   */
  public static Optional<List<String>> stored(Map<String, Object> systemAttrs, int objectives) {
    if (!(systemAttrs.get(ATTR) instanceof List<?> list) || list.size() != objectives) {
      return Optional.empty();
    }
    List<String> names = new ArrayList<>();
    for (Object o : list) {
      if (!(o instanceof String s) || s.isBlank() || names.contains(s)) {
        return Optional.empty();
      }
      names.add(s);
    }
    return Optional.of(List.copyOf(names));
  }

  /**
   * How tables and charts call each objective: the stored names, or else {@code value} for a
   * study of one objective and {@code values_0}, {@code values_1}, ... for several.
   */
  public static List<String> labels(Map<String, Object> systemAttrs, int objectives) {
    return stored(systemAttrs, objectives).orElseGet(() -> {
      List<String> plain = new ArrayList<>();
      for (int i = 0; i < objectives; i++) {
        plain.add(objectives == 1 ? "value" : "values_" + i);
      }
      return List.copyOf(plain);
    });
  }
}
