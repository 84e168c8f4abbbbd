package dev.jtune.dashboard;

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
    if (low == high) {
      double pad = low == 0 ? 1 : Math.abs(low) * 0.1;
      low -= pad;
      high += pad;
    }
    return new Linear(low, high);
  }

  /** A logarithmic scale; both ends must be positive. */
  static Log log(double low, double high) {
    if (!(low > 0) || !(high >= low) || Double.isInfinite(high)) {
      throw new IllegalArgumentException("a log scale needs 0 < low <= high, got " + low + ", "
          + high);
    }
    return low == high ? new Log(low / 2, high * 2) : new Log(low, high);
  }

  /** A linear scale. */
  record Linear(double low, double high) implements Scale {
    @Override
    public double position(double value) {
      return (value - low) / (high - low);
    }

    @Override
    public List<Tick> ticks() {
      double step = niceStep((high - low) / 5);
      List<Tick> ticks = new ArrayList<>();
      for (double v = Math.ceil(low / step) * step; v <= high + step * 1e-9; v += step) {
        double rounded = Math.abs(v) < step * 1e-9 ? 0 : v;
        ticks.add(new Tick(position(rounded), Html.number(rounded)));
      }
      return ticks;
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
