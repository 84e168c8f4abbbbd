package dev.jtune.nn.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.jtune.nn.model.Task;
import org.junit.jupiter.api.Test;

/** Metrics against values worked out by hand. */
class EvaluationTest {

  private static final Task BINARY = new Task(Task.Kind.BINARY, new int[] {1}, 2);

  @Test
  void aucCountsConcordantPairsAndHalfTheTies() {
    // positives score 0.8, 0.4, 0.4; negatives 0.4, 0.1: of 6 pairs, 4 concordant and 2 tied
    float[] scores = {0.8f, 0.4f, 0.4f, 0.4f, 0.1f};
    float[] labels = {1, 1, 1, 0, 0};
    assertThat(Evaluation.auc(scores, labels)).isCloseTo(5.0 / 6, within(1e-12));
    assertThat(Evaluation.auc(new float[] {1, 2}, new float[] {1, 1})).isNaN();  // one class
    assertThat(Evaluation.auc(new float[] {3, 1, 2}, new float[] {1, 0, 0})).isEqualTo(1.0);
  }

  @Test
  void binaryLossIsSigmoidCrossEntropyOnLogits() {
    Evaluation e = Evaluation.of(BINARY, new float[] {0, 2, -1}, new float[] {1, 1, 1});
    double expected = (Math.log(2) + Math.log1p(Math.exp(-2)) + Math.log1p(Math.exp(1))) / 3;
    assertThat(e.get(Metric.LOSS)).isCloseTo(expected, within(1e-7));
    assertThat(e.get(Metric.ACCURACY)).isCloseTo(1.0 / 3, within(1e-12));
  }

  @Test
  void multiClassLossIsSoftmaxCrossEntropy() {
    Task task = new Task(Task.Kind.MULTICLASS, new int[] {1}, 3);
    Evaluation e = Evaluation.of(task, new float[] {1, 2, 3, 0, 0, 0}, new float[] {2, 0});
    double first = Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3)) - 3;
    double second = Math.log(3);
    assertThat(e.get(Metric.LOSS)).isCloseTo((first + second) / 2, within(1e-6));
    assertThat(e.get(Metric.ACCURACY)).isEqualTo(1.0);   // argmax of a tie: the first class
    assertThatThrownBy(() -> e.get(Metric.AUC)).hasMessageContaining("auc was not computed");
  }

  @Test
  void regressionErrors() {
    Task task = new Task(Task.Kind.REGRESSION, new int[] {1}, 0);
    Evaluation e = Evaluation.of(task, new float[] {1, 2, 4}, new float[] {1, 0, 1});
    assertThat(e.get(Metric.MSE)).isCloseTo((0 + 4 + 9) / 3.0, within(1e-12));
    assertThat(e.get(Metric.MAE)).isCloseTo((0 + 2 + 3) / 3.0, within(1e-12));
    assertThat(e.get(Metric.LOSS)).isEqualTo(e.get(Metric.MSE));
  }

  /**
   * Outputs of a diverged network: every metric NaN. Before, AUC ranked each NaN above every
   * finite score (1.0 or 0.0 by row order) and accuracy read a NaN logit as class 0.
   */
  @Test
  void nonFiniteOutputsMakeEveryMetricNaN() {
    Evaluation all = Evaluation.of(BINARY, new float[] {Float.NaN, Float.NaN, Float.NaN,
        Float.NaN}, new float[] {0, 0, 1, 1});
    assertThat(all.values()).containsOnlyKeys(Metric.LOSS, Metric.ACCURACY, Metric.AUC)
        .allSatisfy((m, v) -> assertThat(v).as(m.label()).isNaN());
    assertThat(all.finite()).isFalse();
    Evaluation one = Evaluation.of(BINARY, new float[] {0.9f, 0.1f, Float.NaN, 0.2f},
        new float[] {1, 0, 1, 0});
    assertThat(one.get(Metric.AUC)).isNaN();
    Task three = new Task(Task.Kind.MULTICLASS, new int[] {1}, 3);
    assertThat(Evaluation.of(three, new float[] {1, Float.POSITIVE_INFINITY, 0}, new float[] {1})
        .get(Metric.ACCURACY)).isNaN();
    Task regression = new Task(Task.Kind.REGRESSION, new int[] {1}, 0);
    Evaluation r = Evaluation.of(regression, new float[] {1, Float.NaN}, new float[] {1, 0});
    assertThat(r.get(Metric.MAE)).isNaN();
    assertThat(r.finite()).isFalse();
    assertThat(Evaluation.of(BINARY, new float[] {1, -1}, new float[] {1, 0}).finite()).isTrue();
  }

  @Test
  void kerasNamesParse() {
    assertThat(Metric.parse("val_accuracy")).isEqualTo(Metric.ACCURACY);
    assertThat(Metric.parse("loss")).isEqualTo(Metric.LOSS);
    assertThat(Metric.parse("acc")).isEqualTo(Metric.ACCURACY);   // Keras 2's name
    assertThat(Metric.parse("val_acc")).isEqualTo(Metric.ACCURACY);
    assertThat(Metric.AUC.appliesTo(BINARY)).isTrue();
    assertThatThrownBy(() -> Metric.parse("val_f1")).hasMessageContaining("unknown metric 'val_f1'");
  }
}
