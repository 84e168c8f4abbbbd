package dev.jtune.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jtune.space.FloatDistribution;
import dev.jtune.storage.StudyId;
import dev.jtune.storage.TrialTemplate;
import dev.jtune.study.StudyDirection;
import dev.jtune.testkit.Trials;
import dev.jtune.trial.FrozenTrial;
import dev.jtune.trial.TrialState;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The per-study cache of finished trials: a history read costs O(new and unfinished trials) (and
 * one check of a sentinel trial's row), and what other processes change (new trials, trials that finish, a study
 * deleted or made again) is always seen.
 */
class TrialCacheTest {
  private static final FloatDistribution X = FloatDistribution.uniform(0, 1);

  @TempDir
  Path dir;

  @Test
  void aHistoryReadCostsOnlyTheNewAndUnfinishedTrials() {
    try (JdbcStorage storage = JdbcStorage.open("jdbc:sqlite:" + dir.resolve("c.db"))) {
      StudyId s = storage.createStudy("s", List.of(StudyDirection.MINIMIZE));
      for (int i = 0; i < 300; i++) {
        storage.createTrial(s, Trials.complete(i).param("x", 0.5, X).build());
      }
      FrozenTrial running = storage.createTrial(s, TrialTemplate.running());
      assertThat(storage.trials(s)).hasSize(301);
      long before = storage.trialRowsRead();
      assertThat(storage.trials(s)).hasSize(301);
      assertThat(storage.trialRowsRead() - before).isEqualTo(1); // the running one only
      for (int i = 0; i < 5; i++) {
        storage.createTrial(s, Trials.complete(i).build());
      }
      storage.setTrialState(running.id(), TrialState.COMPLETE, List.of(1.0));
      before = storage.trialRowsRead();
      List<FrozenTrial> all = storage.trials(s);
      assertThat(storage.trialRowsRead() - before).isEqualTo(6);
      assertThat(all).hasSize(306).allMatch(FrozenTrial::isFinished);
      assertThat(all.get(300).values()).containsExactly(1.0);
      before = storage.trialRowsRead();
      storage.trials(s, java.util.EnumSet.of(TrialState.COMPLETE));
      assertThat(storage.trialRowsRead() - before).isZero();
    }
  }

  /**
   * A study another process deleted is reported as unknown, and one made again under the same id
   * (SQLite reuses the newest ids) is read afresh, never served from the old study's cache.
   */
  @Test
  void aStudyDeletedOrMadeAgainElsewhereIsNotServedFromTheCache() {
    String url = "jdbc:sqlite:" + dir.resolve("deleted.db");
    try (JdbcStorage a = JdbcStorage.open(url); JdbcStorage b = JdbcStorage.open(url)) {
      StudyId s = a.createStudy("s", List.of(StudyDirection.MINIMIZE));
      FrozenTrial old = a.createTrial(s, Trials.complete(0).param("x", 0.5, X).build());
      assertThat(b.trials(s)).hasSize(1);
      a.deleteStudy(s);
      assertThatThrownBy(() -> b.trials(s))
          .isInstanceOf(dev.jtune.storage.StudyNotFoundException.class);
      StudyId again = a.createStudy("s", List.of(StudyDirection.MINIMIZE,
          StudyDirection.MAXIMIZE));
      assertThat(again).isEqualTo(s);                 // the id is reused
      assertThat(b.trials(s)).isEmpty();
      FrozenTrial made = a.createTrial(again, TrialTemplate.running());
      a.setTrialState(made.id(), TrialState.COMPLETE, List.of(7.0, 8.0));
      assertThat(made.id()).isEqualTo(old.id());      // and so is the trial's
      assertThat(b.trials(s)).singleElement()
          .satisfies(t -> assertThat(t.values()).containsExactly(7.0, 8.0));
    }
  }

  /** The writer's own snapshot says what the file holds: SQLite gives -0.0 back as 0.0. */
  @Test
  void negativeZeroReadsTheSameFromTheWriterAndFromTheFile() {
    String url = "jdbc:sqlite:" + dir.resolve("zero.db");
    try (JdbcStorage a = JdbcStorage.open(url); JdbcStorage b = JdbcStorage.open(url)) {
      StudyId s = a.createStudy("s", List.of(StudyDirection.MINIMIZE));
      FrozenTrial t = a.createTrial(s, TrialTemplate.running());
      a.setTrialParam(t.id(), "x", -0.0, FloatDistribution.uniform(-1, 1));
      a.setTrialIntermediateValue(t.id(), 0, -0.0);
      a.setTrialState(t.id(), TrialState.COMPLETE, List.of(-0.0));
      assertThat(a.trial(t.id())).isEqualTo(b.trial(t.id()));
    }
  }

  /** An enqueued trial is run by whoever claims it; its enqueuer sees it finish. */
  @Test
  void theEnqueuerSeesItsWaitingTrialRunElsewhere() {
    String url = "jdbc:sqlite:" + dir.resolve("enqueued.db");
    try (JdbcStorage a = JdbcStorage.open(url); JdbcStorage b = JdbcStorage.open(url)) {
      StudyId s = a.createStudy("s", List.of(StudyDirection.MINIMIZE));
      FrozenTrial waiting = a.createTrial(s, TrialTemplate.waiting(java.util.Map.of("x", 0.5)));
      FrozenTrial claimed = b.claimWaitingTrial(s).orElseThrow();
      assertThat(claimed.id()).isEqualTo(waiting.id());
      b.setTrialUserAttr(claimed.id(), "by", "b");
      b.setTrialState(claimed.id(), TrialState.COMPLETE, List.of(3.0));
      FrozenTrial seen = a.trial(waiting.id());
      assertThat(seen.state()).isEqualTo(TrialState.COMPLETE);
      assertThat(seen.values()).containsExactly(3.0);
      assertThat(seen.userAttrs()).containsEntry("by", "b");
    }
  }

  @Test
  void seesWhatAnotherProcessChanges() {
    String url = "jdbc:sqlite:" + dir.resolve("shared.db");
    try (JdbcStorage a = JdbcStorage.open(url); JdbcStorage b = JdbcStorage.open(url)) {
      StudyId s = a.createStudy("s", List.of(StudyDirection.MINIMIZE));
      FrozenTrial t = a.createTrial(s, TrialTemplate.running());
      assertThat(b.trials(s)).extracting(FrozenTrial::state).containsExactly(TrialState.RUNNING);
      a.setTrialParam(t.id(), "x", 0.25, X);
      a.setTrialState(t.id(), TrialState.COMPLETE, List.of(2.0));
      a.createTrial(s, TrialTemplate.running());
      List<FrozenTrial> seen = b.trials(s);
      assertThat(seen).extracting(FrozenTrial::state)
          .containsExactly(TrialState.COMPLETE, TrialState.RUNNING);
      assertThat(seen.get(0).params()).containsEntry("x", 0.25);
      assertThat(b.trial(t.id())).isEqualTo(a.trial(t.id()));
    }
  }

  /**
   * A worker's own trials are served from write-through snapshots; they must equal what any other
   * process reads from the database, on both databases.
   */
  @Test
  void writeThroughSnapshotsEqualTheDatabase() {
    for (String url : List.of("jdbc:sqlite:" + dir.resolve("wt.db"),
        PostgresServer.newDatabaseUrl())) {
      try (JdbcStorage a = JdbcStorage.open(url); JdbcStorage b = JdbcStorage.open(url)) {
        StudyId s = a.createStudy("s", List.of(StudyDirection.MINIMIZE, StudyDirection.MAXIMIZE));
        FrozenTrial t = a.createTrial(s, TrialTemplate.running());
        a.setTrialParam(t.id(), "x", 0.1, X);
        a.setTrialParam(t.id(), "c", 1, dev.jtune.space.CategoricalDistribution.of("a", null, 3));
        a.setTrialParam(t.id(), "n", 4, dev.jtune.space.IntDistribution.logUniform(1, 64));
        a.setTrialIntermediateValue(t.id(), 0, Double.NaN);
        a.setTrialIntermediateValue(t.id(), 1, Double.NEGATIVE_INFINITY);
        a.setTrialIntermediateValue(t.id(), 1, 0.5);
        a.setTrialUserAttr(t.id(), "u", java.util.Map.of("k", List.of(1L, 2.5f, "s")));
        a.setTrialSystemAttr(t.id(), "e", TrialState.PRUNED);
        assertThat(a.trial(t.id())).isEqualTo(b.trial(t.id()));
        a.setTrialState(t.id(), TrialState.COMPLETE, List.of(Double.POSITIVE_INFINITY, -1.0));
        assertThat(a.trial(t.id())).isEqualTo(b.trial(t.id()));
        assertThat(a.trials(s)).isEqualTo(b.trials(s));
      }
    }
  }
}
