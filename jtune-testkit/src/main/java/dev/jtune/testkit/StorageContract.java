package dev.jtune.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jtune.space.CategoricalDistribution;
import dev.jtune.space.IntDistribution;
import dev.jtune.storage.DuplicateStudyException;
import dev.jtune.storage.Storage;
import dev.jtune.storage.StudyId;
import dev.jtune.storage.StudyNotFoundException;
import dev.jtune.storage.StudyRecord;
import dev.jtune.storage.TrialId;
import dev.jtune.storage.TrialTemplate;
import dev.jtune.study.Study;
import dev.jtune.study.StudyDirection;
import dev.jtune.trial.FrozenTrial;
import dev.jtune.trial.TrialFinishedException;
import dev.jtune.trial.TrialState;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * The rules every {@link Storage} must follow (see its javadoc), as tests. A storage's test class
 * extends this one and returns a fresh, empty storage from {@link #newStorage()}:
 *
 * <pre>{@code
 * class InMemoryStorageTest extends StorageContract {
 *   protected Storage newStorage() { return new InMemoryStorage(); }
 * }
 * }</pre>
 */
public abstract class StorageContract extends StorageFixture {
  // ---- studies --------------------------------------------------------------------------------

  /** A categorical's choices as enum constants, for the enqueue test. */
  enum Activation { RELU, GELU }

  /**
   * {@code enqueueTrial(params, true)} finds the trial it enqueued before whatever the storage
   * made of the values (an enum stored as its name, a long or a float read back as another
   * number type).
   */
  @Test
  void enqueueingTheSameValuesTwiceGivesOneTrial() {
    Study study = Study.builder().name("enqueue")
        .storage(storage).build();
    Map<String, Object> params = Map.of("act", Activation.RELU, "n", 2L, "f", 0.1f);
    int first = study.enqueueTrial(params, true);
    assertThat(study.enqueueTrial(params, true)).isEqualTo(first);
    assertThat(study.enqueueTrial(Map.of("act", "RELU", "n", 2, "f", 0.1), true))
        .isEqualTo(first);
    assertThat(study.enqueueTrial(Map.of("act", Activation.GELU, "n", 2L, "f", 0.1f), true))
        .isNotEqualTo(first);
  }


  @Test
  void createsFindsAndListsStudies() {
    StudyId a = storage.createStudy("a", MIN);
    StudyId b = storage.createStudy("b", List.of(StudyDirection.MAXIMIZE, StudyDirection.MINIMIZE));
    assertThat(storage.findStudy("a")).contains(a);
    assertThat(storage.findStudy("nope")).isEmpty();
    assertThat(storage.study(b).directions())
        .containsExactly(StudyDirection.MAXIMIZE, StudyDirection.MINIMIZE);
    assertThat(storage.studies()).extracting(StudyRecord::name).containsExactly("a", "b");
  }

  @Test
  void rejectsDuplicateAndInvalidStudies() {
    storage.createStudy("a", MIN);
    assertThatThrownBy(() -> storage.createStudy("a", MIN))
        .isInstanceOf(DuplicateStudyException.class).hasMessageContaining("'a'");
    assertThatThrownBy(() -> storage.createStudy(" ", MIN))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> storage.createStudy("b", List.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'b'");
    assertThat(storage.studies()).hasSize(1);
  }

  @Test
  void unknownStudyIsReported() {
    StudyId missing = new StudyId(987_654);
    assertThatThrownBy(() -> storage.study(missing)).isInstanceOf(StudyNotFoundException.class);
    assertThatThrownBy(() -> storage.createTrial(missing, TrialTemplate.running()))
        .isInstanceOf(StudyNotFoundException.class);
    assertThatThrownBy(() -> storage.trials(missing)).isInstanceOf(StudyNotFoundException.class);
  }

  @Test
  void deletingAStudyRemovesItsTrialsAndFreesItsName() {
    StudyId a = study();
    TrialId t = running(a).id();
    storage.deleteStudy(a);
    assertThat(storage.findStudy("contract")).isEmpty();
    assertThatThrownBy(() -> storage.trial(t)).isInstanceOf(StudyNotFoundException.class);
    StudyId again = study();
    assertThat(running(again).number()).isZero();
  }

  @Test
  void studyAttributesAreSetReplacedAndSnapshotted() {
    StudyId s = study();
    storage.setStudyUserAttr(s, "k", "v1");
    StudyRecord before = storage.study(s);
    storage.setStudyUserAttr(s, "k", List.of(1, 2));
    storage.setStudySystemAttr(s, "sys", Map.of("a", true));
    assertThat(before.userAttrs()).containsEntry("k", "v1");
    assertThat(storage.study(s).userAttrs()).containsEntry("k", List.of(1, 2));
    assertThat(storage.study(s).systemAttrs()).containsEntry("sys", Map.of("a", true));
  }

  @Test
  void aClaimStoresOnlyWhereTheKeyIsFreeAndReturnsWhatIsStored() {
    StudyId s = study();
    assertThat(storage.claimStudySystemAttr(s, "slot:0", Map.of("trial", 3)))
        .isEqualTo(Map.of("trial", 3));
    Object second = storage.claimStudySystemAttr(s, "slot:0", Map.of("trial", 4));
    assertThat(((Map<?, ?>) second).get("trial")).as("the first claim's value")
        .isInstanceOfSatisfying(Number.class, n -> assertThat(n.intValue()).isEqualTo(3));
    assertThat(storage.study(s).systemAttrs()).containsEntry("slot:0", Map.of("trial", 3));
    storage.setStudySystemAttr(s, "slot:1", "set");
    assertThat(storage.claimStudySystemAttr(s, "slot:1", "claimed")).isEqualTo("set");
    assertThatThrownBy(() -> storage.claimStudySystemAttr(s, "bad", Map.of(1, 2)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bad");
    assertThat(storage.study(s).systemAttrs()).doesNotContainKey("bad");
    assertThatThrownBy(() -> storage.claimStudySystemAttr(new StudyId(987_654), "k", 1))
        .isInstanceOf(StudyNotFoundException.class);
  }

  @Test
  void aNullClaimIsNeverReplacedByALaterClaim() {
    StudyId s = study();
    assertThat(storage.claimStudySystemAttr(s, "k", null)).isNull();
    assertThat(storage.claimStudySystemAttr(s, "k", "second")).as("the first claim's value")
        .isNull();
  }

  @Test
  void eachKeyIsClaimedByExactlyOneCallerUnderConcurrency() throws Exception {
    StudyId s = study();
    int keys = 5 * threads();
    Map<String, Set<Integer>> winners = new ConcurrentHashMap<>();
    Map<String, Set<Integer>> seen = new ConcurrentHashMap<>();
    java.util.concurrent.atomic.AtomicInteger callers = new java.util.concurrent.atomic.AtomicInteger();
    runConcurrently(() -> {
      int me = callers.incrementAndGet();
      for (int k = 0; k < keys; k++) {
        String key = "slot:" + k;
        int got = ((Number) storage.claimStudySystemAttr(s, key, me)).intValue();
        seen.computeIfAbsent(key, x -> ConcurrentHashMap.newKeySet()).add(got);
        if (got == me) {
          winners.computeIfAbsent(key, x -> ConcurrentHashMap.newKeySet()).add(me);
        }
      }
    });
    assertThat(winners).hasSize(keys);
    winners.values().forEach(w -> assertThat(w).hasSize(1));
    seen.forEach((key, values) -> assertThat(values).as("values returned for %s", key)
        .isEqualTo(winners.get(key)));
  }

  // ---- trials ---------------------------------------------------------------------------------

  @Test
  void numbersAreDensePerStudyAndIdsUnique() {
    StudyId a = storage.createStudy("a", MIN);
    StudyId b = storage.createStudy("b", MIN);
    Set<TrialId> ids = new HashSet<>();
    for (int i = 0; i < 5; i++) {
      FrozenTrial ta = running(a);
      FrozenTrial tb = running(b);
      assertThat(ta.number()).isEqualTo(i);
      assertThat(tb.number()).isEqualTo(i);
      ids.add(ta.id());
      ids.add(tb.id());
    }
    assertThat(ids).hasSize(10);
  }

  @Test
  void numbersStayDenseAndUniqueUnderConcurrentCreation() throws Exception {
    StudyId s = study();
    int perThread = 100;
    List<Integer> numbers = Collections.synchronizedList(new ArrayList<>());
    runConcurrently(() -> {
      for (int i = 0; i < perThread; i++) {
        numbers.add(running(s).number());
      }
    });
    int total = perThread * threads();
    assertThat(new HashSet<>(numbers)).hasSize(total);
    assertThat(Collections.max(numbers)).isEqualTo(total - 1);
    assertThat(storage.trials(s)).extracting(FrozenTrial::number)
        .containsExactlyElementsOf(java.util.stream.IntStream.range(0, total).boxed().toList());
  }

  @Test
  void paramsIntermediateValuesAndAttributesAreStored() {
    StudyId s = study();
    FrozenTrial t = running(s);
    CategoricalDistribution choice = CategoricalDistribution.of("a", null, 3);
    storage.setTrialParam(t.id(), "x", 2.5, X);
    storage.setTrialParam(t.id(), "c", 1, choice);
    storage.setTrialIntermediateValue(t.id(), 0, 1.5);
    storage.setTrialIntermediateValue(t.id(), 3, Double.POSITIVE_INFINITY);
    storage.setTrialIntermediateValue(t.id(), 0, 0.5);
    storage.setTrialUserAttr(t.id(), "note", Map.of("nested", List.of(1, "two")));
    storage.setTrialSystemAttr(t.id(), "sys", 7);
    // what a constrained study stores: a list of numbers (infinities included), or null
    storage.setTrialSystemAttr(t.id(), FrozenTrial.CONSTRAINTS,
        List.of(-1.5, Double.POSITIVE_INFINITY));
    storage.setTrialSystemAttr(t.id(), "nothing", null);
    FrozenTrial read = storage.trial(t.id());
    assertThat(read.constraintValues()).hasValueSatisfying(c ->
        assertThat(c).containsExactly(-1.5, Double.POSITIVE_INFINITY));
    assertThat(read.systemAttrs()).containsEntry("nothing", null);
    assertThat(read.params()).containsEntry("x", 2.5).containsEntry("c", null);
    assertThat(read.distributions()).containsEntry("c", choice);
    assertThat(read.intermediateValues()).containsExactly(
        Map.entry(0, 0.5), Map.entry(3, Double.POSITIVE_INFINITY));
    assertThat(read.userAttrs()).containsEntry("note", Map.of("nested", List.of(1, "two")));
    assertThat(read.systemAttrs()).containsEntry("sys", 7);
  }

  /** A trial created from a template with times (a copied trial) keeps them. */
  @Test
  void aTemplatesStartAndEndTimesAreKept() {
    StudyId s = study();
    java.time.Instant started = java.time.Instant.parse("2024-05-01T10:00:00.123456Z");
    java.time.Instant completed = java.time.Instant.parse("2024-05-01T10:02:30.5Z");
    FrozenTrial t = storage.createTrial(s, new TrialTemplate(TrialState.COMPLETE, List.of(1.5),
        Map.of(), Map.of(), new java.util.TreeMap<>(), Map.of(), Map.of(), started, completed));
    for (FrozenTrial read : List.of(t, storage.trial(t.id()), storage.trials(s).get(0))) {
      assertThat(read.started()).isEqualTo(started);
      assertThat(read.completed()).isEqualTo(completed);
    }
    // without times, the storage's clock: started and completed are set and in order
    FrozenTrial now = storage.createTrial(s, new TrialTemplate(TrialState.COMPLETE, List.of(2.0),
        Map.of(), Map.of(), new java.util.TreeMap<>(), Map.of(), Map.of()));
    assertThat(now.started()).isNotNull().isAfter(completed);
    assertThat(now.completed()).isNotNull();
  }

  /**
   * A template's times read back as the trial created from it says (a database keeps
   * microseconds), and a finished template with an end time but no start (a trial failed while it
   * waited) keeps no start.
   */
  @Test
  void aTemplatesTimesReadBackAsCreatedAndAMissingStartStaysMissing() {
    StudyId s = study();
    java.time.Instant started = java.time.Instant.parse("2024-05-01T10:00:00.123456789Z");
    FrozenTrial t = storage.createTrial(s, new TrialTemplate(TrialState.COMPLETE, List.of(1.5),
        Map.of(), Map.of(), new java.util.TreeMap<>(), Map.of(), Map.of(), started,
        started.plusSeconds(1)));
    FrozenTrial failed = storage.createTrial(s, new TrialTemplate(TrialState.FAIL, List.of(),
        Map.of(), Map.of(), new java.util.TreeMap<>(), Map.of(), Map.of(), null, started));
    assertThat(failed.started()).isNull();
    for (FrozenTrial read : List.of(storage.trial(t.id()), storage.trials(s).get(0))) {
      assertThat(read.started()).isEqualTo(t.started());
      assertThat(read.completed()).isEqualTo(t.completed());
    }
    assertThat(storage.trial(failed.id()).started()).isNull();
    assertThat(storage.trials(s).get(1).completed()).isEqualTo(failed.completed());
  }

  /**
   * Every way of reading trials sees every write made before it: the unfiltered list (what
   * samplers and pruners read history from), the filtered one and the single trial agree.
   */
  @Test
  void everyReadSeesEveryEarlierWrite() {
    StudyId s = study();
    FrozenTrial t = running(s);
    storage.trials(s);   // a read before the writes must not be what later reads return
    storage.setTrialParam(t.id(), "x", 1.5, X);
    storage.setTrialIntermediateValue(t.id(), 2, 0.25);
    storage.setTrialUserAttr(t.id(), "u", "v");
    storage.setTrialSystemAttr(t.id(), "s", 3);
    storage.setTrialState(t.id(), TrialState.COMPLETE, List.of(4.0));
    FrozenTrial other = running(s);
    for (FrozenTrial read : List.of(storage.trials(s).get(0),
        storage.trials(s, EnumSet.of(TrialState.COMPLETE)).get(0), storage.trial(t.id()))) {
      assertThat(read.state()).isEqualTo(TrialState.COMPLETE);
      assertThat(read.values()).containsExactly(4.0);
      assertThat(read.internalParams()).containsEntry("x", 1.5);
      assertThat(read.intermediateValues()).containsEntry(2, 0.25);
      assertThat(read.userAttrs()).containsEntry("u", "v");
      assertThat(read.systemAttrs()).containsEntry("s", 3);
    }
    assertThat(storage.trials(s)).extracting(FrozenTrial::number)
        .containsExactly(t.number(), other.number());
  }

  @Test
  void snapshotsNeverChangeAfterLaterWrites() {
    StudyId s = study();
    FrozenTrial t = running(s);
    FrozenTrial before = storage.trial(t.id());
    List<FrozenTrial> listBefore = storage.trials(s);
    storage.setTrialParam(t.id(), "x", 1, X);
    storage.setTrialIntermediateValue(t.id(), 1, 2);
    storage.setTrialUserAttr(t.id(), "u", 1);
    storage.setTrialState(t.id(), TrialState.COMPLETE, List.of(3.0));
    assertThat(before.internalParams()).isEmpty();
    assertThat(before.state()).isEqualTo(TrialState.RUNNING);
    assertThat(before.userAttrs()).isEmpty();
    assertThat(listBefore.get(0).state()).isEqualTo(TrialState.RUNNING);
  }

  @Test
  void storedAttributeValuesAreCopies() {
    StudyId s = study();
    FrozenTrial t = running(s);
    List<Object> mutable = new ArrayList<>(List.of(1, 2));
    storage.setTrialUserAttr(t.id(), "list", mutable);
    mutable.add(3);
    assertThat(storage.trial(t.id()).userAttrs().get("list")).isEqualTo(List.of(1, 2));
  }

  @Test
  void rejectsNonJsonAttributeValues() {
    StudyId s = study();
    FrozenTrial t = running(s);
    assertThatThrownBy(() -> storage.setTrialUserAttr(t.id(), "bad", new Object()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'bad'");
    assertThatThrownBy(() -> storage.setStudyUserAttr(s, "bad", Map.of(1, 2)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'bad'");
    assertThat(storage.trial(t.id()).userAttrs()).isEmpty();
  }

  @Test
  void rejectedParamWritesChangeNothing() {
    StudyId s = study();
    FrozenTrial t = running(s);
    assertThatThrownBy(() -> storage.setTrialParam(t.id(), "x", 11, X))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'x'").hasMessageContaining("11");
    storage.setTrialParam(t.id(), "x", 1, X);
    assertThatThrownBy(() -> storage.setTrialParam(t.id(), "x", 1, IntDistribution.uniform(0, 3)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'x'");
    assertThatThrownBy(() -> storage.setTrialParam(t.id(), "x", 2, X))
        .isInstanceOf(IllegalArgumentException.class);
    storage.setTrialParam(t.id(), "x", 1, X);
    assertThat(storage.trial(t.id()).params()).containsExactly(Map.entry("x", 1.0));
  }

  @Test
  void completeNeedsOneValuePerDirectionAndNoNaN() {
    StudyId s = storage.createStudy("two", List.of(StudyDirection.MINIMIZE, StudyDirection.MAXIMIZE));
    FrozenTrial t = running(s);
    assertThatThrownBy(() -> storage.setTrialState(t.id(), TrialState.COMPLETE, List.of(1.0)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> storage.setTrialState(t.id(), TrialState.COMPLETE, List.of(1.0, Double.NaN)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN");
    assertThatThrownBy(() -> storage.setTrialState(t.id(), TrialState.FAIL, List.of(1.0, 2.0)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(storage.trial(t.id()).state()).isEqualTo(TrialState.RUNNING);
    assertThat(storage.setTrialState(t.id(), TrialState.COMPLETE,
        List.of(Double.NEGATIVE_INFINITY, 2.0))).isTrue();
    FrozenTrial done = storage.trial(t.id());
    assertThat(done.values()).containsExactly(Double.NEGATIVE_INFINITY, 2.0);
    assertThat(done.completed()).isNotNull();
    assertThat(done.started()).isNotNull();
    assertThat(done.duration()).isPresent();
  }

  @Test
  void finishedTrialsAreImmutable() {
    StudyId s = study();
    for (TrialState end : List.of(TrialState.COMPLETE, TrialState.PRUNED, TrialState.FAIL)) {
      FrozenTrial t = running(s);
      storage.setTrialParam(t.id(), "x", 1, X);
      storage.setTrialState(t.id(), end, end == TrialState.COMPLETE ? List.of(1.0) : List.of());
      FrozenTrial done = storage.trial(t.id());
      TrialId id = t.id();
      assertThatThrownBy(() -> storage.setTrialParam(id, "y", 1, X))
          .isInstanceOf(TrialFinishedException.class);
      assertThatThrownBy(() -> storage.setTrialIntermediateValue(id, 1, 1))
          .isInstanceOf(TrialFinishedException.class);
      assertThatThrownBy(() -> storage.setTrialUserAttr(id, "k", 1))
          .isInstanceOf(TrialFinishedException.class);
      assertThatThrownBy(() -> storage.setTrialSystemAttr(id, "k", 1))
          .isInstanceOf(TrialFinishedException.class);
      for (TrialState other : TrialState.values()) {
        assertThatThrownBy(() -> storage.setTrialState(id, other, List.of()))
            .isInstanceOf(TrialFinishedException.class);
      }
      assertThat(storage.trial(id)).isEqualTo(done);
    }
  }

  @Test
  void runningCanOnlyBeEnteredFromWaiting() {
    StudyId s = study();
    FrozenTrial t = running(s);
    assertThat(storage.setTrialState(t.id(), TrialState.RUNNING, List.of())).isFalse();
    assertThatThrownBy(() -> storage.setTrialState(t.id(), TrialState.WAITING, List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    FrozenTrial w = storage.createTrial(s, TrialTemplate.waiting(Map.of("x", 1.0)));
    assertThat(w.started()).isNull();
    assertThat(storage.setTrialState(w.id(), TrialState.RUNNING, List.of())).isTrue();
    assertThat(storage.setTrialState(w.id(), TrialState.RUNNING, List.of())).isFalse();
    assertThat(storage.trial(w.id()).started()).isNotNull();
  }

  @Test
  void waitingTrialsAcceptNoParamsOrValues() {
    StudyId s = study();
    FrozenTrial w = storage.createTrial(s, TrialTemplate.waiting(Map.of("x", 1.0)));
    assertThatThrownBy(() -> storage.setTrialParam(w.id(), "x", 1, X))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> storage.setTrialIntermediateValue(w.id(), 0, 1))
        .isInstanceOf(IllegalStateException.class);
    assertThat(storage.trial(w.id()).systemAttrs().get(FrozenTrial.FIXED_PARAMS))
        .isEqualTo(Map.of("x", 1.0));
  }

  @Test
  void claimsTheOldestWaitingTrialFirst() {
    StudyId s = study();
    running(s);
    FrozenTrial w1 = storage.createTrial(s, TrialTemplate.waiting(Map.of("x", 1.0)));
    FrozenTrial w2 = storage.createTrial(s, TrialTemplate.waiting(Map.of("x", 2.0)));
    assertThat(storage.claimWaitingTrial(s)).map(FrozenTrial::id).contains(w1.id());
    assertThat(storage.claimWaitingTrial(s)).map(FrozenTrial::id).contains(w2.id());
    assertThat(storage.claimWaitingTrial(s)).isEmpty();
    assertThat(storage.trial(w2.id()).state()).isEqualTo(TrialState.RUNNING);
  }

  @Test
  void eachWaitingTrialIsClaimedExactlyOnceUnderConcurrency() throws Exception {
    StudyId s = study();
    int waiting = 20 * threads();
    for (int i = 0; i < waiting; i++) {
      storage.createTrial(s, TrialTemplate.waiting(Map.of("i", i)));
    }
    Map<TrialId, Integer> claims = new ConcurrentHashMap<>();
    runConcurrently(() -> {
      Optional<FrozenTrial> t;
      while ((t = storage.claimWaitingTrial(s)).isPresent()) {
        claims.merge(t.get().id(), 1, Integer::sum);
      }
    });
    assertThat(claims).hasSize(waiting);
    assertThat(claims.values()).containsOnly(1);
    assertThat(storage.trialCount(s, EnumSet.of(TrialState.WAITING))).isZero();
  }

  @Test
  void filtersTrialsByStateInNumberOrder() {
    StudyId s = study();
    for (int i = 0; i < 6; i++) {
      FrozenTrial t = running(s);
      if (i % 3 == 0) {
        storage.setTrialState(t.id(), TrialState.COMPLETE, List.of((double) i));
      } else if (i % 3 == 1) {
        storage.setTrialState(t.id(), TrialState.FAIL, List.of());
      }
    }
    assertThat(storage.trials(s, EnumSet.of(TrialState.COMPLETE)))
        .extracting(FrozenTrial::number).containsExactly(0, 3);
    assertThat(storage.trials(s, EnumSet.of(TrialState.RUNNING, TrialState.FAIL)))
        .extracting(FrozenTrial::number).containsExactly(1, 2, 4, 5);
    assertThat(storage.trialCount(s, EnumSet.of(TrialState.FAIL))).isEqualTo(2);
  }

  @Test
  void createsFinishedTrialsFromTemplates() {
    StudyId s = study();
    FrozenTrial t = storage.createTrial(s, Trials.complete(0.25).param("x", 3.0, X).report(0, 1.0)
        .userAttr("source", "import").build());
    assertThat(t.state()).isEqualTo(TrialState.COMPLETE);
    assertThat(t.value()).isEqualTo(0.25);
    assertThat(t.params()).containsEntry("x", 3.0);
    assertThat(t.intermediateValues()).containsEntry(0, 1.0);
    assertThat(t.completed()).isNotNull();
    assertThatThrownBy(() -> storage.createTrial(s, Trials.complete(1, 2).build()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(storage.trials(s)).hasSize(1);
  }

  /**
   * Random sequences of writes, some of them invalid: a finished trial's snapshot never changes
   * afterwards, and every snapshot taken when a trial finished equals the one read at the end.
   */
  @Test
  void randomWriteSequencesNeverChangeFinishedTrials() {
    StudyId s = study();
    Random random = new Random(7);
    List<TrialId> ids = new ArrayList<>();
    Map<TrialId, FrozenTrial> finished = new HashMap<>();
    for (int step = 0; step < 2_000; step++) {
      if (ids.isEmpty() || random.nextInt(5) == 0) {
        ids.add(running(s).id());
        continue;
      }
      TrialId id = ids.get(random.nextInt(ids.size()));
      try {
        switch (random.nextInt(5)) {
          case 0 -> storage.setTrialParam(id, "p" + random.nextInt(3), random.nextInt(11), X);
          case 1 -> storage.setTrialIntermediateValue(id, random.nextInt(5), random.nextDouble());
          case 2 -> storage.setTrialUserAttr(id, "u", random.nextInt());
          case 3 -> storage.setTrialState(id, TrialState.COMPLETE, List.of(random.nextDouble()));
          default -> storage.setTrialState(id, random.nextBoolean() ? TrialState.FAIL
              : TrialState.PRUNED, List.of());
        }
      } catch (TrialFinishedException | IllegalArgumentException e) {
        // rejected writes are part of the sequence
      }
      FrozenTrial now = storage.trial(id);
      if (now.isFinished()) {
        FrozenTrial first = finished.putIfAbsent(id, now);
        if (first != null) {
          assertThat(now).isEqualTo(first);
        }
      }
    }
    finished.forEach((id, snapshot) -> assertThat(storage.trial(id)).isEqualTo(snapshot));
  }

  /**
   * Heartbeats: a trial whose worker beats is live and never failed; once its beats stop for
   * longer than the grace period it is failed with a reason, by exactly one call, and is live no
   * more; a finished trial is never failed; a trial whose heartbeat was stopped (ask and tell)
   * is never presumed dead.
   */
  @Test
  void heartbeatsKeepTrialsAliveAndStaleOnesAreFailedOnce() throws Exception {
    java.time.Duration grace = java.time.Duration.ofMillis(1000);   // slack for a busy machine
    Optional<Storage> made = newStorageWithHeartbeat(java.time.Duration.ofMillis(200), grace);
    org.junit.jupiter.api.Assumptions.assumeTrue(made.isPresent(), "no heartbeats here");
    try (Storage beating = made.get()) {
      dev.jtune.storage.HeartbeatSupport h = beating.heartbeat().orElseThrow();
      StudyId s = beating.createStudy("beats", MIN);
      FrozenTrial live = beating.createTrial(s, TrialTemplate.running());
      FrozenTrial dead = beating.createTrial(s, TrialTemplate.running());
      FrozenTrial done = beating.createTrial(s, TrialTemplate.running());
      FrozenTrial asked = beating.createTrial(s, TrialTemplate.running());
      h.recordHeartbeat(live.id());
      h.recordHeartbeat(dead.id());
      h.recordHeartbeat(done.id());
      h.stopHeartbeat(asked.id());
      beating.setTrialState(done.id(), TrialState.COMPLETE, List.of(1.0));
      long end = System.nanoTime() + grace.toNanos() * 2;
      while (System.nanoTime() < end) {   // only the live trial's worker goes on beating
        h.recordHeartbeat(live.id());
        Thread.sleep(50);
      }
      assertThat(h.liveTrials(s)).containsExactly(live.number());
      List<FrozenTrial> failed = h.failStaleTrials(s);
      assertThat(failed).extracting(FrozenTrial::number).containsExactly(dead.number());
      assertThat(failed.get(0).state()).isEqualTo(TrialState.FAIL);
      assertThat(failed.get(0).systemAttrs()).containsKey(FrozenTrial.FAIL_REASON);
      assertThat(h.failStaleTrials(s)).isEmpty();
      assertThat(beating.trial(live.id()).state()).isEqualTo(TrialState.RUNNING);
      assertThat(beating.trial(asked.id()).state()).isEqualTo(TrialState.RUNNING);
      assertThat(beating.trial(done.id()).state()).isEqualTo(TrialState.COMPLETE);
    }
  }
}
