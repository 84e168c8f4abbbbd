package dev.jtune.cli.config;

import java.util.ArrayList;
import java.util.List;

/**
 * A study file's {@code constraints}: a list of bounds such as {@code parameters <= 20000}, each
 * on an objective's metric name or on a number each trial records as a user attribute. What can
 * be named is checked where it is known: a training study records its metrics, {@code parameters}
 * and {@code best_epoch}; a built-in function only its metric names; an objective class whatever
 * it sets (checked per trial).
 */
final class ConstraintSection {
  private static final String FORM = "a bound such as 'parameters <= 20000' or "
      + "'val_accuracy >= 0.8'";

  private ConstraintSection() {}

  /** The bounds, in file order; none when the file has no {@code constraints}. */
  static List<ConstraintBound> parse(Section top, ObjectiveSpec objective,
      List<String> metricNames) {
    if (!top.has("constraints")) {
      return List.of();
    }
    ConfigValue value = top.value("constraints").orElseThrow();
    List<ConfigValue> items = value instanceof ConfigValue.Scalar
        ? List.of(value) : top.list("constraints", "a list of bounds such as "
            + "['parameters <= 20000']").orElseThrow();
    if (items.isEmpty()) {
      throw top.error(value, "constraints", "expected at least one bound (" + FORM
          + "), found an empty list; remove the key for none");
    }
    List<String> known = known(objective, metricNames);
    List<ConstraintBound> out = new ArrayList<>();
    for (ConfigValue item : items) {
      out.add(bound(top, item, objective, known));
    }
    return List.copyOf(out);
  }

  /** What a trial of this objective is known to record, or {@code null} when anything may be. */
  private static List<String> known(ObjectiveSpec objective, List<String> metricNames) {
    if (objective instanceof ObjectiveSpec.Training) {
      List<String> names = new ArrayList<>(metricNames);
      for (String attr : List.of("parameters", "best_epoch")) {
        if (!names.contains(attr)) {
          names.add(attr);
        }
      }
      return names;
    }
    return objective instanceof ObjectiveSpec.Function ? metricNames : null;
  }

  private static ConstraintBound bound(Section top, ConfigValue item, ObjectiveSpec objective,
      List<String> known) {
    if (!(item instanceof ConfigValue.Scalar s) || s.isNull()) {
      throw top.error(item, "constraints", "expected " + FORM + ", found "
          + Section.describe(item));
    }
    ConstraintBound bound;
    try {
      bound = ConstraintBound.parse(s.text());
    } catch (IllegalArgumentException e) {
      throw top.error(item, "constraints", e.getMessage());
    }
    String name = bound.name();
    if (known != null && !known.contains(name)) {
      String what = objective instanceof ObjectiveSpec.Training
          ? "a training trial records " + String.join(", ", known)
          : known.isEmpty() ? "this built-in function records no number to bound (use an "
              + "objective class that sets user attributes)"
          : "this built-in function records " + String.join(", ", known);
      throw top.error(item, "constraints", "'" + s.text() + "': unknown name '" + name + "'; "
          + what);
    }
    return bound;
  }
}
