package dev.jtune.nn.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import dev.jtune.nn.Autograd;
import dev.jtune.nn.TorchRuntime;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each optimizer's first three steps on {@code L(w) = ½ Σ a_i w_i²} (so {@code g = a ⊙ w}) from
 * {@code w = (1, −2)}, {@code a = (1, 3)}, against the update rule worked out by hand in doubles.
 */
class UpdaterTest {

  private static final double[] A = {1, 3};
  private static final double[] W0 = {1, -2};
  private static final double LR = 0.1;

  /** A hand-written rule: updates {@code w} in place given {@code g}, with state arrays. */
  interface Rule {
    void apply(double[] w, double[] g, double[] s1, double[] s2, int t);
  }

  private static double[][] handComputed(Rule rule, int steps) {
    double[] w = W0.clone();
    double[] s1 = new double[2];
    double[] s2 = new double[2];
    double[][] out = new double[steps][];
    for (int t = 1; t <= steps; t++) {
      double[] g = {A[0] * w[0], A[1] * w[1]};
      rule.apply(w, g, s1, s2, t);
      out[t - 1] = w.clone();
    }
    return out;
  }

  private static double[][] torch(OptimizerSpec spec, int steps) {
    List<double[]> out = new java.util.ArrayList<>();
    run(spec, new float[] {(float) W0[0], (float) W0[1]}, null, steps,
        v -> out.add(new double[] {v[0], v[1]}));
    return out.toArray(new double[0][]);
  }

  private static void assertSame(OptimizerSpec spec, Rule rule) {
    double[][] expected = handComputed(rule, 3);
    double[][] actual = torch(spec, 3);
    for (int t = 0; t < 3; t++) {
      for (int i = 0; i < 2; i++) {
        assertThat(actual[t][i]).as("%s step %d w[%d]", spec.kind(), t + 1, i)
            .isCloseTo(expected[t][i], within(1e-5));
      }
    }
    // the test problem moves every parameter: an optimizer that did nothing would fail
    assertThat(actual[2][1]).isNotCloseTo(W0[1], within(1e-3));
  }

  @Test
  void gradientDescentAndSgd() {
    Rule plain = (w, g, s1, s2, t) -> {
      for (int i = 0; i < 2; i++) {
        w[i] -= LR * g[i];
      }
    };
    assertSame(new OptimizerSpec.GradientDescent(LR), plain);
    assertSame(new OptimizerSpec.Sgd(LR), plain);
  }

  @Test
  void momentum() {
    assertSame(new OptimizerSpec.Momentum(LR, 0.9), (w, g, v, s2, t) -> {
      for (int i = 0; i < 2; i++) {
        v[i] = 0.9 * v[i] + LR * g[i];
        w[i] -= v[i];
      }
    });
  }

  @Test
  void nesterov() {
    assertSame(new OptimizerSpec.Nesterov(LR, 0.9), (w, g, v, s2, t) -> {
      for (int i = 0; i < 2; i++) {
        v[i] = 0.9 * v[i] + g[i];
        w[i] -= LR * (g[i] + 0.9 * v[i]);
      }
    });
  }

  @Test
  void adam() {
    assertSame(new OptimizerSpec.Adam(LR, 0.9, 0.999, 1e-7), (w, g, m, v, t) -> {
      for (int i = 0; i < 2; i++) {
        m[i] = 0.9 * m[i] + 0.1 * g[i];
        v[i] = 0.999 * v[i] + 0.001 * g[i] * g[i];
        double rate = LR * Math.sqrt(1 - Math.pow(0.999, t)) / (1 - Math.pow(0.9, t));
        w[i] -= rate * m[i] / (Math.sqrt(v[i]) + 1e-7);
      }
    });
  }

  @Test
  void adamW() {
    assertSame(new OptimizerSpec.AdamW(LR, 0.9, 0.999, 1e-7, 0.5), (w, g, m, v, t) -> {
      for (int i = 0; i < 2; i++) {
        w[i] -= LR * 0.5 * w[i];
        m[i] = 0.9 * m[i] + 0.1 * g[i];
        v[i] = 0.999 * v[i] + 0.001 * g[i] * g[i];
        double rate = LR * Math.sqrt(1 - Math.pow(0.999, t)) / (1 - Math.pow(0.9, t));
        w[i] -= rate * m[i] / (Math.sqrt(v[i]) + 1e-7);
      }
    });
  }

  @Test
  void rmsProp() {
    assertSame(new OptimizerSpec.RmsProp(LR, 0.9, 1e-7), (w, g, s1, s, t) -> {
      for (int i = 0; i < 2; i++) {
        s[i] = 0.9 * s[i] + 0.1 * g[i] * g[i];
        w[i] -= LR * g[i] / (Math.sqrt(s[i]) + 1e-7);
      }
    });
  }

  @Test
  void adagrad() {
    assertSame(new OptimizerSpec.Adagrad(LR, 1e-7), (w, g, s1, s, t) -> {
      for (int i = 0; i < 2; i++) {
        s[i] += g[i] * g[i];
        w[i] -= LR * g[i] / (Math.sqrt(s[i]) + 1e-7);
      }
    });
  }

  /**
   * With a large ε its place in each rule shows: the Keras form of Adam (ε added to √v after the
   * rate's bias correction) differs from PyTorch's here by more than 1e-3, as do RMSprop's and
   * Adagrad's ε outside the root from ε inside it.
   */
  @Test
  void epsilonWhereEachRuleDocumentsIt() {
    double eps = 0.5;
    assertSame(new OptimizerSpec.Adam(LR, 0.9, 0.999, eps), (w, g, m, v, t) -> {
      for (int i = 0; i < 2; i++) {
        m[i] = 0.9 * m[i] + 0.1 * g[i];
        v[i] = 0.999 * v[i] + 0.001 * g[i] * g[i];
        double rate = LR * Math.sqrt(1 - Math.pow(0.999, t)) / (1 - Math.pow(0.9, t));
        w[i] -= rate * m[i] / (Math.sqrt(v[i]) + eps);
      }
    });
    assertSame(new OptimizerSpec.AdamW(LR, 0.9, 0.999, eps, 0.5), (w, g, m, v, t) -> {
      for (int i = 0; i < 2; i++) {
        w[i] -= LR * 0.5 * w[i];
        m[i] = 0.9 * m[i] + 0.1 * g[i];
        v[i] = 0.999 * v[i] + 0.001 * g[i] * g[i];
        double rate = LR * Math.sqrt(1 - Math.pow(0.999, t)) / (1 - Math.pow(0.9, t));
        w[i] -= rate * m[i] / (Math.sqrt(v[i]) + eps);
      }
    });
    assertSame(new OptimizerSpec.RmsProp(LR, 0.9, eps), (w, g, s1, s, t) -> {
      for (int i = 0; i < 2; i++) {
        s[i] = 0.9 * s[i] + 0.1 * g[i] * g[i];
        w[i] -= LR * g[i] / (Math.sqrt(s[i]) + eps);
      }
    });
    assertSame(new OptimizerSpec.Adagrad(LR, eps), (w, g, s1, s, t) -> {
      for (int i = 0; i < 2; i++) {
        s[i] += g[i] * g[i];
        w[i] -= LR * g[i] / (Math.sqrt(s[i]) + eps);
      }
    });
  }

  @Test
  void noParametersNoWork() {
    try (Updater updater = new Updater(OptimizerSpec.Adam.of(0.1), List.of())) {
      updater.step(0.1);
      assertThat(updater.updates()).isEqualTo(1);
    }
  }

  /** Runs {@code steps} steps from {@code w0} and {@code saved}; returns the weights and state. */
  private static Object[] run(OptimizerSpec spec, float[] w0, OptimizerState saved, int steps) {
    return run(spec, w0, saved, steps, v -> { });
  }

  /** The same, handing {@code afterStep} the weights after each step. */
  private static Object[] run(OptimizerSpec spec, float[] w0, OptimizerState saved, int steps,
      java.util.function.Consumer<float[]> afterStep) {
    try (NDManager m = TorchRuntime.engine().newBaseManager()) {
      NDArray w = m.create(w0);
      w.setRequiresGradient(true);
      NDArray a = m.create(new float[] {(float) A[0], (float) A[1]});
      try (Updater updater = new Updater(spec, List.of(w), saved)) {
        for (int t = 0; t < steps; t++) {
          // as in the fit loop: each step inside a scope that closes what the step created
          try (NDScope scope = new NDScope()) {
            try (Autograd tape = Autograd.record()) {
              tape.backward(w.square().mul(a).sum().mul(0.5f));
            }
            updater.step(LR);
            scope.suppressNotUsedWarning();
          }
          afterStep.accept(w.toFloatArray());
        }
        return new Object[] {w.toFloatArray(), updater.export()};
      }
    }
  }

  /**
   * Four steps in one go and two, then two more from the exported state, end at the same weights
   * for every rule: the state (velocities, moments, Adam's step counts) is carried whole.
   */
  @Test
  void anExportedStateGoesOnExactlyWhereItStopped() {
    float[] w0 = {(float) W0[0], (float) W0[1]};
    for (OptimizerSpec spec : List.of(new OptimizerSpec.Sgd(LR), new OptimizerSpec.Momentum(LR,
        0.9), new OptimizerSpec.Nesterov(LR, 0.9), OptimizerSpec.Adam.of(LR),
        OptimizerSpec.AdamW.of(LR, 0.01), OptimizerSpec.RmsProp.of(LR),
        new OptimizerSpec.Adagrad(LR, 1e-7))) {
      float[] straight = (float[]) run(spec, w0, null, 4)[0];
      Object[] half = run(spec, w0, null, 2);
      OptimizerState saved = (OptimizerState) half[1];
      assertThat(saved.updates()).isEqualTo(2);
      float[] resumed = (float[]) run(spec, (float[]) half[0], saved, 2)[0];
      assertThat(resumed).as(spec.kind()).containsExactly(straight);
      // without the state the last two steps differ (momentum and moments start at zero)
      if (spec.stateSlots() > 0) {
        float[] fresh = (float[]) run(spec, (float[]) half[0], null, 2)[0];
        assertThat(fresh).as(spec.kind()).isNotEqualTo(straight);
      }
    }
  }

  @Test
  void aStateOfAnotherRuleIsLeftAndOneThatDoesNotFitIsRefused() {
    float[] w0 = {(float) W0[0], (float) W0[1]};
    OptimizerState momentum = (OptimizerState) run(new OptimizerSpec.Momentum(LR, 0.9), w0, null,
        2)[1];
    // Adam does not take up momentum's velocities: it starts afresh, as without a state
    assertThat((float[]) run(OptimizerSpec.Adam.of(LR), w0, momentum, 2)[0])
        .containsExactly((float[]) run(OptimizerSpec.Adam.of(LR), w0, null, 2)[0]);
    OptimizerState wrong = new OptimizerState(momentum.rule(), 2, List.of(new float[3]));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> run(new OptimizerSpec.Momentum(LR,
        0.9), w0, wrong, 1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("holds 3 values");
  }
}
