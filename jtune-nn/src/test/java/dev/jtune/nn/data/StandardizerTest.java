package dev.jtune.nn.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StandardizerTest {

  @Test
  void aNonFiniteFeatureIsRefusedByRowAndColumnUnlessMaskedOut() {
    LabeledData data = LabeledData.table(new float[] {1, 5, Float.NaN, 6, 3, 7}, 2,
        new float[] {0, 1, 0}, 2);
    assertThatThrownBy(() -> Standardizer.fit(data))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("feature 0: row 1 holds NaN");
    // a column the mask leaves alone passes through, NaN and all
    Standardizer second = Standardizer.fit(data, new boolean[] {false, true});
    assertThat(second.mean()).containsExactly(0, 6);
  }
}
