package dev.jtune.sampler.pbt;

import dev.jtune.storage.InMemoryStorage;
import dev.jtune.storage.RetryFailedTrialCallback;
import dev.jtune.storage.TrialTemplate;
import dev.jtune.study.OptimizeOptions;
import dev.jtune.study.Study;
import dev.jtune.study.StudyDirection;
import dev.jtune.study.StudyView;
import dev.jtune.trial.FrozenTrial;
import dev.jtune.trial.Trial;
import dev.jtune.trial.TrialState;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Decisions of several threads and processes on one population: waits that must not happen
 * (this process's own trials, a trial whose process died), and retries that must not double a
 * member. Processes are studies with their own samplers on one storage.
 */
class PopulationBasedProcessesTest {

  /** {@code base}, running {@code hook} after each call of {@code method}, before returning. */
  private static StudyView after(StudyView base, String method, Runnable hook) {
    return (StudyView) java.lang.reflect.Proxy.newProxyInstance(StudyView.class.getClassLoader(),
        new Class<?>[] {StudyView.class}, (proxy, m, args) -> {
          Object result;
          try {
            result = m.invoke(base, args);
          } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
          }
          if (m.getName().equals(method)) {
            hook.run();
          }
          return result;
        });
  }

  private static Study study(InMemoryStorage storage, int population, long seed) {
    return Study.builder().name("pbt").direction(StudyDirection.MINIMIZE).storage(storage)
        .loadIfExists(true).sampler(new PopulationBasedSampler(population, seed)).build();
  }

  /**
   * Another process decides between this one's read and its claim: this decision, made on the
   * stale read, loses the log's slot and is made again. On the stale read both would continue the
   * same member, and the later one's obsolete list would delete the first one's parent.
   */
  @Test
  void aDecisionMadeOnAStaleReadIsMadeAgain() {
    InMemoryStorage storage = new InMemoryStorage();
    Study a = study(storage, 3, 1);
    Study b = study(storage, 3, 2);
    NoisyQuadratic quadratic = new NoisyQuadratic();
    a.optimize(quadratic, 9);
    FrozenTrial mine = storage.createTrial(a.id(), TrialTemplate.running());
    FrozenTrial theirs = storage.createTrial(a.id(), TrialTemplate.running());
    int[] reads = {0};
    StudyView interleaved = after(a.view(), "trials", () -> {
      if (reads[0]++ == 0) {   // after this process's first read, the other decides
        b.sampler().relativeSearchSpace(b.view(), theirs);
      }
    });
    a.sampler().relativeSearchSpace(interleaved, mine);
    assertThat(reads[0]).as("decided, lost the slot, read again").isEqualTo(2);
    Segment s1 = Segment.of(storage.trial(mine.id()).systemAttrs()).orElseThrow();
    Segment s2 = Segment.of(storage.trial(theirs.id()).systemAttrs()).orElseThrow();
    assertThat(s1.member()).as("%s and %s", s1, s2).isNotEqualTo(s2.member());
    s1.parent().ifPresent(p -> assertThat(s2.obsolete()).doesNotContain(p));
    s2.parent().ifPresent(p -> assertThat(s1.obsolete()).doesNotContain(p));
    DecisionLog log = DecisionLog.read(storage.study(a.id()).systemAttrs());
    assertThat(log.next()).isEqualTo(11);
    assertThat(log.byTrial()).containsEntry(mine.number(), s1).containsEntry(theirs.number(), s2);
  }

  /**
   * A process that died after its decision was logged and before the segment reached its trial:
   * the member it took counts as training (no one else trains that interval) until the trial is
   * failed, and is then restarted from a better member.
   */
  @Test
  void aMemberTakenByAProcessThatDiedMidDecisionIsHeldUntilItsTrialFails() {
    InMemoryStorage storage = new InMemoryStorage();
    Study a = study(storage, 2, 1);
    NoisyQuadratic quadratic = new NoisyQuadratic();
    a.optimize(quadratic, 4);
    FrozenTrial dying = storage.createTrial(a.id(), TrialTemplate.running());
    // killed while storing the segment with its trial: its first attribute is written
    StudyView dies = after(a.view(), "setTrialSystemAttr", () -> {
      throw new IllegalStateException("killed");
    });
    org.assertj.core.api.Assertions.assertThatThrownBy(
        () -> a.sampler().relativeSearchSpace(dies, dying)).hasMessage("killed");
    Segment taken = DecisionLog.read(storage.study(a.id()).systemAttrs()).byTrial()
        .get(dying.number());
    assertThat(storage.trial(dying.id()).systemAttrs()).doesNotContainKey(Segment.MEMBER);

    Study b = study(storage, 2, 2);
    for (int i = 0; i < 3; i++) {
      Trial other = b.ask();
      assertThat(Segment.of(other.systemAttrs()).orElseThrow().member())
          .as("member %s is training", taken.member()).isNotEqualTo(taken.member());
      b.tell(other, 0.1);
    }
    storage.setTrialState(dying.id(), TrialState.FAIL, List.of());   // its heartbeat stopped
    Trial after = b.ask();
    Segment restart = Segment.of(after.systemAttrs()).orElseThrow();
    assertThat(restart.member()).isEqualTo(taken.member());
    assertThat(restart.index()).isEqualTo(taken.index() + 1);
    assertThat(restart.exploited()).as("a member whose interval failed copies a better one")
        .isTrue();
  }

  /**
   * A study begun before decisions were logged has its segments only with its trials: it goes
   * on from them.
   */
  @Test
  void aStudyWhoseSegmentsPredateTheLogGoesOnFromThem() {
    InMemoryStorage old = new InMemoryStorage();
    Study before = study(old, 2, 1);
    before.optimize(new NoisyQuadratic(), 6);
    InMemoryStorage storage = new InMemoryStorage();
    Study study = study(storage, 2, 1);
    for (FrozenTrial t : before.trials()) {
      storage.createTrial(study.id(), new TrialTemplate(t.state(), t.values(), t.internalParams(),
          t.distributions(), new java.util.TreeMap<>(t.intermediateValues()), t.userAttrs(),
          t.systemAttrs(), t.started(),
          t.completed()));
    }
    assertThat(DecisionLog.read(storage.study(study.id()).systemAttrs()).next()).isZero();
    study.optimize(new NoisyQuadratic(), 2);
    Map<Integer, Integer> intervals = new java.util.HashMap<>();
    for (FrozenTrial t : study.trials()) {
      Segment s = Segment.of(t.systemAttrs()).orElseThrow();
      intervals.merge(s.member(), 1, Integer::sum);
      assertThat(s.index()).as("trial %s", t.number()).isEqualTo(intervals.get(s.member()) - 1);
    }
    assertThat(intervals).containsEntry(0, 4).containsEntry(1, 4);
  }

  /** Every complete trial's (member, interval), each once, each member's intervals from 0. */
  private static void assertEachIntervalOnce(List<FrozenTrial> trials) {
    Map<Integer, java.util.Set<Integer>> intervals = new java.util.HashMap<>();
    for (FrozenTrial t : trials) {
      if (t.state() == TrialState.COMPLETE) {
        Segment s = Segment.of(t.systemAttrs()).orElseThrow();
        assertThat(intervals.computeIfAbsent(s.member(), m -> new java.util.HashSet<>())
            .add(s.index())).as("member %s interval %s twice", s.member(), s.index()).isTrue();
      }
    }
    intervals.forEach((m, seen) -> assertThat(seen).as("member %s", m).isEqualTo(
        java.util.stream.IntStream.range(0, seen.size()).boxed()
            .collect(java.util.stream.Collectors.toSet())));
  }

  /** Four threads on LATEST history (no gate): decisions race only through the log. */
  @Test
  void latestHistoryOnFourThreadsTrainsEachIntervalOnce() {
    Study study = study(new InMemoryStorage(), 8, 3);
    study.optimize(new NoisyQuadratic(), OptimizeOptions.trials(48).withJobs(4)
        .withHistory(OptimizeOptions.ParallelHistory.LATEST));
    assertThat(study.trials(TrialState.COMPLETE)).hasSize(48);
    assertEachIntervalOnce(study.trials());
  }

  /**
   * A process killed between creating a trial and deciding (heartbeats are off by default): the
   * trial holds no member, and later decisions do not wait for it.
   */
  @Test
  void aTrialLeftWithoutASegmentHoldsNoMember() {
    InMemoryStorage storage = new InMemoryStorage();
    Study study = study(storage, 4, 1);
    NoisyQuadratic quadratic = new NoisyQuadratic();
    study.optimize(quadratic, 4);
    // its process died a minute ago, here
    storage.createTrial(study.id(), new TrialTemplate(TrialState.RUNNING, List.of(), Map.of(),
        Map.of(), new java.util.TreeMap<>(), Map.of(), Map.of(),
        java.time.Instant.now().minusSeconds(60), null));
    study.optimize(quadratic, 2);
    assertThat(study.trials(TrialState.COMPLETE)).hasSize(6);
    assertEachIntervalOnce(study.trials());
  }

  /**
   * A stale trial's retry repeats its segment even when another trial took the member after the
   * failure and before the retry decided: two live trials train one member.
   */
  @Test
  void aRetryDoesNotRepeatASegmentWhoseMemberWentOn() {
    InMemoryStorage storage = new InMemoryStorage();
    Study a = study(storage, 2, 1);
    Study b = study(storage, 2, 2);
    Trial t0 = a.ask();
    a.tell(t0, 1.0);
    Trial t1 = a.ask();
    a.tell(t1, 2.0);
    Trial t2 = a.ask();                     // member 0, interval 1
    a.tell(t2, 0.9);
    Trial f = a.ask();                      // member 1, interval 1: its process will die
    Trial t4 = a.ask();                     // member 0, interval 2
    a.tell(t4, 0.5);
    // another process has created trial #5 and is about to decide
    FrozenTrial t5 = storage.createTrial(a.id(), TrialTemplate.running());
    // a third one fails #3 as stale and enqueues its retry #6
    storage.setTrialState(storage.trials(a.id()).get(3).id(), TrialState.FAIL, List.of());
    new RetryFailedTrialCallback(1).afterStaleTrialFailed(storage, a.id(),
        storage.trials(a.id()).get(3));
    a.sampler().relativeSearchSpace(a.view(), t5);     // #5 decides: member 1 is free
    Trial retry = b.ask();                              // claims #6: repeats member 1
    Segment s5 = Segment.of(storage.trial(t5.id()).systemAttrs()).orElseThrow();
    Segment s6 = Segment.of(retry.systemAttrs()).orElseThrow();
    assertThat(retry.number()).isEqualTo(6);
    assertThat(s5.obsolete()).as("the waiting retry's parent").doesNotContain(0);
    assertThat(s6.member()).as("#5 %s, retry #6 %s: both running", s5, s6)
        .isNotEqualTo(s5.member());
  }

  /**
   * More threads than members on the gated history: a trial that finds every member training
   * fails saying so, and the others train each interval once.
   */
  @Test
  void moreThreadsThanMembersFailOnlyTheTrialsThatFindNoMember() {
    Study study = study(new InMemoryStorage(), 2, 1);
    study.optimize(new NoisyQuadratic(), OptimizeOptions.trials(12).withJobs(3));
    assertThat(study.trials(TrialState.FAIL)).allSatisfy(t -> assertThat(
        (String) t.systemAttrs().get(FrozenTrial.FAIL_REASON)).contains("are training"));
    assertThat(study.trials(TrialState.COMPLETE)).hasSizeGreaterThanOrEqualTo(4);
    assertEachIntervalOnce(study.trials());
  }

  /**
   * A decision made between a stale trial's failure and its retry's enqueueing (two commits in
   * JdbcHeartbeat.failStaleTrials) may name the stale trial's parent obsolete: the retry must not
   * then repeat the segment from that parent, whose checkpoint the decision's trial deletes.
   */
  @Test
  void aRetryNeverStartsFromACheckpointNamedObsoleteBeforeIt() {
    InMemoryStorage storage = new InMemoryStorage();
    Study a = study(storage, 2, 1);
    Study b = study(storage, 2, 2);
    Trial t0 = a.ask();
    a.tell(t0, 1.0);                        // member 0, interval 0
    Trial t1 = a.ask();
    a.tell(t1, 2.0);                        // member 1, interval 0
    Trial t2 = a.ask();
    a.tell(t2, 0.9);                        // member 0, interval 1, from #0
    Trial f = a.ask();                      // member 1, interval 1, copies #0; its process dies
    Segment lost = Segment.of(f.systemAttrs()).orElseThrow();
    assertThat(lost.parent()).hasValue(0);
    FrozenTrial t4 = storage.createTrial(a.id(), TrialTemplate.running());   // another process
    // a third process fails #3 as stale ...
    storage.setTrialState(storage.trials(a.id()).get(3).id(), TrialState.FAIL, List.of());
    // ... #4 decides now, before that process's second commit enqueues the retry
    a.sampler().relativeSearchSpace(a.view(), t4);
    new RetryFailedTrialCallback(1).afterStaleTrialFailed(storage, a.id(),
        storage.trials(a.id()).get(3));
    Trial retry = b.ask();
    Segment s4 = Segment.of(storage.trial(t4.id()).systemAttrs()).orElseThrow();
    Segment again = Segment.of(retry.systemAttrs()).orElseThrow();
    again.parent().ifPresent(p -> assertThat(s4.obsolete())
        .as("retry #%s %s starts from a checkpoint #4 %s deleted", retry.number(), again, s4)
        .doesNotContain(p));
  }

  /**
   * A slot whose value is not a decision (written by hand, or by another version) is a slot taken:
   * later decisions claim the ones after it (skipping it without moving on, each claimed that
   * slot, lost it 1,000 times and failed).
   */
  @Test
  void aMalformedSlotDoesNotStopEveryLaterDecision() {
    InMemoryStorage storage = new InMemoryStorage();
    Study a = study(storage, 2, 1);
    a.optimize(t -> t.suggestFloat("x", -1, 1), 3);
    storage.setStudySystemAttr(a.id(), DecisionLog.PREFIX + 3, Map.of("note", "by hand"));
    a.optimize(t -> t.suggestFloat("x", -1, 1), 1);
    assertThat(a.trials(TrialState.COMPLETE)).hasSize(4);
  }
}
