package dev.jtune.cli.config;

import dev.jtune.study.StudyDirection;
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
    return Optional.of(top.wordList("directions", WORDS, "direction",
        "a list such as [minimize, maximize]").stream().map(DirectionSection::of).toList());
  }

  /**
   * The study's directions: as declared (default one, minimize), except that a training
   * objective's metrics set them (maximize accuracy and AUC, minimize loss, MSE, MAE and the
   * parameter count, as Keras Tuner infers it), and declared directions that contradict them, or
   * are not one per metric, are refused: each trial's value is its best epoch by the metric, and
   * a study ranking them the other way would keep the worst. (A function's count of values, and
   * the interface a class implements, were checked against the declared count when the objective
   * was read; what a class returns is checked per trial.)
   */
  static List<StudyDirection> resolve(Section top, Optional<List<StudyDirection>> declared,
      ObjectiveSpec objective) {
    if (!(objective instanceof ObjectiveSpec.Training t)) {
      return declared.orElse(List.of(StudyDirection.MINIMIZE));
    }
    List<String> labels = t.spec().scoreLabels();
    List<StudyDirection> natural = labels.stream()
        .map(l -> dev.jtune.nn.train.Score.parse(l).direction()).toList();
    String key = key(top);
    if (declared.isPresent() && declared.get().size() != natural.size()) {
      throw top.errorAtKey(key, declared.get().size() + " direction(s) declared, but the "
          + "objective's metrics " + labels + " are " + natural.size() + "; drop " + key
          + " (the metrics set them) or give one per metric");
    }
    for (int i = 0; declared.isPresent() && i < natural.size(); i++) {
      StudyDirection given = declared.get().get(i);
      if (given != natural.get(i)) {
        String label = labels.get(i).replaceFirst("^val_", "");
        throw top.errorAtKey(key, given.name().toLowerCase(Locale.ROOT)
            + " contradicts the metric " + label + ", which is better "
            + (natural.get(i) == StudyDirection.MAXIMIZE ? "higher" : "lower") + ": drop " + key
            + " (the metric" + (natural.size() > 1 ? "s set them" : " sets it") + ") or make it "
            + natural.get(i).name().toLowerCase(Locale.ROOT));
      }
    }
    return natural;
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
