package dev.jtune.testkit;

import dev.jtune.space.FloatDistribution;
import dev.jtune.storage.Storage;
import dev.jtune.storage.StudyId;
import dev.jtune.storage.TrialTemplate;
import dev.jtune.study.StudyDirection;
import dev.jtune.trial.FrozenTrial;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What {@link StorageContract}'s laws stand on: a fresh storage for each test (from
 * {@link #newStorage()}, which a storage's test class provides), closed after it, and the helpers
 * the laws share (a study, a running trial, tasks on several threads at once).
 */
public abstract class StorageFixture {
  static final List<StudyDirection> MIN = List.of(StudyDirection.MINIMIZE);
  static final FloatDistribution X = FloatDistribution.uniform(0, 10);

  /** The storage under test, fresh for each test. */
  protected Storage storage;

  /** A new, empty storage. */
  protected abstract Storage newStorage();

  /**
   * A new, empty storage whose trials get heartbeats with {@code interval} and {@code grace}, for
   * the heartbeat laws; empty (the laws are skipped) for a storage without heartbeats.
   */
  protected Optional<Storage> newStorageWithHeartbeat(java.time.Duration interval,
      java.time.Duration grace) {
    return Optional.empty();
  }

  /** How many threads the concurrency tests use. */
  protected int threads() {
    return 8;
  }

  @BeforeEach
  void openStorage() {
    storage = newStorage();
  }

  @AfterEach
  void closeStorage() throws Exception {
    storage.close();
  }

  /** A new study of the storage under test. */
  StudyId study() {
    return storage.createStudy("contract", MIN);
  }

  /** A new RUNNING trial of {@code study}. */
  FrozenTrial running(StudyId study) {
    return storage.createTrial(study, TrialTemplate.running());
  }

  /** Runs the task on {@link #threads()} threads started together and waits for all of them. */
  protected void runConcurrently(ThrowingRunnable task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads());
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < threads(); i++) {
        futures.add(pool.submit(() -> {
          start.await();
          task.run();
          return null;
        }));
      }
      start.countDown();
      for (Future<?> f : futures) {
        f.get(2, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** A task that may throw. */
  @FunctionalInterface
  protected interface ThrowingRunnable {
    /** Runs the task. */
    void run() throws Exception;
  }
}
