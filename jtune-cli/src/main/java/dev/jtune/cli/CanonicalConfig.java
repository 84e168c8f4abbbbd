package dev.jtune.cli;

import dev.jtune.cli.config.ConfigValue;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A study file's section as one canonical line of text, so that two files compare by content:
 * keys sorted, positions and quoting left out. A resumed training study must have the stored
 * configuration's {@code data}, {@code model} and {@code training} sections ({@link StudyRunner}).
 */
final class CanonicalConfig {
  /** Keys that act after the search only (what the report judges on the test part). */
  private static final String AFTER_SEARCH = "refit";

  private CanonicalConfig() {}

  /**
   * The canonical text of a section that shapes the search: without {@code refit}, which a
   * resumed study may change ({@code training.refit}).
   */
  static String ofSearch(ConfigValue value) {
    if (value instanceof ConfigValue.Mapping m && m.entries().containsKey(AFTER_SEARCH)) {
      TreeMap<String, ConfigValue> kept = new TreeMap<>(m.entries());
      kept.remove(AFTER_SEARCH);
      return mapping(kept);
    }
    return of(value);
  }

  /** The canonical text of {@code value}; {@code ""} for none. */
  static String of(ConfigValue value) {
    if (value == null) {
      return "";
    }
    if (value instanceof ConfigValue.Scalar s) {
      return s.isNull() ? "null" : s.text();
    }
    if (value instanceof ConfigValue.Sequence q) {
      return q.items().stream().map(CanonicalConfig::of)
          .collect(Collectors.joining(",", "[", "]"));
    }
    return mapping(((ConfigValue.Mapping) value).entries());
  }

  private static String mapping(Map<String, ConfigValue> entries) {
    return new TreeMap<>(entries).entrySet().stream()
        .map(e -> e.getKey() + "=" + of(e.getValue()))
        .collect(Collectors.joining(",", "{", "}"));
  }
}
