package dev.jtune.space;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An integer parameter in {@code [low, high]}: uniform, on a log scale, or on a grid of
 * {@code step}s from {@code low}. The external value is an {@link Integer}.
 *
 * <p>Rules (checked on construction, each error naming the values): {@code low <= high};
 * {@code step >= 1}; a log scale needs {@code low >= 1} and {@code step == 1}. A step that does not
 * divide {@code high - low} narrows {@code high} to the last grid point below it, with a warning.
 *
 * @param low the smallest value, inclusive
 * @param high the largest value, inclusive
 * @param log whether values are spread uniformly in {@code log(x)}
 * @param step the grid spacing, {@code 1} for every integer
 */
public record IntDistribution(int low, int high, boolean log, int step) implements Distribution {

  private static final Logger LOG = LoggerFactory.getLogger(IntDistribution.class);

  public IntDistribution {
    if (low > high) {
      throw new IllegalArgumentException("low=" + low + " must be <= high=" + high);
    }
    if (step < 1) {
      throw new IllegalArgumentException("step must be >= 1, got step=" + step);
    }
    if (log && low < 1) {
      throw new IllegalArgumentException("a log scale requires low >= 1, got low=" + low);
    }
    if (log && step != 1) {
      throw new IllegalArgumentException(
          "step=" + step + " cannot be combined with a log scale (low=" + low + ", high=" + high + ")");
    }
    long remainder = ((long) high - low) % step;
    if (remainder != 0) {
      int adjusted = (int) (high - remainder);
      LOG.warn(
          "step={} does not divide the range [{}, {}]: high={} is narrowed to {}",
          step, low, high, high, adjusted);
      high = adjusted;
    }
  }

  /** Every integer in {@code [low, high]}. */
  public static IntDistribution uniform(int low, int high) {
    return new IntDistribution(low, high, false, 1);
  }

  /** Integers in {@code [low, high]}, spread uniformly in {@code log(x)}; {@code low >= 1}. */
  public static IntDistribution logUniform(int low, int high) {
    return new IntDistribution(low, high, true, 1);
  }

  /** The grid {@code low, low + step, ...} up to {@code high}. */
  public static IntDistribution stepped(int low, int high, int step) {
    return new IntDistribution(low, high, false, step);
  }

  /** The number of values the parameter can take. */
  public long gridSize() {
    return ((long) high - low) / step + 1;
  }

  @Override
  public double toInternal(Object external) {
    if (!(external instanceof Number number) || number.doubleValue() != Math.rint(number.doubleValue())) {
      throw new IllegalArgumentException(
          "value " + external + " is not an integer, expected one in " + describe());
    }
    double value = number.doubleValue();
    if (!contains(value)) {
      throw new IllegalArgumentException("value " + external + " is not in " + describe());
    }
    return value;
  }

  @Override
  public Object toExternal(double internal) {
    if (!contains(internal)) {
      throw new IllegalArgumentException("internal value " + internal + " is not in " + describe());
    }
    return (int) internal;
  }

  @Override
  public boolean contains(double internal) {
    if (Double.isNaN(internal) || internal < low || internal > high || internal != Math.rint(internal)) {
      return false;
    }
    return ((long) internal - low) % step == 0;
  }

  @Override
  public boolean isSingle() {
    return low == high;
  }

  @Override
  public String describe() {
    String scale = log ? ", log" : step > 1 ? ", step " + step : "";
    return "int[" + low + ", " + high + scale + "]";
  }
}
