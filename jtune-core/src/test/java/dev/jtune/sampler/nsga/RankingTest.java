package dev.jtune.sampler.nsga;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jtune.storage.TrialId;
import dev.jtune.trial.FrozenTrial;
import dev.jtune.trial.TrialState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class RankingTest {

  static Individual individual(int number, double... objectives) {
    return constrained(number, 0, objectives);
  }

  static Individual constrained(int number, double violation, double... objectives) {
    List<Double> values = new ArrayList<>();
    for (double v : objectives) {
      values.add(v);
    }
    FrozenTrial t = new FrozenTrial(new TrialId(number), number, TrialState.COMPLETE, values,
        Map.of(), Map.of(), new TreeMap<>(), Map.of(), Map.of(), null, null);
    return new Individual(t, objectives.clone(), new double[] {violation}, null);
  }

  /** Small integer objectives so that ties and duplicates are common. */
  private static List<Individual> population(List<List<Integer>> points) {
    List<Individual> out = new ArrayList<>();
    for (int i = 0; i < points.size(); i++) {
      out.add(individual(i, points.get(i).get(0), points.get(i).get(1), points.get(i).get(2)));
    }
    return out;
  }

  @Property(tries = 200)
  void frontsPartitionThePopulationByDomination(
      @ForAll @Size(min = 1, max = 40) List<@Size(3) List<@IntRange(min = 0, max = 4) Integer>>
          points) {
    List<Individual> population = population(points);
    List<List<Individual>> fronts = Ranking.fronts(population);

    assertThat(fronts.stream().mapToInt(List::size).sum()).isEqualTo(population.size());
    assertThat(fronts.stream().flatMap(List::stream).map(Individual::number).distinct().count())
        .isEqualTo(population.size());
    for (int k = 0; k < fronts.size(); k++) {
      for (Individual x : fronts.get(k)) {
        // nobody in this front or a later one dominates x
        for (int later = k; later < fronts.size(); later++) {
          for (Individual y : fronts.get(later)) {
            assertThat(y.dominates(x)).as("%s dominates %s", y, x).isFalse();
          }
        }
        // and someone in the front before does
        if (k > 0) {
          assertThat(fronts.get(k - 1)).anyMatch(y -> y.dominates(x));
        }
      }
    }
  }

  @Property(tries = 200)
  void eliteTakesWholeFrontsThenTheLeastCrowded(
      @ForAll @Size(min = 1, max = 40) List<@Size(3) List<@IntRange(min = 0, max = 4) Integer>>
          points,
      @ForAll @IntRange(min = 1, max = 45) int size) {
    List<Individual> population = population(points);
    List<Individual> elite = Ranking.elite(population, size);

    assertThat(elite).hasSize(Math.min(size, population.size()));
    assertThat(elite.stream().map(Individual::number).distinct().count())
        .isEqualTo(elite.size());
    // an individual left out is never in a better front than one taken
    List<List<Individual>> fronts = Ranking.fronts(population);
    int worstTaken = 0;
    int bestLeft = Integer.MAX_VALUE;
    for (int k = 0; k < fronts.size(); k++) {
      for (Individual x : fronts.get(k)) {
        if (elite.contains(x)) {
          worstTaken = Math.max(worstTaken, k);
        } else {
          bestLeft = Math.min(bestLeft, k);
        }
      }
    }
    assertThat(worstTaken).isLessThanOrEqualTo(bestLeft);
    assertThat(Ranking.elite(population, size)).as("deterministic").isEqualTo(elite);
  }

  @Test
  void crowdingDistanceMatchesHandComputedValues() {
    // a front of four points on a line: ends infinite, inner ones the normalized neighbour gaps
    List<Individual> front = List.of(individual(0, 0, 4), individual(1, 1, 2),
        individual(2, 3, 1), individual(3, 4, 0));
    double[] d = Ranking.crowding(front);
    assertThat(d[0]).isInfinite();
    assertThat(d[3]).isInfinite();
    assertThat(d[1]).isEqualTo((3 - 0) / 4.0 + (4 - 1) / 4.0);
    assertThat(d[2]).isEqualTo((4 - 1) / 4.0 + (2 - 0) / 4.0);
    // an objective whose values are all equal adds nothing; equal infinities have no gap
    double[] flat = Ranking.crowding(List.of(individual(0, 1, 5), individual(1, 2, 5),
        individual(2, 3, 5)));
    assertThat(flat).containsExactly(Double.POSITIVE_INFINITY, 1.0, Double.POSITIVE_INFINITY);
    double[] infinite = Ranking.crowding(List.of(individual(0, Double.NEGATIVE_INFINITY),
        individual(1, Double.NEGATIVE_INFINITY), individual(2, 0), individual(3, 2)));
    assertThat(infinite[0]).isEqualTo(0.0);
    assertThat(infinite[1]).isInfinite();
    assertThat(infinite[2]).isInfinite();
    assertThat(infinite[3]).isInfinite();
  }

  @Test
  void theLastFrontIsCutByCrowdingDistanceThenByNumber() {
    List<Individual> population = List.of(individual(0, 0, 4), individual(1, 1, 2),
        individual(2, 3, 1), individual(3, 4, 0), individual(4, 5, 5));
    // front 0 holds 0..3; of them the two ends (infinite distance) come first, then 1 (1.5
    // against 2's 1.25)
    assertThat(Ranking.elite(population, 3)).extracting(Individual::number)
        .containsExactlyInAnyOrder(0, 3, 1);
    assertThat(Ranking.elite(population, 5)).extracting(Individual::number)
        .containsExactlyInAnyOrder(0, 1, 2, 3, 4);
    // equal points: ties by number
    List<Individual> same = List.of(individual(7, 1, 1), individual(5, 1, 1), individual(6, 1, 1));
    assertThat(Ranking.elite(same, 2)).extracting(Individual::number).containsExactly(5, 6);
  }

  @Test
  void feasibleBeatsInfeasibleAndSmallerViolationsWin() {
    Individual feasibleButPoor = constrained(0, 0, 9, 9);
    Individual slightlyOff = constrained(1, 0.5, 0, 0);
    Individual farOff = constrained(2, 3, -1, -1);
    assertThat(feasibleButPoor.dominates(slightlyOff)).isTrue();
    assertThat(slightlyOff.dominates(feasibleButPoor)).isFalse();
    assertThat(slightlyOff.dominates(farOff)).isTrue();
    assertThat(farOff.dominates(slightlyOff)).isFalse();
    assertThat(Ranking.fronts(List.of(farOff, slightlyOff, feasibleButPoor)))
        .extracting(f -> f.get(0).number()).containsExactly(0, 1, 2);
  }
}
