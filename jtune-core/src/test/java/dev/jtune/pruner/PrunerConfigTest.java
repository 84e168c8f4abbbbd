package dev.jtune.pruner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class PrunerConfigTest {

  @Test
  void badValuesAreNamed() {
    assertThatThrownBy(() -> PercentileConfig.of(101)).hasMessage(
        "percentile must be in [0, 100], got percentile=101.0");
    assertThatThrownBy(() -> PercentileConfig.of(Double.NaN)).hasMessageContaining("NaN");
    assertThatThrownBy(() -> PercentileConfig.median().withStartupTrials(-1))
        .hasMessageContaining("startupTrials=-1");
    assertThatThrownBy(() -> PercentileConfig.median().withWarmupSteps(-2))
        .hasMessageContaining("warmupSteps=-2");
    assertThatThrownBy(() -> PercentileConfig.median().withIntervalSteps(0))
        .hasMessageContaining("intervalSteps=0");
    assertThatThrownBy(() -> PercentileConfig.median().withMinTrials(0))
        .hasMessageContaining("minTrials=0");
    assertThatThrownBy(() -> SuccessiveHalvingConfig.defaults().withMinResource(0))
        .hasMessageContaining("minResource=0");
    assertThatThrownBy(() -> SuccessiveHalvingConfig.defaults().withReductionFactor(1))
        .hasMessageContaining("reductionFactor=1");
    assertThatThrownBy(() -> SuccessiveHalvingConfig.defaults().withMinEarlyStoppingRate(-1))
        .hasMessageContaining("minEarlyStoppingRate=-1");
    assertThatThrownBy(() -> SuccessiveHalvingConfig.defaults().withBootstrapCount(2))
        .hasMessageContaining("bootstrapCount=2 needs an explicit minResource");
    assertThatThrownBy(() -> SuccessiveHalvingConfig.defaults().withMinResource(4).withMaxResource(3))
        .hasMessage("maxResource must be >= minResource=4, got maxResource=3");
    assertThatThrownBy(() -> HyperbandConfig.of(10, 5))
        .hasMessage("maxResource must be >= minResource=10, got maxResource=5");
    assertThatThrownBy(() -> SuccessiveHalvingConfig.defaults().withMaxResource(0))
        .hasMessage("maxResource must be >= 1, got maxResource=0");   // no minResource was given
    assertThatThrownBy(() -> HyperbandConfig.defaults().withMinResource(0))
        .hasMessageContaining("minResource=0");
    assertThatThrownBy(() -> HyperbandConfig.defaults().withReductionFactor(1))
        .hasMessageContaining("reductionFactor=1");
    assertThatThrownBy(() -> HyperbandConfig.defaults().withBootstrapCount(1))
        .hasMessageContaining("bootstrapCount=1 needs an explicit maxResource");
    assertThatThrownBy(() -> ThresholdConfig.between(2, 1)).hasMessage("lower=2.0 must be <= upper=1.0");
    assertThatThrownBy(() -> ThresholdConfig.atMost(Double.NaN)).hasMessageContaining("upper=NaN");
    assertThatThrownBy(() -> ThresholdConfig.atMost(1).withIntervalSteps(0))
        .hasMessageContaining("intervalSteps=0");
    assertThatThrownBy(() -> new PatientConfig(-1, 0)).hasMessageContaining("patience=-1");
    assertThatThrownBy(() -> new PatientConfig(1, -0.5)).hasMessageContaining("minDelta=-0.5");
  }

  @Test
  void defaultsAreOptunas() {
    assertThat(PercentileConfig.median()).isEqualTo(new PercentileConfig(50, 5, 0, 1, 1));
    assertThat(SuccessiveHalvingConfig.defaults())
        .isEqualTo(new SuccessiveHalvingConfig(OptionalInt.empty(), OptionalInt.empty(), 4, 0, 0));
    assertThat(HyperbandConfig.defaults()).isEqualTo(new HyperbandConfig(1, OptionalInt.empty(), 3, 0));
    assertThat(Pruner.median().toString()).isEqualTo(
        "PercentilePruner[percentile=50.0, startupTrials=5, warmupSteps=0, intervalSteps=1, minTrials=1]");
    assertThat(Pruner.hyperband().toString()).isEqualTo(
        "HyperbandPruner(minResource=1, maxResource=auto, reductionFactor=3, bootstrapCount=0)");
  }

  @Test
  void decisionsCarryTheirAttributes() {
    PruneDecision d = PruneDecision.keep("why").withTrialAttrs(Map.of("a", 1));
    assertThat(d.prune()).isFalse();
    assertThat(d.trialAttrs()).containsEntry("a", 1);
    assertThat(PruneDecision.prune("x").withTrialAttrs(Map.of()).trialAttrs()).isEmpty();
  }

  /** Settings under which no rung could ever judge a trial are refused, naming the values. */
  @Test
  void configurationsThatCouldNeverPruneAreRefused() {
    assertThatThrownBy(() -> Pruner.successiveHalving(SuccessiveHalvingConfig.defaults()
        .withMinResource(1).withReductionFactor(4).withMinEarlyStoppingRate(2)
        .withMaxResource(10)))
        .hasMessageContaining("never prune").hasMessageContaining("1 * 4^2 = 16")
        .hasMessageContaining("maxResource=10");
    assertThatThrownBy(() -> Pruner.successiveHalving(SuccessiveHalvingConfig.defaults()
        .withMinResource(5).withMaxResource(5))).hasMessageContaining("5 * 4^0 = 5");
    assertThatThrownBy(() -> Pruner.hyperband(HyperbandConfig.of(5, 5)))
        .hasMessageContaining("never prune").hasMessageContaining("maxResource=5");
    // an automatic minimum resource is at least 1, so a maximum of 1 leaves nothing to judge
    assertThatThrownBy(() -> Pruner.successiveHalving(SuccessiveHalvingConfig.defaults()
        .withMaxResource(1))).hasMessageContaining("never prune")
        .hasMessageContaining("(automatic, at least 1) * 4^0 = 1");
    Pruner.successiveHalving(SuccessiveHalvingConfig.defaults().withMaxResource(2));
    Pruner.successiveHalving(SuccessiveHalvingConfig.defaults().withMinResource(1)
        .withReductionFactor(3).withMaxResource(4));                 // rung 1 ends at 3 < 4
    Pruner.hyperband(HyperbandConfig.of(1, 2));
  }
}
