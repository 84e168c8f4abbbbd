package dev.jtune.pruner;

import static dev.jtune.pruner.Curves.reportAndAsk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.jtune.study.Study;
import dev.jtune.study.StudyDirection;
import dev.jtune.trial.Trial;
import dev.jtune.trial.TrialState;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** Optuna's Wilcoxon pruner and the signed-rank test under it. */
class WilcoxonPrunerTest {

  /** P-values of scipy.stats.wilcoxon(d, alternative, zero_method="zsplit"), SciPy 1.10.1. */
  @Test
  void pValuesAreSciPys() {
    assertThat(SignedRankTest.pValue(new double[] {-1.5, -0.3, -2.2, -0.9, 0.4}, true))
        .isEqualTo(0.09375);
    assertThat(SignedRankTest.pValue(new double[] {-1.5, -0.3, -2.2, -0.9, -0.4, -0.05, 0.7,
        -1.1}, true)).isEqualTo(0.02734375);
    assertThat(SignedRankTest.pValue(new double[] {0.2, 0.5, -0.1, 0.9, 1.3, 0.05}, false))
        .isEqualTo(0.046875);
    // zeros: the normal approximation, a zero's rank split between the signs
    assertThat(SignedRankTest.pValue(new double[] {0, -1, -2, -2, -3, 0.5, -0.5}, true))
        .isCloseTo(0.03101958831192484, within(1e-12));
    assertThat(SignedRankTest.pValue(new double[] {0, 0, 0}, true)).isEqualTo(0.5);
    // ties at 50 or fewer: the exact count over the sign patterns of the tied ranks (SciPy 1.10
    // reads its untied table at the truncated statistic, 0.109375; its approximation, 0.0835);
    // two equal differences are 1/4, never below it (the approximation gave 0.079)
    assertThat(SignedRankTest.pValue(new double[] {-1, -1, -1, 2, -3, -3}, true))
        .isEqualTo(0.125);
    assertThat(SignedRankTest.pValue(new double[] {-0.1, -0.1}, true)).isEqualTo(0.25);
    assertThat(SignedRankTest.pValue(new double[] {-0.1, -0.1, -0.1}, true)).isEqualTo(0.125);
    // more than 50: the approximation with the tie correction
    double[] sixty = {-0.174, -0.432, 0.34, -0.195, -0.836, 0.062, 1.004, 0.647, -1.004, -1.565,
        -0.923, -0.259, -2.625, -0.519, -1.546, -1.032, -0.844, -0.616, 0.112, 0.743, -0.429,
        1.066, -0.965, 0.052, 0.603, -0.206, -1.043, -1.222, -0.758, -0.08, -1.31, -0.509,
        -0.459, 0.241, -0.085, 0.055, -0.954, -0.43, 0.484, 1.193, -1.559, 1.214, 1.046, 0.481,
        -0.036, -0.614, 1.158, 1.66, 1.502, 1.015, 0.057, -1.508, -0.304, 0.356, -1.588, 0.095,
        0.13, 0.396, -1.484, -0.962};
    assertThat(SignedRankTest.pValue(sixty, true)).isCloseTo(0.040839597621251035,
        within(1e-12));
    assertThatThrownBy(() -> SignedRankTest.pValue(new double[] {1, Double.NaN}, true))
        .hasMessageContaining("NaN");
    // n (n + 1) in int arithmetic overflowed from n = 46,341 (SciPy 1.10.1 on this vector)
    double[] many = new double[50_000];
    for (int i = 0; i < many.length; i++) {
      many[i] = ((i * 7919L) % 100_003 + 1) * (i % 2 == 0 ? -1.0 : 1.0);
    }
    assertThat(SignedRankTest.pValue(many, true)).isCloseTo(0.5052240536584374, within(1e-9));
    assertThat(SignedRankTest.pValue(many, false)).isCloseTo(0.4947759463415626, within(1e-9));
  }

  /** Finite scores whose difference overflows (1e308 - (-1e308)) rank as SciPy's inf does. */
  @Test
  void scoresWhoseDifferenceOverflowsAreJudgedNotFailed() {
    Study study = Curves.study(Pruner.wilcoxon(), StudyDirection.MINIMIZE);
    complete(study, -1e308, -1e308, -1e308, -1e308, -1e308);
    Trial t = study.ask();
    for (int i = 0; i < 5; i++) {
      t.report(i, 1e308);
    }
    assertThat(t.shouldPrune()).isTrue();
  }

  /** The two one-sided p-values of a sample mirror each other's under negation. */
  @Property(tries = 200)
  void negatingTheDifferencesSwapsTheAlternatives(
      @ForAll @Size(min = 1, max = 70) List<@DoubleRange(min = -5, max = 5) Double> values) {
    double[] d = values.stream().mapToDouble(Double::doubleValue).toArray();
    double[] negated = values.stream().mapToDouble(v -> -v).toArray();
    double less = SignedRankTest.pValue(d, true);
    assertThat(less).isBetween(0.0, 1.0);
    assertThat(SignedRankTest.pValue(negated, false)).isCloseTo(less, within(1e-12));
    // the two tails cover everything (they share the observed statistic when exact)
    assertThat(less + SignedRankTest.pValue(d, false)).isGreaterThanOrEqualTo(1 - 1e-12);
  }

  private static void complete(Study study, double... scores) {
    Trial t = study.ask();
    double sum = 0;
    for (int i = 0; i < scores.length; i++) {
      t.report(i, scores[i]);
      sum += scores[i];
    }
    study.tell(t, sum / scores.length);
  }

  @Test
  void prunesATrialWorseThanTheBestOnTheSharedInstancesNotBefore() {
    Study study = Curves.study(Pruner.wilcoxon(WilcoxonConfig.defaults()
        .withStartupSteps(3)), StudyDirection.MINIMIZE);
    complete(study, 1, 2, 3, 4, 5, 6, 7, 8);
    Trial worse = study.ask();
    assertThat(reportAndAsk(worse, 7, 9.5)).isFalse();    // one shared instance
    assertThat(reportAndAsk(worse, 2, 4)).isFalse();      // two, under the startup of 3
    assertThat(reportAndAsk(worse, 0, 2.2)).isFalse();    // three: p = 1/8 = 0.125
    assertThat(reportAndAsk(worse, 4, 5.7)).isTrue();     // four: p = 1/16
    assertThat(Curves.prunedReason(study, worse)).asString()
        .contains("p = 0.0625 on 4 step(s) shared with best trial 0");
  }

  @Test
  void aTrialWhoseMeanIsStillAsGoodIsKeptAndInstancesTheBestLacksAreIgnored() {
    Study study = Curves.study(Pruner.wilcoxon(), StudyDirection.MAXIMIZE);
    complete(study, 0.8, 0.8, 0.8, 0.8, 0.9);   // the best: mean 0.82
    Trial trial = study.ask();
    // below the best on each of 4 shared instances (p = 1/16), but its mean over all its values,
    // an easy instance the best never saw included, is 0.84: kept (Optuna's safety rule)
    for (int i = 0; i < 4; i++) {
      trial.report(i, 0.7);
    }
    trial.report(99, 1.4);
    assertThat(trial.shouldPrune()).isFalse();
    trial.report(98, 0.0);
    assertThat(trial.shouldPrune()).isTrue();
  }

  @Test
  void nonFiniteValuesAndAStudyWithoutABestTrialAreNeverPruned() {
    Study study = Curves.study(Pruner.wilcoxon(), StudyDirection.MINIMIZE);
    Trial first = study.ask();
    assertThat(reportAndAsk(first, 0, 100)).isFalse();
    assertThat(reportAndAsk(first, 1, 100)).isFalse();
    study.tell(first, TrialState.PRUNED);
    complete(study, 1, 1, 1, 1, 1);
    Trial nan = study.ask();
    for (int i = 0; i < 5; i++) {
      nan.report(i, 5);
    }
    nan.report(5, Double.NaN);
    assertThat(nan.shouldPrune()).isFalse();
    assertThatThrownBy(() -> new WilcoxonConfig(1.5, 2)).hasMessageContaining("1.5");
    assertThatThrownBy(() -> new WilcoxonConfig(0.1, -1)).hasMessageContaining("-1");
    assertThatThrownBy(() -> Study.builder().name("two").directions(StudyDirection.MINIMIZE,
        StudyDirection.MINIMIZE).pruner(Pruner.wilcoxon()).build())
        .isInstanceOf(IllegalArgumentException.class);
  }

  /**
   * Optuna's example: the mean loss {@code (x - c)^2} over 100 instances {@code c} in [-1, 1],
   * each trial evaluating them in its own shuffled order and returning the mean so far when
   * pruned. Random search with the pruner finds as good a best mean as without it (it prunes
   * only trials worse than the best) with a fraction of the evaluations.
   */
  @Test
  void savesMostEvaluationsOfAMeanOverInstancesAndFindsTheSameBest() {
    double[] instances = new double[100];
    for (int i = 0; i < 100; i++) {
      instances[i] = -1 + 2.0 * i / 99;
    }
    int[] evaluations = new int[2];
    double[] best = new double[2];
    for (int pruned = 0; pruned < 2; pruned++) {
      int which = pruned;
      Study study = Study.builder().name("instances").direction(StudyDirection.MINIMIZE)
          .sampler(new dev.jtune.sampler.RandomSampler(3))
          .pruner(pruned == 1 ? Pruner.wilcoxon() : Pruner.none()).build();
      study.optimize(trial -> {
        double x = trial.suggestFloat("x", -1, 1);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
          order.add(i);
        }
        Collections.shuffle(order, new Random(trial.number()));
        double sum = 0;
        int n = 0;
        for (int i : order) {
          double loss = (x - instances[i]) * (x - instances[i]);
          sum += loss;
          n++;
          evaluations[which]++;
          trial.report(i, loss);
          if (trial.shouldPrune()) {
            return sum / n;   // Optuna's advice: the estimate, so the trial still counts
          }
        }
        return sum / n;
      }, 100);
      best[pruned] = study.bestValue();
      assertThat(study.trials(TrialState.FAIL)).isEmpty();
    }
    assertThat(evaluations[1]).as("evaluations with the pruner, of %d", evaluations[0])
        .isLessThan(evaluations[0] / 2);
    assertThat(best[1]).isCloseTo(best[0], within(0.01));
  }
}
