package dev.jtune.cli.config;

import dev.jtune.space.Distribution;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One parameter of a declared search space: its distribution and the conditions under which it is
 * active ({@code when}: parameter name → accepted values; all must hold). A parameter is active when
 * every named parameter is active and took one of the accepted values.
 */
public record ParamSpec(String name, Distribution distribution, Map<String, List<Object>> when) {
  public ParamSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(distribution, "distribution");
    Map<String, List<Object>> copy = new LinkedHashMap<>();
    when.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    when = java.util.Collections.unmodifiableMap(copy);
  }

  /** Whether the conditions hold for the values chosen so far. */
  public boolean isActive(Map<String, Object> chosen) {
    for (Map.Entry<String, List<Object>> c : when.entrySet()) {
      Object actual = chosen.get(c.getKey());
      if (actual == null || c.getValue().stream().noneMatch(w -> same(actual, w))) {
        return false;
      }
    }
    return true;
  }

  static boolean same(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y) {
      return Double.compare(x.doubleValue(), y.doubleValue()) == 0;
    }
    return Objects.equals(a, b) || String.valueOf(a).equals(String.valueOf(b));
  }
}
