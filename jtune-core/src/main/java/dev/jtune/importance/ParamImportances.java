package dev.jtune.importance;

import dev.jtune.study.Study;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which parameters mattered: each parameter's share of what the method measures (the explained
 * variation of a target for fANOVA, split gains, PED-ANOVA's divergences), highest
 * first (ties by name).
 *
 * @param importances parameter name to importance in {@code [0, 1]}; the values sum to 1 unless all
 *     are 0; iteration order is highest first; unmodifiable
 * @param trials the number of complete trials the importances were learned from
 * @param skipped complete trials left out because their target was NaN or infinite
 * @param method how they were computed, for example {@code "fANOVA"}
 * @param target what they explain, for example {@code "value"}
 */
public record ParamImportances(
    Map<String, Double> importances, int trials, int skipped, String method, String target) {

  public ParamImportances {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(target, "target");
    importances = Collections.unmodifiableMap(new LinkedHashMap<>(importances));
  }

  /**
   * The fANOVA importances ({@link FanovaEvaluator#defaults()}) of a single-objective study's
   * parameters for its objective value.
   *
   * @throws IllegalArgumentException for a multi-objective study
   * @throws ImportanceException with fewer than two complete trials with a finite value, or when
   *     every such trial has the same value
   */
  public static ParamImportances of(Study study) {
    return FanovaEvaluator.defaults().evaluate(study);
  }

  /**
   * The importance of one parameter.
   *
   * @throws IllegalArgumentException if the parameter was not evaluated
   */
  public double importance(String param) {
    Double value = importances.get(param);
    if (value == null) {
      throw new IllegalArgumentException("no importance for parameter '" + param + "'; evaluated: "
          + importances.keySet());
    }
    return value;
  }

  /** The parameters, most important first. */
  public List<String> ranking() {
    return List.copyOf(importances.keySet());
  }

  /**
   * A text table for people, one parameter per line with a bar, ending with a newline, for example:
   *
   * <pre>{@code
   * Parameter importance (fANOVA of value over 30 complete trials):
   *   lr         0.712  ##############
   *   units      0.201  ####
   *   optimizer  0.087  ##
   * }</pre>
   */
  public String format() {
    StringBuilder out = new StringBuilder("Parameter importance (" + method + " of " + target
        + " over " + trials + " complete trials" + (skipped > 0
            ? ", " + skipped + " left out for a non-finite " + target : "") + "):\n");
    if (importances.isEmpty()) {
      return out.append("  no parameter to judge (the forest methods judge those all complete "
          + "trials share)\n").toString();
    }
    int width = importances.keySet().stream().mapToInt(String::length).max().orElse(0);
    importances.forEach((name, value) -> out.append(String.format(java.util.Locale.ROOT,
        "  %-" + width + "s  %.3f  %s", name, value, "#".repeat((int) Math.round(value * 20)))
        .stripTrailing()).append('\n'));
    return out.toString();
  }

  /** Scales raw importances to sum to 1, adds the constant parameters at 0 and ranks them. */
  static ParamImportances rank(Map<String, Double> raw, EncodedTrials data, String method,
      ImportanceTarget target) {
    Map<String, Double> all = new LinkedHashMap<>(raw);
    data.constants.forEach(name -> all.put(name, 0.0));
    return rank(all, data.targets.length, data.nonFiniteTargets, method, target);
  }

  /** Scales raw importances (non-negative) to sum to 1 (all 0 when they do) and ranks them. */
  static ParamImportances rank(Map<String, Double> raw, int trials, int skipped, String method,
      ImportanceTarget target) {
    double sum = raw.values().stream().mapToDouble(Double::doubleValue).sum();
    List<Map.Entry<String, Double>> entries = new ArrayList<>();
    raw.forEach((name, value) -> entries.add(Map.entry(name, sum > 0 ? value / sum : 0.0)));
    entries.sort(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder())
        .thenComparing(Map.Entry.comparingByKey()));
    Map<String, Double> ranked = new LinkedHashMap<>();
    entries.forEach(e -> ranked.put(e.getKey(), e.getValue()));
    return new ParamImportances(ranked, trials, skipped, method, target.name());
  }
}
