package dev.jtune.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jtune.sampler.pbt.Segment;
import dev.jtune.storage.RetryFailedTrialCallback;
import dev.jtune.storage.StudyId;
import dev.jtune.trial.FrozenTrial;
import dev.jtune.trial.TrialState;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Separate JVM worker processes ({@link WorkerMain}) sharing one study on one database: trial
 * numbers allocated once each with no gap, no finished trial lost, a grid covered exactly once, and
 * a worker killed with SIGKILL mid-trial whose trial is failed and retried with its parameters.
 */
abstract class MultiProcessContract {

  /** The JDBC URL of a new, empty database. */
  protected abstract String newUrl();

  /** How many worker processes the tests start. */
  protected abstract int workers();

  /** A running worker: its process and, once it exits, everything it printed. */
  private record Worker(Process process, CompletableFuture<List<String>> lines, File stderr) {}

  private static Worker start(String url, String study, String mode, int target, long sleepMs,
      long heartbeatMs, long graceMs, int hangAt) throws IOException {
    String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    ProcessBuilder pb = new ProcessBuilder(java, "-Xmx128m", "-XX:TieredStopAtLevel=1",
        "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
        WorkerMain.class.getName(), url, study, mode, String.valueOf(target),
        String.valueOf(sleepMs), String.valueOf(heartbeatMs), String.valueOf(graceMs),
        String.valueOf(hangAt));
    File stderr = File.createTempFile("jtune-worker", ".err");
    stderr.deleteOnExit();
    pb.redirectError(stderr);
    Process p = pb.start();
    CompletableFuture<List<String>> lines = new CompletableFuture<>();
    Thread reader = new Thread(() -> {
      List<String> out = new ArrayList<>();
      try (BufferedReader r = new BufferedReader(
          new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          synchronized (out) {
            out.add(line);
          }
          if (line.startsWith("hang ")) {
            lines.obtrudeValue(List.of(line)); // lets the test see it before the process ends
          }
        }
      } catch (IOException e) {
        // the process was killed
      }
      lines.obtrudeValue(out);
    });
    reader.setDaemon(true);
    reader.start();
    return new Worker(p, lines, stderr);
  }

  private static List<String> finish(Worker w) throws Exception {
    assertThat(w.process().waitFor(4, TimeUnit.MINUTES)).as("worker finished in time").isTrue();
    assertThat(w.process().exitValue()).as("worker exit code; its stderr:\n%s",
        java.nio.file.Files.readString(w.stderr().toPath())).isZero();
    // the reader thread completes the future again at end of stream
    for (int i = 0; i < 200 && w.lines().get().stream().anyMatch(l -> l.startsWith("hang ")); i++) {
      Thread.sleep(10);
    }
    Thread.sleep(50);
    return w.lines().get();
  }

  /** What the workers said they finished: number -> "STATE value". */
  private static Map<Integer, String> reported(List<List<String>> outputs) {
    Map<Integer, String> out = new HashMap<>();
    for (List<String> lines : outputs) {
      for (String line : lines) {
        if (line.startsWith("done ")) {
          String[] parts = line.split(" ");
          String previous = out.put(Integer.parseInt(parts[1]), parts[2] + " " + parts[3]);
          assertThat(previous).as("trial " + parts[1] + " reported twice").isNull();
        }
      }
    }
    return out;
  }

  private static void assertNothingLost(List<FrozenTrial> trials, Map<Integer, String> reported) {
    assertThat(trials).extracting(FrozenTrial::number).containsExactlyElementsOf(
        IntStream.range(0, trials.size()).boxed().toList());
    assertThat(trials).allMatch(FrozenTrial::isFinished);
    for (FrozenTrial t : trials) {
      String stored = t.state() + " " + (t.values().isEmpty() ? "-" : t.value());
      if (reported.containsKey(t.number())) {
        assertThat(reported.get(t.number())).as("trial " + t.number()).isEqualTo(stored);
      }
    }
  }

  @Test
  void workersShareARandomStudyWithoutLosingOrRepeatingTrials() throws Exception {
    String url = newUrl();
    int target = 40 * workers();
    List<Worker> started = new ArrayList<>();
    for (int i = 0; i < workers(); i++) {
      // 50 ms trials: long enough that a worker whose JVM starts later still finds work
      started.add(start(url, "random", "random", target, 50, 0, 0, -1));
    }
    List<List<String>> outputs = new ArrayList<>();
    for (Worker w : started) {
      outputs.add(finish(w));
    }
    // the study was shared: every worker finished trials of it
    assertThat(outputs).allSatisfy(lines -> assertThat(lines).anyMatch(l -> l.startsWith("done ")));
    try (JdbcStorage storage = JdbcStorage.open(url)) {
      StudyId id = storage.findStudy("random").orElseThrow();
      List<FrozenTrial> trials = storage.trials(id);
      Map<Integer, String> reported = reported(outputs);
      assertNothingLost(trials, reported);
      // every trial was finished by a worker that said so; the stop rule overshoots by < workers
      assertThat(reported.keySet()).isEqualTo(
          trials.stream().map(FrozenTrial::number).collect(Collectors.toSet()));
      assertThat(trials.size()).isBetween(target, target + workers() - 1);
      assertThat(trials).allMatch(t -> t.state() == TrialState.COMPLETE);
    }
  }

  @Test
  void workersCoverAGridExactlyOnce() throws Exception {
    String url = newUrl();
    int points = 30 * workers();
    List<Worker> started = new ArrayList<>();
    for (int i = 0; i < workers(); i++) {
      started.add(start(url, "grid", "grid", points, 0, 0, 0, -1));
    }
    List<List<String>> outputs = new ArrayList<>();
    for (Worker w : started) {
      outputs.add(finish(w));
    }
    try (JdbcStorage storage = JdbcStorage.open(url)) {
      List<FrozenTrial> trials = storage.trials(storage.findStudy("grid").orElseThrow());
      assertNothingLost(trials, reported(outputs));
      assertGridCoveredOnce(trials, points);
      // processes racing past the end fail their surplus trial, at most one each
      assertThat(trials.size() - points).isBetween(0, workers());
    }
  }

  /**
   * Population-based training across processes: every decision is logged in a slot claimed from
   * the database, so no member's interval is trained twice, each member's intervals follow on,
   * and no trial starts from a checkpoint that a decision before it had named obsolete.
   */
  @Test
  void workersShareAPopulationWithoutTrainingAMembersIntervalTwice() throws Exception {
    String url = newUrl();
    int target = 10 * workers();
    List<Worker> started = new ArrayList<>();
    for (int i = 0; i < workers(); i++) {
      started.add(start(url, "pbt", "pbt", target, 30, 0, 0, -1));
    }
    List<List<String>> outputs = new ArrayList<>();
    for (Worker w : started) {
      outputs.add(finish(w));
    }
    try (JdbcStorage storage = JdbcStorage.open(url)) {
      StudyId id = storage.findStudy("pbt").orElseThrow();
      List<FrozenTrial> trials = storage.trials(id);
      assertNothingLost(trials, reported(outputs));
      assertThat(trials).allMatch(t -> t.state() == TrialState.COMPLETE);
      assertPopulationFollowsItsLog(storage, id, trials);
      Map<Integer, Set<Integer>> intervals = new HashMap<>();
      for (FrozenTrial t : trials) {
        Segment s = Segment.of(t.systemAttrs()).orElseThrow();
        intervals.computeIfAbsent(s.member(), m -> new HashSet<>()).add(s.index());
      }
      intervals.forEach((member, seen) -> assertThat(seen).as("member %s", member)
          .isEqualTo(IntStream.range(0, seen.size()).boxed().collect(Collectors.toSet())));
    }
  }

  /**
   * Every trial was decided once in the study's decision log, no member's interval was completed
   * twice, and no trial started from a checkpoint a decision before it had named obsolete.
   */
  private static void assertPopulationFollowsItsLog(JdbcStorage storage, StudyId id,
      List<FrozenTrial> trials) {
    Map<Integer, Integer> slotOf = new HashMap<>();
    Map<Integer, List<Integer>> obsoleteBySlot = new HashMap<>();
    storage.study(id).systemAttrs().forEach((key, value) -> {
      if (key.startsWith("pbt:decision:")) {
        int slot = Integer.parseInt(key.substring("pbt:decision:".length()));
        @SuppressWarnings("unchecked")
        Map<String, Object> decision = (Map<String, Object>) value;
        int trial = ((Number) decision.get("pbt:trial")).intValue();
        assertThat(slotOf.put(trial, slot)).as("trial %s decided twice", trial).isNull();
        obsoleteBySlot.put(slot, Segment.of(decision).orElseThrow().obsolete());
      }
    });
    Set<List<Integer>> intervals = new HashSet<>();
    for (FrozenTrial t : trials) {
      Segment s = Segment.of(t.systemAttrs()).orElseThrow();
      assertThat(slotOf).as("trial %s in the log", t.number()).containsKey(t.number());
      if (t.state() == TrialState.COMPLETE) {
        assertThat(intervals.add(List.of(s.member(), s.index())))
            .as("member %s interval %s trained twice", s.member(), s.index()).isTrue();
      }
      s.parent().ifPresent(p -> {
        assertThat(trials.get(p).state()).isEqualTo(TrialState.COMPLETE);
        for (int slot = 0; slot < slotOf.get(t.number()); slot++) {
          assertThat(obsoleteBySlot.get(slot)).as("trial %s starts from trial %s, named "
              + "obsolete in decision %s", t.number(), p, slot).doesNotContain(p);
        }
      });
    }
  }

  private static void assertGridCoveredOnce(List<FrozenTrial> trials, int points) {
    List<FrozenTrial> complete = trials.stream().filter(t -> t.state() == TrialState.COMPLETE)
        .toList();
    Set<Map<String, Object>> seen = new HashSet<>();
    for (FrozenTrial t : complete) {
      assertThat(seen.add(t.params())).as("grid point " + t.params() + " twice").isTrue();
    }
    assertThat(seen).hasSize(points);
  }

  /** The trial a killed worker was running, and when it was killed. */
  private record Killed(int number, java.time.Instant at) {}

  /**
   * Runs the workers on one study, one of them killed with SIGKILL in its third trial, until the
   * others are done.
   */
  private Killed runKillingOne(String url, String study, String mode, int target, long heartbeatMs,
      long graceMs) throws Exception {
    List<Worker> started = new ArrayList<>();
    Worker victim = start(url, study, mode, target, 30, heartbeatMs, graceMs, 2);
    for (int i = 1; i < workers(); i++) {
      started.add(start(url, study, mode, target, 30, heartbeatMs, graceMs, -1));
    }
    String hang = victim.lines().get(3, TimeUnit.MINUTES).get(0);
    int killedNumber = Integer.parseInt(hang.substring("hang ".length()));
    victim.process().destroyForcibly(); // SIGKILL: no shutdown hook, no last heartbeat
    assertThat(victim.process().waitFor(1, TimeUnit.MINUTES)).isTrue();
    java.time.Instant killedAt = java.time.Instant.now();
    for (Worker w : started) {
      finish(w);
    }
    return new Killed(killedNumber, killedAt);
  }

  /**
   * A worker killed mid-interval: its trial is failed by heartbeat and retried once, and no
   * member's interval is trained twice.
   */
  @Test
  void aKilledWorkersIntervalIsRetriedAndNoIntervalIsTrainedTwice() throws Exception {
    String url = newUrl();
    int killed = runKillingOne(url, "pbt-kill", "pbt", 10 * workers(), 200, 1_000).number();
    try (JdbcStorage storage = JdbcStorage.open(url)) {
      List<FrozenTrial> trials = storage.trials(storage.findStudy("pbt-kill").orElseThrow());
      assertThat(trials).allMatch(FrozenTrial::isFinished);
      assertThat(trials.get(killed).state()).isEqualTo(TrialState.FAIL);
      Segment lost = Segment.of(trials.get(killed).systemAttrs()).orElseThrow();
      List<FrozenTrial> retries = trials.stream()
          .filter(t -> RetryFailedTrialCallback.retriedTrialNumber(t).isPresent()).toList();
      assertThat(retries).hasSize(1);
      assertThat(retries.get(0).state()).isEqualTo(TrialState.COMPLETE);
      FrozenTrial retry = retries.get(0);
      Segment again = Segment.of(retry.systemAttrs()).orElseThrow();
      assertPopulationFollowsItsLog(storage, storage.findStudy("pbt-kill").orElseThrow(), trials);
      Set<List<Integer>> intervals = new HashSet<>();
      for (FrozenTrial t : trials) {
        if (t.state() == TrialState.COMPLETE) {
          Segment s = Segment.of(t.systemAttrs()).orElseThrow();
          intervals.add(List.of(s.member(), s.index()));
        }
      }
      // the retry trains the lost interval again, unless a worker deciding between the failure
      // and the retry's enqueueing (two commits) had already sent the member on
      if (!List.of(again.member(), again.index()).equals(List.of(lost.member(), lost.index()))) {
        assertThat(intervals).as("retry %s; member %s went on", again, lost.member())
            .contains(List.of(lost.member(), lost.index() + 1));
      } else {
        assertThat(again.parent()).isEqualTo(lost.parent());
      }
    }
  }

  @Test
  void aKilledWorkersTrialIsFailedAndRetriedWithTheSameParameters() throws Exception {
    String url = newUrl();
    int points = 10 * workers();
    long heartbeatMs = 200;
    long graceMs = 1_000;
    Killed victim = runKillingOne(url, "kill", "grid", points, heartbeatMs, graceMs);
    int killedNumber = victim.number();
    java.time.Instant killedAt = victim.at();
    try (JdbcStorage storage = JdbcStorage.open(url)) {
      List<FrozenTrial> trials = storage.trials(storage.findStudy("kill").orElseThrow());
      assertThat(trials).allMatch(FrozenTrial::isFinished);
      FrozenTrial killed = trials.get(killedNumber);
      assertThat(killed.state()).isEqualTo(TrialState.FAIL);
      assertThat((String) killed.systemAttrs().get(FrozenTrial.FAIL_REASON)).contains("heartbeat");
      // failed no sooner than the grace period after its start, and within heartbeat interval +
      // grace after the kill (plus a margin for the workers' polling and a loaded machine)
      assertThat(java.time.Duration.between(killed.started(), killed.completed()).toMillis())
          .isGreaterThanOrEqualTo(graceMs);
      assertThat(java.time.Duration.between(killedAt, killed.completed()).toMillis())
          .isLessThanOrEqualTo(heartbeatMs + graceMs + 3_000);
      List<FrozenTrial> retries = trials.stream()
          .filter(t -> RetryFailedTrialCallback.retriedTrialNumber(t).isPresent()).toList();
      assertThat(retries).hasSize(1);
      FrozenTrial retry = retries.get(0);
      assertThat(retry.state()).isEqualTo(TrialState.COMPLETE);
      assertThat(retry.params()).isEqualTo(killed.params());
      assertThat(RetryFailedTrialCallback.retryHistory(retry)).containsExactly(killedNumber);
      assertThat(trials.stream().filter(t -> t.state() == TrialState.COMPLETE)).hasSize(points);
      assertGridCoveredOnce(trials, points);
    }
  }
}
