package dev.jtune.study;

import dev.jtune.JtuneException;
import dev.jtune.storage.HeartbeatSupport;
import dev.jtune.trial.FrozenTrial;
import dev.jtune.trial.TrialFinishedException;
import dev.jtune.trial.TrialPrunedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code optimize} call: {@code jobs} workers, each running trials one after another until the
 * budget, the timeout, a stop request or an exhausted sampler ends the run. A worker's cycle is:
 * create (or claim) a trial, run the sampler's joint phase, evaluate the objective, record the
 * outcome exactly once, run the callbacks.
 *
 * <p>Failures: the objective's exceptions fail the trial and are logged (or re-thrown when asked);
 * {@link Error}s and storage failures fail the trial when they can and end the run, after the other
 * workers finish their current trial. The first such exception is thrown from {@link #run()}. An
 * interrupt of the calling thread ends the run too: with several workers they are interrupted,
 * and {@link #run()} returns only once each has finished its trial, so no worker outlives it.
 *
 * <p>Each call has its own stop flag, set by {@link Study#stop()} for every call running on the
 * study: a later call cannot revive an earlier call's workers.
 */
final class OptimizeLoop {
  private static final Logger LOG = LoggerFactory.getLogger(Study.class);

  private final Study study;
  private final MultiObjective objective;
  private final OptimizeOptions options;
  private final AtomicInteger started = new AtomicInteger();
  private final AtomicReference<Throwable> firstFailure = new AtomicReference<>();
  /** Present when trials must see each other independently of timing. */
  private final Optional<HistoryGate> gate;
  private volatile boolean stopped;
  private long startNanos;
  /** The run's length in nanoseconds, saturated: a timeout of centuries means none. */
  private long timeoutNanos;

  OptimizeLoop(Study study, MultiObjective objective, OptimizeOptions options) {
    this.study = study;
    this.objective = objective;
    this.options = options;
    this.gate = options.jobs() > 1
        && options.history() == OptimizeOptions.ParallelHistory.REPRODUCIBLE
        && (study.sampler().readsHistory() || study.pruner().readsHistory())
        ? Optional.of(new HistoryGate(options.jobs())) : Optional.empty();
  }

  void run() {
    startNanos = System.nanoTime();
    timeoutNanos = saturatedNanos(options.timeout());
    study.register(this);
    try {
      if (options.jobs() == 1) {
        guardedWorker();
      } else {
        runThreads();
      }
    } finally {
      study.unregister(this);
    }
    Throwable failure = firstFailure.get();
    if (failure instanceof RuntimeException e) {
      throw e;
    }
    if (failure instanceof Error e) {
      throw e;
    }
    if (failure != null) {
      throw new JtuneException("the objective failed in study '" + study.name() + "'", failure);
    }
  }

  /** Starts no more trials; running ones finish. */
  void stop() {
    stopped = true;
  }

  static long saturatedNanos(java.time.Duration timeout) {
    if (timeout == null) {
      return Long.MAX_VALUE;
    }
    try {
      return timeout.toNanos();
    } catch (ArithmeticException tooLong) {
      return Long.MAX_VALUE;
    }
  }

  private boolean timeLeft() {
    return System.nanoTime() - startNanos < timeoutNanos;
  }

  private void runThreads() {
    AtomicInteger threadNumber = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(options.jobs(), r -> {
      Thread t = new Thread(r, "jtune-" + study.name() + "-worker-" + threadNumber.getAndIncrement());
      t.setDaemon(true);
      return t;
    });
    boolean interrupted = false;
    try {
      List<Future<?>> workers = new ArrayList<>();
      try {
        for (int i = 0; i < options.jobs(); i++) {
          workers.add(pool.submit(this::guardedWorker));
        }
      } catch (RuntimeException | Error cannotStart) {
        // no thread for every worker: the ones started stop after their trial, and are waited for
        stop();
        firstFailure.compareAndSet(null, cannotStart);
      }
      for (Future<?> worker : workers) {
        while (true) {
          try {
            worker.get();
            break;
          } catch (ExecutionException e) {
            firstFailure.compareAndSet(null, e.getCause());
            break;
          } catch (InterruptedException e) {
            // as with one job, where the objective runs on the caller's thread: the workers are
            // interrupted and start no more trials; this thread still waits for each of them
            if (!interrupted) {
              interrupted = true;
              stop();
              firstFailure.compareAndSet(null, new JtuneException("interrupted while optimizing"
                  + " study '" + study.name() + "'", e));
              pool.shutdownNow();
            }
          }
        }
      }
    } finally {
      pool.shutdown();
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void guardedWorker() {
    try {
      worker();
    } catch (Throwable t) {
      firstFailure.compareAndSet(null, t);
      stop();
    }
  }

  private void worker() throws Exception {
    while (!stopped && timeLeft() && started.incrementAndGet() <= options.trials()) {
      Optional<HeartbeatSupport> heartbeat = study.storage().heartbeat();
      LiveTrial trial;
      Optional<HistoryGate.Ticket> ticket;
      synchronized (study.creationLock()) {
        // Under the creation lock, so that retries it enqueues take their numbers in step with
        // the trials this call creates.
        heartbeat.ifPresent(h -> h.failStaleTrials(study.id()));
        if (study.sampler().isExhausted(study.view())) {
          LOG.info("sampler {} has nothing left to propose; study '{}' stops", study.sampler(),
              study.name());
          stop();
          return;
        }
        if (gate.isPresent()) {
          HistoryGate.Admitted admitted = gate.get().admit(study::newTrial);
          trial = admitted.trial();
          ticket = Optional.of(admitted.ticket());
        } else {
          trial = study.newTrial();
          ticket = Optional.empty();
        }
      }
      TrialOutcome outcome = null;
      FrozenTrial finished;
      try (TrialHeartbeat beat = TrialHeartbeat.start(heartbeat, trial.id())) {
        outcome = evaluate(trial, ticket);
        // an interrupt that reached this worker (the caller's, passed on) must not keep the result
        // from being written: a storage's retry wait or connection wait would give up at once
        boolean interrupted = Thread.interrupted();
        try {
          finished = outcome.record(study);
        } finally {
          if (interrupted) {
            Thread.currentThread().interrupt();
          }
        }
      } catch (TrialFinishedException e) {
        if (heartbeat.isEmpty() || outcome == null) {
          throw e; // not a trial failed as stale while its objective ran
        }
        LOG.warn("trial {} was failed by another worker while it ran (its heartbeat was late);"
            + " its result is dropped: {}", trial.number(), e.getMessage());
        finished = null; // not this worker's to report; an Error or interrupt still ends the run
      } finally {
        ticket.ifPresent(t -> gate.get().finished(t));
      }
      if (finished != null) {
        runCallbacks(finished);
      }
      if (outcome.failure() instanceof InterruptedException) {
        // the objective was interrupted while it waited: the caller wants this thread back, so no
        // new trial starts and the flag stays set for it (a flag an objective leaves set without
        // throwing changes nothing: ParallelHistoryTest)
        LOG.info("optimize of study '{}' interrupted in trial {}; no more trials start",
            study.name(), trial.number());
        Thread.currentThread().interrupt();
        stop();
        firstFailure.compareAndSet(null, new JtuneException("interrupted while optimizing study '"
            + study.name() + "' (in trial " + trial.number() + ")", outcome.failure()));
        return;
      }
      if (outcome.failure() instanceof Error error) {
        throw error;
      }
      if (outcome.failure() != null && options.rethrow()) {
        throw (Exception) outcome.failure();
      }
    }
  }

  private TrialOutcome evaluate(LiveTrial trial, Optional<HistoryGate.Ticket> ticket) {
    try {
      if (ticket.isPresent()) {
        sampleRelativeInTurn(trial, ticket.get());
      } else {
        trial.sampleRelative();
      }
      return TrialOutcome.of(trial, objective.evaluate(trial));
    } catch (TrialPrunedException e) {
      return TrialOutcome.pruned(trial, e.getMessage());
    } catch (Exception | Error e) {
      return TrialOutcome.failed(trial, e);
    }
  }

  /** Waits for the trial's turn, runs its joint phase on the gated history, and publishes it. */
  private void sampleRelativeInTurn(LiveTrial trial, HistoryGate.Ticket ticket) {
    HistoryGate g = gate.orElseThrow();
    try {
      g.awaitTurn(ticket);
      trial.seeHistory(g.view(ticket, study.view()));
      trial.sampleRelative();
    } finally {
      FrozenTrial snapshot;
      try {
        snapshot = trial.sampledSnapshot();
      } catch (RuntimeException e) {
        // the storage read failed: later trials see what this process knows of it, and the
        // sampler's own exception, if any, is the one recorded
        LOG.warn("could not read trial {} back after its joint phase: {}", trial.number(),
            e.toString());
        snapshot = trial.snapshot();
      }
      g.sampled(ticket, snapshot);
    }
  }

  private void runCallbacks(FrozenTrial finished) {
    for (StudyCallback callback : study.callbacks()) {
      try {
        callback.afterTrial(study, finished);
      } catch (RuntimeException e) {
        LOG.warn("callback {} failed after trial {}; the study goes on", callback,
            finished.number(), e);
      }
    }
  }
}
