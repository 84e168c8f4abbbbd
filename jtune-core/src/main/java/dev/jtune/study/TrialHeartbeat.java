package dev.jtune.study;

import dev.jtune.storage.HeartbeatSupport;
import dev.jtune.storage.TrialId;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a running trial's heartbeats while the objective runs, on a daemon thread of the trial's
 * own (as Optuna's heartbeat thread): a beat that blocks on the database delays only its own trial,
 * never another trial's, which another worker could otherwise fail as stale. A failed heartbeat is
 * logged and retried at the next interval: missing a few is what the grace period is for.
 */
final class TrialHeartbeat implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TrialHeartbeat.class);

  private final ScheduledExecutorService beats;

  private TrialHeartbeat(ScheduledExecutorService beats) {
    this.beats = beats;
  }

  /** Starts beating for a trial if the storage supports heartbeats; a no-op otherwise. */
  static TrialHeartbeat start(Optional<HeartbeatSupport> support, TrialId trial) {
    if (support.isEmpty()) {
      return new TrialHeartbeat(null);
    }
    HeartbeatSupport h = support.get();
    long period = Math.max(1, h.interval().toMillis());
    ScheduledExecutorService beats = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "jtune-heartbeat-" + trial);
      t.setDaemon(true);
      return t;
    });
    beats.scheduleAtFixedRate(() -> {
      try {
        h.recordHeartbeat(trial);
      } catch (RuntimeException | Error e) {
        // an Error too: a periodic task that throws is never run again, and the trial would be
        // failed as stale while it runs
        LOG.warn("heartbeat of {} failed; retrying in {} ms", trial, period, e);
      }
    }, 0, period, TimeUnit.MILLISECONDS);
    return new TrialHeartbeat(beats);
  }

  @Override
  public void close() {
    if (beats != null) {
      beats.shutdown(); // a beat being written finishes; no other starts
    }
  }
}
