package dev.jtune.bench.problems;

import dev.jtune.space.CategoricalDistribution;
import dev.jtune.space.Distribution;
import dev.jtune.space.FloatDistribution;
import dev.jtune.space.IntDistribution;
import dev.jtune.trial.Trial;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/**
 * A minimization problem with a known optimum, the counterpart of {@code problems.py}'s
 * {@code Problem}.
 *
 * <p>Noise. A noisy problem adds {@code noiseSd} times a standard normal draw to the observed value.
 * The draw is a function of {@code (seed, trial number)}, so a run is reproducible, as in the peer;
 * it is not numpy's {@code default_rng([seed, trial_number])} stream (porting PCG64 and numpy's
 * ziggurat buys nothing: regret is measured on the noiseless value), so observed values of the noisy
 * problem have the same distribution as the peer's, not the same digits.
 *
 * @param name the problem's name in the suite
 * @param parameters the search space, in suggestion order
 * @param function the noiseless value of a point given as external values by name
 * @param fOpt the global minimum
 * @param xOpt a global minimizer, by parameter name
 * @param noiseSd the standard deviation of the observation noise; 0 for a noiseless problem
 * @param doc one line about the problem
 */
public record Problem(String name, List<Parameter> parameters,
    ToDoubleFunction<Map<String, Object>> function, double fOpt, Map<String, Object> xOpt,
    double noiseSd, String doc) {

  public Problem {
    Objects.requireNonNull(name, "name");
    parameters = List.copyOf(parameters);
    Objects.requireNonNull(function, "function");
    xOpt = Collections.unmodifiableMap(new LinkedHashMap<>(xOpt));
    if (!(noiseSd >= 0)) {
      throw new IllegalArgumentException("noiseSd must be >= 0, got " + noiseSd);
    }
  }

  /** The number of parameters (conditional ones included). */
  public int dimension() {
    return parameters.size();
  }

  /** The noiseless value at a point given as external values by name. */
  public double trueValue(Map<String, Object> params) {
    return function.applyAsDouble(params);
  }

  /** The observed and the noiseless value at a point, for trial {@code trialNumber} of a seeded run. */
  public Evaluation evaluate(Map<String, Object> params, long seed, int trialNumber) {
    double f = trueValue(params);
    if (noiseSd > 0) {
      // SplittableRandom mixes its seed, so neighbouring (seed, trial) pairs give unrelated draws.
      SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + trialNumber);
      return new Evaluation(f + noiseSd * random.nextGaussian(), f);
    }
    return new Evaluation(f, f);
  }

  /** Simple regret of a noiseless value: {@code max(trueValue - fOpt, 0)}. */
  public double regret(double trueValue) {
    return Math.max(trueValue - fOpt, 0.0);
  }

  /**
   * Suggests every active parameter of the problem on a trial, in order, as {@code problems.py}'s
   * {@code suggest} does on an Optuna trial; returns the external values by name.
   */
  public Map<String, Object> suggest(Trial trial) {
    Map<String, Object> chosen = new LinkedHashMap<>();
    for (Parameter p : parameters) {
      if (!p.isActive(chosen)) {
        continue;
      }
      chosen.put(p.name(), suggestOne(trial, p.name(), p.distribution()));
    }
    return chosen;
  }

  private static Object suggestOne(Trial trial, String name, Distribution d) {
    if (d instanceof FloatDistribution f) {
      return trial.suggestFloat(name, f.low(), f.high(), f.log());
    }
    if (d instanceof IntDistribution i) {
      return trial.suggestInt(name, i.low(), i.high(), i.log());
    }
    return trial.suggestCategorical(name, ((CategoricalDistribution) d).choices());
  }

  /** A problem whose function reads a vector: the parameters' values in order. */
  static ToDoubleFunction<Map<String, Object>> vector(List<Parameter> parameters,
      StandardFunction f) {
    List<String> names = parameters.stream().map(Parameter::name).toList();
    return params -> {
      double[] x = new double[names.size()];
      for (int i = 0; i < x.length; i++) {
        Object v = params.get(names.get(i));
        if (!(v instanceof Number n)) {
          throw new IllegalArgumentException(
              "parameter " + names.get(i) + "=" + v + " is missing or not a number");
        }
        x[i] = n.doubleValue();
      }
      return f.value(x);
    };
  }
}
