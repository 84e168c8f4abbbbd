package dev.jtune.nn.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LearningRateScheduleTest {

  @Test
  void constant() {
    RateTracker r = LearningRateSchedule.constant().start(0.1, 100);
    assertThat(r.at(0)).isEqualTo(0.1);
    assertThat(r.at(99)).isEqualTo(0.1);
  }

  @Test
  void stepDecayHalvesEveryTenUpdates() {
    RateTracker r = new LearningRateSchedule.StepDecay(10, 0.5).start(0.1, 100);
    assertThat(r.at(0)).isEqualTo(0.1);
    assertThat(r.at(9)).isEqualTo(0.1);
    assertThat(r.at(10)).isCloseTo(0.05, within(1e-15));
    assertThat(r.at(35)).isCloseTo(0.0125, within(1e-15));
  }

  @Test
  void exponentialDecayIsContinuous() {
    RateTracker r = new LearningRateSchedule.ExponentialDecay(0.5, 10).start(1.0, 100);
    assertThat(r.at(0)).isEqualTo(1.0);
    assertThat(r.at(5)).isCloseTo(Math.sqrt(0.5), within(1e-12));
    assertThat(r.at(20)).isCloseTo(0.25, within(1e-12));
  }

  @Test
  void cosineWarmsUpLinearlyThenAnnealsToTheFloor() {
    RateTracker r = new LearningRateSchedule.CosineWarmup(10, 0.1).start(1.0, 110);
    assertThat(r.at(0)).isCloseTo(0.1, within(1e-12));
    assertThat(r.at(4)).isCloseTo(0.5, within(1e-12));
    assertThat(r.at(10)).isCloseTo(1.0, within(1e-12));
    assertThat(r.at(60)).isCloseTo(0.55, within(1e-12));   // half-way: (1 + 0.1) / 2
    assertThat(r.at(110)).isCloseTo(0.1, within(1e-12));
  }

  @Test
  void oneCycleMatchesPytorchAtItsCorners() {
    // T = 100, pctStart 0.3: peak at update 29, div 25 → 0.04, final → 0.04 / 1e4
    RateTracker r = LearningRateSchedule.OneCycle.defaults().start(1.0, 100);
    assertThat(r.at(0)).isCloseTo(0.04, within(1e-12));
    assertThat(r.at(29)).isCloseTo(1.0, within(1e-12));
    assertThat(r.at(99)).isCloseTo(4e-6, within(1e-12));
    // a quarter of the way up the cosine: 1 + (0.04 − 1)(1 + cos(π/4))/2... half-way up: midpoint
    assertThat(r.at(14)).isCloseTo(1.0 + (0.04 - 1.0) * (1 + Math.cos(Math.PI * 14 / 29)) / 2,
        within(1e-12));
    assertThat(r.at(64)).isCloseTo(4e-6 + (1.0 - 4e-6) * (1 + Math.cos(Math.PI * 35 / 70)) / 2,
        within(1e-12));
  }

  @Test
  void reduceOnPlateauCutsAfterPatienceEpochsWithoutGain() {
    RateTracker r = new LearningRateSchedule.ReduceOnPlateau(0.5, 2, 0.01, 0.01).start(0.1, 0);
    r.endEpoch(1, 0.50, true);
    r.endEpoch(2, 0.60, true);      // improved
    r.endEpoch(3, 0.605, true);     // below minDelta: waited 1
    assertThat(r.at(100)).isEqualTo(0.1);
    r.endEpoch(4, 0.59, true);      // waited 2: cut
    assertThat(r.at(100)).isCloseTo(0.05, within(1e-15));
    r.endEpoch(5, 0.59, true);
    r.endEpoch(6, 0.59, true);      // cut again
    assertThat(r.at(100)).isCloseTo(0.025, within(1e-15));
    r.endEpoch(7, 0.59, true);
    r.endEpoch(8, 0.59, true);
    r.endEpoch(9, 0.59, true);
    r.endEpoch(10, 0.59, true);
    assertThat(r.at(100)).isEqualTo(0.01);  // floored at minRate
  }

  @Test
  void reduceOnPlateauUnderstandsLosses() {
    RateTracker r = new LearningRateSchedule.ReduceOnPlateau(0.1, 1, 0, 0).start(1.0, 0);
    r.endEpoch(1, 0.5, false);
    r.endEpoch(2, 0.4, false);
    assertThat(r.at(0)).isEqualTo(1.0);
    r.endEpoch(3, 0.45, false);
    assertThat(r.at(0)).isCloseTo(0.1, within(1e-15));
  }

  /** Keras and PyTorch only ever lower the rate; before, a base rate under minRate was raised. */
  @Test
  void reduceOnPlateauNeverRaisesARateBelowItsFloor() {
    RateTracker r = new LearningRateSchedule.ReduceOnPlateau(0.5, 1, 0, 1e-3).start(1e-4, 0);
    r.endEpoch(1, 0.5, true);
    r.endEpoch(2, 0.5, true);       // a plateau: the cut would take the rate up to minRate
    assertThat(r.at(0)).isEqualTo(1e-4);
  }

  /** A monitor that is NaN from the start never improves, so the rate is cut (as Keras does). */
  @Test
  void reduceOnPlateauCountsNaNAsNoImprovement() {
    RateTracker r = new LearningRateSchedule.ReduceOnPlateau(0.5, 2, 0, 0).start(0.1, 0);
    r.endEpoch(1, Double.NaN, false);
    r.endEpoch(2, Double.NaN, false);
    assertThat(r.at(0)).isCloseTo(0.05, within(1e-15));
    r.endEpoch(3, 0.3, false);      // the first number is an improvement
    r.endEpoch(4, Double.NaN, false);
    assertThat(r.at(0)).isCloseTo(0.05, within(1e-15));
    r.endEpoch(5, 0.3, false);
    assertThat(r.at(0)).isCloseTo(0.025, within(1e-15));
  }

  @Test
  void batchSizeGrowsEveryKEpochsUpToTheMax() {
    BatchSizeSchedule b = new BatchSizeSchedule(32, 2, 2, 100);
    assertThat(b.sizeAt(1)).isEqualTo(32);
    assertThat(b.sizeAt(2)).isEqualTo(32);
    assertThat(b.sizeAt(3)).isEqualTo(64);
    assertThat(b.sizeAt(5)).isEqualTo(100);
    assertThat(BatchSizeSchedule.constant(10).totalSteps(95, 3)).isEqualTo(30);
    assertThat(b.totalSteps(128, 3)).isEqualTo(4 + 4 + 2);
  }
}
