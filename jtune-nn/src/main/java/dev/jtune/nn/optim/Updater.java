package dev.jtune.nn.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import dev.jtune.nn.Kernels;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies an {@link OptimizerSpec}'s rule in place to a fixed list of parameters after each
 * backward pass, and zeroes their gradients. Adam and AdamW use libtorch's fused multi-tensor
 * update ({@link Kernels}: one native call for all parameters); SGD and momentum DJL's update (one
 * native call per parameter); Nesterov, RMSprop and Adagrad a few in-place tensor operations. State
 * tensors (velocities, moments) live in each parameter's manager and are closed by
 * {@link #close()}.
 *
 * <p>Not thread-safe: one updater belongs to one training loop. Call {@link #step(double)} with
 * autograd off (outside the forward/backward section).
 */
public final class Updater implements AutoCloseable {

  private final OptimizerSpec spec;
  private final List<NDArray> weights;
  private final List<NDArray> first = new ArrayList<>();
  private final List<NDArray> second = new ArrayList<>();
  /** Adam's and AdamW's moments and steps, or null. */
  private final Kernels.AdamState adam;
  /** Scalar tensors of the rule's constants (ρ, 1−ρ, ε, μ): DJL makes a tensor per scalar op. */
  private final NDArray decay;
  private final NDArray keep;
  private final NDArray epsilon;
  private NDArray rate;
  private float rateValue = Float.NaN;
  private int updates;

  /** An updater for these parameter arrays (each must require a gradient). */
  public Updater(OptimizerSpec spec, List<NDArray> weights) {
    this.spec = spec;
    this.weights = List.copyOf(weights);
    boolean fused = spec instanceof OptimizerSpec.Adam || spec instanceof OptimizerSpec.AdamW;
    adam = fused && !this.weights.isEmpty() ? Kernels.get().adam(this.weights) : null;
    for (NDArray w : this.weights) {
      first.add(needsFirst() ? w.zerosLike() : null);
      second.add(needsSecond() ? w.zerosLike() : null);
    }
    double rho = spec instanceof OptimizerSpec.RmsProp r ? r.rho()
        : spec instanceof OptimizerSpec.Nesterov n ? n.momentum() : 1;
    double eps = spec instanceof OptimizerSpec.RmsProp r ? r.epsilon()
        : spec instanceof OptimizerSpec.Adagrad a ? a.epsilon() : 0;
    boolean scalars = !this.weights.isEmpty() && (spec instanceof OptimizerSpec.RmsProp
        || spec instanceof OptimizerSpec.Adagrad || spec instanceof OptimizerSpec.Nesterov);
    NDManager manager = scalars ? this.weights.get(0).getManager() : null;
    decay = scalars ? manager.create((float) rho) : null;
    keep = scalars ? manager.create((float) (1 - rho)) : null;
    epsilon = scalars ? manager.create((float) eps) : null;
  }

  private NDArray rate(float lr) {
    if (lr != rateValue) {
      if (rate != null) {
        rate.close();
      }
      rate = weights.get(0).getManager().create(lr);
      NDScope.unregister(rate);   // kept across steps; a caller's step scope must not close it
      rateValue = lr;
    }
    return rate;
  }

  private boolean needsFirst() {
    return spec instanceof OptimizerSpec.Momentum || spec instanceof OptimizerSpec.Nesterov;
  }

  private boolean needsSecond() {
    return spec instanceof OptimizerSpec.RmsProp || spec instanceof OptimizerSpec.Adagrad;
  }

  /** The number of steps taken so far. */
  public int updates() {
    return updates;
  }

  /** The optimizer this updater applies. */
  public OptimizerSpec spec() {
    return spec;
  }

  /** One update of every parameter with learning rate {@code lr}, then zeroed gradients. */
  public void step(double lr) {
    updates++;
    if (adam != null) {
      adamStep(lr);
      return;
    }
    float rate = (float) lr;
    for (int i = 0; i < weights.size(); i++) {
      NDArray w = weights.get(i);
      try (NDArray g = w.getGradient()) {
        update(w, g, first.get(i), second.get(i), rate);
      }
    }
  }

  private void update(NDArray w, NDArray g, NDArray m, NDArray v, float lr) {
    if (spec instanceof OptimizerSpec.GradientDescent || spec instanceof OptimizerSpec.Sgd) {
      w.getNDArrayInternal().sgdUpdate(new NDList(w, g, w), new NDList(w), lr, 0f, 1f, -1f, 0f,
          false);
    } else if (spec instanceof OptimizerSpec.Momentum p) {
      w.getNDArrayInternal().sgdUpdate(new NDList(w, g, m), new NDList(w), lr, 0f, 1f, -1f,
          (float) p.momentum(), false);
    } else if (spec instanceof OptimizerSpec.Nesterov) {
      m.muli(decay).addi(g);
      try (NDArray mv = m.mul(decay); NDArray d = g.add(mv)) {
        w.subi(d.muli(rate(lr)));
      }
      zeroGrad(w);
    } else if (spec instanceof OptimizerSpec.RmsProp) {
      try (NDArray g2 = g.square()) {
        v.muli(decay).addi(g2.muli(keep));
      }
      divideBySqrtAndSubtract(w, g, v, rate(lr));
    } else if (spec instanceof OptimizerSpec.Adagrad) {
      try (NDArray g2 = g.square()) {
        v.addi(g2);
      }
      divideBySqrtAndSubtract(w, g, v, rate(lr));
    } else {
      throw new IllegalStateException("no update rule for " + spec);
    }
  }

  /**
   * Adam in the documented (Keras) form through libtorch's kernel, which adds ε to the
   * bias-corrected root {@code √v/√(1−β2ᵗ)}: the same update when given {@code ε/√(1−β2ᵗ)}.
   */
  private void adamStep(double lr) {
    if (spec instanceof OptimizerSpec.Adam p) {
      adam.step(lr, p.beta1(), p.beta2(), keras(p.epsilon(), p.beta2()), 0, false);
    } else if (spec instanceof OptimizerSpec.AdamW p) {
      adam.step(lr, p.beta1(), p.beta2(), keras(p.epsilon(), p.beta2()), p.weightDecay(), true);
    }
  }

  private double keras(double eps, double beta2) {
    return eps / Math.sqrt(1 - Math.pow(beta2, updates));
  }

  private void divideBySqrtAndSubtract(NDArray w, NDArray g, NDArray s, NDArray lr) {
    try (NDArray root = s.sqrt(); NDArray step = g.div(root.addi(epsilon))) {
      w.subi(step.muli(lr));
    }
    zeroGrad(w);
  }

  private static void zeroGrad(NDArray w) {
    JniUtils.zeroGrad((PtNDArray) w);
  }

  @Override
  public void close() {
    if (adam != null) {
      adam.close();
    }
    for (NDArray a : new NDArray[] {decay, keep, epsilon, rate}) {
      if (a != null) {
        a.close();
      }
    }
    for (NDArray a : first) {
      if (a != null) {
        a.close();
      }
    }
    for (NDArray a : second) {
      if (a != null) {
        a.close();
      }
    }
  }
}
