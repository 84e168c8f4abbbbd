package dev.jtune.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jtune.sampler.RandomSampler;
import dev.jtune.storage.HeartbeatSupport;
import dev.jtune.storage.InMemoryStorage;
import dev.jtune.storage.Storage;
import dev.jtune.storage.StudyId;
import dev.jtune.storage.TrialId;
import dev.jtune.trial.FrozenTrial;
import dev.jtune.trial.Trial;
import dev.jtune.trial.TrialState;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The optimize loop's edges: interrupts with several workers, heartbeats, stale trials, limits. */
class OptimizeLoopTest {

  private static double busy(Trial trial, long millis) {
    double x = trial.suggestFloat("x", 0, 1);
    long end = System.nanoTime() + millis * 1_000_000;
    while (System.nanoTime() < end) {
      Thread.onSpinWait();                 // ignores interrupts, as CPU-bound training does
    }
    return x;
  }

  /**
   * With two workers, an interrupt of the caller ends the run only once both have finished their
   * trial; a later call is not joined by the earlier call's workers (before: the call returned with
   * trials RUNNING, and its workers came back to run its whole budget once the next call cleared
   * the study's one stop flag: 11 trials instead of 5).
   */
  @Test
  void anInterruptWithSeveralWorkersWaitsForThemAndLeavesNoneBehind() throws Exception {
    Study s = Study.builder().sampler(new RandomSampler(1)).build();
    Thread interrupter = interruptThisThreadIn(300);
    try {
      assertThatThrownBy(() -> s.optimize(t -> busy(t, 200), 10, null, 2))
          .hasMessageContaining("interrupted");
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
      interrupter.join();
    }
    List<FrozenTrial> afterInterrupt = s.trials();
    assertThat(afterInterrupt).hasSizeLessThan(10)
        .noneMatch(t -> t.state() == TrialState.RUNNING);
    s.optimize(t -> t.suggestFloat("x", 0, 1), 1);
    Thread.sleep(600);
    assertThat(s.trials()).hasSize(afterInterrupt.size() + 1);
  }

  /** Starts a thread that interrupts the calling thread after {@code millis}. */
  static Thread interruptThisThreadIn(long millis) {
    Thread caller = Thread.currentThread();
    Thread interrupter = new Thread(() -> {
      try {
        Thread.sleep(millis);
      } catch (InterruptedException e) {
        return;
      }
      caller.interrupt();
    });
    interrupter.start();
    return interrupter;
  }

  /** stop() reaches the calls running now only: one made later runs its budget. */
  @Test
  void stopReachesOnlyTheCallsRunningNow() {
    Study s = Study.builder().sampler(new RandomSampler(1)).build();
    s.stop();
    s.optimize(t -> t.suggestFloat("x", 0, 1), 3);
    assertThat(s.trials()).hasSize(3);
  }

  @Test
  void aTimeoutOfCenturiesMeansNoLimit() {
    Study s = Study.builder().sampler(new RandomSampler(1)).build();
    s.optimize(t -> t.suggestFloat("x", 0, 1),
        new OptimizeOptions(3, Duration.ofSeconds(Long.MAX_VALUE), 1, false));
    s.optimize(t -> t.suggestFloat("x", 0, 1),
        OptimizeOptions.trials(2).withTimeout(Duration.ofDays(365L * 300)));
    assertThat(s.trials(TrialState.COMPLETE)).hasSize(5);
  }

  private static Storage withHeartbeat(InMemoryStorage storage, HeartbeatSupport heartbeat) {
    return (Storage) Proxy.newProxyInstance(Storage.class.getClassLoader(),
        new Class<?>[] {Storage.class}, (proxy, method, args) -> {
          if (method.getName().equals("heartbeat")) {
            return Optional.of(heartbeat);
          }
          try {
            return method.invoke(storage, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  private static HeartbeatSupport heartbeat(long intervalMillis,
      java.util.function.Consumer<TrialId> beat) {
    return new HeartbeatSupport() {
      @Override
      public Duration interval() {
        return Duration.ofMillis(intervalMillis);
      }

      @Override
      public Duration gracePeriod() {
        return Duration.ofMillis(intervalMillis * 8);
      }

      @Override
      public void recordHeartbeat(TrialId trial) {
        beat.accept(trial);
      }

      @Override
      public List<FrozenTrial> failStaleTrials(StudyId study) {
        return List.of();
      }
    };
  }

  /**
   * A heartbeat that blocks on the database delays its own trial's beats only (before: one thread
   * beat for every trial of the JVM, so a healthy trial went a second without a beat).
   */
  @Test
  void aSlowHeartbeatDelaysNoOtherTrial() {
    Map<Long, List<Long>> beats = new ConcurrentHashMap<>();
    HeartbeatSupport slowForTheFirst = heartbeat(50, trial -> {
      beats.computeIfAbsent(trial.value(), k -> new CopyOnWriteArrayList<>())
          .add(System.nanoTime() / 1_000_000);
      if (trial.value() == 1) {
        try {
          Thread.sleep(1000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    });
    Study s = Study.builder().storage(withHeartbeat(new InMemoryStorage(), slowForTheFirst))
        .sampler(new RandomSampler(1)).build();
    s.optimize(t -> {
      Thread.sleep(1200);
      return 1.0;
    }, new OptimizeOptions(2, null, 2, false, OptimizeOptions.ParallelHistory.LATEST));
    List<Long> healthy = beats.get(2L);
    assertThat(healthy).hasSizeGreaterThan(5);
    long longestGap = 0;
    for (int i = 1; i < healthy.size(); i++) {
      longestGap = Math.max(longestGap, healthy.get(i) - healthy.get(i - 1));
    }
    assertThat(longestGap).isLessThan(400);
  }

  /**
   * A trial failed as stale by another worker while its objective ran still ends the run when the
   * objective threw an Error (before: the Error was dropped with the stale trial's result, and the
   * loop went on to run every trial).
   */
  @Test
  void anErrorOfATrialFailedAsStaleStillEndsTheRun() {
    InMemoryStorage memory = new InMemoryStorage();
    Study s = Study.builder().storage(withHeartbeat(memory, heartbeat(10_000, t -> { })))
        .sampler(new RandomSampler(1)).build();
    assertThatThrownBy(() -> s.optimize(t -> {
      t.suggestFloat("x", 0, 1);
      if (t.number() == 0) {
        FrozenTrial me = s.trials(TrialState.RUNNING).get(0);
        memory.setTrialState(me.id(), TrialState.FAIL, List.of());   // as failStaleTrials does
        throw new OutOfMemoryError("simulated");
      }
      return 1.0;
    }, 5)).isInstanceOf(OutOfMemoryError.class);
    assertThat(s.trials()).hasSize(1);
  }

  /** As Optuna: values cannot be told with PRUNED or FAIL, and the trial stays running. */
  @Test
  void valuesToldWithPrunedOrFailAreRefused() {
    Study s = Study.builder().sampler(new RandomSampler(1)).build();
    Trial trial = s.ask();
    assertThatThrownBy(() -> s.tell(trial, TrialState.PRUNED, 3.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[3.5]").hasMessageContaining("PRUNED");
    assertThatThrownBy(() -> s.tell(trial, TrialState.FAIL, 1.0, 2.0))
        .hasMessageContaining("still running");
    assertThat(s.trials().get(0).state()).isEqualTo(TrialState.RUNNING);
    assertThat(s.tell(trial, TrialState.FAIL).state()).isEqualTo(TrialState.FAIL);
  }

  /** A running trial already on the point counts for skipIfExists, as in Optuna. */
  @Test
  void enqueueingAPointARunningTrialHasIsSkipped() {
    Study s = Study.builder().sampler(new RandomSampler(1)).build();
    Trial running = s.ask();
    double x = running.suggestFloat("x", 0, 1);
    assertThat(s.enqueueTrial(Map.of("x", x), true)).isEqualTo(running.number());
    assertThat(s.trials()).hasSize(1);
  }

  /**
   * What later trials see of a running enqueued trial (under the reproducible history) is its
   * enqueued value, not the joint phase's proposal it will not use.
   */
  @Test
  void aRunningEnqueuedTrialIsSeenAtItsEnqueuedValue() {
    dev.jtune.space.SearchSpace space = dev.jtune.space.SearchSpace.builder()
        .uniform("x", 0, 1).build();
    dev.jtune.sampler.Sampler proposesThreeTenths = new dev.jtune.sampler.Sampler() {
      @Override
      public dev.jtune.space.SearchSpace relativeSearchSpace(StudyView study, FrozenTrial trial) {
        return space;
      }

      @Override
      public Map<String, Double> sampleRelative(StudyView study, FrozenTrial trial,
          dev.jtune.space.SearchSpace searchSpace) {
        return Map.of("x", 0.3);
      }

      @Override
      public double sampleIndependent(StudyView study, FrozenTrial trial, String name,
          dev.jtune.space.Distribution distribution) {
        return 0.5;
      }
    };
    Study s = Study.builder().sampler(proposesThreeTenths).build();
    s.enqueueTrial(Map.of("x", 0.8));
    LiveTrial enqueued = s.newTrial();
    enqueued.sampleRelative();
    assertThat(enqueued.sampledSnapshot().internalParams()).containsEntry("x", 0.8);
    LiveTrial plain = s.newTrial();
    plain.sampleRelative();
    assertThat(plain.sampledSnapshot().internalParams()).containsEntry("x", 0.3);
  }
}
