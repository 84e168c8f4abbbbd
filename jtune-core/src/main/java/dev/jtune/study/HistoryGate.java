package dev.jtune.study;

import dev.jtune.trial.FrozenTrial;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

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
 *   <li>no trial admitted after it;
 *   <li>every other trial (of other calls or processes, or enqueued and not yet claimed) as stored.
 * </ul>
 * {@link #awaitTurn} blocks until the first two hold. A trial waits only on trials admitted before
 * it, each of which a worker is running or has finished, so the lowest unfinished trial never
 * waits: no deadlock, for any {@code lag >= 1} ({@code lag} trades staleness for idling; the loop
 * uses the number of workers). Joint phases therefore run one at a time in admission order, which
 * is also what keeps samplers' incremental caches (folded in the order they are asked) the same from
 * run to run.
 *
 * <p>Memory and time: a slot is dropped once every trial that can still look at it sees it
 * finished, and a wait checks at most {@code lag} slots, so both stay bounded by a few times the
 * number of workers however long the call runs.
 *
 * <p>Thread-safe: every method synchronizes on the gate.
 */
final class HistoryGate {
  private final int lag;
  private final Map<Integer, Slot> bySequence = new HashMap<>();
  private final Map<Integer, Slot> byNumber = new HashMap<>();
  private int admitted;
  /** The lowest sequence not yet finished; every slot below it is finished. */
  private int firstUnfinished;

  /** One admitted trial. */
  private static final class Slot {
    final int sequence;
    final int number;
    FrozenTrial sampled;
    boolean finished;

    Slot(int sequence, int number) {
      this.sequence = sequence;
      this.number = number;
    }
  }

  /** A trial's place in the order of admission; {@link #sequence} counts from 0. */
  record Ticket(int sequence, int number) {}

  /** A trial just created and its ticket. */
  record Admitted(LiveTrial trial, Ticket ticket) {}

  /** @param lag how many places back a trial sees others finished; {@code >= 1} */
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
  synchronized Admitted admit(Supplier<LiveTrial> create) {
    LiveTrial trial = create.get();
    Slot slot = new Slot(admitted++, trial.number());
    bySequence.put(slot.sequence, slot);
    byNumber.put(slot.number, slot);
    return new Admitted(trial, new Ticket(slot.sequence, slot.number));
  }

  /**
   * Blocks until every trial admitted {@code lag} or more places earlier has finished and every
   * later one before this has been {@link #sampled}. An interrupt does not end the wait (the trials
   * waited for always finish); it is kept, and the thread's interrupt flag is set again on return.
   */
  synchronized void awaitTurn(Ticket ticket) {
    int k = ticket.sequence();
    boolean interrupted = false;
    try {
      while (!ready(k)) {
        try {
          wait();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private boolean ready(int k) {
    if (firstUnfinished <= k - lag) {
      return false;
    }
    for (int q = Math.max(0, k - lag + 1); q < k; q++) {
      Slot slot = bySequence.get(q);
      if (slot != null && slot.sampled == null && !slot.finished) {
        return false;
      }
    }
    return true;
  }

  /** Records the trial as it stands after its sampler's joint phase (or a failed one). */
  synchronized void sampled(Ticket ticket, FrozenTrial snapshot) {
    Slot slot = bySequence.get(ticket.sequence());
    if (slot != null) {
      slot.sampled = snapshot;
    }
    notifyAll();
  }

  /**
   * Records that the trial is finished and stored (or that its worker gave up on it), and drops the
   * slots no unfinished trial can see other than finished: those at or below
   * {@code firstUnfinished - lag}, which every trial admitted from {@code firstUnfinished} on sees as
   * stored.
   */
  synchronized void finished(Ticket ticket) {
    Slot slot = bySequence.get(ticket.sequence());
    if (slot != null) {
      slot.finished = true;
    }
    while (firstUnfinished < admitted && bySequence.get(firstUnfinished).finished) {
      firstUnfinished++;
    }
    for (int q = firstUnfinished - lag; q >= 0; q--) {
      Slot old = bySequence.remove(q);
      if (old == null) {
        break;
      }
      byNumber.remove(old.number);
    }
    notifyAll();
  }

  /** The trial as {@code ticket}'s trial sees it, or {@code null} if hidden from it. */
  private synchronized FrozenTrial shown(Ticket ticket, FrozenTrial stored) {
    Slot slot = byNumber.get(stored.number());
    if (slot == null) {
      return stored; // not of this call, or of it and seen finished by every trial still running
    }
    int k = ticket.sequence();
    if (slot.sequence == k || slot.sequence <= k - lag) {
      return stored;
    }
    return slot.sequence < k ? slot.sampled : null;
  }

  /**
   * How many admitted trials the gate still keeps: at most {@code 3 lag - 2} (the {@code lag - 1}
   * below the first unfinished one, it, and up to {@code 2 lag - 2} after it that may have
   * finished out of order or be waiting).
   */
  synchronized int retainedSlots() {
    return bySequence.size();
  }

  /** The history {@code ticket}'s trial sees: {@code base} filtered as the class describes. */
  StudyView view(Ticket ticket, StudyView base) {
    return StudyView.mapped(base, stored -> shown(ticket, stored));
  }
}
