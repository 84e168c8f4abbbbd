package dev.jtune.dashboard;

import dev.jtune.trial.FrozenTrial;
import java.util.Map;

/** The text shown when the pointer rests on a trial's mark. */
final class Tooltips {
  private Tooltips() {}

  static String trial(FrozenTrial t) {
    StringBuilder s = new StringBuilder("trial ").append(t.number()).append(" (")
        .append(t.state().name().toLowerCase()).append(")");
    if (!t.values().isEmpty()) {
      s.append("\nvalue ").append(t.values().size() == 1 ? Html.number(t.values().get(0))
          : t.values().stream().map(Html::number).toList().toString());
    }
    for (Map.Entry<String, Object> p : t.params().entrySet()) {
      Object v = p.getValue();
      s.append('\n').append(p.getKey()).append(" = ")
          .append(v instanceof Double d ? Html.number(d) : String.valueOf(v));
    }
    return s.toString();
  }
}
