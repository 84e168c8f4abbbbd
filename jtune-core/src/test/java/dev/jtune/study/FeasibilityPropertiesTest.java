package dev.jtune.study;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jtune.storage.TrialTemplate;
import dev.jtune.trial.FrozenTrial;
import dev.jtune.trial.TrialState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** The laws of feasibility and of the best trial of a constrained study. */
class FeasibilityPropertiesTest {

  /**
   * Trials with values {@code values} and, where {@code constraints} has an entry, those stored
   * constraint values; trial {@code nullAt} stores {@code null} instead (constraints that could not
   * be had) when it has an entry.
   */
  private static Study study(List<Double> values, List<List<Double>> constraints, int nullAt) {
    Study study = Study.builder().build();
    for (int i = 0; i < values.size(); i++) {
      Map<String, Object> sys = new HashMap<>();
      if (i < constraints.size()) {
        List<Double> c = constraints.get(i);
        sys.put(FrozenTrial.CONSTRAINTS, i == nullAt ? null : c);
      }
      study.addTrial(new TrialTemplate(TrialState.COMPLETE, List.of(values.get(i)), Map.of(),
          Map.of(), new TreeMap<>(), Map.of(), sys));
    }
    return study;
  }

  @Property(tries = 300)
  void theBestTrialIsTheBestOfTheFeasibleOnes(
      @ForAll @Size(min = 1, max = 12) List<@DoubleRange(min = -5, max = 5) Double> values,
      @ForAll @Size(max = 12) List<@Size(max = 3) List<@DoubleRange(min = -2, max = 2) Double>>
          constraints,
      @ForAll @IntRange(min = -1, max = 11) int nullAt) {
    Study study = study(values, constraints, nullAt);
    List<FrozenTrial> complete = study.trials(TrialState.COMPLETE);
    List<FrozenTrial> feasible = Feasibility.filter(complete);
    boolean constrained = !constraints.isEmpty();
    assertThat(Feasibility.constrained(complete)).isEqualTo(constrained);
    List<FrozenTrial> expected = new ArrayList<>();
    for (FrozenTrial t : complete) {
      double violation = Feasibility.violation(t);
      assertThat(violation).isGreaterThanOrEqualTo(0);
      boolean holds = t.constraintValues().map(c -> java.util.Arrays.stream(c)
          .allMatch(v -> v <= 0)).orElse(false);
      assertThat(Feasibility.feasible(t)).isEqualTo(holds).isEqualTo(violation == 0);
      if (!constrained || holds) {
        expected.add(t);
      }
    }
    assertThat(feasible).isEqualTo(expected);
    assertThat(study.findBestTrial().map(FrozenTrial::number)).isEqualTo(feasible.stream()
        .min(java.util.Comparator.comparingDouble(FrozenTrial::value)
            .thenComparingInt(FrozenTrial::number)).map(FrozenTrial::number));
    assertThat(study.bestTrials()).allMatch(feasible::contains);
  }
}
