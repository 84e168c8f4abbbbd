package dev.jtune.sampler.pbt;

import dev.jtune.study.Objective;
import dev.jtune.trial.Trial;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * SGD on a noisy one-dimensional quadratic, tracked exactly: the mean {@code m} and variance
 * {@code v} of the weight under {@code θ ← θ − η (θ + ε)}, {@code ε ~ N(0, 1)}, so that the loss
 * {@code E[θ²] = m² + v} is deterministic. A constant rate trades speed ({@code m} shrinks as
 * {@code (1 − η)^t}) against a noise floor ({@code v → η / (2 − η)}); a falling rate beats every
 * constant one, which is what population-based training finds. Each trial trains one
 * {@link Segment} of {@link #STEPS} steps from its parent's end state, kept here by trial number
 * (the checkpoints).
 */
final class NoisyQuadratic implements Objective {
  static final int STEPS = 10;

  record State(double mean, double variance, int steps) {
    double loss() {
      return mean * mean + variance;
    }

    State train(double lr, int n) {
      double m = mean;
      double v = variance;
      for (int i = 0; i < n; i++) {
        m *= 1 - lr;
        v = (1 - lr) * (1 - lr) * v + lr * lr;
      }
      return new State(m, v, steps + n);
    }
  }

  static final State START = new State(1, 0, 0);

  final Map<Integer, State> checkpoints = new ConcurrentHashMap<>();

  @Override
  public double evaluate(Trial trial) {
    double lr = trial.suggestFloat("lr", 1e-4, 1, true);
    Segment segment = Segment.of(trial.systemAttrs()).orElseThrow();
    State from = segment.parent().isPresent()
        ? checkpoints.get(segment.parent().getAsInt()) : START;
    State end = from.train(lr, STEPS);
    checkpoints.put(trial.number(), end);
    trial.report(end.steps(), end.loss());
    return end.loss();
  }

  /**
   * This objective behind a random pause of up to 2 ms per trial when {@code pauses}, so that
   * threads interleave differently from run to run.
   */
  Objective pausing(boolean pauses) {
    return trial -> {
      if (pauses) {
        java.util.concurrent.locks.LockSupport.parkNanos(
            java.util.concurrent.ThreadLocalRandom.current().nextLong(2_000_000));
      }
      return evaluate(trial);
    };
  }

  /** The lowest loss any constant rate reaches in {@code steps} steps (a fine log grid). */
  static double bestConstantRate(int steps) {
    double best = Double.POSITIVE_INFINITY;
    for (int i = 0; i <= 4000; i++) {
      double lr = Math.pow(10, -4 + 4.0 * i / 4000);
      best = Math.min(best, START.train(lr, steps).loss());
    }
    return best;
  }
}
