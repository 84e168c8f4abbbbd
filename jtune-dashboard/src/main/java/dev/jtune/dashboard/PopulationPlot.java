package dev.jtune.dashboard;

import dev.jtune.sampler.pbt.Lineage;
import dev.jtune.sampler.pbt.Segment;
import dev.jtune.trial.FrozenTrial;
import dev.jtune.trial.TrialState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What population-based training did ({@link dev.jtune.sampler.pbt.PopulationBasedSampler}): each
 * member's value interval by interval, with the interval each one started from, so a copy of a
 * better member shows as a jump from its line; and the schedule the best trial's lineage went
 * through, one chart per parameter that changed along it (the learning rate PBT lowered, say).
 * Ray Tune shows the same as its PBT replay and per-trial parameter plots.
 */
final class PopulationPlot {
  /** The most parameters whose schedule is charted. */
  static final int MAX_SCHEDULES = 4;

  private PopulationPlot() {}

  /**
   * The figures for a population-based study's trials: none when no trial is a population
   * member's interval.
   *
   * @param best the study's best trial, if any (its lineage is drawn in red)
   */
  static List<Figure> of(List<FrozenTrial> trials, Optional<FrozenTrial> best) {
    Map<Integer, FrozenTrial> byNumber = new HashMap<>();
    Map<Integer, Segment> segments = new HashMap<>();
    for (FrozenTrial t : trials) {
      byNumber.put(t.number(), t);
      Segment.of(t.systemAttrs()).ifPresent(s -> segments.put(t.number(), s));
    }
    if (segments.isEmpty()) {
      return List.of();
    }
    Optional<Lineage> lineage = best.flatMap(b -> Lineage.of(b, trials));
    List<Figure> out = new ArrayList<>();
    out.add(population(trials, byNumber, segments, lineage));
    lineage.ifPresent(l -> out.addAll(schedules(l)));
    return out;
  }

  private static Figure population(List<FrozenTrial> trials, Map<Integer, FrozenTrial> byNumber,
      Map<Integer, Segment> segments, Optional<Lineage> lineage) {
    String title = "Population: each member's value by interval";
    List<FrozenTrial> shown = trials.stream().filter(t -> segments.containsKey(t.number())
        && t.state() == TrialState.COMPLETE && Double.isFinite(t.value())).toList();
    if (shown.isEmpty()) {
      return Figure.empty(title, "No member's interval has completed with a finite value yet.");
    }
    double low = shown.stream().mapToDouble(FrozenTrial::value).min().orElseThrow();
    double high = shown.stream().mapToDouble(FrozenTrial::value).max().orElseThrow();
    int last = shown.stream().mapToInt(t -> segments.get(t.number()).index()).max().orElseThrow();
    Scale x = Scale.linear(0, Math.max(1, last));
    Scale y = Scale.linear(low, high);
    Chart chart = new Chart().xAxis(x, "interval").yAxis(y, "objective value");
    Set<Integer> best = new HashSet<>();
    lineage.ifPresent(l -> l.trials().forEach(t -> best.add(t.number())));
    int copies = 0;
    for (FrozenTrial t : shown) {
      Segment s = segments.get(t.number());
      FrozenTrial parent = s.parent().isPresent() ? byNumber.get(s.parent().getAsInt()) : null;
      if (parent == null || !segments.containsKey(parent.number())
          || parent.state() != TrialState.COMPLETE || !Double.isFinite(parent.value())) {
        continue;
      }
      copies += s.exploited() ? 1 : 0;
      String css = best.contains(t.number()) && best.contains(parent.number()) ? "best"
          : s.exploited() ? "exploit" : "lineage";
      chart.polyline(new double[] {x.position(segments.get(parent.number()).index()),
          y.position(parent.value()), x.position(s.index()), y.position(t.value())}, css, null,
          "trial " + t.number() + (s.exploited() ? " copies trial " : " goes on from trial ")
              + parent.number());
    }
    for (FrozenTrial t : shown) {
      Segment s = segments.get(t.number());
      chart.dot(x.position(s.index()), y.position(t.value()), "trial",
          Tooltips.trial(t) + " (member " + s.member() + ", interval " + s.index() + ")");
    }
    long members = shown.stream().map(t -> segments.get(t.number()).member()).distinct().count();
    return new Figure(title, chart.svg(title), shown.size() + " complete intervals of " + members
        + " members; a line joins an interval to the one it started from: blue where a member "
        + "went on, orange where it copied a better member (" + copies + " copies)"
        + (best.isEmpty() ? "." : ", red along the best trial's lineage."));
  }

  /** One step chart per parameter that changed along the lineage. */
  private static List<Figure> schedules(Lineage lineage) {
    List<FrozenTrial> chain = lineage.trials();
    List<String> changed = new ArrayList<>();
    for (String name : chain.get(chain.size() - 1).params().keySet()) {
      List<Object> values = lineage.values(name);
      if (values.stream().distinct().count() > 1 && values.stream().allMatch(Objects::nonNull)) {
        changed.add(name);
      }
    }
    List<Figure> out = new ArrayList<>();
    for (String name : changed.subList(0, Math.min(MAX_SCHEDULES, changed.size()))) {
      String title = "Schedule found: " + name + " along the best trial's lineage";
      Optional<ParamScale> axis = ParamScale.of(name, chain);
      if (axis.isEmpty()) {
        continue;
      }
      Scale x = Scale.linear(0, chain.size());
      Chart chart = new Chart().xAxis(x, "interval").yAxis(axis.get().scale(), name);
      double[] points = new double[4 * chain.size()];
      for (int i = 0; i < chain.size(); i++) {
        double y = axis.get().position(chain.get(i));
        points[4 * i] = x.position(i);
        points[4 * i + 1] = y;
        points[4 * i + 2] = x.position(i + 1);
        points[4 * i + 3] = y;
      }
      chart.polyline(points, "best", null, name + " by interval: " + lineage.values(name));
      for (int i = 0; i < chain.size(); i++) {
        chart.dot(x.position(i + 0.5), axis.get().position(chain.get(i)), "trial",
            Tooltips.trial(chain.get(i), name));
      }
      out.add(new Figure(title, chart.svg(title), "The value of " + name + " in each interval "
          + "of the best trial's " + chain.size() + "-interval lineage (trials "
          + chain.stream().map(FrozenTrial::number).toList() + "); intervals that copied "
          + "another member explored it from that member's."));
    }
    if (changed.size() > MAX_SCHEDULES) {
      out.add(Figure.empty("Schedule found: other parameters", "Also changed along the lineage: "
          + changed.subList(MAX_SCHEDULES, changed.size()) + "."));
    }
    return out;
  }
}
