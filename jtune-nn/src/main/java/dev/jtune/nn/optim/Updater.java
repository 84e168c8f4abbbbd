package dev.jtune.nn.optim;

import ai.djl.ndarray.NDArray;
import dev.jtune.nn.Kernels;
import java.util.List;

/**
 * Applies an {@link OptimizerSpec}'s rule in place to a fixed list of parameters after each
 * backward pass, and zeroes their gradients. Each step is one native call for all parameters
 * ({@link Kernels.ParameterState}): libtorch's fused kernel for Adam and AdamW, in-place tensor
 * operations for the other rules. State tensors (velocities, moments) live in each parameter's
 * manager and are closed by {@link #close()}.
 *
 * <p>Not thread-safe: one updater belongs to one training loop. Call {@link #step(double)} with
 * autograd off (outside the forward/backward section).
 */
public final class Updater implements AutoCloseable {

  private final OptimizerSpec spec;
  /** Null when there are no parameters. */
  private final Kernels.ParameterState state;
  private int updates;

  /** An updater for these parameter arrays (each must require a gradient). */
  public Updater(OptimizerSpec spec, List<NDArray> weights) {
    this(spec, weights, null);
  }

  /**
   * An updater that goes on from {@code saved} (an {@link #export()} of an updater of the same
   * rule for parameters of the same shapes), or starts afresh when it is {@code null} or belongs
   * to another rule (a population member that copied another's weights and now uses another
   * optimizer).
   *
   * @throws IllegalArgumentException if a state of the same rule does not fit the parameters
   */
  public Updater(OptimizerSpec spec, List<NDArray> weights, OptimizerState saved) {
    this.spec = spec;
    boolean goesOn = saved != null && saved.rule().equals(OptimizerState.ruleOf(spec));
    this.state = weights.isEmpty() ? null : Kernels.get().state(List.copyOf(weights),
        spec.stateSlots(), goesOn ? saved.tensors() : null);
    this.updates = goesOn ? saved.updates() : 0;
  }

  /** A copy of the state, to go on from with {@link #Updater(OptimizerSpec, List, OptimizerState)}. */
  public OptimizerState export() {
    return new OptimizerState(OptimizerState.ruleOf(spec), updates,
        state == null ? List.of() : state.export());
  }

  /** The number of steps taken so far. */
  public int updates() {
    return updates;
  }

  /** The optimizer this updater applies. */
  public OptimizerSpec spec() {
    return spec;
  }

  /**
   * One update of every parameter that has a gradient, with learning rate {@code lr}, then zeroed
   * gradients. A parameter that no loss has reached yet has no gradient and is left alone with
   * its state; once it has one, the gradient is zeroed rather than removed after each step, so a
   * later step that does not reach it still counts it as a zero gradient (momentum and Adam keep
   * moving it), as PyTorch does with {@code zero_grad(set_to_none=False)}.
   */
  public void step(double lr) {
    updates++;
    if (state == null) {
      return;
    }
    if (spec instanceof OptimizerSpec.GradientDescent || spec instanceof OptimizerSpec.Sgd) {
      state.sgd(lr);
    } else if (spec instanceof OptimizerSpec.Momentum p) {
      state.momentum(lr, p.momentum());
    } else if (spec instanceof OptimizerSpec.Nesterov p) {
      state.nesterov(lr, p.momentum());
    } else if (spec instanceof OptimizerSpec.RmsProp p) {
      state.rmsprop(lr, p.rho(), p.epsilon());
    } else if (spec instanceof OptimizerSpec.Adagrad p) {
      state.adagrad(lr, p.epsilon());
    } else if (spec instanceof OptimizerSpec.Adam p) {
      state.adam(lr, p.beta1(), p.beta2(), keras(p.epsilon(), p.beta2()), 0, false);
    } else if (spec instanceof OptimizerSpec.AdamW p) {
      state.adam(lr, p.beta1(), p.beta2(), keras(p.epsilon(), p.beta2()), p.weightDecay(),
          true);
    } else {
      throw new IllegalStateException("no update rule for " + spec);
    }
  }

  /**
   * Adam's ε in the documented (Keras) form, {@code m / (√v + ε)} after the rate's bias
   * correction, as the fused kernel takes it: that kernel adds ε to the bias-corrected root
   * {@code √v/√(1−β2ᵗ)}, which gives the same update when given {@code ε/√(1−β2ᵗ)}. {@code t} is
   * this updater's count, exact for parameters that had a gradient at every step.
   */
  private double keras(double eps, double beta2) {
    return eps / Math.sqrt(1 - Math.pow(beta2, updates));
  }

  @Override
  public void close() {
    if (state != null) {
      state.close();
    }
  }
}
