package dev.jtune.space;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class DistributionTest {

  enum Optimizer { SGD, ADAM }

  @Test
  void rejectsLowAboveHighNamingBothValues() {
    assertThatThrownBy(() -> FloatDistribution.uniform(2, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("low=2.0 must be <= high=1.0");
    assertThatThrownBy(() -> IntDistribution.uniform(5, 4))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("low=5 must be <= high=4");
  }

  @Test
  void rejectsLogScaleWithNonPositiveLow() {
    assertThatThrownBy(() -> FloatDistribution.logUniform(0, 1))
        .hasMessageContaining("low > 0").hasMessageContaining("low=0.0");
    assertThatThrownBy(() -> IntDistribution.logUniform(0, 10))
        .hasMessageContaining("low >= 1").hasMessageContaining("low=0");
  }

  @Test
  void rejectsStepWithLogScale() {
    assertThatThrownBy(() -> new FloatDistribution(1, 10, true, 0.5))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("step=0.5")
        .hasMessageContaining("log");
    assertThatThrownBy(() -> new IntDistribution(1, 10, true, 2))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("step=2");
  }

  @Test
  void rejectsNonFiniteBoundsAndBadSteps() {
    assertThatThrownBy(() -> FloatDistribution.uniform(0, Double.POSITIVE_INFINITY))
        .hasMessageContaining("Infinity");
    assertThatThrownBy(() -> FloatDistribution.uniform(Double.NaN, 1)).hasMessageContaining("NaN");
    assertThatThrownBy(() -> FloatDistribution.stepped(0, 1, -0.1)).hasMessageContaining("-0.1");
    assertThatThrownBy(() -> IntDistribution.stepped(0, 10, 0)).hasMessageContaining("step=0");
  }

  @Test
  void rejectsEmptyAndRepeatedCategoricals() {
    assertThatThrownBy(() -> new CategoricalDistribution(List.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one choice");
    assertThatThrownBy(() -> CategoricalDistribution.of("a", "b", "a"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("choice a is listed twice");
  }

  @Test
  void narrowsAStepThatDoesNotDivideTheRange() {
    assertThat(FloatDistribution.stepped(0, 1, 0.3).high()).isEqualTo(0.9);
    assertThat(FloatDistribution.stepped(0.1, 1.0, 0.1).high()).isEqualTo(1.0);
    assertThat(IntDistribution.stepped(16, 250, 16).high()).isEqualTo(240);
    assertThat(IntDistribution.stepped(0, 10, 5).high()).isEqualTo(10);
  }

  @Test
  void categoricalsHoldAnyValueIncludingNull() {
    CategoricalDistribution d = CategoricalDistribution.of("relu", 3, 2.5, true, Optimizer.ADAM, null);
    for (int i = 0; i < d.size(); i++) {
      Object external = d.toExternal(i);
      assertThat(d.toInternal(external)).isEqualTo(i);
    }
    assertThat(d.toExternal(5)).isNull();
    assertThat(d.toInternal(3L)).isEqualTo(1);
    assertThat(d.toInternal("ADAM")).isEqualTo(4);
    assertThatThrownBy(() -> d.toInternal("tanh")).hasMessageContaining("tanh");
    assertThat(d.contains(6)).isFalse();
    assertThat(d.contains(0.5)).isFalse();
  }

  @Test
  void booleansEnumsAndFixedValuesAreCategoricals() {
    assertThat(CategoricalDistribution.bool().choices()).containsExactly(false, true);
    assertThat(CategoricalDistribution.ofEnum(Optimizer.class).choices())
        .containsExactly(Optimizer.SGD, Optimizer.ADAM);
    assertThat(CategoricalDistribution.fixed(32).isSingle()).isTrue();
    assertThat(CategoricalDistribution.fixed(null).choices()).isEqualTo(Arrays.asList((Object) null));
  }

  @Test
  void containsChecksBoundsAndGrid() {
    FloatDistribution f = FloatDistribution.stepped(0, 1, 0.25);
    assertThat(f.contains(0.5)).isTrue();
    assertThat(f.contains(0.6)).isFalse();
    assertThat(f.contains(1.25)).isFalse();
    assertThat(f.contains(Double.NaN)).isFalse();
    IntDistribution i = IntDistribution.stepped(2, 10, 2);
    assertThat(i.contains(4)).isTrue();
    assertThat(i.contains(5)).isFalse();
    assertThat(i.contains(4.5)).isFalse();
    assertThatThrownBy(() -> i.toInternal(5)).hasMessageContaining("value 5 is not in int[2, 10, step 2]");
    assertThatThrownBy(() -> i.toInternal("x")).hasMessageContaining("not an integer");
    assertThat(i.toExternal(6)).isEqualTo(6);
  }

  /**
   * The grid tolerance is absolute in steps (Optuna's), plus the rounding of the bounds: before, it
   * grew with the grid index, so a large grid took off-grid values and a narrow grid far from zero
   * refused its own points.
   */
  @Test
  void gridMembershipIsNeitherLooseOnLargeGridsNorStrictFarFromZero() {
    assertThat(FloatDistribution.stepped(0, 1e9, 1).contains(123456789.5)).isFalse();
    assertThat(FloatDistribution.stepped(0, 1000, 0.001).contains(500.000005)).isFalse();
    assertThat(FloatDistribution.stepped(0, 1000, 0.001).contains(500.001)).isTrue();
    FloatDistribution far = FloatDistribution.stepped(1e9, 1e9 + 10, 0.1);
    for (long k = 0; k < far.gridSize(); k++) {
      assertThat(far.contains(far.gridPoint(k))).as("grid point %d", k).isTrue();
    }
    assertThat(far.contains(1e9 + 0.15)).isFalse();
    assertThat(FloatDistribution.stepped(0, 1, 0.1).contains(0.30000000000000004)).isTrue();
  }

  /** A zero step is not "no step", an overflowing range or grid is refused, each value named. */
  @Test
  void zeroStepsOverflowingRangesAndOverlargeGridsAreRefused() {
    assertThatThrownBy(() -> FloatDistribution.stepped(0, 1, 0.0))
        .hasMessage("step must be a positive finite number, got step=0.0");
    assertThatThrownBy(() -> SearchSpace.builder().stepped("x", 0, 1, 0.0).build())
        .hasMessageContaining("'x'").hasMessageContaining("step=0.0");
    assertThatThrownBy(() -> FloatDistribution.uniform(-1e308, 1e308))
        .hasMessageContaining("high - low must be a finite number, got low=-1.0E308");
    assertThatThrownBy(() -> FloatDistribution.stepped(0, 100, 1e-17))
        .hasMessageContaining("step=1.0E-17 makes more than 2^53 grid points");
  }

  /** A float choice matches its shortest decimal, as a storage reads it back; so do the lists. */
  @Test
  void floatChoicesMatchTheirDecimalsAndMismatchesNameTheTypes() {
    CategoricalDistribution floats = CategoricalDistribution.of(0.1f, 0.5f);
    assertThat(floats.indexOf(0.1)).isZero();
    assertThat(floats).isEqualTo(CategoricalDistribution.of(0.1, 0.5))
        .hasSameHashCodeAs(CategoricalDistribution.of(0.1, 0.5));
    assertThat(CategoricalDistribution.of(16L, 32L)).isEqualTo(CategoricalDistribution.of(16, 32))
        .hasSameHashCodeAs(CategoricalDistribution.of(16, 32));
    assertThat(CategoricalDistribution.of(Optimizer.SGD, Optimizer.ADAM))
        .isEqualTo(CategoricalDistribution.of("SGD", "ADAM"));
    assertThat(floats).isNotEqualTo(CategoricalDistribution.of(0.1, 0.6));
    assertThatThrownBy(() -> CategoricalDistribution.of(32, 64).toInternal("32"))
        .hasMessage("value 32 (String) is not one of [32, 64] (Integer)");
    // list choices: equal as stored, and hashed alike
    assertThat(CategoricalDistribution.of(List.of(0.1f), "x"))
        .isEqualTo(CategoricalDistribution.of(List.of(0.1), "x"))
        .hasSameHashCodeAs(CategoricalDistribution.of(List.of(0.1), "x"));
  }

  /** A float value is taken as the decimal it prints as, as a storage would read it back. */
  @Test
  void aFloatValueOnAGridIsTheDecimalItPrintsAs() {
    assertThat(FloatDistribution.stepped(0, 1, 0.1).toInternal(0.3f)).isEqualTo(0.3);
    assertThatThrownBy(() -> FloatDistribution.stepped(0, 1, 0.1).toInternal(0.35f))
        .hasMessage("value 0.35 (Float) is not in float[0.0, 1.0, step 0.1]");
  }

  /** A step finer than doubles resolve near the bounds is refused (every value would match). */
  @Test
  void aStepFinerThanTheBoundsResolveIsRefused() {
    assertThatThrownBy(() -> FloatDistribution.stepped(1e12, 1e12 + 1, 0.001))
        .hasMessageContaining("step=0.001 is finer than doubles resolve");
    FloatDistribution.stepped(1e9, 1e9 + 10, 0.1);
  }

  @Test
  void searchSpaceKeepsDeclarationOrderAndRejectsRepeats() {
    SearchSpace space = SearchSpace.builder().logUniform("lr", 1e-5, 1e-1).intRange("units", 16, 512, 16)
        .choice("activation", "relu", "tanh").bool("batchNorm").fixed("epochs", 10).build();
    assertThat(space.names()).containsExactly("lr", "units", "activation", "batchNorm", "epochs");
    assertThat(space.get("epochs").isSingle()).isTrue();
    assertThatThrownBy(() -> SearchSpace.builder().bool("a").bool("a"))
        .hasMessageContaining("parameter 'a' is already declared");
    assertThatThrownBy(() -> SearchSpace.builder().uniform("lr", 1, 0))
        .hasMessage("parameter 'lr': low=1.0 must be <= high=0.0");
    assertThatThrownBy(() -> SearchSpace.builder().choice("opt"))
        .hasMessageContaining("parameter 'opt'").hasMessageContaining("at least one choice");
  }
}
