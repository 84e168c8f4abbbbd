package dev.jtune.nn.optim;

import dev.jtune.trial.Trial;
import java.util.List;
import java.util.Set;

/**
 * The optimizer as a hyperparameter. {@link #suggest(Trial)} asks the trial for
 * <ul>
 *   <li>{@code optimizer}: one of {@link #kinds()} ({@code gd, sgd, momentum, nesterov, adam,
 *       adamw, rmsprop, adagrad});
 *   <li>{@code lr}: log-uniform on {@code [lrLow, lrHigh]};
 *   <li>when {@code tuneExtras}, and only where the chosen optimizer has it (conditional
 *       hyperparameters):
 *       {@code momentum} in {@code [0.5, 0.99]} for momentum and Nesterov, {@code weight_decay}
 *       log-uniform in {@code [1e-6, 1e-1]} for AdamW, {@code rho} in {@code [0.8, 0.99]} for
 *       RMSprop; without {@code tuneExtras} these take momentum 0.9 (the usual choice; Keras's
 *       {@code SGD} defaults to no momentum, which is jtune's {@code sgd}) and Keras's defaults
 *       decay 0.004 and ρ 0.9. Adam's betas and every ε stay at Keras's defaults.
 * </ul>
 *
 * @param kinds the optimizers to choose among, in the categorical's order
 * @param lrLow the smallest learning rate
 * @param lrHigh the largest learning rate
 * @param tuneExtras whether momentum, weight decay and ρ are hyperparameters too
 */
public record OptimizerChoice(List<String> kinds, double lrLow, double lrHigh,
    boolean tuneExtras) {

  /** Every optimizer this package knows. */
  public static final List<String> ALL =
      List.of("gd", "sgd", "momentum", "nesterov", "adam", "adamw", "rmsprop", "adagrad");

  public OptimizerChoice {
    kinds = List.copyOf(kinds);
    if (kinds.isEmpty()) {
      throw new IllegalArgumentException("kinds must name at least one optimizer");
    }
    for (String k : kinds) {
      if (!ALL.contains(k)) {
        throw new IllegalArgumentException("unknown optimizer '" + k + "'; known: " + ALL);
      }
    }
    if (Set.copyOf(kinds).size() != kinds.size()) {
      throw new IllegalArgumentException("kinds " + kinds + " repeat a name");
    }
    if (!(lrLow > 0 && lrLow <= lrHigh)) {   // equal bounds: a fixed rate, not asked
      throw new IllegalArgumentException("need 0 < lrLow=" + lrLow + " <= lrHigh=" + lrHigh);
    }
  }

  /** Chooses among the given optimizers with a learning rate in {@code [lrLow, lrHigh]}. */
  public static OptimizerChoice of(double lrLow, double lrHigh, String... kinds) {
    return new OptimizerChoice(List.of(kinds), lrLow, lrHigh, true);
  }

  /** A copy that tunes (or fixes at Keras's defaults) momentum, weight decay and ρ. */
  public OptimizerChoice withTunedExtras(boolean tune) {
    return new OptimizerChoice(kinds, lrLow, lrHigh, tune);
  }

  /** Suggests an optimizer and its hyperparameters; see the class comment for the names. */
  public OptimizerSpec suggest(Trial trial) {
    String kind = trial.suggestCategorical("optimizer", kinds);
    double lr = trial.suggestFloat("lr", lrLow, lrHigh, true);
    return switch (kind) {
      case "gd" -> new OptimizerSpec.GradientDescent(lr);
      case "sgd" -> new OptimizerSpec.Sgd(lr);
      case "momentum" -> new OptimizerSpec.Momentum(lr, momentum(trial));
      case "nesterov" -> new OptimizerSpec.Nesterov(lr, momentum(trial));
      case "adam" -> OptimizerSpec.Adam.of(lr);
      case "adamw" -> OptimizerSpec.AdamW.of(lr, tuneExtras
          ? trial.suggestFloat("weight_decay", 1e-6, 1e-1, true) : 0.004);
      case "rmsprop" -> new OptimizerSpec.RmsProp(lr,
          tuneExtras ? trial.suggestFloat("rho", 0.8, 0.99) : 0.9, 1e-7);
      case "adagrad" -> new OptimizerSpec.Adagrad(lr, 1e-7);
      default -> throw new IllegalStateException("unhandled optimizer " + kind);
    };
  }

  private double momentum(Trial trial) {
    return tuneExtras ? trial.suggestFloat("momentum", 0.5, 0.99) : 0.9;
  }
}
