package dev.jtune.nn.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jtune.nn.model.FixedTrial;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OptimizerChoiceTest {

  private static final OptimizerChoice ALL = new OptimizerChoice(OptimizerChoice.ALL, 1e-4, 1, true);

  @Test
  void momentumExistsOnlyForMomentumOptimizers() {
    FixedTrial sgd = new FixedTrial(Map.of("optimizer", "sgd", "lr", 0.01));
    assertThat(ALL.suggest(sgd)).isEqualTo(new OptimizerSpec.Sgd(0.01));
    assertThat(sgd.params()).containsOnlyKeys("optimizer", "lr");

    FixedTrial nesterov = new FixedTrial(Map.of("optimizer", "nesterov", "lr", 0.01,
        "momentum", 0.8));
    assertThat(ALL.suggest(nesterov)).isEqualTo(new OptimizerSpec.Nesterov(0.01, 0.8));
    assertThat(nesterov.params()).containsOnlyKeys("optimizer", "lr", "momentum");

    FixedTrial adamw = new FixedTrial(Map.of("optimizer", "adamw", "lr", 0.01,
        "weight_decay", 1e-3));
    assertThat(ALL.suggest(adamw)).isEqualTo(OptimizerSpec.AdamW.of(0.01, 1e-3));
  }

  @Test
  void withoutExtrasKerasDefaultsAreUsed() {
    FixedTrial rms = new FixedTrial(Map.of("optimizer", "rmsprop", "lr", 0.01));
    assertThat(ALL.withTunedExtras(false).suggest(rms)).isEqualTo(OptimizerSpec.RmsProp.of(0.01));
    assertThat(rms.params()).containsOnlyKeys("optimizer", "lr");
  }

  @Test
  void rejectsUnknownNamesAndBadRanges() {
    assertThatThrownBy(() -> OptimizerChoice.of(1e-3, 1e-1, "lion"))
        .hasMessageContaining("unknown optimizer 'lion'");
    assertThatThrownBy(() -> OptimizerChoice.of(1e-1, 1e-3, "sgd"))
        .hasMessageContaining("lrLow=0.1");
    OptimizerChoice.of(1e-2, 1e-2, "sgd");   // equal bounds: a fixed rate
    assertThatThrownBy(() -> new OptimizerSpec.Momentum(0.1, 1.0))
        .hasMessageContaining("momentum=1.0");
  }
}
