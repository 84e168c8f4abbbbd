package dev.jtune.cli.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A mapping of the configuration read with a schema: every key must be one of the section's valid
 * keys (an unknown key fails at once, suggesting the closest valid one), and every typed read names
 * the expected form when the value does not fit. Errors carry the dotted key and the position.
 */
public final class Section {
  /** A decimal number as YAML writes one: digits, a point, an exponent. */
  private static final java.util.regex.Pattern DECIMAL = java.util.regex.Pattern.compile(
      "[-+]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?");

  private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h|d)");

  private final ConfigValue.Mapping map;
  private final String path;

  private Section(ConfigValue.Mapping map, String path) {
    this.map = map;
    this.path = path;
  }

  /**
   * A section over {@code map} at the dotted {@code path} whose keys must be among {@code valid}.
   *
   * @throws ConfigException at the first unknown key, suggesting the closest valid key
   */
  public static Section of(ConfigValue.Mapping map, String path, List<String> valid) {
    for (Map.Entry<String, Origin> key : map.keyOrigins().entrySet()) {
      if (!valid.contains(key.getKey())) {
        throw new ConfigException(key.getValue(), join(path, key.getKey()),
            KeySuggestion.unknown("key", key.getKey(), valid)
                + (path.isEmpty() ? "" : " (in " + path + ")"));
      }
    }
    return new Section(map, path);
  }

  /** The mapping read. */
  public ConfigValue.Mapping mapping() {
    return map;
  }

  /** This section's dotted path ("" at the top level). */
  public String path() {
    return path;
  }

  /** The dotted path of a key of this section. */
  public String path(String key) {
    return join(path, key);
  }

  /** Where the section is. */
  public Origin origin() {
    return map.origin();
  }

  /** Whether the key is present with a non-null value. */
  public boolean has(String key) {
    return value(key).isPresent();
  }

  /**
   * A nested section where an explicit null ({@code mlp:} with nothing after it) means an empty
   * one, all defaults; absent only when the key is missing.
   */
  public Optional<Section> sectionOrDefaults(String key, List<String> valid) {
    if (map.entries().containsKey(key) && value(key).isEmpty()) {
      return Optional.of(of(ConfigValue.Mapping.empty(map.entries().get(key).origin()), path(key),
          valid));
    }
    return section(key, valid);
  }

  /** The key's value, absent for a missing key or an explicit null. */
  public Optional<ConfigValue> value(String key) {
    ConfigValue v = map.entries().get(key);
    if (v == null || v instanceof ConfigValue.Scalar s && s.isNull()) {
      return Optional.empty();
    }
    return Optional.of(v);
  }

  /** A nested section, if present; it must be a mapping whose keys are among {@code valid}. */
  public Optional<Section> section(String key, List<String> valid) {
    return value(key).map(v -> {
      if (!(v instanceof ConfigValue.Mapping m)) {
        throw error(v, key, "expected a mapping with keys " + String.join(", ", valid)
            + ", found " + describe(v));
      }
      return of(m, path(key), valid);
    });
  }

  /** A required value. */
  public ConfigValue require(String key, String expected) {
    return value(key).orElseThrow(() -> new ConfigException(map.origin(), path(key),
        "missing; expected " + expected));
  }

  /** A string, if present. */
  public Optional<String> string(String key) {
    return value(key).map(v -> scalar(v, key, "a text value").text());
  }

  /** A required string. */
  public String requireString(String key, String expected) {
    return scalar(require(key, expected), key, expected).text();
  }

  /** One of the given words (case-insensitive), or the default when absent. */
  public String word(String key, List<String> words, String defaultWord) {
    Optional<ConfigValue> v = value(key);
    if (v.isEmpty()) {
      return defaultWord;
    }
    String text = scalar(v.get(), key, "one of " + String.join(", ", words)).text();
    for (String w : words) {
      if (w.equalsIgnoreCase(text)) {
        return w;
      }
    }
    throw error(v.get(), key, KeySuggestion.unknown("value", text, words));
  }

  /** A number in [min, max], or the default when absent. */
  public double number(String key, double defaultValue, double min, double max) {
    Optional<ConfigValue> v = value(key);
    if (v.isEmpty()) {
      return defaultValue;
    }
    return number(v.get(), key, min, max);
  }

  /** A required number in [min, max]. */
  public double requireNumber(String key, double min, double max) {
    return number(require(key, "a number" + range(min, max)), key, min, max);
  }

  /** A number value in [min, max] at {@code key}. */
  public double number(ConfigValue v, String key, double min, double max) {
    String expected = "a number" + range(min, max);
    ConfigValue.Scalar s = scalar(v, key, expected);
    double d;
    try {
      if (s.quoted()) {
        throw new NumberFormatException();
      }
      String text = s.text().replace("_", "");
      if (!DECIMAL.matcher(text).matches()) {
        throw new NumberFormatException();   // Java's own forms (1d, 2f, 0x1p3, NaN) are no YAML
      }
      d = Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw error(v, key, "expected " + expected + ", found " + describe(v));
    }
    if (Double.isNaN(d) || d < min || d > max) {
      throw error(v, key, "expected " + expected + ", found " + s.text());
    }
    if (Double.isInfinite(d)) {
      // 1e309 reads as infinity: never what was meant, where the range is unbounded
      throw error(v, key, "expected a finite number" + range(min, max) + ", found " + s.text());
    }
    return d;
  }

  /** An integer in [min, max], or the default when absent. */
  public int integer(String key, int defaultValue, int min, int max) {
    Optional<ConfigValue> v = value(key);
    return v.isEmpty() ? defaultValue : integer(v.get(), key, min, max);
  }

  /** An integer value in [min, max] at {@code key}. */
  public int integer(ConfigValue v, String key, int min, int max) {
    String expected = "a whole number" + range(min, max);
    ConfigValue.Scalar s = scalar(v, key, expected);
    long n;
    try {
      if (s.quoted()) {
        throw new NumberFormatException();
      }
      n = Long.parseLong(ascii(s.text()).replace("_", ""));
    } catch (NumberFormatException e) {
      throw error(v, key, "expected " + expected + ", found " + describe(v));
    }
    if (n < min || n > max) {
      throw error(v, key, "expected " + expected + ", found " + s.text());
    }
    return (int) n;
  }

  /** A long, or the default when absent. */
  public long longValue(String key, long defaultValue) {
    Optional<ConfigValue> v = value(key);
    if (v.isEmpty()) {
      return defaultValue;
    }
    ConfigValue.Scalar s = scalar(v.get(), key, "a whole number");
    try {
      if (s.quoted()) {
        throw new NumberFormatException();
      }
      return Long.parseLong(ascii(s.text()).replace("_", ""));
    } catch (NumberFormatException e) {
      throw error(v.get(), key, "expected a whole number, found " + describe(v.get()));
    }
  }

  /** true or false, or the default when absent. */
  public boolean bool(String key, boolean defaultValue) {
    Optional<ConfigValue> v = value(key);
    if (v.isEmpty()) {
      return defaultValue;
    }
    ConfigValue.Scalar s = scalar(v.get(), key, "true or false");
    if (!s.quoted() && ascii(s.text()).equalsIgnoreCase("true")) {
      return true;
    }
    if (!s.quoted() && ascii(s.text()).equalsIgnoreCase("false")) {
      return false;
    }
    throw error(v.get(), key, "expected true or false, found " + describe(v.get()));
  }

  /**
   * {@code text} when it is plain ASCII; else a text no number or boolean parses: Java reads
   * other scripts' digits ("٣") and letters ("falſe") as ASCII ones, which the stored
   * configuration, written as YAML, would then keep as text (a worker would refuse it or read
   * another value).
   */
  private static String ascii(String text) {
    return text.chars().allMatch(c -> c < 128) ? text : "";
  }

  /** A positive duration such as {@code 90s}, {@code 10m}, {@code 1h30m}, {@code 500ms}, if present. */
  public Optional<Duration> duration(String key) {
    return value(key).map(v -> {
      String expected = "a duration such as 90s, 10m, 1h30m or 500ms";
      String text = scalar(v, key, expected).text().trim();
      Matcher m = DURATION.matcher(text);
      long millis = 0;
      int end = 0;
      while (m.find() && m.start() == end) {
        double amount = Double.parseDouble(m.group(1));
        long unit = switch (m.group(2)) {
          case "ms" -> 1L;
          case "s" -> 1_000L;
          case "m" -> 60_000L;
          case "h" -> 3_600_000L;
          default -> 86_400_000L;
        };
        millis += (long) Math.min(amount * unit, 400.0 * 86_400_000L);
        if (millis > 365L * 86_400_000L) {   // the whole, not each part ("365d365d" is 2 years)
          throw error(v, key, "expected " + expected + " of at most a year, found " + text);
        }
        end = m.end();
      }
      if (end == 0 || end != text.length() || millis <= 0) {
        throw error(v, key, "expected " + expected + ", found " + describe(v));
      }
      return Duration.ofMillis(millis);
    });
  }

  /** A list, if present (a single scalar is not a list). */
  public Optional<List<ConfigValue>> list(String key, String expected) {
    return value(key).map(v -> {
      if (!(v instanceof ConfigValue.Sequence seq)) {
        throw error(v, key, "expected " + expected + ", found " + describe(v));
      }
      return new ArrayList<>(seq.items());
    });
  }

  /**
   * A required, non-empty list of words at {@code key}, each one of {@code words} (in any case),
   * returned as {@code words} spells them; {@code what} names one item in messages ("direction").
   *
   * @throws ConfigException at the list or the offending item: not a list, empty, an item that is
   *     no scalar, or a word not in {@code words} (with the closest one suggested)
   */
  public List<String> wordList(String key, List<String> words, String what, String expected) {
    ConfigValue value = require(key, expected);
    List<ConfigValue> items = list(key, expected).orElseThrow();
    if (items.isEmpty()) {
      throw error(value, key, "expected at least one " + what + ", found an empty list");
    }
    List<String> out = new ArrayList<>();
    for (ConfigValue item : items) {
      if (!(item instanceof ConfigValue.Scalar s) || s.isNull()) {
        throw error(item, key, "expected a " + what + " (" + String.join(", ", words)
            + "), found " + describe(item));
      }
      out.add(words.stream().filter(w -> w.equalsIgnoreCase(s.text())).findFirst()
          .orElseThrow(() -> error(item, key, KeySuggestion.unknown(what, s.text(), words))));
    }
    return out;
  }

  /** The keys present, in file order. */
  public Set<String> keys() {
    return map.entries().keySet();
  }

  /** Where a key is (its key position), or the section's position. */
  public Origin originOf(String key) {
    return map.keyOrigins().getOrDefault(key, map.origin());
  }

  /** An error about the value at {@code key}. */
  public ConfigException error(ConfigValue at, String key, String problem) {
    return new ConfigException(at.origin(), path(key), problem);
  }

  /** An error about the key itself. */
  public ConfigException errorAtKey(String key, String problem) {
    return new ConfigException(originOf(key), path(key), problem);
  }

  private ConfigValue.Scalar scalar(ConfigValue v, String key, String expected) {
    if (v instanceof ConfigValue.Scalar s) {
      return s;
    }
    throw error(v, key, "expected " + expected + ", found " + describe(v));
  }

  static String describe(ConfigValue v) {
    if (v instanceof ConfigValue.Scalar s) {
      return s.quoted() ? "the text \"" + s.text() + "\"" : "'" + s.text() + "'";
    }
    return v.kind();
  }

  private static String range(double min, double max) {
    boolean hasMin = min != Double.NEGATIVE_INFINITY && min != Integer.MIN_VALUE;
    boolean hasMax = max != Double.POSITIVE_INFINITY && max != Integer.MAX_VALUE;
    if (hasMin && hasMax) {
      return " from " + plain(min) + " to " + plain(max);
    }
    if (hasMin) {
      return " >= " + plain(min);
    }
    return hasMax ? " <= " + plain(max) : "";
  }

  private static String plain(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
  }

  private static String join(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }
}
