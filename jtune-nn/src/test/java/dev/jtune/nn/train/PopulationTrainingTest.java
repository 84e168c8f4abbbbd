package dev.jtune.nn.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jtune.nn.data.LabeledData;
import dev.jtune.nn.data.Split;
import dev.jtune.nn.data.SyntheticClassification;
import dev.jtune.nn.model.MlpHyperModel;
import dev.jtune.nn.optim.OptimizerChoice;
import dev.jtune.sampler.RandomSampler;
import dev.jtune.sampler.pbt.PopulationBasedSampler;
import dev.jtune.sampler.pbt.Segment;
import dev.jtune.study.Study;
import dev.jtune.study.StudyDirection;
import dev.jtune.trial.FrozenTrial;
import dev.jtune.trial.TrialState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A population of small MLPs trained interval by interval from their checkpoints. */
class PopulationTrainingTest {

  @TempDir Path dir;

  private static final MlpHyperModel MODEL = MlpHyperModel.seedExample().withLayers(1, 2, 8, 16)
      .withOptimizers(OptimizerChoice.of(1e-3, 1e-1, "adam", "momentum")).withBatchSizes(32);

  private static Split data() {
    LabeledData all = SyntheticClassification.of(300, 8, 2, 5).withDifficulty(1.0, 1, 0)
        .generate();
    return FitLoopTest.standardized(all);
  }

  @Test
  void eachIntervalGoesOnFromItsParentsCheckpointAndObsoleteOnesAreDeleted() throws IOException {
    Split split = data();
    CheckpointStore store = new CheckpointStore(dir.resolve("ckpt"));
    Study study = Study.builder().name("pbt").direction(StudyDirection.MAXIMIZE)
        .sampler(new PopulationBasedSampler(4, 3)).build();
    try (TrainingObjective objective = TrainingObjective.holdout(MODEL, split.train(),
        split.held(), 2, Metric.ACCURACY, 1).withPopulation(store)) {
      study.optimize(objective, 16);
    }
    assertThat(study.trials(TrialState.COMPLETE)).hasSize(16);
    Set<Integer> obsolete = new HashSet<>();
    boolean exploited = false;
    for (FrozenTrial t : study.trials()) {
      Segment s = Segment.of(t.systemAttrs()).orElseThrow();
      obsolete.addAll(s.obsolete());
      int epochs = ((Number) t.userAttrs().get("epochs")).intValue();
      if (s.parent().isEmpty()) {
        assertThat(epochs).isEqualTo(2);
        assertThat(t.intermediateValues().keySet()).containsExactly(1, 2);
        continue;
      }
      FrozenTrial parent = study.trials().get(s.parent().getAsInt());
      int before = ((Number) parent.userAttrs().get("epochs")).intValue();
      // two epochs more than the parent, reported at the member's own steps
      assertThat(epochs).isEqualTo(before + 2);
      assertThat(t.intermediateValues().keySet()).containsExactly(before + 1, before + 2);
      // the network's shape is the parent's; only the real-valued parameters may move
      for (String name : List.of("n_layers", "units_l0", "optimizer", "activation")) {
        assertThat(t.params().get(name)).isEqualTo(parent.params().get(name));
      }
      if (!s.exploited()) {
        assertThat(t.params()).isEqualTo(parent.params());
      }
      exploited |= s.exploited();
    }
    assertThat(exploited).isTrue();
    // what is left on disk is exactly the checkpoints no trial named obsolete
    Set<Integer> onDisk = new HashSet<>();
    try (Stream<Path> files = Files.list(store.directory())) {
      files.forEach(f -> onDisk.add(Integer.parseInt(f.getFileName().toString()
          .replace("trial-", "").replace(".ckpt", ""))));
    }
    Set<Integer> expected = new HashSet<>();
    study.trials().forEach(t -> expected.add(t.number()));
    expected.removeAll(obsolete);
    assertThat(onDisk).isEqualTo(expected);
    assertThat(obsolete).isNotEmpty();
    // each checkpoint counts the member's epochs and the optimizer's steps in all
    FrozenTrial last = study.trials().get(15);
    Checkpoint c = store.load(15);
    assertThat(c.epochs()).isEqualTo(((Number) last.userAttrs().get("epochs")).intValue());
    assertThat(c.optimizer().updates()).isEqualTo(c.epochs() * (int) Math.ceil(
        split.train().rows() / 32.0));
  }

  /** Going on from a checkpoint keeps what was learnt: a fresh network's first epoch is worse. */
  @Test
  void aContinuedNetworkStartsWhereItsParentStopped() {
    Split split = data();
    dev.jtune.nn.model.Task task = dev.jtune.nn.model.Task.of(split.train());
    TrainingPlan plan = TrainingPlan.of(dev.jtune.nn.optim.OptimizerSpec.Adam.of(0.01), 32);
    FitResult first = new FitLoop(task, plan, 6, Metric.LOSS, 1).startingFrom(null)
        .fit(network(task), split.train(), split.held(), List.of());
    FitResult next = new FitLoop(task, plan, 1, Metric.LOSS, 2)
        .startingFrom(first.checkpoint())
        .fit(network(task), split.train(), split.held(), List.of());
    double ended = first.history().get(5).validation().get(Metric.LOSS);
    double fresh = first.history().get(0).validation().get(Metric.LOSS);
    double resumed = next.history().get(0).validation().get(Metric.LOSS);
    // one more epoch from the checkpoint: at most a little worse than where the first fit ended
    // (a seventh epoch usually improves it), far from a new network's first epoch
    assertThat(resumed).isLessThan(1.1 * ended).isLessThan(0.5 * fresh);
    assertThat(next.checkpoint().epochs()).isEqualTo(7);
    assertThat(Checkpoint.fromBytes(next.checkpoint().toBytes(), "x").optimizer().updates())
        .isEqualTo(next.checkpoint().optimizer().updates());
  }

  private static ai.djl.nn.Block network(dev.jtune.nn.model.Task task) {
    return MlpHyperModel.network(task, new int[] {16}, dev.jtune.nn.model.Activation.RELU, 0,
        false);
  }

  @Test
  void aStudyWithoutAPopulationSamplerFailsItsTrialsSayingWhy() {
    Split split = data();
    Study study = Study.builder().name("plain").direction(StudyDirection.MAXIMIZE)
        .sampler(new RandomSampler(1)).build();
    try (TrainingObjective objective = TrainingObjective.holdout(MODEL, split.train(),
        split.held(), 1, Metric.ACCURACY, 1).withPopulation(new CheckpointStore(dir))) {
      study.optimize(objective, 1);
    }
    assertThat(study.trials().get(0).systemAttrs().get(FrozenTrial.FAIL_REASON).toString())
        .contains("needs a study whose sampler is a PopulationBasedSampler");
  }

  @Test
  void aDamagedCheckpointIsRefusedNamingTheFile() throws IOException {
    CheckpointStore store = new CheckpointStore(dir);
    Files.write(store.file(3), new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.load(3))
        .hasMessageContaining("trial-3.ckpt").hasMessageContaining("not a jtune checkpoint");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.load(4))
        .hasMessageContaining("no checkpoint of trial 4");
  }

  /** A checkpoint with one flipped bit, or with a length beyond its bytes, is refused by name. */
  @Test
  void aFlippedBitOrAnImpossibleLengthIsRefusedNamingTheSource() {
    Checkpoint c = new Checkpoint(new byte[] {1, 2, 3, 4, 5}, new dev.jtune.nn.optim
        .OptimizerState("Adam", 7, List.of(new float[] {1f, 2f}, new float[] {3f})), 4);
    byte[] bytes = c.toBytes();
    Checkpoint back = Checkpoint.fromBytes(bytes, "x.ckpt");
    assertThat(back.weights()).containsExactly(1, 2, 3, 4, 5);
    assertThat(back.optimizer().tensors().get(0)).containsExactly(1f, 2f);
    assertThat(back.epochs()).isEqualTo(4);
    for (int bit = 0; bit < (bytes.length - 8) * 8; bit += 7) {
      byte[] flipped = bytes.clone();
      flipped[bit / 8] ^= (byte) (1 << (bit % 8));
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> Checkpoint.fromBytes(flipped,
          "x.ckpt")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x.ckpt");
    }
    // a tensor count of 2^30 with a checksum that matches: refused before any allocation
    java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(bytes.clone());
    int countAt = 4 * 4 + 5 + 2 + "Adam".length() + 4;
    b.putInt(countAt, 1 << 30);
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(b.array(), 0, bytes.length - 8);
    b.putLong(bytes.length - 8, crc.getValue());
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Checkpoint.fromBytes(b.array(),
        "y.ckpt")).hasMessageContaining("y.ckpt is damaged: a length of 1073741824");
  }
}
