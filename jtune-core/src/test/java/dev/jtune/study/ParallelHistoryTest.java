package dev.jtune.study;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jtune.sampler.RandomSampler;
import dev.jtune.sampler.Sampler;
import dev.jtune.space.Distribution;
import dev.jtune.space.SearchSpace;
import dev.jtune.trial.FrozenTrial;
import dev.jtune.trial.TrialState;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** What trials of one call see of each other under each {@link OptimizeOptions.ParallelHistory}. */
class ParallelHistoryTest {

  /** What one trial's sampler saw: finished and running trial numbers. */
  record Seen(Set<Integer> finished, Set<Integer> running) {}

  /** Records, for each trial, what its joint phase saw; draws at random. */
  static final class Recorder implements Sampler {
    final Map<Integer, Seen> seen = new ConcurrentHashMap<>();
    final Map<Integer, Seen> seenAfter = new ConcurrentHashMap<>();
    private final RandomSampler random = new RandomSampler(5);

    @Override
    public SearchSpace relativeSearchSpace(StudyView study, FrozenTrial trial) {
      seen.put(trial.number(), seen(study, trial));
      return SearchSpace.empty();
    }

    static Seen seen(StudyView study, FrozenTrial trial) {
      Set<Integer> finished = new TreeSet<>();
      Set<Integer> running = new TreeSet<>();
      for (FrozenTrial t : study.trials()) {
        if (t.number() == trial.number()) {
          continue;
        }
        (t.isFinished() ? finished : running).add(t.number());
      }
      return new Seen(finished, running);
    }

    @Override
    public double sampleIndependent(StudyView study, FrozenTrial trial, String name,
        Distribution distribution) {
      return random.sampleIndependent(study, trial, name, distribution);
    }

    @Override
    public void afterTrial(StudyView study, FrozenTrial trial, TrialState state,
        java.util.List<Double> values) {
      seenAfter.put(trial.number(), seen(study, trial));
    }
  }

  private static void jitter() {
    LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(3_000_000));
  }

  @RepeatedTest(3)
  void trialKSeesTheTrialsJobsBackFinishedAndTheOnesBetweenRunning() {
    Recorder recorder = new Recorder();
    Study study = Study.builder().name("gate").sampler(recorder).build();
    int jobs = 3;
    study.optimize(trial -> {
      jitter();
      double x = trial.suggestFloat("x", 0, 1);
      jitter();
      return x;
    }, OptimizeOptions.trials(30).withJobs(jobs));

    assertThat(recorder.seen).hasSize(30);
    recorder.seen.forEach((k, seen) -> {
      Set<Integer> finished = new TreeSet<>();
      for (int q = 0; q <= k - jobs; q++) {
        finished.add(q);
      }
      Set<Integer> running = new TreeSet<>();
      for (int q = Math.max(0, k - jobs + 1); q < k; q++) {
        running.add(q);
      }
      assertThat(seen).as("trial %d", k).isEqualTo(new Seen(finished, running));
    });
    // afterTrial gets the trial's own view too, not whatever had finished by then
    assertThat(recorder.seenAfter).isEqualTo(recorder.seen);
  }

  @Test
  void hyperbandWithAnAutomaticResourceDecidesTheSameEveryRun() {
    // Trials train for 9 or 27 steps, so the maximum resource Hyperband reads from the first
    // complete trial, and with it every bracket, would depend on which finished first in time.
    assertThat(hyperbandRun(0)).isEqualTo(hyperbandRun(1));
  }

  /** A study in which trial {@code slow} (0 or 1) completes after the other. */
  private static java.util.List<String> hyperbandRun(int slow) {
    Study study = Study.builder().name("hb").sampler(new dev.jtune.sampler.tpe.TpeSampler(4))
        .pruner(dev.jtune.pruner.Pruner.hyperband()).build(); // automatic resources
    study.optimize(trial -> {
      double x = trial.suggestFloat("x", 0, 1);
      int steps = trial.number() % 2 == 0 ? 27 : 9;
      if (trial.number() == slow) {
        LockSupport.parkNanos(50_000_000);
      }
      double value = 0;
      for (int step = 1; step <= steps; step++) {
        LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(100_000));
        value = x + 1.0 / step;
        trial.report(step, value);
        if (trial.shouldPrune()) {
          throw new dev.jtune.trial.TrialPrunedException();
        }
      }
      return value;
    }, OptimizeOptions.trials(40).withJobs(3));
    java.util.List<String> out = new java.util.ArrayList<>();
    for (FrozenTrial t : study.trials()) {
      out.add(t.number() + " " + t.params() + " " + t.state() + " @" + t.lastStep().orElse(-1)
          + " " + t.systemAttrs().get(FrozenTrial.PRUNE_REASON));
    }
    return out;
  }

  @Test
  void anInterruptLeftByAnObjectiveFailsNothing() {
    Study study = Study.builder().name("interrupt").sampler(new Recorder()).build();
    study.optimize(trial -> {
      jitter();
      if (trial.number() == 3) {
        Thread.currentThread().interrupt(); // a CPU-bound objective that ignores its interrupt
      }
      return trial.suggestFloat("x", 0, 1);
    }, OptimizeOptions.trials(30).withJobs(2));
    Thread.interrupted();
    assertThat(study.trials(TrialState.COMPLETE)).hasSize(30);
  }

  @Test
  @org.junit.jupiter.api.Timeout(60)
  void theGateKeepsAboutAsManySlotsAsWorkers() {
    HistoryGate gate = new HistoryGate(3);
    Study study = Study.builder().name("slots").build();
    java.util.Deque<HistoryGate.Ticket> running = new java.util.ArrayDeque<>();
    for (int i = 0; i < 1000; i++) {
      HistoryGate.Admitted admitted = gate.admit(study::newTrial);
      HistoryGate.Ticket ticket = admitted.ticket();
      gate.awaitTurn(ticket);
      gate.sampled(ticket, admitted.trial().snapshot());
      running.add(ticket);
      if (running.size() == 3) {
        gate.finished(running.poll());
      }
    }
    assertThat(gate.retainedSlots()).isLessThanOrEqualTo(2 * 3);
  }

  @Test
  @org.junit.jupiter.api.Timeout(60)
  void theGateStaysBoundedWhenTrialsFinishOutOfOrder() {
    // Three workers; the oldest running trial always finishes last of the three, so later
    // trials overtake it: the gate keeps at most 3 lag - 2 slots.
    int lag = 3;
    HistoryGate gate = new HistoryGate(lag);
    Study study = Study.builder().name("order").build();
    java.util.Deque<HistoryGate.Ticket> running = new java.util.ArrayDeque<>();
    int most = 0;
    for (int i = 0; i < 1000; i++) {
      HistoryGate.Admitted admitted = gate.admit(study::newTrial);
      gate.awaitTurn(admitted.ticket());
      gate.sampled(admitted.ticket(), admitted.trial().snapshot());
      running.add(admitted.ticket());
      if (running.size() == lag) {
        gate.finished(running.removeLast()); // the newest first
        gate.finished(running.removeLast());
        most = Math.max(most, gate.retainedSlots());
        gate.finished(running.removeLast());
      }
    }
    assertThat(most).isLessThanOrEqualTo(3 * lag - 2);
  }

  @Test
  void runningTrialsShowWhatTheirJointPhaseStored() {
    Sampler marking = new Sampler() {
      @Override
      public SearchSpace relativeSearchSpace(StudyView study, FrozenTrial trial) {
        for (FrozenTrial t : study.trials(EnumSet.of(TrialState.RUNNING))) {
          if (t.number() != trial.number()) {
            // stored by its joint phase, and nothing the objective wrote later
            assertThat(t.systemAttrs()).containsEntry("mark", t.number());
            assertThat(t.userAttrs()).doesNotContainKey("late");
            assertThat(t.intermediateValues()).isEmpty();
          }
        }
        study.setTrialSystemAttr(trial.id(), "mark", trial.number());
        return SearchSpace.empty();
      }

      @Override
      public double sampleIndependent(StudyView study, FrozenTrial trial, String name,
          Distribution distribution) {
        return 0.5;
      }
    };
    Study study = Study.builder().name("marks").sampler(marking).build();
    study.optimize(trial -> {
      trial.setUserAttr("late", true);
      trial.report(0, 1.0);
      jitter();
      return trial.suggestFloat("x", 0, 1);
    }, OptimizeOptions.trials(24).withJobs(4).withRethrow(true));
    assertThat(study.trials(TrialState.COMPLETE)).hasSize(24);
  }

  @Test
  void failingTrialsDoNotBlockTheOthers() {
    Recorder recorder = new Recorder();
    Study study = Study.builder().name("fails").sampler(recorder).build();
    study.optimize(trial -> {
      jitter();
      if (trial.number() % 3 == 0) {
        throw new IllegalStateException("trial " + trial.number() + " fails");
      }
      return trial.suggestFloat("x", 0, 1);
    }, OptimizeOptions.trials(20).withJobs(2));
    assertThat(study.trials()).hasSize(20).allMatch(FrozenTrial::isFinished);
    assertThat(study.trials(TrialState.FAIL)).hasSize(7);
  }

  @Test
  void latestDoesNotWaitForOlderTrials() {
    Study study = Study.builder().name("latest").sampler(new Recorder()).build();
    assertThat(trialZeroOutlivesTrialThree(study, OptimizeOptions.trials(4).withJobs(2)
        .withHistory(OptimizeOptions.ParallelHistory.LATEST))).isTrue();
    assertThat(study.trials(TrialState.COMPLETE)).hasSize(4);
  }

  @Test
  void studiesThatReadNoHistoryDoNotWait() {
    // A random sampler and no pruner: nothing to keep reproducible, so REPRODUCIBLE does not gate.
    Study study = Study.builder().name("free").sampler(new RandomSampler(1)).build();
    assertThat(trialZeroOutlivesTrialThree(study, OptimizeOptions.trials(4).withJobs(2))).isTrue();
  }

  /**
   * Runs trial 0 until trial 3 has run (or 30 s pass) and says whether it did: on 2 workers that
   * needs trials 1, 2 and 3 to start on the other one without waiting for trial 0, which a gated
   * history forbids (trial 2 waits for trial 0).
   */
  private static boolean trialZeroOutlivesTrialThree(Study study, OptimizeOptions options) {
    CountDownLatch third = new CountDownLatch(1);
    AtomicBoolean released = new AtomicBoolean();
    study.optimize(trial -> {
      if (trial.number() == 0) {
        released.set(third.await(30, TimeUnit.SECONDS));
      } else if (trial.number() == 3) {
        third.countDown();
      }
      return trial.suggestFloat("x", 0, 1);
    }, options);
    return released.get();
  }

  @Test
  void oneThreadSeesEveryEarlierTrialFinished() {
    Recorder recorder = new Recorder();
    Study study = Study.builder().name("one").sampler(recorder).build();
    study.optimize(trial -> trial.suggestFloat("x", 0, 1), OptimizeOptions.trials(5));
    Map<Integer, Seen> expected = new TreeMap<>();
    for (int k = 0; k < 5; k++) {
      Set<Integer> finished = new TreeSet<>();
      for (int q = 0; q < k; q++) {
        finished.add(q);
      }
      expected.put(k, new Seen(finished, Set.of()));
    }
    assertThat(new TreeMap<>(recorder.seen)).isEqualTo(expected);
  }
}
