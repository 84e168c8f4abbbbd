package dev.jtune.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Objects;

/**
 * A minimal streaming JSON writer over an {@link Appendable}, so that core needs no JSON library.
 * Callers open and close objects and arrays, name each member of an object, and write values; the
 * writer inserts commas, escapes strings, and indents when asked.
 *
 * <p>Number contract: finite doubles are written with {@link Double#toString(double)}, which is
 * always a valid JSON number and reads back to the same double. JSON has no non-finite numbers, so
 * {@code NaN}, {@code +Infinity} and {@code -Infinity} are written as the <em>strings</em>
 * {@code "NaN"}, {@code "Infinity"} and {@code "-Infinity"}.
 *
 * <p>Misuse (a value where a member name is expected, a name outside an object, closing the wrong
 * container) throws {@link IllegalStateException}. Not thread-safe; one writer per output.
 */
public final class JsonWriter {

  private final Appendable out;
  private final String indent;
  private final Deque<Frame> open = new ArrayDeque<>();
  private boolean afterName;

  private static final class Frame {
    final boolean object;
    boolean empty = true;

    Frame(boolean object) {
      this.object = object;
    }
  }

  /**
   * A writer that appends to {@code out}.
   *
   * @param indent the text of one indentation level, or {@code ""} for compact output on one line
   */
  public JsonWriter(Appendable out, String indent) {
    this.out = Objects.requireNonNull(out, "out");
    this.indent = Objects.requireNonNull(indent, "indent");
  }

  /** A compact writer that appends to {@code out}. */
  public JsonWriter(Appendable out) {
    this(out, "");
  }

  /** The compact JSON text of a JSON-like value; see {@link #any(Object)}. */
  public static String toJson(Object value) {
    StringBuilder text = new StringBuilder();
    try {
      new JsonWriter(text).any(value);
    } catch (IOException e) {
      throw new UncheckedIOException("a StringBuilder does not throw", e);
    }
    return text.toString();
  }

  /** Opens an object; close it with {@link #endObject()}. */
  public JsonWriter beginObject() throws IOException {
    beforeValue();
    out.append('{');
    open.push(new Frame(true));
    return this;
  }

  /** Closes the innermost object. */
  public JsonWriter endObject() throws IOException {
    return end(true, '}');
  }

  /** Opens an array; close it with {@link #endArray()}. */
  public JsonWriter beginArray() throws IOException {
    beforeValue();
    out.append('[');
    open.push(new Frame(false));
    return this;
  }

  /** Closes the innermost array. */
  public JsonWriter endArray() throws IOException {
    return end(false, ']');
  }

  /** Names the next member of the innermost object; a value must follow. */
  public JsonWriter name(String name) throws IOException {
    Objects.requireNonNull(name, "name");
    Frame frame = open.peek();
    if (frame == null || !frame.object || afterName) {
      throw new IllegalStateException("member name '" + name + "' is only allowed in an object, "
          + "before its value");
    }
    separate(frame);
    string(name);
    out.append(indent.isEmpty() ? ":" : ": ");
    afterName = true;
    return this;
  }

  /** A string value, or JSON {@code null} when {@code value} is {@code null}. */
  public JsonWriter value(String value) throws IOException {
    if (value == null) {
      return nullValue();
    }
    beforeValue();
    string(value);
    return this;
  }

  /** A number; non-finite values become strings (see the class comment). */
  public JsonWriter value(double value) throws IOException {
    if (Double.isNaN(value)) {
      return value("NaN");
    }
    if (Double.isInfinite(value)) {
      return value(value > 0 ? "Infinity" : "-Infinity");
    }
    return raw(Double.toString(value));
  }

  /** An integer number. */
  public JsonWriter value(long value) throws IOException {
    return raw(Long.toString(value));
  }

  /** {@code true} or {@code false}. */
  public JsonWriter value(boolean value) throws IOException {
    return raw(Boolean.toString(value));
  }

  /**
   * A decimal number, written exactly: in plain notation (no exponent) when its scale is within
   * &plusmn;32, otherwise in {@link BigDecimal#toString()}'s scientific notation. JSON {@code null}
   * when {@code value} is {@code null}.
   */
  public JsonWriter value(BigDecimal value) throws IOException {
    if (value == null) {
      return nullValue();
    }
    return raw(Math.abs(value.scale()) <= 32 ? value.toPlainString() : value.toString());
  }

  /** JSON {@code null}. */
  public JsonWriter nullValue() throws IOException {
    return raw("null");
  }

  /**
   * Any JSON-like value: {@code null}; a string; a number (doubles and floats as by
   * {@link #value(double)}); a boolean; an {@link Iterable} or array of objects as an array; a
   * {@link Map} as an object whose keys are the map keys' {@code String.valueOf}. An enum constant is
   * written as its {@link Enum#name()}, which is how attributes store it and how a categorical choice
   * matches it; any other object as the string of its {@code toString()}.
   */
  public JsonWriter any(Object value) throws IOException {
    if (value == null) {
      return nullValue();
    }
    if (value instanceof String s) {
      return value(s);
    }
    if (value instanceof Boolean b) {
      return value(b.booleanValue());
    }
    if (value instanceof Number n) {
      return number(n);
    }
    if (value instanceof Enum<?> e) {
      return value(e.name());
    }
    if (value instanceof Map<?, ?> map) {
      beginObject();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        name(String.valueOf(e.getKey()));
        any(e.getValue());
      }
      return endObject();
    }
    if (value instanceof Iterable<?> items) {
      beginArray();
      for (Object item : items) {
        any(item);
      }
      return endArray();
    }
    if (value instanceof Object[] items) {
      beginArray();
      for (Object item : items) {
        any(item);
      }
      return endArray();
    }
    return value(value.toString());
  }

  private JsonWriter number(Number n) throws IOException {
    if (n instanceof Double || n instanceof Float) {
      return value(JsonLike.asStored(n));   // a float as its shortest decimal, as stored
    }
    if (n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte) {
      return value(n.longValue());
    }
    if (n instanceof BigDecimal d) {
      return value(d);
    }
    if (n instanceof BigInteger) {
      return raw(n.toString());
    }
    // Unknown Number subclasses may print anything; their double value is always well-formed.
    return value(n.doubleValue());
  }

  private JsonWriter raw(String token) throws IOException {
    beforeValue();
    out.append(token);
    return this;
  }

  private void beforeValue() throws IOException {
    if (afterName) {
      afterName = false;
      return;
    }
    Frame frame = open.peek();
    if (frame == null) {
      return;
    }
    if (frame.object) {
      throw new IllegalStateException("a value inside an object needs a member name first");
    }
    separate(frame);
  }

  private void separate(Frame frame) throws IOException {
    if (!frame.empty) {
      out.append(',');
    }
    frame.empty = false;
    newline(open.size());
  }

  private JsonWriter end(boolean object, char close) throws IOException {
    Frame frame = open.peek();
    if (frame == null || frame.object != object || afterName) {
      throw new IllegalStateException("cannot close " + (object ? "an object" : "an array")
          + (frame == null ? ": nothing is open" : afterName ? ": a member value is missing"
              : ": the innermost open container is " + (frame.object ? "an object" : "an array")));
    }
    open.pop();
    if (!frame.empty) {
      newline(open.size());
    }
    out.append(close);
    return this;
  }

  private void newline(int depth) throws IOException {
    if (indent.isEmpty()) {
      return;
    }
    out.append('\n');
    for (int i = 0; i < depth; i++) {
      out.append(indent);
    }
  }

  private void string(String s) throws IOException {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c < 0x20 || c == '\u2028' || c == '\u2029' || loneSurrogate(s, i)) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  /** Whether {@code s.charAt(i)} is half of a surrogate pair without its other half. */
  private static boolean loneSurrogate(String s, int i) {
    char c = s.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
    }
    return Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(s.charAt(i - 1)));
  }
}
