package dev.jtune.nn.optim;

import java.util.List;
import java.util.Objects;

/**
 * An {@link Updater}'s state, copied out to go on from later (a population member's checkpoint):
 * which rule it belongs to, the steps taken and the state tensors (velocities, moments, Adam's step
 * counts) in {@link dev.jtune.nn.Kernels.ParameterState#export()}'s order.
 *
 * @param rule the optimizer's rule ({@link #ruleOf}); a state is only taken up by the same rule
 * @param updates the steps taken
 * @param tensors the state tensors' values
 */
public record OptimizerState(String rule, int updates, List<float[]> tensors) {

  public OptimizerState {
    Objects.requireNonNull(rule, "rule");
    if (updates < 0) {
      throw new IllegalArgumentException("updates=" + updates + " must be >= 0");
    }
    tensors = List.copyOf(tensors);
  }

  /** The rule's name for an optimizer: its kind, whatever its rates. */
  public static String ruleOf(OptimizerSpec spec) {
    return spec.getClass().getSimpleName();
  }
}
