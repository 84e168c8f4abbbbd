package dev.jtune.cli.config;

import dev.jtune.space.SearchSpace;
import dev.jtune.trial.Trial;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A search space declared in a study file: parameters in file order, some active only under
 * conditions on earlier ones. {@link #suggest(Trial)} asks the trial for each active parameter in
 * order, so a define-by-run sampler sees exactly the parameters a trial uses.
 */
public record ConditionalSpace(List<ParamSpec> params) {
  public ConditionalSpace {
    params = List.copyOf(params);
  }

  /** No declared parameters (the objective defines its own, define-by-run). */
  public static ConditionalSpace empty() {
    return new ConditionalSpace(List.of());
  }

  /** Whether no parameter is declared. */
  public boolean isEmpty() {
    return params.isEmpty();
  }

  /** Every parameter with its distribution, conditions ignored (for grid and Sobol' samplers). */
  public SearchSpace flat() {
    SearchSpace.Builder b = SearchSpace.builder();
    params.forEach(p -> b.add(p.name(), p.distribution()));
    return b.build();
  }

  /** Suggests every active parameter in order and returns the chosen values by name. */
  public Map<String, Object> suggest(Trial trial) {
    Map<String, Object> chosen = new LinkedHashMap<>();
    for (ParamSpec p : params) {
      if (p.isActive(chosen)) {
        chosen.put(p.name(), trial.suggest(p.name(), p.distribution()));
      }
    }
    return chosen;
  }
}
