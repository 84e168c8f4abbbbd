package dev.jtune.dashboard;

/**
 * One SVG chart: a plot area with an x and a y scale, axes with ticks and labels, and the marks
 * added to it. Marks are given in data positions ({@code [0, 1]} from the scales) and placed in
 * pixels here; every text is escaped.
 */
final class Chart {
  static final int WIDTH = 760;
  static final int HEIGHT = 320;
  private static final int LEFT = 70;
  private static final int RIGHT = 20;
  private static final int TOP = 16;
  private static final int BOTTOM = 46;

  private final StringBuilder marks = new StringBuilder();
  private final StringBuilder axes = new StringBuilder();
  private final int width;
  private final int height;
  private final int left;
  private final int right;

  Chart() {
    this(WIDTH, HEIGHT, LEFT);
  }

  Chart(int width, int height, int left) {
    this(width, height, left, RIGHT);
  }

  Chart(int width, int height, int left, int right) {
    this.width = width;
    this.height = height;
    this.left = left;
    this.right = right;
  }

  double x(double position) {
    return left + position * (width - left - right);
  }

  double y(double position) {
    return height - BOTTOM - position * (height - TOP - BOTTOM);
  }

  /** Draws the x axis with its ticks and a title under it. */
  Chart xAxis(Scale scale, String title) {
    double base = y(0);
    axes.append(line(x(0), base, x(1), base, "axis"));
    for (Scale.Tick t : scale.ticks()) {
      double at = x(t.position());
      axes.append(line(at, base, at, base + 4, "axis"))
          .append(text(at, base + 16, "middle", "tick", shorten(t.label())));
    }
    axes.append(text(x(0.5), height - 6, "middle", "title", title));
    return this;
  }

  /** Draws the y axis with its ticks, grid lines and a title along it. */
  Chart yAxis(Scale scale, String title) {
    axes.append(line(x(0), y(0), x(0), y(1), "axis"));
    for (Scale.Tick t : scale.ticks()) {
      double at = y(t.position());
      axes.append(line(x(0), at, x(1), at, "grid"))
          .append(text(x(0) - 6, at + 4, "end", "tick", shorten(t.label())));
    }
    axes.append("<text class=\"title\" text-anchor=\"middle\" transform=\"translate(14,")
        .append(Html.px(y(0.5))).append(") rotate(-90)\">").append(Html.escape(title))
        .append("</text>\n");
    return this;
  }

  /** A dot at data positions, with a tooltip. */
  Chart dot(double px, double py, String cssClass, String tooltip) {
    marks.append("<circle class=\"").append(cssClass).append("\" cx=\"").append(Html.px(x(px)))
        .append("\" cy=\"").append(Html.px(y(py))).append("\" r=\"3.5\"><title>")
        .append(Html.escape(tooltip)).append("</title></circle>\n");
    return this;
  }

  /** A line through data positions {@code (x0, y0, x1, y1, ...)}, with a tooltip. */
  Chart polyline(double[] points, String cssClass, String style, String tooltip) {
    marks.append("<polyline class=\"").append(cssClass).append("\"");
    if (style != null) {
      marks.append(" style=\"").append(style).append("\"");
    }
    marks.append(" points=\"");
    for (int i = 0; i + 1 < points.length; i += 2) {
      marks.append(Html.px(x(points[i]))).append(',').append(Html.px(y(points[i + 1]))).append(' ');
    }
    marks.append("\"><title>").append(Html.escape(tooltip)).append("</title></polyline>\n");
    return this;
  }

  /** A horizontal bar from the y axis, {@code length} of the plot's width, at a vertical band. */
  Chart bar(double yPosition, double bandHeight, double length, String tooltip) {
    double h = bandHeight * (height - TOP - BOTTOM) * 0.7;
    marks.append("<rect class=\"bar\" x=\"").append(Html.px(x(0))).append("\" y=\"")
        .append(Html.px(y(yPosition) - h / 2)).append("\" width=\"")
        .append(Html.px(x(length) - x(0))).append("\" height=\"").append(Html.px(h))
        .append("\"><title>").append(Html.escape(tooltip)).append("</title></rect>\n");
    return this;
  }

  /** A horizontal span from {@code x0} to {@code x1} at a height, {@code thickness} pixels tall. */
  Chart span(double x0, double x1, double py, double thickness, String cssClass,
      String tooltip) {
    double width = Math.max(1, x(x1) - x(x0));
    marks.append("<rect class=\"").append(cssClass).append("\" x=\"").append(Html.px(x(x0)))
        .append("\" y=\"").append(Html.px(y(py) - thickness / 2)).append("\" width=\"")
        .append(Html.px(width)).append("\" height=\"").append(Html.px(thickness))
        .append("\"><title>").append(Html.escape(tooltip)).append("</title></rect>\n");
    return this;
  }

  /** A filled rectangle between data positions, with a tooltip. */
  Chart rect(double x0, double y0, double x1, double y1, String style, String tooltip) {
    double left = Math.min(x(x0), x(x1));
    double top = Math.min(y(y0), y(y1));
    marks.append("<rect class=\"cell\" style=\"").append(style).append("\" x=\"")
        .append(Html.px(left)).append("\" y=\"").append(Html.px(top)).append("\" width=\"")
        .append(Html.px(Math.abs(x(x1) - x(x0)))).append("\" height=\"")
        .append(Html.px(Math.abs(y(y1) - y(y0)))).append("\"><title>")
        .append(Html.escape(tooltip)).append("</title></rect>\n");
    return this;
  }

  /** Free text at data positions. */
  Chart label(double px, double py, String anchor, String content) {
    marks.append(text(x(px), y(py), anchor, "tick", content));
    return this;
  }

  /** A vertical axis line at a data position (parallel coordinates). */
  Chart verticalAxis(double px, Scale scale, String title) {
    double at = x(px);
    axes.append(line(at, y(0), at, y(1), "axis"));
    for (Scale.Tick t : scale.ticks()) {
      axes.append(line(at - 3, y(t.position()), at + 3, y(t.position()), "axis"))
          .append(text(at + 5, y(t.position()) + 4, "start", "tick small", shorten(t.label())));
    }
    axes.append(text(at, height - 20, "middle", "title", shorten(title)));
    return this;
  }

  /** The finished {@code <svg>} element. */
  String svg(String ariaLabel) {
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + width + " " + height
        + "\" width=\"" + width + "\" height=\"" + height + "\" role=\"img\" aria-label=\""
        + Html.escape(ariaLabel) + "\">\n" + axes + marks + "</svg>\n";
  }

  private static String line(double x1, double y1, double x2, double y2, String cssClass) {
    return "<line class=\"" + cssClass + "\" x1=\"" + Html.px(x1) + "\" y1=\"" + Html.px(y1)
        + "\" x2=\"" + Html.px(x2) + "\" y2=\"" + Html.px(y2) + "\"/>\n";
  }

  private static String text(double x, double y, String anchor, String cssClass, String content) {
    return "<text class=\"" + cssClass + "\" x=\"" + Html.px(x) + "\" y=\"" + Html.px(y)
        + "\" text-anchor=\"" + anchor + "\">" + Html.escape(content) + "</text>\n";
  }

  /** Keeps axis labels readable: long category names are cut in the middle. */
  static String shorten(String label) {
    return shorten(label, 18);
  }

  /** At most {@code max} code points (at least 8): the start and the end around {@code ...}. */
  static String shorten(String label, int max) {
    int points = label.codePointCount(0, label.length());
    if (points <= max) {
      return label;
    }
    int head = (max - 3) / 2 + (max - 3) % 2;
    int tail = max - 3 - head;
    return label.substring(0, label.offsetByCodePoints(0, head)) + "..."
        + label.substring(label.offsetByCodePoints(0, points - tail));
  }
}
