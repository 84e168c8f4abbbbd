package dev.jtune.study;

import dev.jtune.storage.HeartbeatSupport;
import dev.jtune.storage.TrialId;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a running trial's heartbeats while the objective runs, on one daemon thread shared by all
 * trials of this JVM. A failed heartbeat is logged and retried at the next interval: missing a few
 * is what the grace period is for.
 */
final class TrialHeartbeat implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TrialHeartbeat.class);
  private static final ScheduledExecutorService BEATS =
      Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "jtune-heartbeat");
        t.setDaemon(true);
        return t;
      });

  private final ScheduledFuture<?> task;

  private TrialHeartbeat(ScheduledFuture<?> task) {
    this.task = task;
  }

  /** Starts beating for a trial if the storage supports heartbeats; a no-op otherwise. */
  static TrialHeartbeat start(Optional<HeartbeatSupport> support, TrialId trial) {
    if (support.isEmpty()) {
      return new TrialHeartbeat(null);
    }
    HeartbeatSupport h = support.get();
    long period = Math.max(1, h.interval().toMillis());
    return new TrialHeartbeat(BEATS.scheduleAtFixedRate(() -> {
      try {
        h.recordHeartbeat(trial);
      } catch (RuntimeException e) {
        LOG.warn("heartbeat of {} failed; retrying in {} ms", trial, period, e);
      }
    }, 0, period, TimeUnit.MILLISECONDS));
  }

  @Override
  public void close() {
    if (task != null) {
      task.cancel(false);
    }
  }
}
