package dev.jtune.cli.config;

import dev.jtune.space.CategoricalDistribution;
import dev.jtune.space.Distribution;
import dev.jtune.space.FloatDistribution;
import dev.jtune.space.IntDistribution;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A study file's {@code space} section: parameters of type float, int, categorical, bool or fixed,
 * with ranges, log scales, steps and choices, and {@code when} conditions on earlier parameters,
 * each checked where it is written.
 */
final class SpaceSection {
  private static final List<String> PARAM_KEYS =
      List.of("type", "low", "high", "log", "step", "choices", "value", "when");
  private static final List<String> TYPES = List.of("float", "int", "categorical", "bool", "fixed");

  private SpaceSection() {}

  /**
   * The {@code space} section: each parameter's distribution and its conditions on earlier
   * parameters, in file order; empty without the section. With {@code strictSteps} a step that
   * does not divide its range is refused (a user's file); without, the library narrows it (a
   * stored configuration an earlier jtune accepted).
   */
  static ConditionalSpace parse(Section top, boolean strictSteps) {
    Optional<ConfigValue> value = top.value("space");
    if (value.isEmpty()) {
      return ConditionalSpace.empty();
    }
    if (!(value.get() instanceof ConfigValue.Mapping m)) {
      throw top.error(value.get(), "space", "expected a mapping of parameter names to "
          + "{type: ..., ...}, found " + Section.describe(value.get()));
    }
    List<ParamSpec> params = new ArrayList<>();
    Map<String, Distribution> declared = new LinkedHashMap<>();
    for (Map.Entry<String, ConfigValue> e : m.entries().entrySet()) {
      String name = e.getKey();
      String path = "space." + name;
      if (name.isBlank()) {
        throw new ConfigException(m.keyOrigins().get(name), path, "a parameter needs a name");
      }
      if (!(e.getValue() instanceof ConfigValue.Mapping pm)) {
        throw new ConfigException(e.getValue().origin(), path, "expected {type: float|int|"
            + "categorical|bool|fixed, ...}, found " + Section.describe(e.getValue()));
      }
      Section p = Section.of(pm, path, PARAM_KEYS);
      Distribution d = distribution(p, strictSteps);
      Map<String, List<Object>> when = conditions(p, declared);
      declared.put(name, d);
      params.add(new ParamSpec(name, d, when));
    }
    return new ConditionalSpace(params);
  }

  private static Distribution distribution(Section p, boolean strictSteps) {
    if (!p.has("type")) {
      throw new ConfigException(p.origin(), p.path("type"), "missing; expected one of "
          + String.join(", ", TYPES));
    }
    String type = p.word("type", TYPES, null);
    List<String> allowed = switch (type) {
      case "float", "int" -> List.of("type", "low", "high", "log", "step", "when");
      case "categorical" -> List.of("type", "choices", "when");
      case "fixed" -> List.of("type", "value", "when");
      default -> List.of("type", "when");
    };
    for (String key : p.keys()) {
      if (!allowed.contains(key)) {
        throw p.errorAtKey(key, "not a setting of a " + type + " parameter; its settings are "
            + String.join(", ", allowed));
      }
    }
    try {
      switch (type) {
        case "float" -> {
          double low = p.requireNumber("low", -Double.MAX_VALUE, Double.MAX_VALUE);
          double high = p.requireNumber("high", -Double.MAX_VALUE, Double.MAX_VALUE);
          // a step, when given, is positive (a continuous range gives none): 0 or 1e-400 was
          // taken for "continuous" in silence
          double step = p.has("step") ? p.number("step", 0, Double.MIN_VALUE, Double.MAX_VALUE)
              : 0;
          if (strictSteps && step > 0 && low <= high) {
            requireStepDivides(p, low, high, step,
                FloatDistribution.lastGridPoint(low, high, step));
          }
          return new FloatDistribution(low, high, p.bool("log", false), step);
        }
        case "int" -> {
          int low = p.integer(p.require("low", "a whole number"), "low", Integer.MIN_VALUE,
              Integer.MAX_VALUE);
          int high = p.integer(p.require("high", "a whole number"), "high", Integer.MIN_VALUE,
              Integer.MAX_VALUE);
          int step = p.integer("step", 1, 1, Integer.MAX_VALUE);
          if (strictSteps && low <= high) {
            requireStepDivides(p, low, high, step, high - ((long) high - low) % step);
          }
          return new IntDistribution(low, high, p.bool("log", false), step);
        }
        case "categorical" -> {
          List<ConfigValue> items = p.list("choices", "a list of choices such as [adam, sgd]")
              .orElseThrow(() -> new ConfigException(p.origin(), p.path("choices"),
                  "missing; expected a list of choices such as [adam, sgd]"));
          if (items.isEmpty()) {
            throw p.error(p.value("choices").orElseThrow(), "choices", "expected at least one "
                + "choice, found an empty list");
          }
          List<Object> choices = new ArrayList<>();
          for (ConfigValue item : items) {
            Object choice = scalarValue(p, "choices", item);
            if (choices.stream().anyMatch(c -> ParamSpec.same(c, choice))) {
              throw p.error(item, "choices", "choice " + choice + " is listed twice");
            }
            choices.add(choice);
          }
          return new CategoricalDistribution(choices);
        }
        case "bool" -> {
          return CategoricalDistribution.bool();
        }
        default -> {
          return CategoricalDistribution.fixed(
              scalarValue(p, "value", p.require("value", "the fixed value")));
        }
      }
    } catch (IllegalArgumentException e) {
      throw new ConfigException(p.origin(), p.path(), e.getMessage());
    }
  }

  private static Map<String, List<Object>> conditions(Section p,
      Map<String, Distribution> declared) {
    Optional<ConfigValue> when = p.value("when");
    if (when.isEmpty()) {
      return Map.of();
    }
    if (!(when.get() instanceof ConfigValue.Mapping wm) || wm.entries().isEmpty()) {
      throw p.error(when.get(), "when", "expected a mapping from an earlier parameter to its "
          + "value(s), e.g. when: {optimizer: sgd}, found " + Section.describe(when.get()));
    }
    Section w = Section.of(wm, p.path("when"), new ArrayList<>(wm.entries().keySet()));
    Map<String, List<Object>> out = new LinkedHashMap<>();
    for (String other : wm.entries().keySet()) {
      Distribution d = declared.get(other);
      if (d == null) {
        throw w.errorAtKey(other, KeySuggestion.closest(other, declared.keySet())
            .map(s -> "no earlier parameter '" + other + "'; did you mean '" + s + "'?")
            .orElse("no earlier parameter '" + other + "'; a condition names a parameter "
                + "declared above it" + (declared.isEmpty() ? "" : " (" + String.join(", ",
                declared.keySet()) + ")")));
      }
      ConfigValue v = wm.entries().get(other);
      List<ConfigValue> items = v instanceof ConfigValue.Sequence s ? s.items() : List.of(v);
      if (items.isEmpty()) {
        throw w.error(v, other, "an empty list of values of " + other + ", so the condition "
            + "could never hold; give the value(s) that switch this parameter on");
      }
      if (d instanceof dev.jtune.space.FloatDistribution f && f.step() == 0 && f.low() < f.high()) {
        throw w.error(v, other, other + " is continuous (" + d.describe() + "): it takes a "
            + "given value only by chance, so the condition would hardly ever hold; give " + other
            + " a step, or make it categorical");
      }
      List<Object> accepted = new ArrayList<>();
      for (ConfigValue item : items) {
        Object value = scalarValue(w, other, item);
        if (d instanceof CategoricalDistribution c
            && c.choices().stream().noneMatch(x -> ParamSpec.same(x, value))) {
          throw w.error(item, other, value + " is not a choice of " + other + " (" + c.choices()
              + ")");
        }
        if (!(d instanceof CategoricalDistribution) && !canTake(d, value)) {
          throw w.error(item, other, value + " is not a value " + other + " can take ("
              + d.describe() + "), so the condition could never hold");
        }
        // a quoted number ("2", "2.0", "02") on a numeric parameter is compared as the number
        accepted.add(!(d instanceof CategoricalDistribution) && value instanceof String text
            ? Double.valueOf(text.trim()) : value);
      }
      out.put(other, accepted);
    }
    return out;
  }

  /**
   * A file's step must divide its range: the library narrows {@code high} to the last grid point
   * with a warning (as Optuna), but a study file that says {@code high: 10} and can never reach it
   * is a mistake best shown where it is written.
   */
  private static void requireStepDivides(Section p, double low, double high, double step,
      double kept) {
    if (kept != high) {
      throw p.error(p.value("step").orElseThrow(), "step", "step " + num(step) + " does not "
          + "divide the range [" + num(low) + ", " + num(high) + "], so " + num(high)
          + " could never be drawn; use high: " + num(kept) + ", or a step that divides "
          + num(high - low));
    }
  }

  private static String num(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v)
        : java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
  }

  /** Whether a numerical parameter's distribution has {@code value} among its values. */
  private static boolean canTake(Distribution d, Object value) {
    try {
      // a quoted number ("2") matches as the number, as conditions compare values as text
      Object number = value instanceof String s ? Double.valueOf(s.trim()) : value;
      return number instanceof Number && d.contains(d.toInternal(number));
    } catch (IllegalArgumentException e) { // NumberFormatException included
      return false;
    }
  }

  /** A plain scalar as a number, boolean or text; a quoted one as text. */
  static Object scalarValue(Section at, String key, ConfigValue v) {
    if (!(v instanceof ConfigValue.Scalar s) || s.isNull()) {
      throw at.error(v, key, "expected a number, true/false or a word, found "
          + Section.describe(v));
    }
    if (s.quoted()) {
      return s.text();
    }
    String t = s.text();
    if (t.equals("true") || t.equals("false")) {
      return Boolean.valueOf(t);
    }
    try {
      if (!t.matches("[-+]?[0-9]+")) {
        throw new NumberFormatException();   // ASCII digits only: "١" stays the word it is
      }
      long n = Long.parseLong(t);
      return n == (int) n ? (Object) (int) n : (Object) n;
    } catch (NumberFormatException notLong) {
      try {
        double d = Double.parseDouble(t);
        if (t.matches("[-+]?[0-9.][0-9.eE+\\-]*")) {
          return d;
        }
      } catch (NumberFormatException notNumber) {
        // a word
      }
    }
    return t;
  }
}
