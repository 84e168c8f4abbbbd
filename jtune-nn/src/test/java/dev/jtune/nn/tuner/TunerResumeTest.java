package dev.jtune.nn.tuner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jtune.nn.data.LabeledData;
import dev.jtune.nn.data.Standardizer;
import dev.jtune.nn.data.SyntheticClassification;
import dev.jtune.nn.model.MlpHyperModel;
import dev.jtune.nn.optim.OptimizerChoice;
import dev.jtune.nn.train.Metric;
import dev.jtune.nn.train.TrainedNetwork;
import dev.jtune.sampler.RandomSampler;
import dev.jtune.storage.RetryFailedTrialCallback;
import dev.jtune.trial.FrozenTrial;
import dev.jtune.trial.TrialState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tuner project survives its process being killed (SIGKILL) and resumes where it stopped; the
 * trial the kill cut off is failed once its heartbeat is stale and its parameters run again.
 */
class TunerResumeTest {

  @TempDir Path dir;

  static Tuner tuner(Path directory, int maxTrials) {
    return Tuner.builder()
        .hyperModel(MlpHyperModel.seedExample().withLayers(1, 2, 8, 16)
            .withOptimizers(OptimizerChoice.of(1e-3, 1e-1, "adam", "sgd")).withBatchSizes(32))
        .objective("val_accuracy").maxTrials(maxTrials).directory(directory).projectName("resume")
        .sampler(new RandomSampler(5)).seed(5)
        .heartbeat(Duration.ofMillis(200), Duration.ofSeconds(1)).build();
  }

  static LabeledData data() {
    LabeledData all = SyntheticClassification.of(300, 8, 2, 8).generate();
    return Standardizer.fit(all).apply(all);
  }

  @Test
  void aKilledSearchResumesFromItsStudyFile() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=error", TunerResumeChild.class.getName(),
        dir.toString()).redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile())
        .start();
    Path third = dir.resolve("resume/trial_2/weights.params");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    // kill once three trials are done and a later one is training (read from the study file)
    while (!(Files.exists(third) && runningTrialsAfter(dir, 2) > 0) && child.isAlive()
        && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(Files.exists(third)).as("child log: %s", Files.exists(dir.resolve("child.log"))
        ? Files.readString(dir.resolve("child.log")) : "none").isTrue();
    child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);

    int finishedBefore;
    List<FrozenTrial> cutOff;
    try (Tuner resumed = tuner(dir, 1000)) {
      finishedBefore = resumed.study().trials(TrialState.COMPLETE).size();
      cutOff = resumed.study().trials(TrialState.RUNNING);
    }
    assertThat(finishedBefore).isGreaterThanOrEqualTo(2);
    assertThat(cutOff).hasSize(1);
    Thread.sleep(1_200); // its last heartbeat is now older than the grace period

    try (Tuner resumed = tuner(dir, finishedBefore + 2)) {
      // the earlier process's best model loads before any search in this one
      try (TrainedNetwork early = resumed.bestModels(1).get(0)) {
        assertThat(early.evaluate(data()).get(Metric.ACCURACY)).isGreaterThan(0.5);
      }
      resumed.search(data(), 3, 0.2);
      List<FrozenTrial> complete = resumed.study().trials(TrialState.COMPLETE);
      assertThat(complete).hasSize(finishedBefore + 2);
      assertThat(complete).extracting(FrozenTrial::number).doesNotHaveDuplicates();
      // the cut-off trial was failed and its parameters ran again, in its place in the count (a
      // trial cut off while suggesting keeps the parameters it had; the retry draws the rest)
      assertThat(resumed.study().trials(TrialState.RUNNING)).isEmpty();
      for (FrozenTrial cut : cutOff) {
        FrozenTrial failed = resumed.study().trials().stream()
            .filter(t -> t.number() == cut.number()).findFirst().orElseThrow();
        assertThat(failed.state()).isEqualTo(TrialState.FAIL);
        assertThat(complete).filteredOn(t -> RetryFailedTrialCallback.retriedTrialNumber(t)
            .orElse(-1) == cut.number()).singleElement()
            .satisfies(retry -> assertThat(retry.params()).containsAllEntriesOf(cut.params()));
      }
    }
    // maxTrials is reached: a third run finds nothing to do
    try (Tuner again = tuner(dir, finishedBefore + 2)) {
      int trials = again.study().trials().size();
      again.search(data(), 3, 0.2);
      assertThat(again.study().trials()).hasSize(trials);
    }
  }

  /**
   * RUNNING trials numbered above {@code number} that have reported no epoch yet, in the project's
   * study file, read with plain JDBC (no heartbeat, no writes).
   */
  private static int runningTrialsAfter(Path directory, int number) throws Exception {
    Path db = directory.resolve("resume/study.db");
    if (!Files.exists(db)) {
      return 0;
    }
    try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + db);
        java.sql.Statement st = c.createStatement();
        java.sql.ResultSet rs = st.executeQuery(
            "SELECT count(*) FROM trials t WHERE state = 'RUNNING' AND number > " + number
                // none of its 3 epochs reported yet: it still has most of its training ahead,
                // so the kill that follows lands while it runs (a trial seen at its last epoch
                // could finish before the kill, leaving nothing cut off)
                + " AND NOT EXISTS (SELECT 1 FROM trial_intermediate_values v"
                + " WHERE v.trial_id = t.trial_id)")) {
      return rs.next() ? rs.getInt(1) : 0;
    } catch (java.sql.SQLException e) {
      return 0; // the child is creating the schema, or holds a write lock: ask again
    }
  }
}
