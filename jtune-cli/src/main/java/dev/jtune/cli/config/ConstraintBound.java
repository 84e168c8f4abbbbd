package dev.jtune.cli.config;

/**
 * One constraint of a study file: a number a trial records, at most or at least a limit, as
 * {@code parameters <= 20000} or {@code val_accuracy >= 0.8}.
 *
 * @param name what is bounded: an objective's metric name, or a user attribute the trial sets
 * @param atMost {@code true} for {@code <=}, {@code false} for {@code >=}
 * @param limit the bound, finite
 */
public record ConstraintBound(String name, boolean atMost, double limit) {

  public ConstraintBound {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a constraint names what it bounds, got '" + name + "'");
    }
    if (!Double.isFinite(limit)) {
      throw new IllegalArgumentException("the limit of constraint on '" + name
          + "' must be finite, got " + limit);
    }
  }

  /**
   * The constraint value Optuna's convention expects: at most 0 where the bound holds, and how far
   * it is missed otherwise ({@code value - limit} for {@code <=}, {@code limit - value} for
   * {@code >=}).
   */
  public double violation(double value) {
    return atMost ? value - limit : limit - value;
  }

  /** As the file writes it: {@code parameters <= 20000}. */
  @Override
  public String toString() {
    boolean whole = limit == Math.rint(limit) && Math.abs(limit) < 1e15;
    return name + (atMost ? " <= " : " >= ") + (whole ? Long.toString((long) limit)
        : Double.toString(limit));
  }
}
