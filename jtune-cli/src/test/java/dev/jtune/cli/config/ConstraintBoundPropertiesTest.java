package dev.jtune.cli.config;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;

/** A bound reads back from how it is written, and its value holds exactly within the bound. */
class ConstraintBoundPropertiesTest {

  @Provide
  Arbitrary<String> names() {
    return Arbitraries.strings().withCharRange('a', 'z').withChars('_', '.', '-', ':')
        .ofMinLength(1).ofMaxLength(12).filter(s -> Character.isLetter(s.charAt(0)));
  }

  @Property(tries = 300)
  void aBoundReadsBackFromItsText(@ForAll("names") String name, @ForAll boolean atMost,
      @ForAll @DoubleRange(min = -1e12, max = 1e12) double limit) {
    ConstraintBound b = new ConstraintBound(name, atMost, limit);
    assertThat(ConstraintBound.parse(b.toString())).isEqualTo(b);
  }

  @Property(tries = 300)
  void theValueIsAtMostZeroExactlyWhereTheBoundHolds(@ForAll boolean atMost,
      @ForAll @DoubleRange(min = -1e6, max = 1e6) double limit,
      @ForAll @DoubleRange(min = -1e6, max = 1e6) double value) {
    ConstraintBound b = new ConstraintBound("x", atMost, limit);
    assertThat(b.violation(value) <= 0).isEqualTo(atMost ? value <= limit : value >= limit);
  }
}
