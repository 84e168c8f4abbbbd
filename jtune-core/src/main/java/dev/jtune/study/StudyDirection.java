package dev.jtune.study;

/** Whether an objective value is to be made small or large. */
public enum StudyDirection {
  /** Smaller values are better (a loss, an error rate). */
  MINIMIZE,
  /** Larger values are better (an accuracy, an AUC). */
  MAXIMIZE;

  /** Whether {@code a} is strictly better than {@code b} in this direction. */
  public boolean isBetter(double a, double b) {
    return this == MINIMIZE ? a < b : a > b;
  }

  /** The value as a quantity to minimize: itself when minimizing, its negation when maximizing. */
  public double toMinimized(double value) {
    return this == MINIMIZE ? value : -value;
  }
}
