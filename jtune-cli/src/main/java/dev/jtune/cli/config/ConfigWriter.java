package dev.jtune.cli.config;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * Writes a {@link ConfigValue} tree back as YAML (flow style, one line) that {@link YamlSource}
 * reads into the same values: scalars that could be numbers, booleans or names are written plain;
 * anything else double-quoted (it could only ever be text).
 */
final class ConfigWriter {
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.+\\-]*|[+\\-.][A-Za-z0-9_.+\\-]+");

  private ConfigWriter() {}

  static String toYaml(ConfigValue value) {
    StringBuilder out = new StringBuilder();
    write(value, out);
    return out.append('\n').toString();
  }

  private static void write(ConfigValue value, StringBuilder out) {
    if (value instanceof ConfigValue.Scalar s) {
      if (s.isNull()) {
        out.append('~');
      } else if (!s.quoted() && PLAIN.matcher(s.text()).matches()) {
        out.append(s.text());
      } else {
        quote(s.text(), out);
      }
    } else if (value instanceof ConfigValue.Sequence seq) {
      out.append('[');
      for (int i = 0; i < seq.items().size(); i++) {
        out.append(i == 0 ? "" : ", ");
        write(seq.items().get(i), out);
      }
      out.append(']');
    } else {
      ConfigValue.Mapping m = (ConfigValue.Mapping) value;
      out.append('{');
      boolean first = true;
      for (Map.Entry<String, ConfigValue> e : m.entries().entrySet()) {
        out.append(first ? "" : ", ");
        first = false;
        quote(e.getKey(), out);
        out.append(": ");
        write(e.getValue(), out);
      }
      out.append('}');
    }
  }

  private static void quote(String text, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        case '\r' -> out.append("\\r");
        default -> {
          if (c < 0x20 || c >= 0x7f && c <= 0x9f || c == 0xFEFF || c >= 0xFFFE) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
