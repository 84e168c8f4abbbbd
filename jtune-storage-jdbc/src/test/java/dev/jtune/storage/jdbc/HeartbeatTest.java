package dev.jtune.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jtune.sampler.RandomSampler;
import dev.jtune.space.FloatDistribution;
import dev.jtune.storage.HeartbeatSupport;
import dev.jtune.storage.RetryFailedTrialCallback;
import dev.jtune.storage.StudyId;
import dev.jtune.storage.TrialTemplate;
import dev.jtune.study.Study;
import dev.jtune.study.StudyDirection;
import dev.jtune.trial.FrozenTrial;
import dev.jtune.trial.TrialState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Heartbeats, failing stale trials exactly once, retrying them with the same parameters. */
class HeartbeatTest {
  private static final Duration INTERVAL = Duration.ofMillis(100);
  private static final Duration GRACE = Duration.ofMillis(500);

  @TempDir
  Path dir;

  private JdbcStorage open(int maxRetries) {
    return JdbcStorage.open(JdbcStorageConfig.of("jdbc:sqlite:" + dir.resolve("hb.db"))
        .withHeartbeat(INTERVAL, GRACE)
        .withFailedTrialCallback(new RetryFailedTrialCallback(maxRetries)));
  }

  /** A RUNNING trial whose worker died: created, given a parameter, never heard from again. */
  private static FrozenTrial orphan(JdbcStorage storage, StudyId s) {
    FrozenTrial t = storage.createTrial(s, TrialTemplate.running().withUserAttr("who", "me"));
    storage.setTrialParam(t.id(), "x", 0.25, FloatDistribution.uniform(0, 1));
    return t;
  }

  @Test
  void heartbeatsAreOffUnlessConfigured() {
    try (JdbcStorage storage = JdbcStorage.open("jdbc:sqlite:" + dir.resolve("off.db"))) {
      assertThat(storage.heartbeat()).isEmpty();
    }
  }

  @Test
  void liveTrialsAreTheRunningOnesWithAFreshHeartbeat() throws Exception {
    try (JdbcStorage storage = open(0)) {
      HeartbeatSupport hb = storage.heartbeat().orElseThrow();
      StudyId s = storage.createStudy("s", List.of(StudyDirection.MINIMIZE));
      FrozenTrial running = orphan(storage, s);
      FrozenTrial asked = storage.createTrial(s, TrialTemplate.running());
      hb.stopHeartbeat(asked.id());          // an asked trial: no heartbeat, never counted live
      FrozenTrial done = storage.createTrial(s, TrialTemplate.running());
      storage.setTrialState(done.id(), TrialState.COMPLETE, List.of(1.0));
      // a running trial copied from another study (it carries its start): its worker writes to
      // the original, so it has no heartbeat here
      storage.createTrial(s, new TrialTemplate(TrialState.RUNNING, List.of(), java.util.Map.of(),
          java.util.Map.of(), new java.util.TreeMap<>(), java.util.Map.of(), java.util.Map.of(),
          java.time.Instant.parse("2020-01-01T00:00:00Z"), null));
      assertThat(hb.liveTrials(s)).containsExactly(running.number());
      Thread.sleep(GRACE.toMillis() + 300);
      assertThat(hb.liveTrials(s)).isEmpty();   // its worker is presumed dead now
    }
  }

  @Test
  void aStaleTrialIsFailedOnceAndRetriedWithItsParameters() throws Exception {
    try (JdbcStorage storage = open(2)) {
      HeartbeatSupport hb = storage.heartbeat().orElseThrow();
      StudyId s = storage.createStudy("s", List.of(StudyDirection.MINIMIZE));
      FrozenTrial dead = orphan(storage, s);
      assertThat(hb.failStaleTrials(s)).isEmpty(); // its first heartbeat is fresh
      Thread.sleep(GRACE.toMillis() + 300);

      List<FrozenTrial> failed = new ArrayList<>(Collections.synchronizedList(new ArrayList<>()));
      ExecutorService pool = Executors.newFixedThreadPool(6);
      List<Future<List<FrozenTrial>>> calls = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        calls.add(pool.submit(() -> hb.failStaleTrials(s)));
      }
      for (Future<List<FrozenTrial>> f : calls) {
        failed.addAll(f.get(1, TimeUnit.MINUTES));
      }
      pool.shutdown();
      assertThat(failed).extracting(FrozenTrial::id).containsExactly(dead.id());
      assertThat(failed.get(0).state()).isEqualTo(TrialState.FAIL);
      assertThat((String) failed.get(0).systemAttrs().get(FrozenTrial.FAIL_REASON))
          .contains("heartbeat");

      List<FrozenTrial> waiting = storage.trials(s, EnumSet.of(TrialState.WAITING));
      assertThat(waiting).hasSize(1);
      FrozenTrial retry = waiting.get(0);
      assertThat(retry.systemAttrs().get(FrozenTrial.FIXED_PARAMS)).isEqualTo(Map.of("x", 0.25));
      assertThat(RetryFailedTrialCallback.retriedTrialNumber(retry)).contains(dead.number());
      assertThat(RetryFailedTrialCallback.retryHistory(retry)).containsExactly(dead.number());
      assertThat(retry.userAttrs()).containsEntry("who", "me");
    }
  }

  @Test
  void retriesStopAfterMaxRetries() throws Exception {
    try (JdbcStorage storage = open(2)) {
      HeartbeatSupport hb = storage.heartbeat().orElseThrow();
      StudyId s = storage.createStudy("s", List.of(StudyDirection.MINIMIZE));
      FrozenTrial first = orphan(storage, s);
      List<Integer> chain = new ArrayList<>(List.of(first.number()));
      for (int round = 0; round < 3; round++) {
        Thread.sleep(GRACE.toMillis() + 200);
        assertThat(hb.failStaleTrials(s)).hasSize(1);
        var claimed = storage.claimWaitingTrial(s); // a worker picks the retry and dies too
        if (round < 2) {
          assertThat(claimed).isPresent();
          assertThat(RetryFailedTrialCallback.retryHistory(claimed.get()))
              .containsExactlyElementsOf(chain);
          chain.add(claimed.get().number());
        } else {
          assertThat(claimed).isEmpty();
        }
      }
      assertThat(storage.trials(s)).hasSize(3).allMatch(t -> t.state() == TrialState.FAIL);
    }
  }

  @Test
  void aTrialThatKeepsBeatingIsNeverFailed() throws Exception {
    try (JdbcStorage storage = open(1)) {
      Study study = Study.builder().name("slow").storage(storage).sampler(new RandomSampler(1))
          .build();
      AtomicBoolean done = new AtomicBoolean();
      List<FrozenTrial> failedByWatcher = Collections.synchronizedList(new ArrayList<>());
      java.util.concurrent.atomic.AtomicInteger looks =
          new java.util.concurrent.atomic.AtomicInteger();
      java.util.concurrent.atomic.AtomicReference<Throwable> watcherFailure =
          new java.util.concurrent.atomic.AtomicReference<>();
      Thread watcher = new Thread(() -> {
        try {
          while (!done.get()) {
            failedByWatcher.addAll(storage.heartbeat().orElseThrow().failStaleTrials(study.id()));
            looks.incrementAndGet();
            Thread.sleep(50);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
          watcherFailure.set(e);
        }
      });
      watcher.start();
      study.optimize(trial -> {
        double x = trial.suggestFloat("x", 0, 1);
        Thread.sleep(3 * GRACE.toMillis());
        return x;
      }, 1);
      done.set(true);
      watcher.join();
      // the watcher really looked for stale trials all along (a watcher that died at once would
      // let the test pass without checking anything)
      assertThat(watcherFailure.get()).isNull();
      assertThat(looks.get()).isGreaterThan(10);
      assertThat(failedByWatcher).isEmpty();
      assertThat(study.trials()).extracting(FrozenTrial::state).containsExactly(TrialState.COMPLETE);
    }
  }

  /**
   * A trial started with ask() has no worker thread beating for it: it must stay RUNNING however
   * long its caller works, and its tell must still count (a heartbeat left from its creation made
   * the next optimize fail and retry it, and the tell then threw).
   */
  @Test
  void anAskedTrialIsNeverPresumedDead() throws Exception {
    try (JdbcStorage storage = open(1)) {
      Study study = Study.builder().name("asked").storage(storage).sampler(new RandomSampler(1))
          .build();
      var asked = study.ask();
      asked.suggestFloat("x", 0, 1);
      Thread.sleep(GRACE.toMillis() + 300);
      study.optimize(trial -> trial.suggestFloat("x", 0, 1), 2);
      assertThat(storage.heartbeat().orElseThrow().failStaleTrials(study.id())).isEmpty();
      study.tell(asked, 1.0);
      assertThat(study.trials()).extracting(FrozenTrial::state)
          .containsExactly(TrialState.COMPLETE, TrialState.COMPLETE, TrialState.COMPLETE);
    }
  }

  /** A retry keeps the enqueued values the dead trial had not suggested yet. */
  @Test
  void aRetryKeepsEnqueuedValuesTheDeadTrialHadNotReached() throws Exception {
    try (JdbcStorage storage = open(1)) {
      Study study = Study.builder().name("q").storage(storage).sampler(new RandomSampler(1))
          .build();
      study.enqueueTrial(Map.of("x", 0.9, "y", 3));
      FrozenTrial claimed = storage.claimWaitingTrial(study.id()).orElseThrow();
      storage.setTrialParam(claimed.id(), "x", 0.9, FloatDistribution.uniform(0, 1));
      Thread.sleep(GRACE.toMillis() + 300);   // its worker died after suggesting x
      assertThat(storage.heartbeat().orElseThrow().failStaleTrials(study.id())).hasSize(1);
      FrozenTrial retry = storage.claimWaitingTrial(study.id()).orElseThrow();
      Map<?, ?> fixed = (Map<?, ?>) retry.systemAttrs().get(FrozenTrial.FIXED_PARAMS);
      assertThat(((Number) fixed.get("x")).doubleValue()).isEqualTo(0.9);
      assertThat(((Number) fixed.get("y")).intValue()).isEqualTo(3);
    }
  }

  /** The storage that ran a trial failed as stale reports it FAIL, as every other reader does. */
  @Test
  void aStaleTrialFailedByItsOwnStorageReadsAsFailed() throws Exception {
    try (JdbcStorage storage = open(0)) {
      StudyId s = storage.createStudy("s", List.of(StudyDirection.MINIMIZE));
      FrozenTrial dead = orphan(storage, s);
      Thread.sleep(GRACE.toMillis() + 300);
      assertThat(storage.heartbeat().orElseThrow().failStaleTrials(s)).hasSize(1);
      assertThat(storage.trial(dead.id()).state()).isEqualTo(TrialState.FAIL);
      assertThat(storage.trials(s)).extracting(FrozenTrial::state)
          .containsExactly(TrialState.FAIL);
    }
  }

  /** Resume: a reopened study continues its numbering, sees its history and runs enqueued trials. */
  @Test
  void aReopenedStudyContinuesWhereItStopped() {
    String url = "jdbc:sqlite:" + dir.resolve("resume.db");
    try (JdbcStorage storage = JdbcStorage.open(url)) {
      Study study = Study.builder().name("r").storage(storage).sampler(new RandomSampler(1)).build();
      study.optimize(trial -> trial.suggestFloat("x", 0, 1), 5);
      study.enqueueTrial(Map.of("x", 0.125));
      study.enqueueTrial(Map.of("x", 0.5));
    }
    try (JdbcStorage storage = JdbcStorage.open(url)) {
      Study study = Study.builder().name("r").storage(storage).loadIfExists(true)
          .sampler(new RandomSampler(1)).build();
      assertThat(study.trials()).hasSize(7);
      study.optimize(trial -> trial.suggestFloat("x", 0, 1), 4);
      List<FrozenTrial> all = study.trials();
      assertThat(all).extracting(FrozenTrial::number).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8);
      assertThat(all).allMatch(t -> t.state() == TrialState.COMPLETE);
      assertThat(all.get(5).param("x")).isEqualTo(0.125);
      assertThat(all.get(6).param("x")).isEqualTo(0.5);
      assertThat(study.bestValue()).isEqualTo(
          all.stream().mapToDouble(FrozenTrial::value).min().orElseThrow());
    }
  }
}
