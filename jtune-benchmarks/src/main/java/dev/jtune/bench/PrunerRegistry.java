package dev.jtune.bench;

import dev.jtune.pruner.HyperbandConfig;
import dev.jtune.pruner.PatientConfig;
import dev.jtune.pruner.Pruner;
import dev.jtune.pruner.SuccessiveHalvingConfig;
import dev.jtune.pruner.ThresholdConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * The pruners the {@code curves} benchmark can name: name to a factory taking the maximum number
 * of epochs of a trial (Hyperband's maximum resource).
 */
final class PrunerRegistry {
  private final Map<String, IntFunction<Pruner>> factories = new LinkedHashMap<>();

  static PrunerRegistry forCurves() {
    return new PrunerRegistry()
        .register("none", epochs -> Pruner.none())
        .register("median", epochs -> Pruner.median())
        .register("asha", epochs -> Pruner.successiveHalving(SuccessiveHalvingConfig.defaults()
            .withMinResource(1).withReductionFactor(3).withMaxResource(epochs)))
        .register("hyperband", epochs -> Pruner.hyperband(HyperbandConfig.of(1, epochs)))
        // Hyperband's decisions without its sampler view: the sampler learns from every bracket
        // (an ablation of the BOHB-style split).
        .register("hyperband_unsplit", epochs -> {
          Pruner hyperband = Pruner.hyperband(HyperbandConfig.of(1, epochs));
          return (study, trial) -> hyperband.prune(study, trial);
        })
        .register("threshold", epochs -> Pruner.threshold(
            ThresholdConfig.atMost(LearningCurves.INITIAL_LOSS)))
        .register("patient", epochs -> Pruner.patient(Pruner.median(), PatientConfig.of(3)));
  }

  PrunerRegistry register(String name, IntFunction<Pruner> factory) {
    if (factories.putIfAbsent(name, factory) != null) {
      throw new IllegalArgumentException("pruner '" + name + "' is already registered");
    }
    return this;
  }

  Set<String> names() {
    return factories.keySet();
  }

  /**
   * Checks a name.
   *
   * @throws IllegalArgumentException naming the known pruners if {@code name} is not one of them
   */
  void check(String name) {
    if (!factories.containsKey(name)) {
      throw new IllegalArgumentException("unknown pruner '" + name + "'; known: "
          + String.join(", ", names()));
    }
  }

  Pruner create(String name, int epochs) {
    check(name);
    return factories.get(name).apply(epochs);
  }
}
