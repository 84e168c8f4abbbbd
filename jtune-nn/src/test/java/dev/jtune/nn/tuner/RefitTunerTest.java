package dev.jtune.nn.tuner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jtune.nn.data.LabeledData;
import dev.jtune.nn.data.Standardizer;
import dev.jtune.nn.data.SyntheticClassification;
import dev.jtune.nn.train.Metric;
import dev.jtune.nn.train.TrainedNetwork;
import dev.jtune.trial.FrozenTrial;
import dev.jtune.trial.TrialState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The refit of a search's best trial on rows none of which are held out: automatic after a
 * cross-validated search, {@link Tuner#refitBest} after a holdout one (population searches:
 * {@link PopulationTunerTest}).
 */
class RefitTunerTest {

  @TempDir Path dir;

  private static final dev.jtune.nn.model.MlpHyperModel SMALL = TunerTest.SMALL;

  private static LabeledData standardized(int rows, int features, long seed) {
    return TunerTest.standardized(rows, features, seed);
  }

  @Test
  void crossValidationAveragesFoldsAndRefitsTheBestOnEveryRow() throws Exception {
    LabeledData all = SyntheticClassification.of(240, 6, 2, 5).generate();
    LabeledData data = Standardizer.fit(all).apply(all);
    try (Tuner tuner = Tuner.builder().hyperModel(SMALL).objective("val_loss").maxTrials(2)
        .directory(dir).projectName("cv").seed(1).build()) {
      tuner.searchCrossValidated(data, 3, 2);
      var trials = tuner.study().trials(TrialState.COMPLETE);
      assertThat(trials).hasSize(2);
      assertThat(trials.get(0).intermediateValues()).hasSize(6);
      assertThat(trials.get(0).value()).isPositive();

      // The best trial was refitted on all 240 rows; bestModels returns the refit for it and
      // the first fold's network for the other.
      var best = tuner.bestTrials(2);
      Map<?, ?> refit = (Map<?, ?>) tuner.study().userAttrs().get(BestRefit.ATTR);
      assertThat(((Number) refit.get("trial")).intValue()).isEqualTo(best.get(0).number());
      assertThat(((Number) refit.get("rows")).intValue()).isEqualTo(240);
      Path refitFile = dir.resolve("cv").resolve(refit.get("weights").toString());
      assertThat(refitFile).exists().hasFileName("refit.params");
      Path otherFile = dir.resolve("cv")
          .resolve(best.get(1).userAttrs().get("weights").toString());
      List<TrainedNetwork> models = tuner.bestModels(2);
      try {
        assertThat(models.get(0).weights()).isEqualTo(Files.readAllBytes(refitFile));
        assertThat(models.get(1).weights()).isEqualTo(Files.readAllBytes(otherFile));
      } finally {
        models.forEach(TrainedNetwork::close);
      }
      assertThat(tuner.resultsSummary()).contains("Refit: trial " + best.get(0).number()
          + " retrained on all 240 rows");

      // A resumed search that finds nothing to do keeps the refit as it is...
      long modified = Files.getLastModifiedTime(refitFile).toMillis();
      tuner.searchCrossValidated(data, 3, 2);
      assertThat(Files.getLastModifiedTime(refitFile).toMillis()).isEqualTo(modified);
      // ...and makes it again if it is missing.
      byte[] refitBytes = Files.readAllBytes(refitFile);
      Files.delete(refitFile);
      tuner.searchCrossValidated(data, 3, 2);
      assertThat(refitFile).exists();
      assertThat(Files.readAllBytes(refitFile)).isEqualTo(refitBytes); // same seed, same refit
      assertThat(tuner.study().trials(TrialState.COMPLETE)).hasSize(2);
    }
  }

  /**
   * After a holdout search the best trial is refitted on the training and validation rows for its
   * best epoch count, recorded, and returned by bestModels; nothing before any trial completed.
   */
  @Test
  void refitBestTrainsTheBestConfigurationForItsBestEpochCountOnTheRowsGiven() throws Exception {
    LabeledData data = standardized(200, 6, 3);
    try (Tuner tuner = Tuner.builder().hyperModel(SMALL).maxTrials(3).directory(dir)
        .projectName("holdout").seed(2).build()) {
      assertThatThrownBy(() -> tuner.refitBest(data)).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("project holdout has no complete trial");
      tuner.search(data, 4, 0.25);
      FrozenTrial best = tuner.bestTrials(1).get(0);
      byte[] own;
      try (TrainedNetwork net = tuner.bestModels(1).get(0)) {
        own = net.weights();
      }
      byte[] refitted;
      try (TrainedNetwork net = tuner.refitBest(data)) {
        refitted = net.weights();
        assertThat(net.evaluate(data).get(Metric.ACCURACY)).isGreaterThan(0.7);
      }
      assertThat(refitted).isNotEqualTo(own);
      @SuppressWarnings("unchecked")
      Map<String, Object> refit = (Map<String, Object>) tuner.study().userAttrs()
          .get(BestRefit.ATTR);
      int bestEpoch = ((Number) best.userAttrs().get("best_epoch")).intValue();
      assertThat(refit).containsEntry("trial", best.number()).containsEntry("rows", 200)
          .containsEntry("epochs", bestEpoch).containsEntry("kind", "best-epochs");
      assertThat(dir.resolve("holdout").resolve(refit.get("weights").toString()))
          .hasFileName("refit.params");
      assertThat(tuner.resultsSummary()).contains("Refit: trial " + best.number()
          + " retrained on all 200 rows for " + bestEpoch + " epochs (its best epoch count)");
      try (TrainedNetwork net = tuner.bestModels(1).get(0)) {
        assertThat(net.weights()).isEqualTo(refitted);
      }
      // the same seed: a second refit on the same rows is the same network
      try (TrainedNetwork net = tuner.refitBest(data)) {
        assertThat(net.weights()).isEqualTo(refitted);
      }
      // a refit of a trial that is no longer the best says so
      java.util.Map<String, Object> other = new java.util.HashMap<>(refit);
      other.put("trial", best.number() + 100);
      tuner.study().setUserAttr(BestRefit.ATTR, other);
      assertThat(tuner.resultsSummary()).contains("trial " + best.number() + " is best now, "
          + "without a refit");
    }
  }
}
