package dev.jtune.storage.jdbc;

import java.util.List;
import java.util.Map;

/**
 * Attribute values on their way into the database: checked to be JSON-like and turned into exactly
 * what a later read returns (enum constants become names, numbers take the type JSON gives them),
 * so a snapshot handed out at write time equals every later read of it.
 */
final class AttributeValues {
  private AttributeValues() {}

  /** The value as stored and read back. */
  static Object normalize(String key, Object value) {
    check(key, value);
    return JsonCodec.read(JsonCodec.write(value instanceof Enum<?> e ? e.name() : value));
  }

  /** The JSON text to store. */
  static String json(String key, Object value) {
    check(key, value);
    return JsonCodec.write(value);
  }

  static String requireKey(String key) {
    if (key == null || key.isEmpty()) {
      throw new IllegalArgumentException("an attribute key must be non-empty, got '" + key + "'");
    }
    return key;
  }

  private static void check(String key, Object value) {
    requireKey(key);
    if (value == null || value instanceof String || value instanceof Number
        || value instanceof Boolean || value instanceof Enum<?> || value instanceof Character) {
      return;
    }
    if (value instanceof List<?> list) {
      list.forEach(item -> check(key, item));
      return;
    }
    if (value instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (!(e.getKey() instanceof String)) {
          throw new IllegalArgumentException("attribute '" + key + "': map key " + e.getKey()
              + " is not a string; attribute values must be JSON-like");
        }
        check(key, e.getValue());
      }
      return;
    }
    throw new IllegalArgumentException("attribute '" + key + "': value " + value + " of type "
        + value.getClass().getName() + " is not JSON-like (null, string, number, boolean, list, map)");
  }
}
