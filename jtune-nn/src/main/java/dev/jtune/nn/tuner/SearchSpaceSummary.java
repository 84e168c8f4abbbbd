package dev.jtune.nn.tuner;

import dev.jtune.trial.FrozenTrial;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Keras Tuner's {@code search_space_summary()} for a project's trials: each hyperparameter with
 * its range or choices and how many trials drew it ({@link Tuner#searchSpaceSummary()}).
 */
final class SearchSpaceSummary {

  private SearchSpaceSummary() {}

  /** The summary of the hyperparameters {@code trials} met, a range that changed listed per range. */
  static String of(List<FrozenTrial> trials) {
    Map<String, Map<String, Integer>> seen = new LinkedHashMap<>();
    for (FrozenTrial t : trials) {
      t.distributions().forEach((name, d) -> seen.computeIfAbsent(name,
          k -> new LinkedHashMap<>()).merge(d.describe(), 1, Integer::sum));
    }
    StringBuilder out = new StringBuilder("Search space summary\n");
    if (seen.isEmpty()) {
      return out.append("No trial has run yet: the hypermodel declares its hyperparameters as it"
          + " builds each trial's network.\n").toString();
    }
    out.append("Hyperparameters met in ").append(trials.size()).append(" trials: ")
        .append(seen.size()).append('\n');
    int width = seen.keySet().stream().mapToInt(String::length).max().orElse(0);
    seen.forEach((name, ranges) -> ranges.forEach((range, count) -> out.append(String.format(
        Locale.ROOT, "  %-" + width + "s  %s  (%d of %d trials)%n", name, range, count,
        trials.size()))));
    return out.toString().replace(System.lineSeparator(), "\n");
  }
}
