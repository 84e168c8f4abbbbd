package dev.jtune.cli;

import dev.jtune.study.Study;
import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicInteger;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C during a run. The first SIGINT asks the study to start no more trials and lets the
 * running ones finish (their results are kept); the second fails this process's running trials
 * (reason: interrupted) and exits with {@link ExitCode#INTERRUPTED}. A shutdown hook does the same
 * failing when the JVM is ended another way (SIGTERM), so no trial of this process is left RUNNING
 * in the database; the next run resumes the study. Closing restores the previous handlers.
 */
final class Interrupts implements AutoCloseable {
  static final String REASON = "interrupted: the jtune process running this trial was stopped "
      + "(Ctrl-C or SIGTERM) before it finished";

  private final AtomicInteger signals = new AtomicInteger();
  private final SignalHandler previous;
  private final Thread hook;

  private Interrupts(Study study, RunningTrials running, PrintWriter err, boolean install) {
    if (!install) {
      previous = null;
      hook = null;
      return;
    }
    hook = new Thread(() -> running.failAll(study.storage(), study.id(), REASON),
        "jtune-interrupt-hook");
    Runtime.getRuntime().addShutdownHook(hook);
    SignalHandler handler = signal -> {
      int n = signals.incrementAndGet();
      if (n == 1) {
        study.stop();
        synchronized (err) {
          err.println();
          err.println("jtune: interrupted; letting " + running.size() + " running trial(s) finish "
              + "(Ctrl-C again to stop now and mark them failed)");
          err.flush();
        }
      } else {
        synchronized (err) {
          err.println("jtune: stopping now; running trials are marked failed");
          err.flush();
        }
        // the shutdown hook fails the running trials
        Runtime.getRuntime().exit(ExitCode.INTERRUPTED.code());
      }
    };
    SignalHandler old;
    try {
      old = Signal.handle(new Signal("INT"), handler);
    } catch (IllegalArgumentException e) {
      old = null; // no SIGINT on this platform
    }
    previous = old;
  }

  /** Handles Ctrl-C for this study until closed; {@code install} false makes a no-op (tests). */
  static Interrupts install(Study study, RunningTrials running, PrintWriter err, boolean install) {
    return new Interrupts(study, running, err, install);
  }

  /** Whether Ctrl-C was pressed. */
  boolean interrupted() {
    return signals.get() > 0;
  }

  @Override
  public void close() {
    if (hook != null) {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the hook runs anyway
      }
    }
    if (previous != null) {
      Signal.handle(new Signal("INT"), previous);
    }
  }
}
