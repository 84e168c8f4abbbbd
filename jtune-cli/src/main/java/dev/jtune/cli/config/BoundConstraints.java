package dev.jtune.cli.config;

import dev.jtune.sampler.Constraints;
import dev.jtune.trial.FrozenTrial;
import java.util.List;

/**
 * A study file's {@code constraints}, as the study asks them of each finished trial: for each
 * {@link ConstraintBound}, the number it names (an objective's value when the name is one of
 * {@code metricNames}, else the trial's user attribute of that name) turned into a constraint
 * value. A trial without that number makes the function throw, naming what is missing: the study
 * then stores no values for it and counts it infeasible.
 */
public record BoundConstraints(List<ConstraintBound> bounds, List<String> metricNames)
    implements Constraints {

  public BoundConstraints {
    bounds = List.copyOf(bounds);
    metricNames = List.copyOf(metricNames);
  }

  @Override
  public double[] of(FrozenTrial trial) {
    double[] out = new double[bounds.size()];
    for (int i = 0; i < out.length; i++) {
      ConstraintBound b = bounds.get(i);
      out[i] = b.violation(valueOf(trial, b.name()));
    }
    return out;
  }

  private double valueOf(FrozenTrial trial, String name) {
    int objective = metricNames.indexOf(name);
    if (objective >= 0 && objective < trial.values().size()) {
      return trial.values().get(objective);
    }
    Object attr = trial.userAttrs().get(name);
    if (attr instanceof Number n) {
      return n.doubleValue();
    }
    if (objective >= 0) {
      throw new IllegalArgumentException("trial " + trial.number() + " has no value for '"
          + name + "' (it ended " + trial.state() + " without values)");
    }
    throw new IllegalArgumentException(attr == null
        ? "trial " + trial.number() + " has no user attribute '" + name + "' (it has "
            + trial.userAttrs().keySet() + "); the objective must set it with "
            + "trial.setUserAttr(\"" + name + "\", number)"
        : "trial " + trial.number() + "'s user attribute '" + name + "' is " + attr
            + ", not a number");
  }

  @Override
  public String toString() {
    return bounds.toString();
  }
}
