package dev.jtune.dashboard;

import dev.jtune.trial.FrozenTrial;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * When each trial ran (Optuna's {@code plot_timeline}): one bar per trial from its start to its end
 * (to now while it runs), coloured by state, so parallel workers, slow trials and gaps show.
 */
final class TimelinePlot {
  static final int MAX_TRIALS = 1000;

  private TimelinePlot() {}

  static Figure of(List<FrozenTrial> trials, Instant now) {
    String title = "Timeline";
    List<FrozenTrial> started = trials.stream().filter(t -> t.started() != null).toList();
    if (started.isEmpty()) {
      return Figure.empty(title, "No trial has started yet.");
    }
    List<FrozenTrial> shown = started.subList(Math.max(0, started.size() - MAX_TRIALS),
        started.size());
    // workers' clocks may disagree: a trial may end before it starts, or start after "now"
    Instant origin = shown.stream().flatMap(t -> Stream.of(t.started(), end(t, now)))
        .min(Instant::compareTo).orElseThrow();
    double last = 0;
    for (FrozenTrial t : shown) {
      last = Math.max(last, Math.max(seconds(origin, t.started()), seconds(origin, end(t, now))));
    }
    int first = shown.stream().mapToInt(FrozenTrial::number).min().orElseThrow();
    int top = shown.stream().mapToInt(FrozenTrial::number).max().orElseThrow();
    Scale x = Scale.linear(0, Math.max(last, 1e-3));
    Scale y = Scale.linear(first - 0.5, top + 0.5);
    Chart chart = new Chart().xAxis(x, "seconds since the first trial shown started")
        .yAxis(y, "trial number");
    double thickness = Math.max(1, Math.min(10, 240.0 / (top - first + 1)));
    for (FrozenTrial t : shown) {
      double from = seconds(origin, t.started());
      double to = seconds(origin, end(t, now));
      chart.span(x.position(Math.min(from, to)), x.position(Math.max(from, to)),
          y.position(t.number()), thickness,
          "span " + t.state().name().toLowerCase(Locale.ROOT), Tooltips.trial(t) + "\n"
              + Html.number(to - from) + " s");
    }
    return new Figure(title, chart.svg(title), shown.size() + " trials" + (started.size()
        > shown.size() ? " (the latest " + MAX_TRIALS + " of " + started.size() + ")" : "")
        + "; complete in blue, pruned in orange, running in green, failed in grey.");
  }

  private static Instant end(FrozenTrial t, Instant now) {
    return t.completed() != null ? t.completed() : now;
  }

  /** Seconds between two instants, without the overflow of nanoseconds past 292 years. */
  static double seconds(Instant from, Instant to) {
    Duration d = Duration.between(from, to);
    return d.getSeconds() + d.getNano() / 1e9;
  }
}
