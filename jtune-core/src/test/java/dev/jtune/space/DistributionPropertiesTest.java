package dev.jtune.space;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;

/** Laws every distribution obeys: sampled values are contained and on the grid; round trips are exact. */
class DistributionPropertiesTest {

  @Provide
  Arbitrary<Distribution> distributions() {
    Arbitrary<Distribution> uniform = Combinators.combine(
            Arbitraries.doubles().between(-1e6, 1e6), Arbitraries.doubles().between(0, 1e6))
        .as((low, width) -> FloatDistribution.uniform(low, low + width));
    Arbitrary<Distribution> log = Combinators.combine(
            Arbitraries.doubles().between(1e-12, 1e3).ofScale(15), Arbitraries.doubles().between(1, 1e9))
        .as((low, factor) -> FloatDistribution.logUniform(low, low * factor));
    Arbitrary<Distribution> stepped = Combinators.combine(
            Arbitraries.doubles().between(-100, 100).ofScale(3),
            Arbitraries.doubles().between(0.001, 10).ofScale(3),
            Arbitraries.integers().between(0, 5000))
        .as((low, step, n) -> FloatDistribution.stepped(low, low + step * n + step / 3, step));
    Arbitrary<Distribution> ints = Combinators.combine(
            Arbitraries.integers().between(-1_000_000, 1_000_000),
            Arbitraries.integers().between(0, 1_000_000), Arbitraries.integers().between(1, 1000))
        .as((low, width, step) -> new IntDistribution(low, low + width, false, step));
    Arbitrary<Distribution> intLog = Combinators.combine(
            Arbitraries.integers().between(1, 1000), Arbitraries.integers().between(0, 1_000_000))
        .as((low, width) -> IntDistribution.logUniform(low, low + width));
    Arbitrary<Distribution> categorical = Arbitraries.integers().between(1, 20)
        .map(n -> {
          Object[] choices = new Object[n];
          for (int i = 0; i < n; i++) {
            choices[i] = i == n - 1 ? null : i % 3 == 0 ? "s" + i : i % 3 == 1 ? (Object) (i * 1.5) : i;
          }
          return CategoricalDistribution.of(choices);
        });
    return Arbitraries.oneOf(uniform, log, stepped, ints, intLog, categorical);
  }

  @Property(tries = 2000)
  void unitValuesMapIntoTheDistributionAndOntoItsGrid(
      @ForAll("distributions") Distribution d, @ForAll @DoubleRange(min = 0, max = 1) double u) {
    double internal = UnitScale.fromUnit(d, u);
    assertThat(d.contains(internal)).as("%s contains %s (u=%s)", d.describe(), internal, u).isTrue();
  }

  @Property(tries = 2000)
  void internalExternalRoundTripsAreExact(
      @ForAll("distributions") Distribution d, @ForAll @DoubleRange(min = 0, max = 1) double u) {
    double internal = UnitScale.fromUnit(d, u);
    Object external = d.toExternal(internal);
    assertThat(d.toInternal(external)).isEqualTo(internal);
    assertThat(d.toExternal(d.toInternal(external))).isEqualTo(external);
  }

  @Property(tries = 1000)
  void unitPositionRoundTripsToTheSameValue(
      @ForAll("distributions") Distribution d, @ForAll @DoubleRange(min = 0, max = 1) double u) {
    double internal = UnitScale.fromUnit(d, u);
    double back = UnitScale.fromUnit(d, UnitScale.toUnit(d, internal));
    if (d instanceof FloatDistribution f && !f.hasStep()) {
      assertThat(back).isCloseTo(internal, org.assertj.core.data.Offset.offset(
          1e-9 * Math.max(1, Math.abs(internal))));
    } else {
      assertThat(back).isEqualTo(internal);
    }
  }

  @Property(tries = 500)
  void stepGridHighIsAlwaysOnTheGrid(
      @ForAll @DoubleRange(min = -50, max = 50) double low,
      @ForAll @DoubleRange(min = 0.01, max = 5) double step,
      @ForAll @DoubleRange(min = 0, max = 100) double width) {
    FloatDistribution d = FloatDistribution.stepped(low, low + width, step);
    assertThat(d.high()).isLessThanOrEqualTo(low + width);
    assertThat(d.contains(d.high())).isTrue();
    assertThat(d.contains(d.low())).isTrue();
  }
}
