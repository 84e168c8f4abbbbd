package dev.jtune.dashboard;

/**
 * One section of a report: a title, the chart (an {@code <svg>} element, or empty when there is
 * nothing to draw) and a note for the reader (what is shown, what was left out, or why nothing is).
 */
record Figure(String title, String svg, String note) {

  static Figure empty(String title, String why) {
    return new Figure(title, "", why);
  }

  /** The section's HTML. */
  String html() {
    return "<section>\n<h2>" + Html.escape(title) + "</h2>\n" + svg
        + (note.isEmpty() ? "" : "<p class=\"note\">" + Html.escape(note) + "</p>\n")
        + "</section>\n";
  }
}
