package dev.jtune.importance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.jtune.space.CategoricalDistribution;
import dev.jtune.space.Distribution;
import dev.jtune.space.FloatDistribution;
import dev.jtune.storage.TrialTemplate;
import dev.jtune.study.Study;
import dev.jtune.trial.TrialState;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Hand-computed variance decompositions of hand-built trees, and the tree grower's basic laws. */
class FanovaTreeTest {
  private static final int L = RegressionTree.LEAF;

  /** The column layout of a study whose trials have these parameters (sorted by name). */
  private static EncodedTrials layout(Map<String, Distribution> space) {
    Study study = Study.builder().build();
    for (int i = 0; i < 2; i++) {
      Map<String, Double> params = new TreeMap<>();
      space.keySet().forEach(k -> params.put(k, 0.0));
      study.addTrial(new TrialTemplate(TrialState.COMPLETE, List.of((double) i), params, space,
          new TreeMap<>(), Map.of(), Map.of()));
    }
    return EncodedTrials.of(study.trials(), List.of(), ImportanceTarget.value());
  }

  private static final Map<String, Distribution> XY = Map.of(
      "x", FloatDistribution.uniform(0, 1), "y", FloatDistribution.uniform(0, 1));

  @Test
  void oneSplitExplainsAllTheVariance() {
    // x <= 0.25 -> 0, else 1: variance 0.25 * 0.75, all of it x's.
    RegressionTree tree = new RegressionTree(new int[] {0, L, L}, new double[] {0.25, 0, 0},
        new int[] {1, -1, -1}, new int[] {2, -1, -1}, new double[] {0.75, 0, 1}, new double[3]);
    FanovaTree anova = new FanovaTree(tree, layout(XY));

    assertThat(anova.totalVariance()).isCloseTo(0.1875, within(1e-12));
    assertThat(anova.mainEffectVariance(0)).isCloseTo(0.1875, within(1e-12));
    assertThat(anova.mainEffectVariance(1)).isZero();
  }

  @Test
  void anInteractionBelongsToNoMainEffect() {
    // x <= .5: (y <= .5 -> 0, else 2); x > .5 -> 1. Mean 1, variance 0.5; x's main effect is flat
    // (1 on both halves), y's is 0.5 / 1.5 (variance 0.25); the other 0.25 is the interaction.
    RegressionTree tree = new RegressionTree(new int[] {0, 1, L, L, L},
        new double[] {0.5, 0.5, 0, 0, 0}, new int[] {1, 2, -1, -1, -1},
        new int[] {4, 3, -1, -1, -1}, new double[] {1, 1, 0, 2, 1}, new double[5]);
    FanovaTree anova = new FanovaTree(tree, layout(XY));

    assertThat(anova.totalVariance()).isCloseTo(0.5, within(1e-12));
    assertThat(anova.mainEffectVariance(0)).isCloseTo(0.0, within(1e-12));
    assertThat(anova.mainEffectVariance(1)).isCloseTo(0.25, within(1e-12));
    // the pair's marginal is the tree itself: there is no other parameter to average over
    double[][] pair = anova.pairMarginal(0, new double[] {0.25, 0.75}, 1,
        new double[] {0.25, 0.5, 0.75});
    assertThat(pair[0]).containsExactly(0, 0, 2);
    assertThat(pair[1]).containsExactly(1, 1, 1);
  }

  @Test
  void aCategoricalIsWeighedByItsChoicesNotByTheOneHotCube() {
    // Columns: c=a, c=b, c=d (one-hot), then x. Split "c is b": not b -> 0, b -> 3. Over the three
    // choices: mean 1, variance 2, all of it c's. (Over the one-hot cube, "not b" would be half.)
    EncodedTrials layout = layout(Map.of("c", CategoricalDistribution.of("a", "b", "d"),
        "x", FloatDistribution.uniform(0, 1)));
    RegressionTree tree = new RegressionTree(new int[] {1, L, L}, new double[] {0.5, 0, 0},
        new int[] {1, -1, -1}, new int[] {2, -1, -1}, new double[] {1, 0, 3}, new double[3]);
    FanovaTree anova = new FanovaTree(tree, layout);

    assertThat(anova.totalVariance()).isCloseTo(2.0, within(1e-12));
    assertThat(anova.mainEffectVariance(0)).isCloseTo(2.0, within(1e-12));
    assertThat(anova.mainEffectVariance(1)).isZero();
  }

  @Test
  void aFullyGrownTreeFitsItsDistinctRowsExactlyAndSplitsHalfWay() {
    double[][] rows = {{0.1, 0.9}, {0.2, 0.1}, {0.6, 0.5}, {0.7, 0.3}};
    double[] targets = {1, 1, 5, 5};
    RegressionTree.TrainingData data = new RegressionTree.TrainingData(rows, targets);
    RegressionTree tree = RegressionTree.grow(data, new int[] {0, 1, 2, 3}, 64,
        new SplittableRandom(3));

    assertThat(tree.nodes()).isEqualTo(3);
    assertThat(tree.feature(0)).isZero();
    assertThat(tree.threshold(0)).isCloseTo(0.4, within(1e-12));
    assertThat(tree.impurityDecrease(0)).isCloseTo(16.0, within(1e-12));
    for (int r = 0; r < rows.length; r++) {
      assertThat(tree.predict(rows[r])).isEqualTo(targets[r]);
    }

    RegressionTree stump = RegressionTree.grow(data, new int[] {0, 1, 2, 3}, 1,
        new SplittableRandom(3));
    RegressionTree root = RegressionTree.grow(
        new RegressionTree.TrainingData(rows, new double[] {2, 2, 2, 2}), new int[] {0, 1, 2, 3},
        64, new SplittableRandom(3));
    assertThat(stump.nodes()).isEqualTo(3);
    assertThat(root.nodes()).isEqualTo(1);
    assertThat(root.predict(rows[0])).isEqualTo(2.0);
  }
}
