package dev.jtune.study;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jtune.storage.TrialTemplate;
import dev.jtune.trial.FrozenTrial;
import dev.jtune.trial.TrialState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** The Pareto front: exactly the trials that no other dominates, in the order given. */
class ParetoFrontTest {

  @Property(tries = 300)
  void theFrontIsExactlyTheUndominatedTrials(@ForAll @IntRange(min = 1, max = 4) int m,
      @ForAll @IntRange(min = 0, max = 40) int n, @ForAll long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    StudyDirection[] directions = new StudyDirection[m];
    for (int j = 0; j < m; j++) {
      directions[j] = rng.nextBoolean() ? StudyDirection.MINIMIZE : StudyDirection.MAXIMIZE;
    }
    Study study = Study.builder().directions(directions).build();
    for (int k = 0; k < n; k++) {
      List<Double> values = new ArrayList<>();
      for (int j = 0; j < m; j++) {
        // a coarse grid: ties, duplicates and domination are common; now and then infinite
        int draw = rng.nextInt(30);
        values.add(draw == 0 ? Double.NEGATIVE_INFINITY : draw == 1 ? Double.POSITIVE_INFINITY
            : (double) rng.nextInt(4));
      }
      study.addTrial(new TrialTemplate(TrialState.COMPLETE, values, Map.of(), Map.of(),
          new TreeMap<>(), Map.of(), Map.of()));
    }
    List<FrozenTrial> trials = study.trials();
    List<FrozenTrial> expected = new ArrayList<>();
    for (FrozenTrial c : trials) {
      if (trials.stream().noneMatch(o -> dominates(o, c, directions))) {
        expected.add(c);
      }
    }
    assertThat(ParetoFront.of(trials, List.of(directions))).isEqualTo(expected);
  }

  private static boolean dominates(FrozenTrial a, FrozenTrial b, StudyDirection[] d) {
    boolean better = false;
    for (int j = 0; j < d.length; j++) {
      double x = a.values().get(j);
      double y = b.values().get(j);
      if (d[j] == StudyDirection.MAXIMIZE) {
        x = -x;
        y = -y;
      }
      if (x > y) {
        return false;
      }
      better |= x < y;
    }
    return better;
  }
}
