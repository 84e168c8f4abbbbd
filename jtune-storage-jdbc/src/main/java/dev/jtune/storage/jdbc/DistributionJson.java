package dev.jtune.storage.jdbc;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jtune.space.CategoricalDistribution;
import dev.jtune.space.Distribution;
import dev.jtune.space.FloatDistribution;
import dev.jtune.space.IntDistribution;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Distributions in Optuna's JSON form, {@code {"name": "FloatDistribution", "attributes": {...}}},
 * as stored in {@code trial_params.distribution_json}. Reading also accepts the distributions
 * Optuna deprecated in 3.0 ({@code UniformDistribution}, {@code IntUniformDistribution}, ...), which
 * older studies contain. Enum choices are written as their names and read back as strings.
 */
final class DistributionJson {
  private DistributionJson() {}

  static String write(Distribution distribution) {
    Map<String, Object> attributes = new LinkedHashMap<>();
    String name;
    if (distribution instanceof FloatDistribution f) {
      name = "FloatDistribution";
      attributes.put("step", f.hasStep() ? f.step() : null);
      attributes.put("low", f.low());
      attributes.put("high", f.high());
      attributes.put("log", f.log());
    } else if (distribution instanceof IntDistribution i) {
      name = "IntDistribution";
      attributes.put("log", i.log());
      attributes.put("step", i.step());
      attributes.put("low", i.low());
      attributes.put("high", i.high());
    } else if (distribution instanceof CategoricalDistribution c) {
      name = "CategoricalDistribution";
      List<Object> choices = new ArrayList<>();
      for (Object choice : c.choices()) {
        choices.add(choice instanceof Enum<?> e ? e.name() : choice);
      }
      attributes.put("choices", choices);
    } else {
      throw new IllegalArgumentException("unknown distribution " + distribution);
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("name", name);
    json.put("attributes", attributes);
    return JsonCodec.write(json);
  }

  /**
   * The distribution of an Optuna JSON text.
   *
   * @throws IllegalStateException naming the text if it is not a distribution jtune knows
   */
  static Distribution read(String json) {
    try {
      JsonNode node = JsonCodec.MAPPER.readTree(json);
      if (!node.has("name")) {
        return readAbbreviated(node);
      }
      JsonNode a = node.get("attributes");
      return switch (node.get("name").asText()) {
        case "FloatDistribution" -> new FloatDistribution(a.get("low").asDouble(),
            a.get("high").asDouble(), a.path("log").asBoolean(false), step(a.get("step")));
        case "IntDistribution" -> new IntDistribution(int32(a, "low"), int32(a, "high"),
            a.path("log").asBoolean(false), a.has("step") ? int32(a, "step") : 1);
        case "CategoricalDistribution" -> new CategoricalDistribution(choices(a.get("choices")));
        case "UniformDistribution" ->
            FloatDistribution.uniform(a.get("low").asDouble(), a.get("high").asDouble());
        case "LogUniformDistribution" ->
            FloatDistribution.logUniform(a.get("low").asDouble(), a.get("high").asDouble());
        case "DiscreteUniformDistribution" -> FloatDistribution.stepped(
            a.get("low").asDouble(), a.get("high").asDouble(), a.get("q").asDouble());
        case "IntUniformDistribution" -> IntDistribution.stepped(
            int32(a, "low"), int32(a, "high"), a.has("step") ? int32(a, "step") : 1);
        case "IntLogUniformDistribution" ->
            IntDistribution.logUniform(int32(a, "low"), int32(a, "high"));
        default -> throw new IllegalStateException("unknown distribution in " + json);
      };
    } catch (com.fasterxml.jackson.core.JsonProcessingException | RuntimeException e) {
      if (e instanceof IllegalStateException ise) {
        throw ise;
      }
      throw new IllegalStateException("stored distribution is not valid: " + json, e);
    }
  }

  private static Distribution readAbbreviated(JsonNode n) {
    String type = n.get("type").asText();
    if (type.equals("categorical")) {
      return new CategoricalDistribution(choices(n.get("choices")));
    }
    boolean log = n.path("log").asBoolean(false);
    if (type.equals("float")) {
      return new FloatDistribution(n.get("low").asDouble(), n.get("high").asDouble(), log,
          step(n.get("step")));
    }
    return new IntDistribution(int32(n, "low"), int32(n, "high"), log,
        !n.has("step") || n.get("step").isNull() ? 1 : int32(n, "step"));
  }

  /**
   * An integer bound or step that fits a Java {@code int}, as jtune's integer parameters do; Optuna
   * allows any Python integer, and truncating one would search another range.
   */
  private static int int32(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || !v.isIntegralNumber() || !v.canConvertToInt()) {
      throw new IllegalStateException("an integer distribution's " + field + " is " + v
          + ", which jtune cannot hold: its integer parameters are Java ints, from -2147483648 "
          + "to 2147483647 (a study Optuna made with a wider range)");
    }
    return v.intValue();
  }

  private static double step(JsonNode step) {
    return step == null || step.isNull() ? 0 : step.asDouble();
  }

  private static List<Object> choices(JsonNode choices) {
    List<Object> out = new ArrayList<>();
    for (JsonNode c : choices) {
      out.add(JsonCodec.MAPPER.convertValue(c, Object.class));
    }
    return out;
  }
}
