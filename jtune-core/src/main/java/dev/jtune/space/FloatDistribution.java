package dev.jtune.space;

import java.math.BigDecimal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real-valued parameter in {@code [low, high]}: uniform, on a log scale, or on a grid of
 * {@code step}s from {@code low}.
 *
 * <p>Rules (checked on construction, each error naming the values): both bounds finite, and their
 * difference too; {@code low <= high}; a log scale needs {@code low > 0}; a step must be positive,
 * cannot be combined with a log scale, leaves at most 2^53 grid points, and is at least 32 units
 * in the last place of the bounds (finer grids are not representable there). A step that does not
 * divide {@code high - low} narrows {@code high} to the last grid point below it, with a warning
 * that names both values (as Optuna does).
 *
 * @param low the smallest value, inclusive
 * @param high the largest value, inclusive
 * @param log whether values are spread uniformly in {@code log(x)} rather than {@code x}
 * @param step the grid spacing, or {@code 0} for a continuous parameter
 */
public record FloatDistribution(double low, double high, boolean log, double step)
    implements Distribution {

  private static final Logger LOG = LoggerFactory.getLogger(FloatDistribution.class);
  /**
   * Tolerance, in steps, within which a value counts as lying on the step grid (Optuna's, which
   * measures it the same way, absolutely); a few units in the last place of the bounds are allowed
   * too, for the rounding of a grid far from zero.
   */
  private static final double GRID_TOLERANCE = 1e-8;
  /** The most grid points a step may make: beyond 2^53 consecutive points are not distinct. */
  private static final double MAX_GRID_POINTS = 0x1p53;

  public FloatDistribution {
    if (!Double.isFinite(low) || !Double.isFinite(high)) {
      throw new IllegalArgumentException(
          "bounds must be finite, got low=" + low + " and high=" + high);
    }
    if (low > high) {
      throw new IllegalArgumentException("low=" + low + " must be <= high=" + high);
    }
    if (log && low <= 0) {
      throw new IllegalArgumentException("a log scale requires low > 0, got low=" + low);
    }
    if (Double.isNaN(step) || step < 0 || Double.isInfinite(step)) {
      throw new IllegalArgumentException("step must be a positive finite number, got step=" + step);
    }
    if (step > 0 && log) {
      throw new IllegalArgumentException(
          "step=" + step + " cannot be combined with a log scale (low=" + low + ", high=" + high + ")");
    }
    if (Double.isInfinite(high - low)) {
      throw new IllegalArgumentException("the range high - low must be a finite number, got low="
          + low + " and high=" + high);
    }
    if (step > 0 && (high - low) / step >= MAX_GRID_POINTS) {
      throw new IllegalArgumentException("step=" + step + " makes more than 2^53 grid points in ["
          + low + ", " + high + "]; use a larger step or a continuous range");
    }
    if (step > 0 && step < 32 * Math.ulp(Math.max(Math.abs(low), Math.abs(high)))) {
      throw new IllegalArgumentException("step=" + step + " is finer than doubles resolve near ["
          + low + ", " + high + "] (their spacing there is "
          + Math.ulp(Math.max(Math.abs(low), Math.abs(high))) + "); use a larger step");
    }
    if (step > 0) {
      double adjusted = lastGridPoint(low, high, step);
      if (adjusted != high) {
        LOG.warn(
            "step={} does not divide the range [{}, {}]: high={} is narrowed to {}",
            step, low, high, high, adjusted);
        high = adjusted;
      }
    }
  }

  /** A continuous uniform distribution on {@code [low, high]}. */
  public static FloatDistribution uniform(double low, double high) {
    return new FloatDistribution(low, high, false, 0);
  }

  /** A continuous distribution uniform in {@code log(x)} on {@code [low, high]}, {@code low > 0}. */
  public static FloatDistribution logUniform(double low, double high) {
    return new FloatDistribution(low, high, true, 0);
  }

  /**
   * The grid {@code low, low + step, ...} up to {@code high}.
   *
   * @throws IllegalArgumentException if {@code step <= 0} (0 is the record's code for "no step",
   *     not a step one can ask for)
   */
  public static FloatDistribution stepped(double low, double high, double step) {
    if (!(step > 0)) {
      throw new IllegalArgumentException("step must be a positive finite number, got step="
          + step);
    }
    return new FloatDistribution(low, high, false, step);
  }

  /** Whether the parameter lives on a grid of steps. */
  public boolean hasStep() {
    return step > 0;
  }

  /** The number of grid points; only meaningful when {@link #hasStep()}. */
  public long gridSize() {
    return Math.round((high - low) / step) + 1;
  }

  /** The {@code k}-th grid point, {@code low + k * step}, rounded to the step's decimal precision. */
  public double gridPoint(long k) {
    return BigDecimal.valueOf(low).add(BigDecimal.valueOf(step).multiply(BigDecimal.valueOf(k)))
        .doubleValue();
  }

  /**
   * The {@code high} a distribution with this {@code step} keeps: {@code high} itself when the step
   * divides {@code high - low} (in decimal, so 0.1 divides 0.3), else the last grid point below it.
   */
  public static double lastGridPoint(double low, double high, double step) {
    BigDecimal range = BigDecimal.valueOf(high).subtract(BigDecimal.valueOf(low));
    BigDecimal remainder = range.remainder(BigDecimal.valueOf(step));
    if (remainder.signum() == 0) {
      return high;
    }
    return BigDecimal.valueOf(high).subtract(remainder).doubleValue();
  }

  @Override
  public double toInternal(Object external) {
    if (!(external instanceof Number number)) {
      throw new IllegalArgumentException(
          "value " + external + " is not a number, expected one in " + describe());
    }
    // a float as the decimal it prints as (0.3f as 0.3), as a storage reads it back
    double value = dev.jtune.internal.JsonLike.asStored(number);
    if (!contains(value)) {
      throw new IllegalArgumentException("value " + external + " ("
          + external.getClass().getSimpleName() + ") is not in " + describe());
    }
    return value;
  }

  @Override
  public Object toExternal(double internal) {
    if (!contains(internal)) {
      throw new IllegalArgumentException("internal value " + internal + " is not in " + describe());
    }
    return internal;
  }

  @Override
  public boolean contains(double internal) {
    if (Double.isNaN(internal) || internal < low || internal > high) {
      return false;
    }
    if (step > 0) {
      double nearest = low + Math.rint((internal - low) / step) * step;
      double rounding = 8 * Math.ulp(Math.max(Math.abs(low), Math.abs(high)));
      return Math.abs(internal - nearest) <= Math.max(GRID_TOLERANCE * step, rounding);
    }
    return true;
  }

  @Override
  public boolean isSingle() {
    return low == high;
  }

  @Override
  public String describe() {
    String scale = log ? ", log" : step > 0 ? ", step " + step : "";
    return "float[" + low + ", " + high + scale + "]";
  }
}
