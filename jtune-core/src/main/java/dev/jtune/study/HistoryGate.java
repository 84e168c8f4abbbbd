package dev.jtune.study;

import dev.jtune.JtuneException;
import dev.jtune.trial.FrozenTrial;
import dev.jtune.trial.TrialState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the trials of one {@code optimize} call see of each other under
 * {@link OptimizeOptions.ParallelHistory#REPRODUCIBLE}: a function of the order in which they
 * started, not of when they finished.
 *
 * <p>The trial admitted {@code k}-th ({@link #admit}) sees, through {@link #view}:
 * <ul>
 *   <li>the trials admitted at {@code 0 .. k - lag} as stored, finished;
 *   <li>those admitted at {@code k - lag + 1 .. k - 1} as they were once their sampler's joint
 *       phase had run ({@link #sampled}): running, with the joint phase's parameters and the
 *       system attributes the sampler stored;
 *   <li>no trial admitted after it, and no waiting (enqueued, unclaimed) trial;
 *   <li>every trial of other calls or processes as stored.
 * </ul>
 * {@link #awaitTurn} blocks until the first two hold. With {@code lag} equal to the number of
 * workers no worker waits on a trial that a worker could still be starting, so the order of
 * admission is a topological order of the waits and the lowest unfinished trial never waits: no
 * deadlock. Joint phases therefore run one at a time in admission order, which is also what keeps
 * samplers' incremental caches (folded in the order they are asked) the same from run to run.
 *
 * <p>Thread-safe: every method synchronizes on the gate.
 */
final class HistoryGate {
  private final int lag;
  private final List<Slot> slots = new ArrayList<>();
  private final Map<Integer, Slot> byNumber = new HashMap<>();

  /** One admitted trial. */
  private static final class Slot {
    final int sequence;
    FrozenTrial sampled;
    boolean finished;

    Slot(int sequence) {
      this.sequence = sequence;
    }
  }

  /** A trial's place in the order of admission; {@link #sequence} counts from 0. */
  record Ticket(int sequence, int number) {}

  /** @param lag the number of workers; {@code >= 1} */
  HistoryGate(int lag) {
    if (lag < 1) {
      throw new IllegalArgumentException("lag must be >= 1, got " + lag);
    }
    this.lag = lag;
  }

  /**
   * Creates (or claims) the next trial with {@code create} and admits it, atomically with respect
   * to {@link #view}s: a view never meets the new trial in storage before it is admitted, which
   * would show it as a trial of another process. Call in the order trials start (under the study's
   * creation lock).
   */
  synchronized Admitted admit(java.util.function.Supplier<LiveTrial> create) {
    LiveTrial trial = create.get();
    Slot slot = new Slot(slots.size());
    slots.add(slot);
    byNumber.put(trial.number(), slot);
    return new Admitted(trial, new Ticket(slot.sequence, trial.number()));
  }

  /** A trial just created and its ticket. */
  record Admitted(LiveTrial trial, Ticket ticket) {}

  /**
   * Blocks until every trial admitted {@code lag} or more places earlier has finished and every
   * later one before this has been {@link #sampled}.
   *
   * @throws JtuneException if the thread is interrupted while it waits
   */
  synchronized void awaitTurn(Ticket ticket) {
    int k = ticket.sequence();
    for (int q = 0; q < k; q++) {
      Slot slot = slots.get(q);
      boolean old = q <= k - lag;
      while (old ? !slot.finished : slot.sampled == null && !slot.finished) {
        try {
          wait();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new JtuneException("interrupted while trial " + ticket.number()
              + " waited for the trials started before it", e);
        }
      }
    }
  }

  /** Records the trial as it stands after its sampler's joint phase (or a failed one). */
  synchronized void sampled(Ticket ticket, FrozenTrial snapshot) {
    slots.get(ticket.sequence()).sampled = snapshot;
    notifyAll();
  }

  /** Records that the trial is finished and stored (or that its worker gave up on it). */
  synchronized void finished(Ticket ticket) {
    slots.get(ticket.sequence()).finished = true;
    notifyAll();
  }

  /** The trial as {@code ticket}'s trial sees it, or {@code null} if hidden from it. */
  private synchronized FrozenTrial shown(Ticket ticket, FrozenTrial stored) {
    Slot slot = byNumber.get(stored.number());
    if (slot == null) {
      return stored.state() == TrialState.WAITING ? null : stored;
    }
    int k = ticket.sequence();
    if (slot.sequence == k || slot.sequence <= k - lag) {
      return stored;
    }
    return slot.sequence < k ? slot.sampled : null;
  }

  /** The history {@code ticket}'s trial sees: {@code base} filtered as the class describes. */
  StudyView view(Ticket ticket, StudyView base) {
    return StudyView.mapped(base, stored -> shown(ticket, stored));
  }
}
