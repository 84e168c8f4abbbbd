package dev.jtune.nn.tuner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.jtune.nn.data.LabeledData;
import dev.jtune.nn.data.Split;
import dev.jtune.nn.train.Metric;
import dev.jtune.nn.train.TrainedNetwork;
import dev.jtune.study.StudyDirection;
import dev.jtune.trial.FrozenTrial;
import dev.jtune.trial.TrialState;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link TunerBuilder#objectives}: a tuner that searches a Pareto front. */
class MultiObjectiveTunerTest {

  @TempDir Path dir;

  private static boolean dominates(FrozenTrial a, FrozenTrial b) {
    double accA = a.values().get(0);
    double accB = b.values().get(0);
    double sizeA = a.values().get(1);
    double sizeB = b.values().get(1);
    return accA >= accB && sizeA <= sizeB && (accA > accB || sizeA < sizeB);
  }

  /**
   * Accuracy against size: the best trials are the Pareto front, most accurate first, their
   * networks load, and the summary names both objectives.
   */
  @Test
  void accuracyAgainstSizeGivesTheParetoFrontAsTheBestTrials() throws Exception {
    LabeledData data = TunerTest.standardized(200, 6, 5);
    try (Tuner tuner = Tuner.builder().hyperModel(TunerTest.SMALL).maxTrials(8).seed(2)
        .objectives("val_accuracy", "parameters").directory(dir).projectName("front").build()) {
      tuner.search(data, 2, 0.25);
      assertThat(tuner.study().directions())
          .containsExactly(StudyDirection.MAXIMIZE, StudyDirection.MINIMIZE);
      List<FrozenTrial> complete = tuner.study().trials(TrialState.COMPLETE);
      assertThat(complete).hasSize(8);
      for (FrozenTrial t : complete) {
        assertThat(t.values().get(1)).isEqualTo(((Number) t.userAttrs().get("parameters"))
            .doubleValue());
      }
      List<FrozenTrial> front = tuner.bestTrials(100);
      assertThat(front).isNotEmpty();
      for (FrozenTrial f : front) {
        assertThat(complete).noneMatch(other -> dominates(other, f));
      }
      assertThat(complete).filteredOn(t -> !front.contains(t))
          .allMatch(t -> front.stream().anyMatch(f -> dominates(f, t)));
      for (int i = 1; i < front.size(); i++) {
        assertThat(front.get(i).values().get(0)).isLessThanOrEqualTo(
            front.get(i - 1).values().get(0));
      }
      Split split = Split.lastFraction(data, 0.25);
      try (TrainedNetwork best = tuner.bestModels(1).get(0)) {
        assertThat(best.evaluate(split.held()).get(Metric.ACCURACY))
            .isCloseTo(front.get(0).values().get(0), org.assertj.core.data.Offset.offset(1e-6));
      }
      assertThat(tuner.resultsSummary())
          .contains("Objectives: val_accuracy (maximize), parameters (minimize)")
          .contains("val_accuracy").contains("parameters").doesNotContain("values_1");
    }
    // resumed with one objective: its trials' values would not compare
    assertThatThrownBy(() -> Tuner.builder().hyperModel(TunerTest.SMALL).directory(dir)
        .projectName("front").build()).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("objective accuracy and [parameters] [maximize, minimize]");
  }

  @Test
  void whatComparesOneObjectiveIsRefused() {
    LabeledData data = TunerTest.standardized(120, 5, 4);
    assertThatThrownBy(() -> Tuner.hyperband(3).hyperModel(TunerTest.SMALL).maxTrials(2)
        .objectives("val_accuracy", "parameters").directory(dir).projectName("p").build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pruner")
        .hasMessageContaining("by one direction");
    try (Tuner population = Tuner.populationBasedTraining(2).hyperModel(TunerTest.SMALL)
        .maxTrials(2).objectives("val_accuracy", "val_loss").directory(dir).projectName("q")
        .build()) {
      assertThatThrownBy(() -> population.search(data, 1, 0.2))
          .hasMessageContaining("population-based training ranks members");
    }
    try (Tuner terminated = Tuner.builder().hyperModel(TunerTest.SMALL).maxTrials(2)
        .objectives("val_accuracy", "parameters")
        .terminator(dev.jtune.terminator.Terminator.stagnation(3)).directory(dir)
        .projectName("t").build()) {
      assertThatThrownBy(() -> terminated.search(data, 1, 0.2))
          .hasMessageContaining("the terminator judges a study by one objective");
    }
    assertThatThrownBy(() -> Tuner.builder().objectives("val_accuracy", "val_accuracy"))
        .hasMessageContaining("named twice");
    assertThatThrownBy(() -> Tuner.builder().objectives("val_accuracy", "latency"))
        .hasMessageContaining("unknown score 'latency'");
  }

  /**
   * A score the task does not compute is refused before the project records it: the corrected
   * tuner opens the project that no trial used.
   */
  @Test
  void inapplicableScoreDoesNotPoisonTheProject() {
    LabeledData data = TunerTest.standardized(120, 5, 4);
    try (Tuner t = Tuner.builder().hyperModel(TunerTest.SMALL).maxTrials(2)
        .objectives("val_accuracy", "val_mse").directory(dir).projectName("p").build()) {
      assertThatThrownBy(() -> t.search(data, 1, 0.25))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("val_mse");
      assertThat(t.study().trials()).isEmpty();
    }
    // same directions [maximize, minimize], no trial ever ran: should open
    Throwable thrown = catchThrowable(() -> Tuner.builder().hyperModel(TunerTest.SMALL)
        .maxTrials(2).objectives("val_accuracy", "parameters").directory(dir).projectName("p")
        .build().close());
    assertThat(thrown).as("corrected tuner on an empty project").isNull();
  }

  /** A project stored before tasks recorded their objective is refused without naming one. */
  @Test
  void olderTaskAttributeWithoutObjective() {
    try (Tuner t = Tuner.builder().hyperModel(TunerTest.SMALL).objective("val_accuracy")
        .directory(dir).projectName("old").build()) {
      t.study().setUserAttr(Tuner.TASK_ATTR, Map.of("kind", "BINARY",
          "input_shape", List.of(5), "classes", 2));
    }
    assertThatThrownBy(() -> Tuner.builder().hyperModel(TunerTest.SMALL).objective("val_loss")
        .directory(dir).projectName("old").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("objective null");
  }
}
