package dev.jtune.nn.tuner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jtune.nn.data.LabeledData;
import dev.jtune.nn.data.Split;
import dev.jtune.nn.data.Splitter;
import dev.jtune.nn.train.Metric;
import dev.jtune.nn.train.TrainedNetwork;
import dev.jtune.pruner.Pruner;
import dev.jtune.trial.TrialState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Tuner#populationBasedTraining} end to end on a small synthetic problem. */
class PopulationTunerTest {

  @TempDir Path dir;

  /**
   * Population-based training through the facade: members go on from checkpoints in the project,
   * the best model loads and beats chance on held-out rows, and a second search of the project
   * goes on from where the members stood.
   */
  @Test
  void populationBasedTrainingGoesOnFromTheProjectsCheckpoints() throws Exception {
    LabeledData all = TunerTest.standardized(400, 8, 6);
    Split split = Splitter.stratified(2).trainTest(all, 0.25);
    try (Tuner tuner = Tuner.populationBasedTraining(4).hyperModel(TunerTest.SMALL).maxTrials(12)
        .directory(dir).projectName("pbt").seed(3).jobs(2).build()) {
      tuner.search(split.train(), 2, 0.2);
      assertThat(tuner.study().trials(TrialState.COMPLETE)).hasSize(12);
      try (TrainedNetwork best = tuner.bestModels(1).get(0)) {
        assertThat(best.evaluate(split.held()).get(Metric.ACCURACY)).isGreaterThan(0.7);
      }
      assertThat(Files.list(dir.resolve("pbt").resolve(PopulationSearch.CHECKPOINTS)).count())
          .isBetween(4L, 11L);
    }
    try (Tuner again = Tuner.populationBasedTraining(4).hyperModel(TunerTest.SMALL).maxTrials(16)
        .directory(dir).projectName("pbt").seed(3).build()) {
      again.search(split.train(), 2, 0.2);
      List<dev.jtune.trial.FrozenTrial> trials = again.study().trials();
      assertThat(trials).hasSize(16).allMatch(t -> t.state() == TrialState.COMPLETE);
      for (dev.jtune.trial.FrozenTrial t : trials.subList(12, 16)) {
        // the fourth interval of each member: 8 epochs in all, from the first search's states
        assertThat(t.userAttrs().get("epochs")).isEqualTo(8);
        assertThat(dev.jtune.sampler.pbt.Segment.of(t.systemAttrs()).orElseThrow().parent()
            .getAsInt()).isLessThan(12);
      }
    }
  }

  /**
   * The best member's schedule, refitted on the training and validation rows together: recorded
   * in the project, so bestModels returns it here and in a later process.
   */
  @Test
  void theBestScheduleIsRefittedOnAllRowsAndBestModelsReturnsIt() throws Exception {
    LabeledData all = TunerTest.standardized(400, 8, 6);
    Split split = Splitter.stratified(2).trainTest(all, 0.25);
    double refitted;
    try (Tuner tuner = Tuner.populationBasedTraining(4).hyperModel(TunerTest.SMALL).maxTrials(12)
        .directory(dir).projectName("replay").seed(3).build()) {
      tuner.search(split.train(), 2, 0.2);
      dev.jtune.trial.FrozenTrial best = tuner.bestTrials(1).get(0);
      dev.jtune.nn.train.ScheduleReplay schedule = tuner.bestSchedule();
      assertThat(schedule.intervals().get(schedule.intervals().size() - 1).trial())
          .isEqualTo(best.number());
      assertThat(schedule.epochs()).isEqualTo(best.userAttrs().get("epochs"));
      double member;
      try (TrainedNetwork net = tuner.bestModels(1).get(0)) {
        member = net.evaluate(split.held()).get(Metric.LOSS);
      }
      try (TrainedNetwork net = tuner.refitBest(split.train())) {
        refitted = net.evaluate(split.held()).get(Metric.LOSS);
        assertThat(net.evaluate(split.held()).get(Metric.ACCURACY)).isGreaterThan(0.7);
        // the schedule trained afresh on all the rows given, with the search's seed
        assertThat(net.weights()).isEqualTo(schedule.train(TunerTest.SMALL, Metric.ACCURACY, 3,
            split.train(), null).weights());
      }
      assertThat(refitted).isNotEqualTo(member);
      assertThat(dir.resolve("replay").resolve("trial_" + best.number())
          .resolve("schedule_refit.params")).exists();
      assertThat(tuner.resultsSummary()).contains("Refit: trial " + best.number()
          + " retrained on all " + split.train().rows() + " rows for " + schedule.epochs()
          + " epochs (its population schedule)");
      assertThatThrownBy(() -> tuner.refitBest(TunerTest.standardized(50, 5, 1)))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("was searched on");
    }
    try (Tuner later = Tuner.populationBasedTraining(4).hyperModel(TunerTest.SMALL).maxTrials(12)
        .directory(dir).projectName("replay").seed(3).build();
        TrainedNetwork net = later.bestModels(1).get(0)) {
      assertThat(net.evaluate(split.held()).get(Metric.LOSS)).isEqualTo(refitted);
    }
    try (Tuner random = Tuner.randomSearch().hyperModel(TunerTest.SMALL).maxTrials(2)
        .directory(dir).projectName("random").seed(3).build()) {
      random.search(split.train(), 1, 0.2);
      assertThatThrownBy(random::bestSchedule).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("is no population member's interval");
    }
  }

  /** {@link Tuner#populationBasedBandits}: the same search, members exploring with the model. */
  @Test
  void populationBasedBanditsSearchAsPopulationBasedTrainingDoes() throws Exception {
    LabeledData all = TunerTest.standardized(400, 8, 6);
    Split split = Splitter.stratified(2).trainTest(all, 0.25);
    try (Tuner tuner = Tuner.populationBasedBandits(4).hyperModel(TunerTest.SMALL).maxTrials(16)
        .directory(dir).projectName("pb2").seed(3).jobs(2).build()) {
      tuner.search(split.train(), 1, 0.2);
      assertThat(tuner.study().sampler()).isInstanceOfSatisfying(
          dev.jtune.sampler.pbt.PopulationBasedSampler.class, s -> assertThat(
              s.config().exploration()).isEqualTo(
              dev.jtune.sampler.pbt.PopulationBasedConfig.Exploration.BANDIT));
      assertThat(tuner.study().trials(TrialState.COMPLETE)).hasSize(16);
      assertThat(tuner.study().trials()).anyMatch(t -> dev.jtune.sampler.pbt.Segment
          .of(t.systemAttrs()).orElseThrow().exploited());
      try (TrainedNetwork best = tuner.bestModels(1).get(0)) {
        assertThat(best.evaluate(split.held()).get(Metric.ACCURACY)).isGreaterThan(0.7);
      }
    }
    assertThatThrownBy(() -> Tuner.populationBasedBandits(1))
        .hasMessageContaining("populationSize=1");
  }

  @Test
  void populationBasedTrainingRefusesMoreJobsThanMembersAndCrossValidation() {
    LabeledData data = TunerTest.standardized(120, 5, 4);
    try (Tuner tuner = Tuner.populationBasedTraining(2).hyperModel(TunerTest.SMALL).maxTrials(4)
        .directory(dir).projectName("jobs").jobs(3).build()) {
      assertThatThrownBy(() -> tuner.search(data, 1, 0.2))
          .hasMessageContaining("jobs=3 exceeds the population of 2");
    }
    try (Tuner tuner = Tuner.populationBasedTraining(2).hyperModel(TunerTest.SMALL).maxTrials(4)
        .directory(dir).projectName("cv").build()) {
      assertThatThrownBy(() -> tuner.searchCrossValidated(data, 3, 1))
          .hasMessageContaining("search with a validation split");
    }
    try (Tuner tuner = Tuner.populationBasedTraining(2).hyperModel(TunerTest.SMALL).maxTrials(4)
        .pruner(Pruner.hyperband(dev.jtune.pruner.HyperbandConfig.of(1, 3))).directory(dir)
        .projectName("hb").build()) {
      assertThatThrownBy(() -> tuner.search(data, 3, 0.2))
          .hasMessageContaining("would split the population");
    }
    assertThatThrownBy(() -> Tuner.populationBasedTraining(1))
        .hasMessageContaining("populationSize=1");
  }
}
