package dev.jtune.sampler.pbt;

import dev.jtune.storage.InMemoryStorage;
import dev.jtune.storage.RetryFailedTrialCallback;
import dev.jtune.storage.TrialTemplate;
import dev.jtune.study.OptimizeOptions;
import dev.jtune.study.Study;
import dev.jtune.study.StudyDirection;
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

  private static Study study(InMemoryStorage storage, int population, long seed) {
    return Study.builder().name("pbt").direction(StudyDirection.MINIMIZE).storage(storage)
        .loadIfExists(true).sampler(new PopulationBasedSampler(population, seed)).build();
  }

  /**
   * LATEST history (or two studies sharing one sampler): a decision that waits for a
   * lower-numbered trial of this process holds the sampler's monitor, so that trial cannot decide
   * and every wait runs the full 5 s.
   */
  @Test
  void aWaitingDecisionDoesNotBlockTheLowerTrialOfItsOwnProcess() throws Exception {
    InMemoryStorage storage = new InMemoryStorage();
    Study study = study(storage, 4, 1);
    PopulationBasedSampler sampler = (PopulationBasedSampler) study.sampler();
    FrozenTrial t0 = storage.createTrial(study.id(), TrialTemplate.running());
    FrozenTrial t1 = storage.createTrial(study.id(), TrialTemplate.running());
    CompletableFuture<?> higher = CompletableFuture.runAsync(
        () -> sampler.relativeSearchSpace(study.view(), t1));
    Thread.sleep(200);
    long start = System.nanoTime();
    sampler.relativeSearchSpace(study.view(), t0);
    double seconds = (System.nanoTime() - start) / 1e9;
    higher.get();
    assertThat(seconds).as("trial 0's decision waited for trial 1's wait on trial 0")
        .isLessThan(1.0);
  }

  /** The same in a real optimize call with LATEST history: no decision should wait 5 s. */
  @Test
  void latestHistoryOnFourThreadsIsNotSlow() {
    Study study = study(new InMemoryStorage(), 8, 3);
    NoisyQuadratic q = new NoisyQuadratic();
    long start = System.nanoTime();
    study.optimize(q, OptimizeOptions.trials(24).withJobs(4)
        .withHistory(OptimizeOptions.ParallelHistory.LATEST));
    assertThat((System.nanoTime() - start) / 1e9).isLessThan(4.0);
  }

  /**
   * A process killed between creating a trial and storing its segment (heartbeats are off by
   * default): decisions wait for it only while it is young enough to be deciding still (5 s), so
   * a later run does not wait at all.
   */
  @Test
  void aTrialLeftWithoutASegmentDoesNotSlowLaterDecisions() {
    InMemoryStorage storage = new InMemoryStorage();
    Study study = study(storage, 4, 1);
    NoisyQuadratic quadratic = new NoisyQuadratic();
    study.optimize(quadratic, 4);
    // its process died a minute ago, here
    storage.createTrial(study.id(), new TrialTemplate(TrialState.RUNNING, List.of(), Map.of(),
        Map.of(), new java.util.TreeMap<>(), Map.of(), Map.of(),
        java.time.Instant.now().minusSeconds(60), null));
    long start = System.nanoTime();
    study.optimize(quadratic, 2);
    assertThat((System.nanoTime() - start) / 1e9).isLessThan(2.0);
    assertThat(study.trials(TrialState.COMPLETE)).hasSize(6);
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

  /** On a gated optimize, a trial whose joint phase failed stalls each later one 5 s. */
  @Test
  void aFailedJointPhaseDoesNotStallTheGatedTrialsAfterIt() {
    Study study = study(new InMemoryStorage(), 2, 1);
    long start = System.nanoTime();
    study.optimize(new NoisyQuadratic(), OptimizeOptions.trials(8).withJobs(3));
    assertThat((System.nanoTime() - start) / 1e9).isLessThan(4.0);
  }
}
