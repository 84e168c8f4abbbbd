package dev.jtune.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jtune.sampler.cmaes.CmaEsSampler;
import dev.jtune.sampler.gp.GpConfig;
import dev.jtune.sampler.gp.GpSampler;
import dev.jtune.study.Study;
import dev.jtune.study.StudyDirection;
import dev.jtune.trial.FrozenTrial;
import dev.jtune.trial.Trial;
import dev.jtune.trial.TrialState;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The GP and CMA-ES samplers keep their cross-worker bookkeeping in trial system attributes; here
 * it goes through a real database and is picked up by a second connection with a fresh sampler, as
 * another process would.
 */
class ModelBasedSamplersOnSqliteTest {
  @TempDir
  Path dir;

  private static double bowl(Trial t) {
    double a = t.suggestFloat("a", -3, 3);
    int k = t.suggestInt("k", 0, 8);
    return (a - 1) * (a - 1) + 0.1 * (k - 5) * (k - 5);
  }

  /**
   * SQLite gives a study created after a deletion the deleted one's id, and its trials the old
   * numbers: a sampler reused across the two must not model the deleted study's trials (TPE's
   * column store counted their numbers as already seen, and headed for the old optimum).
   */
  @Test
  void aSamplerReusedForAStudyCreatedAgainUnderItsIdForgetsTheDeletedOne() {
    for (boolean multivariate : new boolean[] {false, true}) {
      String url = "jdbc:sqlite:" + dir.resolve("again-" + multivariate + ".db");
      java.util.function.Supplier<dev.jtune.sampler.Sampler> tpe = () ->
          new dev.jtune.sampler.tpe.TpeSampler(dev.jtune.sampler.tpe.TpeConfig.defaults()
              .withSeed(1).withStartupTrials(5).withMultivariate(multivariate));
      try (JdbcStorage storage = JdbcStorage.open(url);
          JdbcStorage fresh = JdbcStorage.open("jdbc:sqlite:" + dir.resolve("fresh-"
              + multivariate + ".db"))) {
        dev.jtune.sampler.Sampler shared = tpe.get();
        Study first = sphere(storage, shared, 0.9);
        storage.deleteStudy(first.id());
        Study again = sphere(storage, shared, 0.1);
        assertThat(again.id()).isEqualTo(first.id());
        Study reference = sphere(fresh, tpe.get(), 0.1);
        assertThat(again.trials().stream().map(FrozenTrial::params).toList())
            .as("multivariate %s", multivariate)
            .isEqualTo(reference.trials().stream().map(FrozenTrial::params).toList());
      }
    }
  }

  /** Study "s", 15 trials of (x - at)² + (y - at)² with {@code sampler}. */
  private static Study sphere(JdbcStorage storage, dev.jtune.sampler.Sampler sampler, double at) {
    Study study = Study.builder().name("s").direction(StudyDirection.MINIMIZE).storage(storage)
        .sampler(sampler).build();
    study.optimize(t -> {
      double x = t.suggestFloat("x", 0, 1);
      double y = t.suggestFloat("y", 0, 1);
      return (x - at) * (x - at) + (y - at) * (y - at);
    }, 15);
    return study;
  }

  @Test
  void cmaEsContinuesFromTheStateAnotherProcessStored() {
    String url = "jdbc:sqlite:" + dir.resolve("cma.db");
    try (JdbcStorage first = JdbcStorage.open(url); JdbcStorage second = JdbcStorage.open(url)) {
      Study a = Study.builder().name("cma").direction(StudyDirection.MINIMIZE).storage(first)
          .sampler(new CmaEsSampler(1)).build();
      a.optimize(ModelBasedSamplersOnSqliteTest::bowl, 60);
      int generationBefore = lastGeneration(a.trials(TrialState.COMPLETE));
      assertThat(generationBefore).isGreaterThan(3);
      Study b = Study.builder().name("cma").storage(second).sampler(new CmaEsSampler(2))
          .loadIfExists(true).build();
      b.optimize(ModelBasedSamplersOnSqliteTest::bowl, 60);
      List<FrozenTrial> all = b.trials(TrialState.COMPLETE);
      assertThat(lastGeneration(all)).isGreaterThan(generationBefore + 3);
      assertThat(all.get(all.size() - 1).systemAttrs().get(CmaEsSampler.X)).isInstanceOf(List.class);
      assertThat(b.bestValue()).isLessThan(0.01);
    }
  }

  @Test
  void gpSharesItsProposalsThroughTheDatabase() {
    String url = "jdbc:sqlite:" + dir.resolve("gp.db");
    try (JdbcStorage storage = JdbcStorage.open(url)) {
      Study study = Study.builder().name("gp").direction(StudyDirection.MINIMIZE).storage(storage)
          .sampler(new GpSampler(GpConfig.defaults().withSeed(3).withStartupTrials(8))).build();
      study.optimize(ModelBasedSamplersOnSqliteTest::bowl, 20);
      FrozenTrial last = study.trials().get(19);
      Object proposal = last.systemAttrs().get(GpSampler.RELATIVE_PARAMS);
      assertThat(proposal).isInstanceOf(Map.class);
      assertThat(List.copyOf(((Map<?, ?>) proposal).keySet())).hasSize(2)
          .allMatch(name -> name.equals("a") || name.equals("k"));
      assertThat(study.bestValue()).isLessThan(0.05);
    }
  }

  private static int lastGeneration(List<FrozenTrial> trials) {
    return trials.stream()
        .filter(t -> t.systemAttrs().get(CmaEsSampler.GENERATION) instanceof Number)
        .mapToInt(t -> ((Number) t.systemAttrs().get(CmaEsSampler.GENERATION)).intValue())
        .max().orElse(-1);
  }

  /**
   * Float choices survive the database: an enqueued 0.1f matches its choice once stored (it was
   * refused on SQLite, accepted in memory), and the distribution read back equals the declared one.
   */
  @Test
  void floatChoicesMatchTheirStoredDecimals() {
    String url = "jdbc:sqlite:" + dir.resolve("float.db");
    try (JdbcStorage storage = JdbcStorage.open(url)) {
      Study study = Study.builder().name("f").storage(storage).build();
      study.enqueueTrial(Map.of("ratio", 0.1f));
      study.optimize(t -> t.suggestCategorical("ratio", List.of(0.1f, 0.5f)).doubleValue(), 1);
      FrozenTrial trial = study.trials().get(0);
      assertThat(trial.state()).isEqualTo(TrialState.COMPLETE);
      assertThat(trial.distributions().get("ratio"))
          .isEqualTo(dev.jtune.space.CategoricalDistribution.of(0.1f, 0.5f));
    }
  }
}
