package dev.jtune.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Attribute values: checks that a value is JSON-like and returns a deeply immutable copy, so that
 * every storage can persist it and no caller can change it after it was stored.
 */
public final class JsonLike {
  private JsonLike() {}

  /**
   * A deeply immutable copy of a JSON-like value: {@code null}, a string, a number, a boolean, or a
   * list or string-keyed map of those. Enum constants are stored as their names, which is how they
   * read back from any persistent storage.
   *
   * @throws IllegalArgumentException naming the key and the value's type if it is not JSON-like
   */
  public static Object copyOf(String key, Object value) {
    if (value == null || value instanceof String || value instanceof Boolean) {
      return value;
    }
    if (value instanceof Number n) {
      return immutable(n);
    }
    if (value instanceof Enum<?> || value instanceof Character) {
      return asText(value);
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      for (Object item : list) {
        copy.add(copyOf(key, item));
      }
      return Collections.unmodifiableList(copy);
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (!(e.getKey() instanceof String k)) {
          throw new IllegalArgumentException("attribute '" + key + "': map key " + e.getKey()
              + " is not a string; attribute values must be JSON-like");
        }
        copy.put(k, copyOf(key, e.getValue()));
      }
      return Collections.unmodifiableMap(copy);
    }
    throw new IllegalArgumentException("attribute '" + key + "': value " + value + " of type "
        + value.getClass().getName() + " is not JSON-like (null, string, number, boolean, list, map)");
  }

  /**
   * The JDK's immutable numbers as they are; any other (an {@code AtomicInteger}, a
   * {@code LongAdder}, a user's own) as its value now, a {@code Long} if it counts and a
   * {@code Double} else, so that changing it later changes nothing stored.
   */
  private static Number immutable(Number n) {
    if (n instanceof Integer || n instanceof Long || n instanceof Double || n instanceof Float
        || n instanceof Short || n instanceof Byte || n instanceof java.math.BigDecimal
        || n instanceof java.math.BigInteger) {
      return n;
    }
    if (n instanceof java.util.concurrent.atomic.AtomicInteger
        || n instanceof java.util.concurrent.atomic.AtomicLong
        || n instanceof java.util.concurrent.atomic.LongAdder
        || n instanceof java.util.concurrent.atomic.LongAccumulator) {
      return n.longValue();
    }
    return n.doubleValue();
  }

  /**
   * Whether two JSON-like values are the same once stored: compared as {@link #copyOf} leaves them
   * (an enum constant equals its name), numbers by value (a {@code float}, a {@code long} and the
   * number a storage reads back for them are one number), lists in order, maps by key.
   */
  public static boolean equivalent(Object a, Object b) {
    Object x = asText(a);
    Object y = asText(b);
    if (x instanceof Number m && y instanceof Number n) {
      return Double.compare(asStored(m), asStored(n)) == 0;
    }
    if (x instanceof List<?> l && y instanceof List<?> k) {
      if (l.size() != k.size()) {
        return false;
      }
      for (int i = 0; i < l.size(); i++) {
        if (!equivalent(l.get(i), k.get(i))) {
          return false;
        }
      }
      return true;
    }
    if (x instanceof Map<?, ?> l && y instanceof Map<?, ?> k) {
      if (!l.keySet().equals(k.keySet())) {
        return false;
      }
      for (Map.Entry<?, ?> entry : l.entrySet()) {
        if (!equivalent(entry.getValue(), k.get(entry.getKey()))) {
          return false;
        }
      }
      return true;
    }
    return Objects.equals(x, y);
  }

  /** An enum constant as its name and a character as a one-letter string; anything else as is. */
  public static Object asText(Object value) {
    return value instanceof Enum<?> e ? e.name()
        : value instanceof Character c ? c.toString() : value;
  }

  /** A hash code that agrees with {@link #equivalent}: equivalent values hash alike. */
  public static int hash(Object value) {
    Object x = asText(value);
    if (x instanceof Number n) {
      return Double.hashCode(asStored(n) + 0.0);
    }
    if (x instanceof List<?> l) {
      int h = 1;
      for (Object e : l) {
        h = 31 * h + hash(e);
      }
      return h;
    }
    if (x instanceof Map<?, ?> m) {
      int h = 0;
      for (Map.Entry<?, ?> e : m.entrySet()) {
        h += Objects.hashCode(e.getKey()) ^ hash(e.getValue());
      }
      return h;
    }
    return Objects.hashCode(x);
  }

  /**
   * A number as a storage reads it back: a {@code float} is written as its shortest decimal
   * ({@code 0.1f} as {@code 0.1}) and read as that {@code double}, not as {@code 0.1f}'s exact
   * binary value {@code 0.10000000149...}.
   */
  public static double asStored(Number n) {
    return n instanceof Float f ? Double.parseDouble(Float.toString(f)) : n.doubleValue();
  }
}
