package dev.jtune.cli;

import dev.jtune.study.Study;
import dev.jtune.study.StudyCallback;
import dev.jtune.trial.FrozenTrial;
import dev.jtune.trial.TrialState;
import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Shows progress after each trial: a bar redrawn in place on a terminal, or a plain line every tenth
 * of the budget otherwise. Counts, elapsed and estimated time, best value so far, pruned and failed.
 */
final class ProgressCallback implements StudyCallback {
  private static final int WIDTH = 30;

  private final PrintWriter out;
  private final int budget;
  private final boolean terminal = System.console() != null;
  private final long start = System.nanoTime();
  private final AtomicInteger done = new AtomicInteger();
  private final AtomicInteger pruned = new AtomicInteger();
  private final AtomicInteger failed = new AtomicInteger();

  ProgressCallback(PrintWriter out, int budget) {
    this.out = out;
    this.budget = budget;
  }

  @Override
  public void afterTrial(Study study, FrozenTrial trial) {
    int n = done.incrementAndGet();
    if (trial.state() == TrialState.PRUNED) {
      pruned.incrementAndGet();
    } else if (trial.state() == TrialState.FAIL) {
      failed.incrementAndGet();
    }
    if (!terminal && n % Math.max(1, budget / 10) != 0 && n != budget) {
      return;
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    double eta = elapsed / n * Math.max(0, budget - n);
    String best = study.directions().size() == 1
        ? study.findBestTrial().map(t -> String.format("%.6g (trial %d)", t.value(), t.number()))
            .orElse("-")
        : study.bestTrials().size() + " Pareto-optimal";
    int filled = (int) Math.round(WIDTH * Math.min(1.0, (double) n / budget));
    String line = String.format("[%s%s] %d/%d  %.1fs elapsed, ~%.1fs left  best %s  pruned %d  failed %d",
        "#".repeat(filled), ".".repeat(WIDTH - filled), n, budget, elapsed, eta, best,
        pruned.get(), failed.get());
    synchronized (out) {
      if (terminal) {
        out.print("\r" + line);
      } else {
        out.println(line);
      }
      out.flush();
    }
  }
}
