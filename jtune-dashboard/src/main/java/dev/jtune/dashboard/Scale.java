package dev.jtune.dashboard;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps data values to positions in {@code [0, 1]} along a chart axis and says where its ticks go.
 * Linear and logarithmic scales take numbers; a band scale takes categories (the value is the
 * category's index).
 */
sealed interface Scale permits Scale.Linear, Scale.Log, Scale.Band {

  /** The position of a value, 0 at the low end, 1 at the high end; outside for values outside. */
  double position(double value);

  /** The ticks to draw, in increasing position. */
  List<Tick> ticks();

  /** A labelled point on an axis. */
  record Tick(double position, String label) {}

  /**
   * A linear scale over the values' range, widened to round tick values; a range of one value is
   * widened around it so that the value sits in the middle.
   */
  static Linear linear(double low, double high) {
    if (!Double.isFinite(low) || !Double.isFinite(high) || low > high) {
      throw new IllegalArgumentException("a linear scale needs finite low <= high, got " + low
          + ", " + high);
    }
    // A range of one value, or of a few ulps (0.1 + 0.2 against 0.3), has no room for ticks:
    // widen it around its middle so that the values sit in the middle.
    double middle = low / 2 + high / 2;
    if (high / 2 - low / 2 <= 1e-12 * Math.max(Math.abs(low), Math.abs(high))) {
      double pad = middle == 0 ? 1 : Math.max(Math.abs(middle) * 0.1, Double.MIN_NORMAL);
      return new Linear(Math.max(-Double.MAX_VALUE, middle - pad),
          Math.min(Double.MAX_VALUE, middle + pad));
    }
    return new Linear(low, high);
  }

  /** A logarithmic scale; both ends must be positive. */
  static Log log(double low, double high) {
    if (!(low > 0) || !(high >= low) || Double.isInfinite(high)) {
      throw new IllegalArgumentException("a log scale needs 0 < low <= high, got " + low + ", "
          + high);
    }
    if (low == high) {
      return high * 2 < Double.POSITIVE_INFINITY
          ? new Log(low / 2, high * 2) : new Log(low / 4, high);
    }
    return new Log(low, high);
  }

  /** A linear scale; positions are computed in halves so that a range up to 2 * MAX_VALUE works. */
  record Linear(double low, double high) implements Scale {
    private static final int MAX_TICKS = 12;

    @Override
    public double position(double value) {
      return (value / 2 - low / 2) / (high / 2 - low / 2);
    }

    @Override
    public List<Tick> ticks() {
      double step = niceStep(0.4 * (high / 2 - low / 2));
      List<Tick> ticks = new ArrayList<>();
      if (!(step > 0) || !Double.isFinite(step)) {
        ticks.add(new Tick(0, Html.number(low)));
        ticks.add(new Tick(1, Html.number(high)));
        return ticks;
      }
      double first = Math.ceil(low / step);
      for (int i = 0; i < MAX_TICKS; i++) {
        double v = (first + i) * step;
        if (!Double.isFinite(v) || v - high > step * 1e-9) {
          break;
        }
        // (first + i) * step can round an ulp past an end (-705118.45 became -705118.4500000001)
        double rounded = Math.abs(v) < step * 1e-9 ? 0 : Math.max(low, Math.min(high, v));
        ticks.add(new Tick(position(rounded), label(rounded, step)));
      }
      return ticks;
    }

    /**
     * A tick's label: short, but with as many decimals as the step needs where six significant
     * digits would give neighbouring ticks the same label (-705118.45 next to -705118.455).
     */
    static String label(double value, double step) {
      if (value == 0 || Math.abs(value) / step < 1e5 || Math.abs(value) >= 1e15) {
        return Html.number(value);
      }
      int decimals = (int) Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
      return new BigDecimal(value).setScale(decimals, RoundingMode.HALF_EVEN)
          .toPlainString();
    }

    /** 1, 2 or 5 times a power of ten, the nearest at or above {@code raw}. */
    static double niceStep(double raw) {
      double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
      double fraction = raw / magnitude;
      double nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
      return nice * magnitude;
    }
  }

  /** A logarithmic scale with ticks at powers of ten (or at its ends when none falls inside). */
  record Log(double low, double high) implements Scale {
    @Override
    public double position(double value) {
      return (Math.log(value) - Math.log(low)) / (Math.log(high) - Math.log(low));
    }

    @Override
    public List<Tick> ticks() {
      List<Tick> ticks = new ArrayList<>();
      int first = (int) Math.ceil(Math.log10(low) - 1e-9);
      int last = (int) Math.floor(Math.log10(high) + 1e-9);
      int stride = Math.max(1, (last - first + 1) / 8 + ((last - first + 1) % 8 == 0 ? 0 : 1));
      for (int e = first; e <= last; e += stride) {
        ticks.add(new Tick(position(Math.pow(10, e)), "1e" + e));
      }
      if (ticks.size() < 2) {
        ticks.clear();
        ticks.add(new Tick(0, Html.number(low)));
        ticks.add(new Tick(1, Html.number(high)));
      }
      return ticks;
    }
  }

  /** Categories in a row, each in the middle of its own band. */
  record Band(List<String> categories) implements Scale {
    public Band {
      categories = List.copyOf(categories);
    }

    @Override
    public double position(double index) {
      return (index + 0.5) / categories.size();
    }

    @Override
    public List<Tick> ticks() {
      List<Tick> ticks = new ArrayList<>();
      for (int i = 0; i < categories.size(); i++) {
        ticks.add(new Tick(position(i), categories.get(i)));
      }
      return ticks;
    }
  }
}
