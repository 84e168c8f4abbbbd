package dev.jtune.dashboard;

import dev.jtune.trial.FrozenTrial;
import java.util.Locale;
import java.util.Map;

/**
 * The text shown when the pointer rests on a trial's mark: its number, state, value and (up to
 * {@value #MAX_PARAMS}) parameters; a slice chart's dots name only their own parameter, so that a
 * page of many trials and parameters stays small.
 */
final class Tooltips {
  static final int MAX_PARAMS = 12;

  private Tooltips() {}

  /** Number, state and value, and one parameter's value. */
  static String trial(FrozenTrial t, String param) {
    Object v = t.params().get(param);
    return head(t) + "\n" + param + " = " + (v instanceof Double d ? Html.number(d) : v);
  }

  static String trial(FrozenTrial t) {
    StringBuilder s = new StringBuilder(head(t));
    int shown = 0;
    for (Map.Entry<String, Object> p : t.params().entrySet()) {
      if (shown++ == MAX_PARAMS) {
        s.append("\n(").append(t.params().size() - MAX_PARAMS).append(" more parameters)");
        break;
      }
      Object v = p.getValue();
      s.append('\n').append(p.getKey()).append(" = ")
          .append(v instanceof Double d ? Html.number(d) : String.valueOf(v));
    }
    return s.toString();
  }

  private static String head(FrozenTrial t) {
    StringBuilder s = new StringBuilder("trial ").append(t.number()).append(" (")
        .append(t.state().name().toLowerCase(Locale.ROOT)).append(")");
    if (!t.values().isEmpty()) {
      s.append("\nvalue ").append(t.values().size() == 1 ? Html.number(t.values().get(0))
          : t.values().stream().map(Html::number).toList().toString());
    }
    t.constraintValues().ifPresent(c -> s.append("\nconstraints ").append(java.util.Arrays
        .stream(c).mapToObj(Html::number).toList()));
    return s.toString();
  }
}
