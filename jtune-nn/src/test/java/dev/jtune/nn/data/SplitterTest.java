package dev.jtune.nn.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SplitterTest {

  /** 100 rows, feature = row id, 70 of class 0 and 30 of class 1. */
  private static LabeledData ids() {
    float[] x = new float[100];
    float[] y = new float[100];
    for (int i = 0; i < 100; i++) {
      x[i] = i;
      y[i] = i < 70 ? 0 : 1;
    }
    return LabeledData.table(x, 1, y, 2);
  }

  private static List<Integer> idsOf(LabeledData d) {
    List<Integer> out = new ArrayList<>();
    for (float v : d.features()) {
      out.add((int) v);
    }
    return out;
  }

  @Test
  void stratifiedTrainTestKeepsProportionsAndPartitionsRows() {
    Split s = Splitter.stratified(42).trainTest(ids(), 0.2);
    assertThat(s.held().rows()).isEqualTo(20);
    assertThat(s.held().classCounts()).containsExactly(14, 6);
    assertThat(s.train().classCounts()).containsExactly(56, 24);
    List<Integer> all = new ArrayList<>(idsOf(s.train()));
    all.addAll(idsOf(s.held()));
    assertThat(all).doesNotHaveDuplicates().hasSize(100);
    assertThat(Splitter.stratified(42).trainTest(ids(), 0.2)).isEqualTo(s);
    assertThat(idsOf(Splitter.stratified(7).trainTest(ids(), 0.2).held()))
        .isNotEqualTo(idsOf(s.held()));
  }

  @Test
  void threeWaySplitIsAPartition() {
    List<LabeledData> parts = Splitter.stratified(1).trainValidationTest(ids(), 0.2, 0.1);
    assertThat(parts.get(1).rows()).isEqualTo(20);
    assertThat(parts.get(2).rows()).isEqualTo(10);
    assertThat(parts.get(2).classCounts()).containsExactly(7, 3);
    List<Integer> all = new ArrayList<>();
    parts.forEach(p -> all.addAll(idsOf(p)));
    assertThat(all).doesNotHaveDuplicates().hasSize(100);
  }

  @Test
  void aStratifiedPartTooSmallForEveryClassIsRefused() {
    assertThatThrownBy(() -> Splitter.stratified(1).trainTest(ids(), 0.01))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("gets 1 of 100 rows, fewer than the 2 classes");
    assertThat(Splitter.shuffled(1).trainTest(ids(), 0.01).held().rows()).isEqualTo(1);
    // classes declared but absent (a subset of ten-class data) do not count
    float[] x = new float[8];
    float[] y = {0, 0, 0, 4, 4, 4, 7, 7};
    LabeledData subset = LabeledData.table(x, 1, y, 10);
    assertThat(Splitter.stratified(1).trainTest(subset, 0.5).held().rows()).isEqualTo(4);
  }

  @Test
  void everyClassKeepsATrainingRowWhenRoundingWouldHoldItAllOut() {
    // class 0 has one row; its exact share of 3 held-out rows is 0.5, tied with class 1's
    // remainder: largest remainder alone would hold out its only row and train without it
    float[] y = {0, 1, 1, 1, 1, 1};
    Split s = Splitter.stratified(3).trainTest(LabeledData.table(new float[6], 1, y, 2), 0.5);
    assertThat(s.held().classCounts()).containsExactly(0, 3);
    assertThat(s.train().classCounts()).containsExactly(1, 2);
  }

  @Test
  void heldOutPartsThatWouldTakeAClassEntirelyAreRefused() {
    float[] y = {0, 0, 1};
    LabeledData tiny = LabeledData.table(new float[3], 1, y, 2);
    assertThatThrownBy(() -> Splitter.stratified(1).trainTest(tiny, 0.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("fractions [0.5] hold out more of 3 rows")
        .hasMessageContaining("keeping one row of each class for training");
    assertThat(Splitter.shuffled(1).trainTest(tiny, 0.5).held().rows()).isEqualTo(2);
  }

  @Test
  void kFoldHoldsEachRowOutOnceAndStratifies() {
    List<Split> folds = Splitter.stratified(3).kFold(ids(), 5);
    List<Integer> held = new ArrayList<>();
    for (Split f : folds) {
      held.addAll(idsOf(f.held()));
      assertThat(f.held().classCounts()).containsExactly(14, 6);
      assertThat(f.train().rows()).isEqualTo(80);
      assertThat(idsOf(f.train())).doesNotContainAnyElementsOf(idsOf(f.held()));
      // in the data's row order, as scikit-learn's folds (they were grouped by class)
      assertThat(idsOf(f.train())).isSorted();
      assertThat(idsOf(f.held())).isSorted();
    }
    assertThat(held).doesNotHaveDuplicates().hasSize(100);
    // as scikit-learn: refused when no class has k rows (a smaller class only warns)
    LabeledData few = LabeledData.table(new float[] {0, 1, 2, 3}, 1, new float[] {0, 0, 1, 1}, 2);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Splitter.stratified(1).kFold(few, 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("k=3 stratified folds need a class with at least k rows")
        .hasMessageContaining("[2, 2]");
    assertThat(Splitter.shuffled(1).kFold(few, 3)).hasSize(3);
  }

  @Test
  void kerasValidationSplitTakesTheLastRows() {
    Split s = Split.lastFraction(ids(), 0.2);
    assertThat(idsOf(s.train())).hasSize(80).startsWith(0, 1, 2);
    assertThat(idsOf(s.held())).hasSize(20).startsWith(80).endsWith(99);
  }
}
