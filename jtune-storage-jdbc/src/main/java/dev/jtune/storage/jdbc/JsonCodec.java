package dev.jtune.storage.jdbc;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Attribute values to and from the {@code value_json} columns, in the JSON Python's {@code json}
 * module writes: non-finite numbers as the bare tokens {@code NaN}, {@code Infinity} and
 * {@code -Infinity}. Values read back are deeply immutable, so cached snapshots can be shared.
 */
final class JsonCodec {
  /**
   * Reads what it writes, however long: Jackson's default limits (strings of 20 million
   * characters, numbers of 1,000 digits, names of 50,000) would make a stored attribute (or one Optuna stored)
   * unreadable, and with it the whole study.
   */
  static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
          .streamReadConstraints(StreamReadConstraints.builder()
              .maxStringLength(Integer.MAX_VALUE).maxNumberLength(Integer.MAX_VALUE)
              .maxNameLength(Integer.MAX_VALUE).build())
          .build())
      .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
      .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
      .build();

  private JsonCodec() {}

  /** The JSON text of a JSON-like value (already checked by the caller). */
  static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write " + value + " as JSON", e);
    }
  }

  /**
   * The value of a JSON text, deeply immutable.
   *
   * @throws IllegalStateException naming the text if it is not JSON
   */
  static Object read(String json) {
    if (json == null) {
      return null;
    }
    try {
      return immutable(MAPPER.readValue(json, Object.class));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored value is not JSON: "
          + (json.length() > 200 ? json.substring(0, 200) + "... (" + json.length()
              + " characters)" : json), e);
    }
  }

  static Object immutable(Object value) {
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      list.forEach(v -> out.add(immutable(v)));
      return Collections.unmodifiableList(out);
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put((String) k, immutable(v)));
      return Collections.unmodifiableMap(out);
    }
    return value;
  }
}
