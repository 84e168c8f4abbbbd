package dev.jtune.cli.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A configuration value with its {@link Origin}: a scalar, a list or a map. The YAML file, the
 * command-line overrides and a study's stored configuration all become this tree, so every error
 * can say where the offending value came from.
 */
public sealed interface ConfigValue {

  /** Where the value came from. */
  Origin origin();

  /** What the value is, for messages: "a scalar", "a list", "a mapping". */
  String kind();

  /**
   * A scalar as written. {@code quoted} is true for quoted YAML strings (which never read as
   * numbers, booleans or null).
   */
  record Scalar(String text, boolean quoted, Origin origin) implements ConfigValue {
    @Override
    public String kind() {
      return isNull() ? "null" : "a scalar";
    }

    /** Whether this is YAML's null ({@code ~}, {@code null} or nothing, unquoted). */
    public boolean isNull() {
      return !quoted && (text.isEmpty() || text.equals("~") || text.equalsIgnoreCase("null"));
    }
  }

  /** A sequence. */
  record Sequence(List<ConfigValue> items, Origin origin) implements ConfigValue {
    public Sequence {
      items = List.copyOf(items);
    }

    @Override
    public String kind() {
      return "a list";
    }
  }

  /** A mapping with string keys, in file order; {@code keyOrigins} says where each key is. */
  record Mapping(Map<String, ConfigValue> entries, Map<String, Origin> keyOrigins, Origin origin)
      implements ConfigValue {
    public Mapping {
      entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
      keyOrigins = Collections.unmodifiableMap(new LinkedHashMap<>(keyOrigins));
    }

    @Override
    public String kind() {
      return "a mapping";
    }

    /** A copy with {@code key} set to {@code value} (added last, or replaced in place). */
    public Mapping with(String key, ConfigValue value) {
      Map<String, ConfigValue> e = new LinkedHashMap<>(entries);
      Map<String, Origin> o = new LinkedHashMap<>(keyOrigins);
      e.put(key, value);
      o.put(key, value.origin());
      return new Mapping(e, o, origin);
    }

    /** A copy without {@code key} (this mapping when it has none). */
    public Mapping without(String key) {
      if (!entries.containsKey(key)) {
        return this;
      }
      Map<String, ConfigValue> e = new LinkedHashMap<>(entries);
      Map<String, Origin> o = new LinkedHashMap<>(keyOrigins);
      e.remove(key);
      o.remove(key);
      return new Mapping(e, o, origin);
    }

    /** An empty mapping. */
    public static Mapping empty(Origin origin) {
      return new Mapping(Map.of(), Map.of(), origin);
    }
  }
}
