package dev.jtune.dashboard;

import java.util.Locale;

/** Escaping and number formatting for the pages: every user-given string goes through here. */
final class Html {
  private Html() {}

  /**
   * Text and attribute values: {@code & < > " '} escaped, control characters shown as {@code ?},
   * non-characters and unpaired surrogates as U+FFFD (so the page is well-formed and UTF-8).
   */
  static String escape(Object value) {
    String s = String.valueOf(value);
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> {
          if (c < 0x20 && c != '\n' && c != '\t') {
            out.append('?');
          } else if (c == '\uFFFE' || c == '\uFFFF') {
            out.append('\uFFFD');            // not characters in XML or HTML
          } else if (Character.isHighSurrogate(c) && i + 1 < s.length()
              && Character.isLowSurrogate(s.charAt(i + 1))) {
            out.append(c).append(s.charAt(++i));
          } else if (Character.isSurrogate(c)) {
            out.append('\uFFFD');            // half a pair: no character, unwritable as UTF-8
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }

  /** A number for people: six significant digits, no trailing zeros, {@code inf}/{@code nan}. */
  static String number(double v) {
    if (Double.isNaN(v)) {
      return "nan";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "inf" : "-inf";
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return String.valueOf((long) v);
    }
    String s = String.format(Locale.ROOT, "%.6g", v);
    if (s.contains("e")) {
      String[] parts = s.split("e");
      return stripZeros(parts[0]) + "e" + Integer.parseInt(parts[1]);
    }
    return stripZeros(s);
  }

  /** Pixel coordinates: two decimals are plenty and keep pages small. */
  static String px(double v) {
    return String.format(Locale.ROOT, "%.2f", v);
  }

  private static String stripZeros(String s) {
    if (!s.contains(".")) {
      return s;
    }
    s = s.replaceAll("0+$", "");
    return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
  }
}
