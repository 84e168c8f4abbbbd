package dev.jtune.nn.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jtune.nn.data.LabeledData;
import dev.jtune.nn.data.Split;
import dev.jtune.nn.data.SyntheticClassification;
import dev.jtune.nn.model.MlpHyperModel;
import dev.jtune.nn.optim.OptimizerChoice;
import dev.jtune.sampler.pbt.Lineage;
import dev.jtune.sampler.pbt.PopulationBasedSampler;
import dev.jtune.sampler.pbt.Segment;
import dev.jtune.study.Study;
import dev.jtune.study.StudyDirection;
import dev.jtune.trial.FrozenTrial;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A population member's schedule, trained again from scratch. */
class ScheduleReplayTest {

  /** Dropout is tuned, so a replayed interval rebuilds its network with the interval's rate. */
  private static final MlpHyperModel MODEL = MlpHyperModel.seedExample().withLayers(1, 2, 8, 16)
      .withOptimizers(OptimizerChoice.of(1e-3, 1e-1, "adam", "momentum")).withBatchSizes(32)
      .withRegularization(0.3, false);

  @TempDir static Path dir;
  private static Split split;
  private static Study study;
  private static CheckpointStore store;

  @BeforeAll
  static void searchAPopulation() {
    LabeledData all = SyntheticClassification.of(300, 8, 2, 5).withDifficulty(1.0, 1, 0)
        .generate();
    split = FitLoopTest.standardized(all);
    store = new CheckpointStore(dir.resolve("ckpt"));
    study = Study.builder().name("pbt").direction(StudyDirection.MAXIMIZE)
        .sampler(new PopulationBasedSampler(4, 3)).build();
    try (TrainingObjective objective = TrainingObjective.holdout(MODEL, split.train(),
        split.held(), 2, Metric.ACCURACY, 1).withPopulation(store)) {
      study.optimize(objective, 20);
    }
  }

  /** The last trial of a lineage that copied another member's network, with a checkpoint. */
  private static FrozenTrial copiedTrial() {
    for (int n = study.trials().size() - 1; n >= 0; n--) {
      FrozenTrial t = study.trials().get(n);
      Lineage lineage = Lineage.of(t, study.trials()).orElseThrow();
      boolean copied = lineage.trials().stream().anyMatch(x ->
          Segment.of(x.systemAttrs()).orElseThrow().exploited());
      if (copied && lineage.trials().size() >= 3 && store.contains(t.number())) {
        return t;
      }
    }
    throw new AssertionError("no lineage copied a member in " + study.trials().size());
  }

  @Test
  void onTheSearchRowsItRemakesTheMembersNetworkExactly() {
    FrozenTrial last = copiedTrial();
    ScheduleReplay replay = ScheduleReplay.of(Lineage.of(last, study.trials()).orElseThrow(), 2);
    assertThat(replay.epochs()).isEqualTo(((Number) last.userAttrs().get("epochs")).intValue());
    FitResult fit = replay.train(MODEL, Metric.ACCURACY, 1, split.train(), split.held());
    // the same intervals, seeds and carried optimizer state as the members' trials: the same
    // network, byte for byte, and the value the trial scored
    assertThat(fit.weights()).isEqualTo(store.load(last.number()).weights());
    assertThat(fit.best().get(Metric.ACCURACY)).isEqualTo(last.value());
    assertThat(fit.history()).hasSize(replay.epochs());
    assertThat(fit.history().stream().map(EpochRecord::epoch).toList())
        .isEqualTo(java.util.stream.IntStream.rangeClosed(1, replay.epochs()).boxed().toList());
    assertThat(fit.checkpoint().epochs()).isEqualTo(replay.epochs());
  }

  @Test
  void itsIntervalsAreTheLineagesTrialsWithTheirParametersAndLengths() {
    FrozenTrial last = copiedTrial();
    Lineage lineage = Lineage.of(last, study.trials()).orElseThrow();
    ScheduleReplay replay = ScheduleReplay.of(lineage, 2);
    assertThat(replay.intervals()).extracting(ScheduleReplay.Interval::trial)
        .isEqualTo(lineage.trials().stream().map(FrozenTrial::number).toList());
    assertThat(replay.intervals()).allSatisfy(i -> assertThat(i.epochs()).isEqualTo(2));
    List<Object> expected = new ArrayList<>();
    for (Object rate : lineage.values("lr")) {
      expected.add(rate);
      expected.add(rate);
    }
    assertThat(replay.perEpoch("lr")).isEqualTo(expected);
    String shown = replay.toString();
    assertThat(shown.lines()).hasSize(lineage.trials().size());
    assertThat(shown.lines().findFirst().orElseThrow())
        .startsWith("epochs 1-2 (trial " + lineage.trials().get(0).number() + "): ")
        .contains("lr=");
  }

  @Test
  void withoutValidationRowsItTrainsTheScheduleJudgedOnItsTrainingRows() {
    FrozenTrial last = copiedTrial();
    ScheduleReplay replay = ScheduleReplay.of(Lineage.of(last, study.trials()).orElseThrow(), 2);
    LabeledData both = split.train().append(split.held());
    FitResult fit = replay.train(MODEL, Metric.ACCURACY, 1, both, null);
    assertThat(fit.history()).hasSize(replay.epochs());
    // judged on the rows it learnt from: well above chance on an easy problem
    assertThat(fit.best().get(Metric.ACCURACY)).isGreaterThan(0.8);
    assertThat(fit.weights()).isNotEqualTo(store.load(last.number()).weights());
  }

  @Test
  void aLineageCutShortByAMissingParentIsRefusedNamingIt() {
    FrozenTrial last = copiedTrial();
    int parent = Segment.of(last.systemAttrs()).orElseThrow().parent().getAsInt();
    Lineage cut = Lineage.of(last, List.of(last)).orElseThrow();
    assertThatThrownBy(() -> ScheduleReplay.of(cut, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("starts at trial " + last.number())
        .hasMessageContaining("continues trial " + parent + ", missing from the study");
  }

  @Test
  void epochAttributesThatDoNotGrowAlongTheLineageAreRefusedNamingThem() {
    Study s = Study.builder().direction(StudyDirection.MAXIMIZE).build();
    FrozenTrial first = s.addTrial(member(new Segment(0, 0, java.util.OptionalInt.empty(), false),
        2));
    FrozenTrial second = s.addTrial(member(new Segment(0, 1, java.util.OptionalInt.of(
        first.number()), false), 2));
    Lineage lineage = Lineage.of(second, s.trials()).orElseThrow();
    assertThatThrownBy(() -> ScheduleReplay.of(lineage, 2))
        .hasMessageContaining("trial 1 records epochs=2 in all, but the interval it continues "
            + "ended at epoch 2");
  }

  private static dev.jtune.storage.TrialTemplate member(Segment segment, int epochs) {
    return new dev.jtune.storage.TrialTemplate(dev.jtune.trial.TrialState.COMPLETE, List.of(0.5),
        java.util.Map.of(), java.util.Map.of(), new java.util.TreeMap<>(),
        java.util.Map.of("epochs", epochs), segment.attrs());
  }

  @Test
  void anIntervalOfNoEpochsIsRefused() {
    assertThatThrownBy(() -> new ScheduleReplay.Interval(3, java.util.Map.of(), 0))
        .hasMessageContaining("interval of trial 3: epochs=0 must be >= 1");
    assertThatThrownBy(() -> new ScheduleReplay(List.of()))
        .hasMessageContaining("at least one interval");
  }
}
