package dev.jtune.nn.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Laws of {@link Splitter}'s stratified three-way split: a partition of the rows, held-out parts of
 * exactly {@code ceil(fraction * rows)}, every present class kept for training, and (when every
 * class has rows to spare) each class's held-out share within one row of its proportional share;
 * or a refusal, never a silent shortfall.
 */
class SplitterPropertiesTest {

  @Property(tries = 300)
  void aStratifiedSplitIsAnExactPartitionOrARefusal(
      @ForAll @Size(min = 2, max = 5) List<@IntRange(min = 0, max = 40) Integer> classSizes,
      @ForAll @DoubleRange(min = 0.01, max = 0.6) double validation,
      @ForAll @DoubleRange(min = 0.01, max = 0.6) double test,
      @ForAll long seed) {
    Assume.that(validation + test < 1);
    int n = classSizes.stream().mapToInt(Integer::intValue).sum();
    Assume.that(n >= 2);
    float[] x = new float[n];
    float[] y = new float[n];
    int row = 0;
    for (int c = 0; c < classSizes.size(); c++) {
      for (int i = 0; i < classSizes.get(c); i++) {
        x[row] = row;
        y[row++] = c;
      }
    }
    LabeledData data = LabeledData.table(x, 1, y, classSizes.size());
    // a refusal is due exactly when the held-out parts want more rows than the classes can give
    // while keeping one row each for training, or a held-out part is smaller than the number of
    // classes present (each part holds every class)
    int validationRows = (int) Math.ceil(validation * n - 1e-9);
    int testRows = (int) Math.ceil(test * n - 1e-9);
    int spare = classSizes.stream().mapToInt(c -> Math.max(0, c - 1)).sum();
    int present = (int) classSizes.stream().filter(c -> c > 0).count();
    boolean mustRefuse = validationRows + testRows > spare || validationRows < present
        || testRows < present;
    List<LabeledData> parts;
    try {
      parts = Splitter.stratified(seed).trainValidationTest(data, validation, test);
    } catch (IllegalArgumentException refused) {
      assertThat(refused.getMessage()).containsAnyOf("fractions", "part");
      assertThat(mustRefuse).as("refused a feasible split: %s", refused.getMessage()).isTrue();
      return;
    }
    assertThat(mustRefuse).as("split what cannot be split").isFalse();
    List<Integer> ids = new ArrayList<>();
    for (LabeledData part : parts) {
      for (float v : part.features()) {
        ids.add((int) v);
      }
    }
    assertThat(ids).doesNotHaveDuplicates().hasSize(n);
    assertThat(parts.get(1).rows()).isEqualTo((int) Math.ceil(validation * n - 1e-9));
    assertThat(parts.get(2).rows()).isEqualTo((int) Math.ceil(test * n - 1e-9));
    int[] train = parts.get(0).classCounts();
    boolean roomy = true;   // no class short of rows for its proportional shares plus training
    for (int c = 0; c < classSizes.size(); c++) {
      assertThat(train[c] > 0).as("class %d in training", c).isEqualTo(classSizes.get(c) > 0);
      int needed = 1;
      for (int p = 1; p < 3; p++) {
        needed += (int) Math.ceil((double) parts.get(p).rows() * classSizes.get(c) / n);
      }
      roomy &= classSizes.get(c) == 0 || classSizes.get(c) >= needed;
    }
    if (roomy) {
      for (int c = 0; c < classSizes.size(); c++) {
        for (int p = 1; p < 3; p++) {
          double exact = (double) parts.get(p).rows() * classSizes.get(c) / n;
          assertThat(Math.abs(parts.get(p).classCounts()[c] - exact))
              .as("class %d in part %d, proportional share %s", c, p, exact).isLessThan(1.0);
        }
      }
    }
  }
}
