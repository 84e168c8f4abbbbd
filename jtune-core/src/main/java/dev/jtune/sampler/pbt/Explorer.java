package dev.jtune.sampler.pbt;

import dev.jtune.space.CategoricalDistribution;
import dev.jtune.space.Distribution;
import dev.jtune.space.FloatDistribution;
import dev.jtune.space.IntDistribution;
import dev.jtune.space.UnitScale;
import java.util.List;
import java.util.SplittableRandom;

/**
 * PBT's explore step, as Ray Tune's {@code PopulationBasedTraining} takes it: each explored
 * parameter is drawn afresh with the resample probability, and otherwise moved from the copied
 * value: a number multiplied by one of the perturbation factors (then kept in its range and on its
 * grid; an integer the product leaves where it was moves one step the factor's way), a choice
 * shifted to a neighbour in its list. Internal values in and out.
 */
final class Explorer {
  private final PopulationBasedConfig config;

  Explorer(PopulationBasedConfig config) {
    this.config = config;
  }

  /** Whether the exploit step explores this parameter (else copies it). */
  boolean explores(String name, Distribution distribution) {
    if (distribution.isSingle()) {
      return false;
    }
    return config.mutable().isEmpty() ? distribution instanceof FloatDistribution
        : config.mutable().contains(name);
  }

  /** A value near {@code value} (or a fresh one), in {@code distribution}. */
  double explore(Distribution distribution, double value, SplittableRandom rng) {
    if (rng.nextDouble() < config.resampleProbability()) {
      return UnitScale.fromUnit(distribution, rng.nextDouble());
    }
    List<Double> factors = config.perturbationFactors();
    double factor = factors.get(rng.nextInt(factors.size()));
    if (distribution instanceof FloatDistribution f) {
      return perturbed(f, value, factor);
    }
    if (distribution instanceof IntDistribution i) {
      return perturbed(i, value, factor);
    }
    CategoricalDistribution c = (CategoricalDistribution) distribution;
    int shifted = (int) value + (rng.nextBoolean() ? 1 : -1);
    return Math.max(0, Math.min(c.size() - 1, shifted));
  }

  private static double perturbed(FloatDistribution f, double value, double factor) {
    double v = Math.max(f.low(), Math.min(f.high(), value * factor));
    if (f.step() > 0) {
      v = Math.min(f.high(), f.low() + Math.rint((v - f.low()) / f.step()) * f.step());
    }
    return f.contains(v) ? v : value;
  }

  private static double perturbed(IntDistribution d, double value, double factor) {
    long step = d.step();
    long v = Math.round(value * factor);
    if (v == (long) value && factor != 1) {
      v += factor > 1 ? step : -step;
    }
    v = d.low() + Math.round((double) (v - d.low()) / step) * step;
    v = Math.max(d.low(), Math.min(d.high(), v));
    return d.contains(v) ? v : value;
  }
}
