package dev.jtune.bench.problems;

import dev.jtune.space.Distribution;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One parameter of a problem's search space, in suggestion order: its distribution and, for a
 * conditional parameter, the condition under which it exists.
 *
 * @param name the parameter's name
 * @param distribution its distribution (bounds inclusive, as in {@code problems.py})
 * @param condition when it exists; {@code null} for an unconditional parameter
 */
public record Parameter(String name, Distribution distribution, Condition condition) {

  public Parameter {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(distribution, "distribution");
  }

  /** An unconditional parameter. */
  public static Parameter of(String name, Distribution distribution) {
    return new Parameter(name, distribution, null);
  }

  /**
   * The parameter exists only when an earlier parameter took one of some values.
   *
   * @param parameter the earlier parameter's name
   * @param values the external values that activate the parameter
   */
  public record Condition(String parameter, Set<Object> values) {
    public Condition {
      Objects.requireNonNull(parameter, "parameter");
      values = Set.copyOf(values);
    }
  }

  /** Whether the parameter exists, given the external values chosen so far. */
  public boolean isActive(Map<String, Object> chosen) {
    return condition == null || condition.values().contains(chosen.get(condition.parameter()));
  }
}
