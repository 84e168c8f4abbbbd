package dev.jtune.dashboard;

import dev.jtune.study.Feasibility;
import dev.jtune.trial.FrozenTrial;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The latest trials, newest first, with what a user debugging a study looks for: state, value,
 * duration, parameters, the last reported step and why a trial was pruned or failed (the first
 * line of the stored reason); in a constrained study, whether each trial met its constraints.
 */
final class TrialTable {
  static final int MAX_ROWS = 100;
  private static final int MAX_REASON = 300;

  private TrialTable() {}

  static Figure of(List<FrozenTrial> trials) {
    String title = "Latest trials";
    if (trials.isEmpty()) {
      return Figure.empty(title, "No trial yet.");
    }
    boolean constrained = trials.stream().anyMatch(Feasibility::hasConstraints);
    StringBuilder html = new StringBuilder("<table class=\"trials\">\n<tr><th>number</th>"
        + "<th>state</th><th>value</th>" + (constrained ? "<th>constraints</th>" : "")
        + "<th>duration</th><th>last step</th><th>parameters</th><th>reason</th></tr>\n");
    int shown = 0;
    for (int i = trials.size() - 1; i >= 0 && shown < MAX_ROWS; i--, shown++) {
      FrozenTrial t = trials.get(i);
      html.append("<tr class=\"").append(t.state().name().toLowerCase(Locale.ROOT)).append("\"><td>")
          .append(t.number()).append("</td><td>").append(t.state().name().toLowerCase(Locale.ROOT))
          .append("</td><td>").append(Html.escape(value(t))).append("</td><td>")
          .append(constrained ? Html.escape(constraints(t)) + "</td><td>" : "")
          .append(t.duration().map(d -> Html.number(d.getSeconds() + d.getNano() / 1e9) + " s")
              .orElse("-"))
          .append("</td><td>").append(t.lastStep().map(String::valueOf).orElse("-"))
          .append("</td><td>").append(Html.escape(params(t))).append("</td><td>")
          .append(Html.escape(reason(t))).append("</td></tr>\n");
    }
    html.append("</table>\n");
    return new Figure(title, html.toString(), shown + " of " + trials.size() + " trials, newest"
        + " first.");
  }

  private static String value(FrozenTrial t) {
    if (t.values().isEmpty()) {
      return "-";
    }
    return t.values().size() == 1 ? Html.number(t.values().get(0))
        : t.values().stream().map(Html::number).toList().toString();
  }

  /** Whether the trial met its stored constraints, or by how much it missed them. */
  private static String constraints(FrozenTrial t) {
    if (!Feasibility.hasConstraints(t)) {
      return "-";
    }
    if (t.constraintValues().isEmpty()) {
      return "unknown";
    }
    double violation = Feasibility.violation(t);
    return violation == 0 ? "met" : "missed by " + Html.number(violation);
  }

  private static String params(FrozenTrial t) {
    StringBuilder s = new StringBuilder();
    for (Map.Entry<String, Object> p : t.params().entrySet()) {
      Object v = p.getValue();
      s.append(s.length() == 0 ? "" : ", ").append(p.getKey()).append('=')
          .append(v instanceof Double d ? Html.number(d) : String.valueOf(v));
    }
    return s.toString();
  }

  private static String reason(FrozenTrial t) {
    Object reason = t.systemAttrs().get(FrozenTrial.PRUNE_REASON);
    if (reason == null) {
      reason = t.systemAttrs().get(FrozenTrial.FAIL_REASON);
    }
    String line = reason == null ? "" : String.valueOf(reason).lines().filter(l -> !l.isBlank())
        .findFirst().orElse("").strip();
    return line.length() <= MAX_REASON ? line : line.substring(0, MAX_REASON) + "...";
  }
}
