package dev.jtune.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.jtune.trial.FrozenTrial;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON text for the command's {@code --json} output: one compact object per line. Non-finite
 * numbers are written as the strings {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}, as
 * the core's JSON export does.
 */
final class Json {
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

  private Json() {}

  /** One line of JSON for a map of JSON-like values. */
  static String line(Map<String, ?> object) {
    try {
      return MAPPER.writeValueAsString(clean(object));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON for " + object, e);
    }
  }

  /** A trial as a JSON-like map: number, state, value(s), params, user attrs, times. */
  static Map<String, Object> trial(FrozenTrial t) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("number", t.number());
    m.put("state", t.state().name());
    m.put("value", t.values().size() == 1 ? t.values().get(0) : null);
    if (t.values().size() > 1) {
      m.put("values", t.values());
    }
    m.put("params", t.params());
    m.put("user_attrs", t.userAttrs());
    if (dev.jtune.study.Feasibility.hasConstraints(t)) {
      // Optuna's system attribute, and what it means
      m.put("constraints", t.systemAttrs().get(FrozenTrial.CONSTRAINTS));
      m.put("feasible", dev.jtune.study.Feasibility.feasible(t));
    }
    m.put("datetime_start", t.started() == null ? null : t.started().toString());
    m.put("datetime_complete", t.completed() == null ? null : t.completed().toString());
    return m;
  }

  private static Object clean(Object value) {
    if (value instanceof Double d && !Double.isFinite(d)) {
      return d.toString();
    }
    if (value instanceof Float f && !Float.isFinite(f)) {
      return f.toString();
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(String.valueOf(k), clean(v)));
      return out;
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      list.forEach(v -> out.add(clean(v)));
      return out;
    }
    if (value instanceof Enum<?> e) {
      return e.name();
    }
    return value;
  }
}
