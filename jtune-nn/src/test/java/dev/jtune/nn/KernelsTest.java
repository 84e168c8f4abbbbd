package dev.jtune.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Each kernel against values and gradients worked out by hand in doubles. */
class KernelsTest {

  private static final Kernels K = Kernels.get();

  @Test
  void crossEntropyAndItsGradient() {
    double[][] z = {{1, 2, 3}, {0, 0, 1}};
    int[] label = {2, 0};
    try (NDManager m = TorchRuntime.engine().newBaseManager()) {
      NDArray logits = m.create(new float[] {1, 2, 3, 0, 0, 1}, new Shape(2, 3));
      logits.setRequiresGradient(true);
      NDArray classes = m.create(new long[] {2, 0});
      try (Autograd tape = Autograd.record()) {
        NDArray loss = K.crossEntropy(logits, classes);
        assertThat((double) loss.getFloat()).isCloseTo(crossEntropy(z, label), within(1e-6));
        tape.backward(loss);
      }
      float[] grad = logits.getGradient().toFloatArray();
      for (int i = 0; i < 2; i++) {
        double[] p = softmax(z[i]);
        for (int k = 0; k < 3; k++) {
          double expected = (p[k] - (k == label[i] ? 1 : 0)) / 2;
          assertThat((double) grad[i * 3 + k]).isCloseTo(expected, within(1e-6));
        }
      }
    }
  }

  @Test
  void binaryCrossEntropyOnLogits() {
    double[] z = {-1, 2, 0.5};
    double[] y = {0, 1, 1};
    try (NDManager m = TorchRuntime.engine().newBaseManager()) {
      NDArray logits = m.create(new float[] {-1, 2, 0.5f}, new Shape(3, 1));
      logits.setRequiresGradient(true);
      NDArray targets = m.create(new float[] {0, 1, 1}, new Shape(3, 1));
      double expected = 0;
      for (int i = 0; i < 3; i++) {
        expected += (Math.log1p(Math.exp(z[i])) - z[i] * y[i]) / 3;
      }
      try (Autograd tape = Autograd.record()) {
        NDArray loss = K.binaryCrossEntropy(logits, targets);
        assertThat((double) loss.getFloat()).isCloseTo(expected, within(1e-6));
        tape.backward(loss);
      }
      float[] grad = logits.getGradient().toFloatArray();
      for (int i = 0; i < 3; i++) {
        double sigmoid = 1 / (1 + Math.exp(-z[i]));
        assertThat((double) grad[i]).isCloseTo((sigmoid - y[i]) / 3, within(1e-6));
      }
    }
  }

  @Test
  void meanSquaredError() {
    try (NDManager m = TorchRuntime.engine().newBaseManager()) {
      NDArray out = m.create(new float[] {1, 2, 4}, new Shape(3, 1));
      NDArray y = m.create(new float[] {1, 0, 1}, new Shape(3, 1));
      assertThat(K.meanSquaredError(out, y).getFloat()).isCloseTo((0 + 4 + 9) / 3f, within(1e-6f));
    }
  }

  @Test
  void rowsBelongToTheIndexManager() {
    try (NDManager shared = TorchRuntime.engine().newBaseManager();
        NDManager mine = TorchRuntime.engine().newBaseManager()) {
      NDArray x = shared.create(new float[] {0, 1, 10, 11, 20, 21, 30, 31}, new Shape(4, 2));
      NDArray y = shared.create(new long[] {0, 1, 2, 3});
      NDList rows = K.rows(mine.create(new long[] {3, 0, 3}), x, y);
      assertThat(rows.get(0).toFloatArray()).containsExactly(30, 31, 0, 1, 30, 31);
      assertThat(rows.get(1).toLongArray()).containsExactly(3, 0, 3);
      assertThat(rows.get(0).getManager()).isSameAs(mine);
      assertThat(rows.get(1).getManager()).isSameAs(mine);
    }
  }

  /**
   * A parameter that never had a gradient keeps its value (no update, no decay); one whose
   * gradient was zeroed after a step is updated with a zero gradient, so momentum carries it on.
   */
  @Test
  void updatesLeaveAParameterWithoutGradientAlone() {
    Autograd.disableOnThisThread();
    try (NDManager m = TorchRuntime.engine().newBaseManager()) {
      NDArray a = m.create(new float[] {1, -2});
      NDArray b = m.create(new float[] {5, 6});
      a.setRequiresGradient(true);
      b.setRequiresGradient(true);
      try (Kernels.ParameterState adam = K.state(List.of(a), 2);
          Kernels.ParameterState momentum = K.state(List.of(a, b), 1)) {
        try (Autograd tape = Autograd.record()) {
          tape.backward(a.square().sum());
        }
        adam.adam(0.1, 0.9, 0.999, 1e-8, 0, false);
        // first Adam step moves each coordinate by lr against the gradient's sign
        assertThat(a.toFloatArray()).containsExactly(new float[] {0.9f, -1.9f}, within(1e-6f));
        assertThat(a.getGradient().toFloatArray()).containsExactly(0, 0);

        try (Autograd tape = Autograd.record()) {
          tape.backward(b.sum());   // step 1: both have gradients (a's is zero), b gets momentum
        }
        momentum.momentum(0.1, 0.9);
        float[] bAfterOne = b.toFloatArray();
        assertThat(bAfterOne).containsExactly(new float[] {4.9f, 5.9f}, within(1e-6f));
        try (Autograd tape = Autograd.record()) {
          tape.backward(a.sum());   // step 2: b has a zeroed gradient still, so it is updated
        }
        momentum.momentum(0.1, 0.9);
        assertThat(b.toFloatArray()).containsExactly(new float[] {4.81f, 5.81f}, within(1e-6f));
      }
      NDArray fresh = m.create(new float[] {3});
      fresh.setRequiresGradient(true);   // never had a gradient
      try (Kernels.ParameterState state = K.state(List.of(a, fresh), 2)) {
        try (Autograd tape = Autograd.record()) {
          tape.backward(a.sum());
        }
        state.adam(0.1, 0.9, 0.999, 1e-8, 0.5, true);
        assertThat(fresh.toFloatArray()).containsExactly(3);   // no decay either
      }
    }
  }

  @Test
  void aRuleNeedsItsStateSlots() {
    try (NDManager m = TorchRuntime.engine().newBaseManager();
        Kernels.ParameterState state = K.state(List.of(m.create(new float[] {1})), 1)) {
      org.assertj.core.api.Assertions.assertThatThrownBy(
          () -> state.adam(0.1, 0.9, 0.999, 1e-8, 0, false))
          .hasMessageContaining("adam needs 2 state slots, this state has 1");
    }
  }

  /**
   * libtorch's graph optimizer, left on, rejected the update's own graph after a few calls with
   * changing parameter lists ("We don't have an op for aten::append").
   */
  @Test
  void updatesKeepWorkingAcrossParameterListsOfEveryShape() {
    Autograd.disableOnThisThread();
    try (NDManager m = TorchRuntime.engine().newBaseManager()) {
      for (int round = 0; round < 6; round++) {
        List<NDArray> weights = new ArrayList<>();
        for (int i = 0; i <= round % 3; i++) {
          NDArray w = m.ones(new Shape(i + 1, round + 1));
          w.setRequiresGradient(true);
          weights.add(w);
        }
        try (Kernels.ParameterState state = K.state(weights, 2)) {
          for (int step = 0; step < 5; step++) {
            try (Autograd tape = Autograd.record()) {
              tape.backward(weights.get(0).square().sum());
            }
            if (round % 2 == 0) {
              state.adam(0.01, 0.9, 0.999, 1e-8, 0, false);
            } else {
              state.momentum(0.01, 0.9);
            }
          }
        }
        assertThat(weights.get(0).toFloatArray()[0]).isLessThan(1f);
      }
    }
  }

  @Test
  void threadsShareTheKernels() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int offset = t;
        results.add(pool.submit(() -> {
          double[][] z = {{offset, 0, 1}};
          try (NDManager m = TorchRuntime.engine().newBaseManager()) {
            for (int i = 0; i < 200; i++) {
              NDArray logits = m.create(new float[] {offset, 0, 1}, new Shape(1, 3));
              float loss = K.crossEntropy(logits, m.create(new long[] {1})).getFloat();
              if (Math.abs(loss - crossEntropy(z, new int[] {1})) > 1e-5) {
                return false;
              }
              logits.close();
            }
          }
          return true;
        }));
      }
      for (Future<Boolean> r : results) {
        assertThat(r.get()).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static double crossEntropy(double[][] z, int[] label) {
    double sum = 0;
    for (int i = 0; i < z.length; i++) {
      sum -= Math.log(softmax(z[i])[label[i]]);
    }
    return sum / z.length;
  }

  private static double[] softmax(double[] z) {
    double total = 0;
    double[] p = new double[z.length];
    for (int k = 0; k < z.length; k++) {
      p[k] = Math.exp(z[k]);
      total += p[k];
    }
    for (int k = 0; k < z.length; k++) {
      p[k] /= total;
    }
    return p;
  }
}
