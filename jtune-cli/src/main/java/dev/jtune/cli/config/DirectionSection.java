package dev.jtune.cli.config;

import dev.jtune.study.StudyDirection;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A study file's {@code direction} (one objective) or {@code directions} (one per objective, as
 * Optuna's {@code create_study(directions=[...])}), reconciled with what the objective returns.
 */
final class DirectionSection {
  private static final List<String> WORDS = List.of("minimize", "maximize");

  private DirectionSection() {}

  /**
   * The directions the file declares, if any: {@code direction: maximize} is one, {@code
   * directions: [minimize, maximize]} several.
   *
   * @throws ConfigException for both keys at once, an empty list, or a word that is no direction
   */
  static Optional<List<StudyDirection>> declared(Section top) {
    if (top.has("direction") && top.has("directions")) {
      throw top.errorAtKey("directions", "give direction (one objective) or directions (a list, "
          + "one per objective), not both");
    }
    if (top.has("direction")) {
      return Optional.of(List.of(of(top.word("direction", WORDS, null))));
    }
    if (!top.has("directions")) {
      return Optional.empty();
    }
    ConfigValue value = top.value("directions").orElseThrow();
    if (value instanceof ConfigValue.Scalar one) {
      throw top.error(value, "directions", "expected a list such as [minimize, maximize], found '"
          + one.text() + "'; for one objective write direction: " + one.text() + ", or "
          + "directions: [" + one.text() + "]");
    }
    List<ConfigValue> items = top.list("directions", "a list such as [minimize, maximize]")
        .orElseThrow();
    if (items.isEmpty()) {
      throw top.error(value, "directions", "expected at least one direction, found an empty "
          + "list");
    }
    List<StudyDirection> out = new ArrayList<>();
    for (ConfigValue item : items) {
      if (!(item instanceof ConfigValue.Scalar s) || s.isNull()) {
        throw top.error(item, "directions", "expected minimize or maximize, found "
            + Section.describe(item));
      }
      String word = WORDS.stream().filter(w -> w.equalsIgnoreCase(s.text())).findFirst()
          .orElseThrow(() -> top.error(item, "directions", KeySuggestion.unknown("direction",
              s.text(), WORDS)));
      out.add(of(word));
    }
    return Optional.of(List.copyOf(out));
  }

  /**
   * The study's directions: as declared (default one, minimize), except that a training
   * objective's metric sets its one direction (maximize accuracy and AUC, minimize loss, MSE, MAE,
   * as Keras Tuner infers it), and a declared direction that contradicts the metric is refused:
   * each trial's value is its best epoch by the metric, and a study ranking them the other way
   * would keep the worst. (How many values the objective returns was checked against the declared
   * count when it was read.)
   */
  static List<StudyDirection> resolve(Section top, Optional<List<StudyDirection>> declared,
      ObjectiveSpec objective) {
    if (!(objective instanceof ObjectiveSpec.Training t)) {
      return declared.orElse(List.of(StudyDirection.MINIMIZE));
    }
    dev.jtune.nn.train.Metric metric = dev.jtune.nn.train.Metric.parse(t.spec().metric());
    StudyDirection natural = metric.direction();
    if (declared.isPresent() && declared.get().get(0) != natural) {
      String key = top.has("direction") ? "direction" : "directions";
      throw top.errorAtKey(key, declared.get().get(0).name().toLowerCase(Locale.ROOT)
          + " contradicts the metric " + metric.label() + ", which is better "
          + (metric.higherIsBetter() ? "higher" : "lower") + ": drop " + key + " (the metric "
          + "sets it) or make it " + natural.name().toLowerCase(Locale.ROOT));
    }
    return List.of(natural);
  }

  /** How many objectives the file declares: its list's length, else one. */
  static int count(Optional<List<StudyDirection>> declared) {
    return declared.map(List::size).orElse(1);
  }

  /** The key that set the count, for errors about it. */
  static String key(Section top) {
    return top.has("directions") ? "directions" : "direction";
  }

  private static StudyDirection of(String word) {
    return StudyDirection.valueOf(word.toUpperCase(Locale.ROOT));
  }
}
