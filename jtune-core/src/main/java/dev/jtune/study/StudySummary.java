package dev.jtune.study;

import dev.jtune.internal.JsonWriter;
import dev.jtune.trial.FrozenTrial;
import dev.jtune.trial.TrialState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.StringJoiner;

/**
 * A plain-text summary of a study for terminals and logs: name, directions, sampler and pruner,
 * trial counts by state, the latest pruned trial with its pruner's reason, the best trial (or the size of the Pareto front when there are several
 * objectives), and a fixed-width table of the best COMPLETE trials.
 *
 * <pre>{@code
 * Study 'quadratic'
 *   directions:   [MINIMIZE]
 *   sampler:      RandomSampler(seed=1)
 *   pruner:       Pruner.none()
 *   trials:       12 (complete 10, pruned 1, fail 1, running 0, waiting 0)
 *   best trial:   #8, value 4.65946, params {x=2.15858, opt=SGD, layers=4}
 *
 * Top 3 of 10 complete trials:
 * rank  number    value         x  opt   layers  duration
 * ----  ------  -------  --------  ----  ------  --------
 *    1       8  4.65946   2.15858  SGD        4    0.23ms
 *    2      10  5.04464   2.24603  ADAM       -    1.73ms
 *    3       5  24.4529  -4.94499  ADAM       -     2.8s
 * }</pre>
 *
 * <p>Ordering: a single objective is sorted best first by its direction; with several objectives the
 * Pareto-optimal trials (marked {@code *}) come first, each group ordered lexicographically by the
 * values (each taken in its direction); ties go to the lower trial number. In a constrained study
 * ({@link Feasibility}) a {@code feasible} line counts the trials that meet the constraints, the
 * best trial (shown with its constraint values) and the front are the feasible ones the feasible trials rank before the others
 * (those by their total violation, shown in a {@code violation} column). In a population-based
 * study a {@code lineage} line follows the best trial: the intervals its network went through
 * ({@link dev.jtune.sampler.pbt.Lineage#describe}), the schedule that training found. Numbers are compact: whole
 * numbers as integers, others with six significant digits ({@code %.6g} without trailing zeros);
 * a missing parameter (conditional spaces) shows as {@code -}, a {@code null} choice as {@code null}.
 * Strings are shown with control characters escaped; table cells are cut to 24 characters (start
 * and end kept around {@code ...}).
 *
 * <p>The text reflects one snapshot of the study's trials. Stateless and thread-safe; the output is
 * for people and its layout may change between versions, so do not parse it (use
 * {@link TrialExport}).
 */
public final class StudySummary {

  private static final int MAX_CELL = 24;
  private static final int MAX_LISTED = 10;

  /** The most trials of a lineage shown (the first and the latest ones). */
  private static final int LINEAGE_STEPS = 8;

  private StudySummary() {}

  /**
   * The summary of a study, lines separated by {@code '\n'} and ending with one. Never throws for a
   * study without trials or without a COMPLETE trial.
   *
   * @param top how many of the best COMPLETE trials the table lists; {@code 0} for no table
   * @throws IllegalArgumentException if {@code top < 0}, naming it
   */
  public static String format(Study study, int top) {
    return format(study, top, true);
  }

  /**
   * The summary, with or without the {@code sampler} and {@code pruner} lines: a study loaded only
   * to be looked at ({@link Study#load}) has this process's default sampler and no pruner, not the
   * ones it ran with, so a tool that shows stored studies leaves them out.
   *
   * @throws IllegalArgumentException if {@code top < 0}, naming it
   */
  public static String format(Study study, int top, boolean withSamplerAndPruner) {
    Objects.requireNonNull(study, "study");
    if (top < 0) {
      throw new IllegalArgumentException("top must be >= 0, got top=" + top);
    }
    List<StudyDirection> directions = study.directions();
    List<FrozenTrial> trials = study.trials();
    List<FrozenTrial> complete = trials.stream()
        .filter(t -> t.state() == TrialState.COMPLETE).toList();
    boolean constrained = Feasibility.constrained(complete);
    List<FrozenTrial> feasible = Feasibility.filter(complete);
    Set<Integer> front = new HashSet<>();
    if (directions.size() > 1) {
      ParetoFront.of(feasible, directions).forEach(t -> front.add(t.number()));
    }
    List<FrozenTrial> ranked = new ArrayList<>(complete);
    ranked.sort(order(directions, front, constrained));

    StringBuilder out = new StringBuilder();
    out.append("Study '").append(escape(study.name())).append("'\n");
    field(out, "directions", directions.toString());
    MetricNames.stored(study.systemAttrs(), directions.size())
        .ifPresent(names -> field(out, "metrics", escape(names.toString())));
    if (withSamplerAndPruner) {
      field(out, "sampler", escape(String.valueOf(study.sampler())));
      field(out, "pruner", escape(String.valueOf(study.pruner())));
    }
    field(out, "trials", counts(trials));
    if (constrained) {
      field(out, "feasible", feasible.size() + " of " + complete.size() + " complete trials meet "
          + "the constraints");
    }
    lastPruned(trials).ifPresent(t -> field(out, "last pruned", "#" + t.number()
        + t.lastStep().map(step -> " at step " + step).orElse("") + ": "
        + escape(String.valueOf(t.systemAttrs().get(FrozenTrial.PRUNE_REASON)))));
    if (ranked.isEmpty()) {
      field(out, "best trial", "no complete trial yet");
    } else if (feasible.isEmpty()) {
      field(out, "best trial", "none yet: no complete trial meets the constraints");
    } else if (directions.size() == 1) {
      FrozenTrial best = ranked.get(0);
      // in a constrained study its constraint values too: how far it is within each bound
      field(out, "best trial", "#" + best.number() + ", value " + number(best.value())
          + best.constraintValues().map(c -> ", constraints " + java.util.Arrays.stream(c)
              .mapToObj(StudySummary::number).toList()).orElse("")
          + ", params " + params(best));
      // population-based training: the chain of intervals that made the best network
      dev.jtune.sampler.pbt.Lineage.of(best, trials).ifPresent(l -> field(out, "lineage",
          escape(l.describe(LINEAGE_STEPS))));
    } else {
      StringJoiner numbers = new StringJoiner(", ");
      ranked.stream().filter(t -> front.contains(t.number())).limit(MAX_LISTED)
          .forEach(t -> numbers.add("#" + t.number()));
      field(out, "pareto front", front.size() + (front.size() == 1 ? " trial: " : " trials: ")
          + numbers + (front.size() > MAX_LISTED ? ", ..." : ""));
    }
    if (top > 0 && !ranked.isEmpty()) {
      List<FrozenTrial> shown = ranked.subList(0, Math.min(top, ranked.size()));
      out.append('\n').append("Top ").append(shown.size()).append(" of ").append(ranked.size())
          .append(" complete trials:\n");
      table(shown, MetricNames.labels(study.systemAttrs(), directions.size()), front,
          constrained).render(out);
    }
    return out.toString();
  }

  private static java.util.Optional<FrozenTrial> lastPruned(List<FrozenTrial> trials) {
    return trials.stream().filter(t -> t.state() == TrialState.PRUNED
        && t.systemAttrs().containsKey(FrozenTrial.PRUNE_REASON)).reduce((a, b) -> b);
  }

  private static Comparator<FrozenTrial> order(List<StudyDirection> directions,
      Set<Integer> front, boolean constrained) {
    Comparator<FrozenTrial> order = Comparator.comparing(t -> !front.contains(t.number()));
    if (constrained) {
      // feasible trials first; among the others, the smallest violation first
      order = order.thenComparingDouble(Feasibility::violation);
    }
    for (int i = 0; i < directions.size(); i++) {
      StudyDirection d = directions.get(i);
      int index = i;
      // + 0.0 makes -0.0 and 0.0 one value, a tie that goes to the lower number as bestTrial's
      order = order.thenComparingDouble(t -> d.toMinimized(t.values().get(index)) + 0.0);
    }
    return order.thenComparingInt(FrozenTrial::number);
  }

  private static void field(StringBuilder out, String name, String value) {
    out.append("  ").append(name).append(':');
    out.append(" ".repeat(Math.max(1, 13 - name.length()))).append(value).append('\n');
  }

  private static String counts(List<FrozenTrial> trials) {
    Map<TrialState, Integer> counts = new EnumMap<>(TrialState.class);
    trials.forEach(t -> counts.merge(t.state(), 1, Integer::sum));
    StringJoiner parts = new StringJoiner(", ", trials.size() + " (", ")");
    for (TrialState s : List.of(TrialState.COMPLETE, TrialState.PRUNED, TrialState.FAIL,
        TrialState.RUNNING, TrialState.WAITING)) {
      parts.add(s.name().toLowerCase(Locale.ROOT) + " " + counts.getOrDefault(s, 0));
    }
    return parts.toString();
  }

  private static String params(FrozenTrial t) {
    StringJoiner params = new StringJoiner(", ", "{", "}");
    t.params().forEach((name, value) -> params.add(escape(name) + "=" + text(value)));
    return params.toString();
  }

  private static Table table(List<FrozenTrial> shown, List<String> valueNames,
      Set<Integer> front, boolean constrained) {
    int objectives = valueNames.size();
    Set<String> names = new LinkedHashSet<>();
    shown.forEach(t -> names.addAll(t.internalParams().keySet()));
    Table table = new Table();
    List<String> rank = table.column("rank", true);
    List<String> number = table.column("number", true);
    List<String> pareto = objectives > 1 ? table.column("pareto", false) : null;
    List<List<String>> values = new ArrayList<>();
    for (int i = 0; i < objectives; i++) {
      values.add(table.column(cut(escape(valueNames.get(i))), true));
    }
    List<List<String>> params = new ArrayList<>();
    for (String name : names) {
      boolean numeric = shown.stream().map(t -> t.param(name))
          .allMatch(v -> v == null || v instanceof Number);
      params.add(table.column(cut(escape(name)), numeric));
    }
    List<String> violation = constrained ? table.column("violation", true) : null;
    List<String> duration = table.column("duration", true);
    for (int r = 0; r < shown.size(); r++) {
      FrozenTrial t = shown.get(r);
      rank.add(Integer.toString(r + 1));
      number.add(Integer.toString(t.number()));
      if (pareto != null) {
        pareto.add(front.contains(t.number()) ? "*" : "");
      }
      for (int i = 0; i < objectives; i++) {
        values.get(i).add(number(t.values().get(i)));
      }
      int p = 0;
      for (String name : names) {
        params.get(p++).add(t.internalParams().containsKey(name) ? cut(text(t.param(name))) : "-");
      }
      if (violation != null) {
        double v = Feasibility.violation(t);
        violation.add(t.constraintValues().isEmpty() ? "unknown" : v == 0 ? "0" : number(v));
      }
      duration.add(t.duration().map(StudySummary::duration).orElse("-"));
    }
    return table;
  }

  /** Columns of cells, padded to their widest cell and separated by two spaces. */
  private static final class Table {
    private final List<String> headers = new ArrayList<>();
    private final List<Boolean> right = new ArrayList<>();
    private final List<List<String>> cells = new ArrayList<>();

    List<String> column(String header, boolean alignRight) {
      headers.add(header);
      right.add(alignRight);
      List<String> column = new ArrayList<>();
      cells.add(column);
      return column;
    }

    void render(StringBuilder out) {
      int[] widths = new int[headers.size()];
      for (int c = 0; c < widths.length; c++) {
        widths[c] = headers.get(c).length();
        for (String cell : cells.get(c)) {
          widths[c] = Math.max(widths[c], cell.length());
        }
      }
      row(out, widths, headers);
      List<String> rule = new ArrayList<>();
      for (int width : widths) {
        rule.add("-".repeat(width));
      }
      row(out, widths, rule);
      for (int r = 0; r < cells.get(0).size(); r++) {
        List<String> row = new ArrayList<>();
        for (List<String> column : cells) {
          row.add(column.get(r));
        }
        row(out, widths, row);
      }
    }

    private void row(StringBuilder out, int[] widths, List<String> row) {
      StringBuilder line = new StringBuilder();
      for (int c = 0; c < widths.length; c++) {
        if (c > 0) {
          line.append("  ");
        }
        String pad = " ".repeat(widths[c] - row.get(c).length());
        line.append(right.get(c) ? pad + row.get(c) : row.get(c) + pad);
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
  }

  // ---- values as text -----------------------------------------------------------------------

  /** A parameter or attribute value: compact numbers, enum names, JSON for lists and maps. */
  private static String text(Object value) {
    if (value instanceof Double || value instanceof Float) {
      return number(((Number) value).doubleValue());
    }
    if (value instanceof Enum<?> e) {
      return e.name();
    }
    if (value instanceof Map<?, ?> || value instanceof Iterable<?>) {
      return escape(JsonWriter.toJson(value));
    }
    return escape(String.valueOf(value));
  }

  /** Whole numbers as integers, others as {@code %.6g} without trailing zeros. */
  private static String number(double v) {
    return compact(v, 6);
  }

  private static String compact(double v, int digits) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return Double.toString(v);
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    String s = String.format(Locale.ROOT, "%." + digits + "g", v);
    int e = s.indexOf('e');
    String mantissa = e < 0 ? s : s.substring(0, e);
    if (mantissa.indexOf('.') >= 0) {
      mantissa = mantissa.replaceAll("0+$", "");
      if (mantissa.endsWith(".")) {
        mantissa = mantissa.substring(0, mantissa.length() - 1);
      }
    }
    return e < 0 ? mantissa : mantissa + s.substring(e);
  }

  /** Three significant digits of milliseconds or seconds under a minute, then minutes, hours. */
  static String duration(Duration d) {
    if (d.isNegative()) {
      return "-" + duration(d.negated());
    }
    long seconds = d.getSeconds();
    if (seconds < 1) {
      double ms = d.getNano() / 1e6;
      // 999.5 ms and above round to a thousand: say a second, not 1e+03ms
      return ms >= 999.5 ? "1s" : compact(ms, 3) + "ms";
    }
    if (seconds < 60 && seconds + d.getNano() / 1e9 < 59.95) {
      return compact(seconds + d.getNano() / 1e9, 3) + "s";
    }
    if (seconds < 60) {
      return "1m00s";   // 59.95 s and above round to a minute
    }
    if (seconds < 3600) {
      return String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
    }
    return String.format(Locale.ROOT, "%dh%02dm", seconds / 3600, seconds % 3600 / 60);
  }

  /** Control characters made visible, so that one value stays on one line. */
  private static String escape(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> out.append(Character.isISOControl(c) ? '?' : c);
      }
    }
    return out.toString();
  }

  /**
   * At most {@link #MAX_CELL} characters: a longer text keeps its start and its end around
   * {@code ...}, so that names that differ only at the end ({@code ..._layer_1}, {@code _2}) stay
   * apart.
   */
  private static String cut(String s) {
    if (s.length() <= MAX_CELL) {
      return s;
    }
    int tail = (MAX_CELL - 3) / 2;
    return s.substring(0, MAX_CELL - 3 - tail) + "..." + s.substring(s.length() - tail);
  }
}
