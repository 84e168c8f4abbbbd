package dev.jtune.sampler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jtune.space.SearchSpace;
import dev.jtune.study.Objective;
import dev.jtune.study.OptimizeOptions;
import dev.jtune.study.Study;
import dev.jtune.trial.FrozenTrial;
import dev.jtune.trial.Trial;
import dev.jtune.trial.TrialState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class GridSamplerTest {

  private static Map<String, List<?>> grid() {
    Map<String, List<?>> grid = new LinkedHashMap<>();
    grid.put("lr", List.of(1e-3, 1e-2, 1e-1));
    grid.put("units", List.of(32, 64, 128, 256));
    grid.put("activation", List.of("relu", "tanh", "gelu"));
    grid.put("batchNorm", List.of(false, true));
    return grid;
  }

  private static double objective(dev.jtune.trial.Trial trial) throws InterruptedException {
    double lr = trial.suggestFloat("lr", 1e-4, 1, true);
    int units = trial.suggestInt("units", 16, 512);
    String activation = trial.suggestCategorical("activation", List.of("relu", "tanh", "gelu"));
    boolean bn = trial.suggestBoolean("batchNorm");
    Thread.sleep(1);
    return lr * units + activation.length() + (bn ? 1 : 0);
  }

  private static Map<List<Object>, Integer> visits(Study study) {
    Map<List<Object>, Integer> visits = new HashMap<>();
    for (FrozenTrial t : study.trials()) {
      visits.merge(new ArrayList<>(t.params().values()), 1, Integer::sum);
    }
    return visits;
  }

  @RepeatedTest(3)
  void visitsEveryPointExactlyOnceOnEightThreadsThenStops() {
    GridSampler sampler = GridSampler.of(grid());
    Study study = Study.builder().sampler(sampler).build();
    study.optimize(GridSamplerTest::objective, OptimizeOptions.trials(1_000).withJobs(8));
    assertThat(sampler.size()).isEqualTo(72);
    assertThat(study.trials()).hasSize(72).allMatch(t -> t.state() == TrialState.COMPLETE);
    Map<List<Object>, Integer> visits = visits(study);
    assertThat(visits).hasSize(72);
    assertThat(visits.values()).containsOnly(1);
  }

  @Test
  void eachTrialNumberGetsTheSamePointOnAnyNumberOfThreads() {
    Map<Integer, Map<String, Object>> sequential = pointsByNumber(1);
    assertThat(pointsByNumber(8)).isEqualTo(sequential);
  }

  private static Map<Integer, Map<String, Object>> pointsByNumber(int jobs) {
    Study study = Study.builder().sampler(GridSampler.shuffled(grid(), 17)).build();
    study.optimize(GridSamplerTest::objective, 3);
    // enqueued trials take no grid point
    study.enqueueTrial(Map.of("lr", 0.01, "units", 64, "activation", "relu", "batchNorm", true));
    study.enqueueTrial(Map.of("lr", 0.5, "units", 17, "activation", "gelu", "batchNorm", false));
    study.optimize(GridSamplerTest::objective, OptimizeOptions.trials(100).withJobs(jobs));
    Map<Integer, Map<String, Object>> out = new HashMap<>();
    study.trials().forEach(t -> out.put(t.number(), t.params()));
    return out;
  }

  @Test
  void continuesWhereItStoppedAcrossOptimizeCalls() {
    Study study = Study.builder().sampler(GridSampler.of(grid())).build();
    study.optimize(GridSamplerTest::objective, 10);
    study.optimize(GridSamplerTest::objective, OptimizeOptions.trials(100).withJobs(3));
    assertThat(visits(study)).hasSize(72).allSatisfy((point, n) -> assertThat(n).isEqualTo(1));
    study.optimize(GridSamplerTest::objective, 5);
    assertThat(study.trials()).hasSize(72);
  }

  @Test
  void aStudyWithAnotherSamplersTrialsIsRefusedNotSilentlySkipped() {
    dev.jtune.storage.InMemoryStorage storage = new dev.jtune.storage.InMemoryStorage();
    Study random = Study.builder().name("s").storage(storage).sampler(new RandomSampler(1))
        .build();
    random.optimize(trial -> trial.suggestInt("x", 4, 10), 3);   // never on a grid point
    Study grid = Study.builder().name("s").storage(storage).loadIfExists(true)
        .sampler(GridSampler.of(Map.of("x", List.of(1, 2, 3)))).build();
    assertThatThrownBy(() -> grid.optimize(trial -> trial.suggestInt("x", 0, 10), 10))
        .hasMessageContaining("study 's' has 3 trial(s) with parameters from another sampler "
            + "or addTrial ([0, 1, 2])");
    assertThat(grid.trials()).hasSize(3);
    // its own trials carry their point
    Study fresh = Study.builder().sampler(GridSampler.of(Map.of("x", List.of(1, 2, 3)))).build();
    fresh.optimize(trial -> trial.suggestInt("x", 0, 10), 10);
    assertThat(fresh.trials()).extracting(t -> t.systemAttrs().get(GridSampler.GRID_ID))
        .containsExactly(0L, 1L, 2L);
  }

  /**
   * Unmarked trials on their own point are the grid's: those of an earlier jtune, which did not
   * mark them, and one that failed after suggesting only a single-valued parameter.
   */
  @Test
  void unmarkedTrialsOnTheirOwnPointAreTheGrids() {
    GridSampler sampler = GridSampler.of(Map.of("x", List.of(1, 2, 3)));
    Study study = Study.builder().sampler(sampler).build();
    study.addTrial(new dev.jtune.storage.TrialTemplate(TrialState.COMPLETE, List.of(1.0),
        Map.of("x", 1.0), Map.of("x", new dev.jtune.space.IntDistribution(0, 10, false, 1)),
        new java.util.TreeMap<>(), Map.of(), Map.of()));     // point 0, as an earlier jtune left it
    study.optimize(trial -> {
      trial.suggestFloat("pinned", 2.0, 2.0);
      if (trial.number() == 1) {
        throw new IllegalStateException("fails before it suggests x");
      }
      return trial.suggestInt("x", 0, 10);
    }, 10);
    assertThat(study.trials()).hasSize(3);
    assertThat(study.trials().get(2).params()).containsEntry("x", 3);
  }

  @Test
  void enqueuedTrialsTakeNoGridPoint() {
    Study study = Study.builder().sampler(GridSampler.of(Map.of("x", List.of(1, 2, 3)))).build();
    study.optimize(trial -> trial.suggestInt("x", 0, 10), 1);
    study.enqueueTrial(Map.of("x", 7));
    study.optimize(trial -> trial.suggestInt("x", 0, 10), 10);
    assertThat(study.trials()).extracting(t -> t.param("x")).containsExactly(1, 7, 2, 3);
  }

  /**
   * An enqueued trial that leaves a grid parameter open fails naming it, as in Optuna, instead of
   * taking the point of the grid trial numbered next (evaluated twice) or failing as if the grid
   * were used up; the grid itself goes on.
   */
  @Test
  void anEnqueuedTrialMustFixEveryGridParameter() {
    Study study = Study.builder().sampler(GridSampler.of(Map.of("x", List.of(1, 2),
        "y", List.of(10, 20)))).build();
    Objective objective = t -> t.suggestInt("x", 0, 5) + t.suggestInt("y", 0, 50);
    study.optimize(objective, 1);
    study.enqueueTrial(Map.of("x", 1));
    study.optimize(objective, 10);
    FrozenTrial partial = study.trials().get(1);
    assertThat(partial.state()).isEqualTo(TrialState.FAIL);
    assertThat(partial.systemAttrs().get(FrozenTrial.FAIL_REASON).toString())
        .contains("trial 1 was enqueued with {x=1} and no value for grid parameter 'y'");
    assertThat(study.trials(TrialState.COMPLETE)).extracting(FrozenTrial::params)
        .containsExactlyInAnyOrder(Map.of("x", 1, "y", 10), Map.of("x", 1, "y", 20),
            Map.of("x", 2, "y", 10), Map.of("x", 2, "y", 20));
  }

  /** A retry of a grid trial that died mid-suggestion completes that trial's own point. */
  @Test
  void aRetryOfADeadGridTrialCompletesItsPoint() {
    dev.jtune.storage.InMemoryStorage storage = new dev.jtune.storage.InMemoryStorage();
    Study study = Study.builder().name("g").storage(storage).sampler(GridSampler.of(
        Map.of("x", List.of(1, 2), "y", List.of(10, 20)))).build();
    Objective objective = t -> t.suggestInt("x", 0, 5) + t.suggestInt("y", 0, 50);
    study.optimize(objective, 1);                         // (1, 10)
    // trial 1, point (1, 20), dies after suggesting x: its worker is gone
    Trial dying = study.ask();
    dying.suggestInt("x", 0, 5);
    storage.setTrialState(storage.trials(study.id()).get(1).id(), TrialState.FAIL, List.of());
    new dev.jtune.storage.RetryFailedTrialCallback(1).afterStaleTrialFailed(storage, study.id(),
        storage.trials(study.id()).get(1));
    study.optimize(objective, 10);
    assertThat(study.trials(TrialState.COMPLETE)).extracting(FrozenTrial::params)
        .containsExactlyInAnyOrder(Map.of("x", 1, "y", 10), Map.of("x", 1, "y", 20),
            Map.of("x", 2, "y", 10), Map.of("x", 2, "y", 20));
  }

  @Test
  void shuffledOrderIsReproducibleAndStillExhaustive() {
    List<Object> first = order(GridSampler.shuffled(grid(), 3));
    assertThat(order(GridSampler.shuffled(grid(), 3))).isEqualTo(first);
    assertThat(order(GridSampler.shuffled(grid(), 4))).isNotEqualTo(first)
        .containsExactlyInAnyOrderElementsOf(first);
    assertThat(order(GridSampler.of(grid()))).containsExactlyInAnyOrderElementsOf(first);
  }

  private static List<Object> order(GridSampler sampler) {
    List<Object> points = new ArrayList<>();
    for (long i = 0; i < sampler.size(); i++) {
      points.add(sampler.point(i));
    }
    return points;
  }

  @Test
  void rowMajorOrderVariesTheLastParameterFastest() {
    GridSampler sampler = GridSampler.of(grid());
    assertThat(sampler.point(0)).containsExactly(Map.entry("lr", 1e-3), Map.entry("units", 32),
        Map.entry("activation", "relu"), Map.entry("batchNorm", false));
    assertThat(sampler.point(1)).containsEntry("batchNorm", true).containsEntry("activation", "relu");
    assertThat(sampler.point(71)).containsEntry("lr", 1e-1).containsEntry("units", 256);
  }

  @Test
  void enumeratesAFiniteDeclaredSpace() {
    SearchSpace space = SearchSpace.builder().intRange("units", 16, 64, 16).stepped("dropout", 0, 0.5, 0.25)
        .choice("opt", "sgd", "adam").fixed("epochs", 3).build();
    GridSampler sampler = GridSampler.over(space);
    assertThat(sampler.size()).isEqualTo(4 * 3 * 2);
    Study study = Study.builder().sampler(sampler).build();
    study.optimize(trial -> {
      trial.suggestAll(space);
      return 0;
    }, 100);
    assertThat(study.trials()).hasSize(24).allMatch(t -> t.state() == TrialState.COMPLETE);
    assertThat(study.trials()).extracting(t -> t.param("dropout")).containsOnly(0.0, 0.25, 0.5);
    assertThatThrownBy(() -> GridSampler.over(SearchSpace.builder().uniform("lr", 0, 1).build()))
        .hasMessageContaining("parameter 'lr' is a continuous float[0.0, 1.0]");
  }

  @Test
  void rejectsEmptyGridsAndUnknownParameters() {
    assertThatThrownBy(() -> GridSampler.of(Map.of())).hasMessageContaining("at least one parameter");
    assertThatThrownBy(() -> GridSampler.of(Map.of("x", List.of())))
        .hasMessageContaining("grid parameter 'x' needs at least one value");
    Study study = Study.builder().sampler(GridSampler.of(Map.of("x", List.of(1)))).build();
    study.optimize(trial -> trial.suggestInt("y", 0, 1), 1);
    assertThat((String) study.trials().get(0).systemAttrs().get(FrozenTrial.FAIL_REASON))
        .contains("parameter 'y' is not in the grid [x]");
  }
}
