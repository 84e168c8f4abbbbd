package dev.jtune.dashboard;

import dev.jtune.space.CategoricalDistribution;
import dev.jtune.space.Distribution;
import dev.jtune.space.FloatDistribution;
import dev.jtune.space.IntDistribution;
import dev.jtune.trial.FrozenTrial;
import java.util.List;
import java.util.Optional;

/**
 * The axis of one parameter over a set of trials: its distribution's range (log when searched on a
 * log scale) or its choices. A parameter whose numeric range changed between trials gets the union
 * of the ranges; one that changed kind or choices gets no axis.
 */
record ParamScale(String name, Scale scale, boolean categorical) {

  static Optional<ParamScale> of(String name, List<FrozenTrial> trials) {
    Distribution first = null;
    double low = Double.POSITIVE_INFINITY;
    double high = Double.NEGATIVE_INFINITY;
    for (FrozenTrial t : trials) {
      Distribution d = t.distributions().get(name);
      if (d == null) {
        continue;
      }
      if (first == null) {
        first = d;
      }
      if (d instanceof CategoricalDistribution) {
        if (!d.equals(first)) {
          return Optional.empty();
        }
        continue;
      }
      if (first instanceof CategoricalDistribution || isLog(d) != isLog(first)) {
        return Optional.empty();
      }
      low = Math.min(low, low(d));
      high = Math.max(high, high(d));
    }
    if (first == null) {
      return Optional.empty();
    }
    if (first instanceof CategoricalDistribution c) {
      return Optional.of(new ParamScale(name, new Scale.Band(
          c.choices().stream().map(String::valueOf).toList()), true));
    }
    return Optional.of(new ParamScale(name, isLog(first) ? Scale.log(low, high)
        : Scale.linear(low, high), false));
  }

  /**
   * Where a trial's value of this parameter sits on the axis (a numeric parameter's internal form
   * is its value; a categorical's is its choice's index).
   */
  double position(FrozenTrial trial) {
    return scale.position(trial.internalParams().get(name));
  }

  private static boolean isLog(Distribution d) {
    return d instanceof FloatDistribution f ? f.log() : d instanceof IntDistribution i && i.log();
  }

  private static double low(Distribution d) {
    return d instanceof FloatDistribution f ? f.low() : ((IntDistribution) d).low();
  }

  private static double high(Distribution d) {
    return d instanceof FloatDistribution f ? f.high() : ((IntDistribution) d).high();
  }
}
