package dev.jtune.cli;

import dev.jtune.study.Study;
import dev.jtune.study.StudyCallback;
import dev.jtune.study.Feasibility;
import dev.jtune.trial.FrozenTrial;
import dev.jtune.trial.TrialState;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Shows progress after each trial of this process: trials finished of the study's budget (COMPLETE
 * or PRUNED, as the budget counts them; a failed trial is counted apart, and the next run of the
 * study makes up for it), elapsed
 * and estimated time, best value so far, pruned and failed counts. {@link OutputMode#BAR} redraws a
 * bar in place (a terminal); {@link OutputMode#LINES} prints a plain line every tenth of the budget
 * (a log or a pipe); {@link OutputMode#JSON} prints one JSON object per trial; QUIET prints nothing.
 * Thread-safe.
 */
final class ProgressCallback implements StudyCallback {
  private static final int WIDTH = 30;

  private final PrintWriter out;
  private final OutputMode mode;
  private final int budget;
  private final int alreadyDone;
  private final long start = System.nanoTime();
  private final AtomicInteger done = new AtomicInteger();
  private final AtomicInteger pruned = new AtomicInteger();
  private final AtomicInteger failed = new AtomicInteger();
  private volatile boolean barDrawn;
  /** The length of the bar last drawn; guarded by {@code out}. */
  private int barLength;
  /** The highest count a progress line has shown; guarded by {@code out}. */
  private int shown;
  /** The trials the JSON events have counted, in the order they were printed; guarded by out. */
  private int counted;

  /**
   * @param budget the study's trial budget
   * @param alreadyDone trials of the budget finished before this run (a resumed study)
   */
  ProgressCallback(PrintWriter out, OutputMode mode, int budget, int alreadyDone) {
    this.out = out;
    this.mode = mode;
    this.budget = budget;
    this.alreadyDone = alreadyDone;
  }

  @Override
  public void afterTrial(Study study, FrozenTrial trial) {
    // the budget counts COMPLETE and PRUNED trials, and so does the bar (failed ones apart)
    int n = trial.state() == TrialState.FAIL ? done.get() : done.incrementAndGet();
    if (trial.state() == TrialState.PRUNED) {
      pruned.incrementAndGet();
    } else if (trial.state() == TrialState.FAIL) {
      failed.incrementAndGet();
    }
    if (mode == OutputMode.QUIET) {
      return;
    }
    int total = alreadyDone + n;
    if (mode == OutputMode.JSON) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("event", "trial");
      m.putAll(Json.trial(trial));
      if (trial.state() == TrialState.FAIL) {
        m.put("fail_reason", firstLine(trial.systemAttrs().getOrDefault(FrozenTrial.FAIL_REASON,
            "")));
      }
      m.put("budget", budget);
      synchronized (out) {
        // under the lock, as the count: a later event never shows an older best
        m.put("best_value", study.directions().size() == 1
            ? study.findBestTrial().map(FrozenTrial::value).orElse(null) : null);
        if (study.directions().size() > 1) {
          m.put("pareto_front_size", study.bestTrials().size());
        }
        // counted in print order, so that "done" never steps back when threads race
        if (trial.state() != TrialState.FAIL) {
          counted++;
        }
        m.put("done", alreadyDone + counted);
        print(Json.line(m), true);
      }
      return;
    }
    int step = Math.max(1, (budget - alreadyDone) / 10);
    if (mode == OutputMode.LINES && n % step != 0 && total < budget
        && trial.state() != TrialState.FAIL) {
      return;
    }
    // read only for a line that prints (each read goes through every trial of the study); a study
    // of several objectives has no best value: its Pareto front's size stands for it
    String best = study.directions().size() == 1
        ? "best " + study.findBestTrial().map(t -> String.format("%.6g (trial %d)", t.value(),
            t.number())).orElse("-")
        : "Pareto front " + study.bestTrials().size();
    List<FrozenTrial> complete = study.trials(TrialState.COMPLETE);
    if (Feasibility.constrained(complete)) {
      best += "  feasible " + Feasibility.filter(complete).size() + "/" + complete.size();
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    double eta = n == 0 ? Double.NaN : elapsed / n * Math.max(0, budget - total);
    int filled = (int) Math.round(WIDTH * Math.min(1.0, (double) total / budget));
    String line = String.format("[%s%s] %d/%d  %s elapsed, ~%s left  %s  pruned %d  failed %d",
        "#".repeat(filled), ".".repeat(WIDTH - filled), total, budget, time(elapsed), time(eta),
        best, pruned.get(), failed.get());
    if (mode == OutputMode.LINES && trial.state() == TrialState.FAIL) {
      line += "  (trial " + trial.number() + " failed: "
          + firstLine(trial.systemAttrs().getOrDefault(FrozenTrial.FAIL_REASON, "")) + ")";
    }
    printProgress(line, total);
  }

  /**
   * Prints a progress line unless one with a higher count is already out: with several threads,
   * the callbacks of two trials finishing together can reach the terminal in either order, and the
   * bar must not step back.
   */
  private void printProgress(String line, int total) {
    synchronized (out) {
      if (total < shown) {
        return;
      }
      shown = total;
      print(line, mode != OutputMode.BAR);
    }
  }

  /** The first line of a failure reason (a stack trace's message line). */
  private static String firstLine(Object reason) {
    String text = String.valueOf(reason);
    int nl = text.indexOf('\n');
    return nl < 0 ? text : text.substring(0, nl);
  }

  /** Ends the bar's line, so that what follows starts on a line of its own. */
  void finish() {
    if (mode == OutputMode.BAR && barDrawn) {
      print("", true);
    }
  }

  /**
   * Prints a line, or redraws the bar: over the previous one (blanks cover what a longer one left),
   * the cursor then put back at the line's start, so that a log line written meanwhile (a failed
   * trial's warning, on standard error) replaces the bar instead of being glued to its end, and
   * the next bar starts below it.
   */
  private void print(String line, boolean newline) {
    synchronized (out) {
      if (newline) {
        out.println(line);
      } else {
        out.print("\r" + line + " ".repeat(Math.max(0, barLength - line.length())) + "\r");
        barLength = line.length();
        barDrawn = true;
      }
      out.flush();
    }
  }

  static String time(double seconds) {
    if (Double.isNaN(seconds)) {
      return "?";
    }
    if (seconds < 60) {
      return String.format("%.1fs", seconds);
    }
    long s = Math.round(seconds);
    return s < 3600 ? String.format("%dm%02ds", s / 60, s % 60)
        : String.format("%dh%02dm", s / 3600, s % 3600 / 60);
  }
}
