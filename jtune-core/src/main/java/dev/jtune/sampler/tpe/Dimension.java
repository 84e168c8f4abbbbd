package dev.jtune.sampler.tpe;

import dev.jtune.space.CategoricalDistribution;
import dev.jtune.space.Distribution;
import dev.jtune.space.FloatDistribution;
import dev.jtune.space.IntDistribution;

/**
 * One parameter as a Parzen estimator models it. Numerical parameters live in a <em>model
 * coordinate</em>: {@code log x} for a log scale, {@code x} otherwise, on {@code [low, high]}; a
 * parameter on a grid (an integer, or a float with a step) has its bounds widened by half a step on
 * each side, so that every grid point owns a cell of equal width, and its density is the kernel's
 * mass over that cell (Optuna's choice). An integer on a log scale is continuous in
 * {@code log x} over {@code [log(low - 0.5), log(high + 0.5)]} and rounded afterwards, as in
 * Optuna. A categorical parameter's coordinate is the choice's index.
 *
 * @param distribution the parameter's distribution
 * @param choices the number of choices of a categorical, 0 for a numerical parameter
 * @param low the lower bound of the model coordinate (numerical only)
 * @param high the upper bound of the model coordinate (numerical only)
 * @param step the grid step in the model coordinate; 0 for a continuous one
 */
record Dimension(Distribution distribution, int choices, double low, double high, double step) {

  static Dimension of(Distribution d) {
    if (d instanceof CategoricalDistribution c) {
      return new Dimension(d, c.size(), 0, 0, 0);
    }
    if (d instanceof FloatDistribution f) {
      if (f.log()) {
        return new Dimension(d, 0, Math.log(f.low()), Math.log(f.high()), 0);
      }
      if (f.hasStep()) {
        return new Dimension(d, 0, f.low() - 0.5 * f.step(), f.high() + 0.5 * f.step(), f.step());
      }
      return new Dimension(d, 0, f.low(), f.high(), 0);
    }
    IntDistribution i = (IntDistribution) d;
    if (i.log()) {
      return new Dimension(d, 0, Math.log(i.low() - 0.5), Math.log(i.high() + 0.5), 0);
    }
    return new Dimension(d, 0, i.low() - 0.5 * i.step(), i.high() + 0.5 * i.step(), i.step());
  }

  boolean categorical() {
    return choices > 0;
  }

  /** The model coordinate of an internal value. */
  double toModel(double internal) {
    if (distribution instanceof FloatDistribution f && f.log()
        || distribution instanceof IntDistribution i && i.log()) {
      return Math.log(internal);
    }
    return internal;
  }

  /** The internal value at a model coordinate: rounded to the grid and clipped to the bounds. */
  double fromModel(double x) {
    if (distribution instanceof CategoricalDistribution) {
      return Math.min(Math.max(Math.rint(x), 0), choices - 1);
    }
    if (distribution instanceof FloatDistribution f) {
      if (f.log()) {
        return clip(Math.exp(x), f.low(), f.high());
      }
      if (f.hasStep()) {
        long k = Math.round((x - f.low()) / f.step());
        return f.gridPoint(Math.min(Math.max(k, 0), f.gridSize() - 1));
      }
      return clip(x, f.low(), f.high());
    }
    IntDistribution i = (IntDistribution) distribution;
    if (i.log()) {
      return clip(Math.rint(Math.exp(x)), i.low(), i.high());
    }
    double k = Math.rint((x - i.low()) / i.step());
    return clip(i.low() + k * i.step(), i.low(), i.high());
  }

  private static double clip(double x, double low, double high) {
    return Math.min(Math.max(x, low), high);
  }
}
