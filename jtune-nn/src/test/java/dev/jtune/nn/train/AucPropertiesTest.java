package dev.jtune.nn.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Laws of {@link Evaluation#auc}: the pairwise definition, and the sort key's order. */
class AucPropertiesTest {

  /** AUC is the share of (positive, negative) pairs ordered right, ties counting one half. */
  @Property
  void aucIsTheShareOfConcordantPairs(
      @ForAll @Size(min = 1, max = 60) List<@IntRange(min = -4, max = 4) Integer> levels,
      @ForAll long labelBits) {
    int n = levels.size();
    float[] scores = new float[n];
    float[] labels = new float[n];
    for (int i = 0; i < n; i++) {
      scores[i] = levels.get(i) * 0.25f;   // few distinct values, so many ties
      labels[i] = ((labelBits >>> (i % 64)) & 1) == 1 ? 1 : 0;
    }
    double pairs = 0;
    double concordant = 0;
    for (int p = 0; p < n; p++) {
      for (int q = 0; q < n; q++) {
        if (labels[p] == 1 && labels[q] == 0) {
          pairs++;
          concordant += scores[p] > scores[q] ? 1 : scores[p] == scores[q] ? 0.5 : 0;
        }
      }
    }
    if (pairs == 0) {
      assertThat(Evaluation.auc(scores, labels)).isNaN();   // one class: undefined
      return;
    }
    assertThat(Evaluation.auc(scores, labels)).isCloseTo(concordant / pairs, within(1e-12));
  }

  /** The packed sort key orders floats as {@link Float#compare} does, NaN and signed zeros too. */
  @Property
  void sortableBitsFollowFloatCompare(@ForAll float a, @ForAll float b) {
    assertThat(Integer.signum(Integer.compare(Evaluation.sortableBits(a),
        Evaluation.sortableBits(b)))).isEqualTo(Integer.signum(Float.compare(a, b)));
  }

  @Example
  void specialValuesSortAsFloatCompareSortsThem() {
    float[] v = {Float.NEGATIVE_INFINITY, -Float.MAX_VALUE, -1f, -Float.MIN_VALUE, -0f, 0f,
        Float.MIN_VALUE, 1f, Float.MAX_VALUE, Float.POSITIVE_INFINITY, Float.NaN};
    for (int i = 0; i < v.length; i++) {
      for (int j = 0; j < v.length; j++) {
        assertThat(Integer.signum(Integer.compare(Evaluation.sortableBits(v[i]),
            Evaluation.sortableBits(v[j])))).as("%s vs %s", v[i], v[j])
            .isEqualTo(Integer.signum(Float.compare(v[i], v[j])));
      }
    }
  }
}
