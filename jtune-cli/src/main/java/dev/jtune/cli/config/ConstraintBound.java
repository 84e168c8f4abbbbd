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

  private static final java.util.regex.Pattern FORM = java.util.regex.Pattern.compile(
      "\\s*([A-Za-z_][A-Za-z0-9_.:-]*)\\s*(<=|>=|<|>|==|=)\\s*(\\S+)\\s*");

  /**
   * A bound as a study file writes it ({@code parameters <= 20_000}); what the name may be is
   * checked by the caller.
   *
   * @throws IllegalArgumentException saying what is wrong: not of the form, {@code <} or
   *     {@code >} (a bound holds at its limit), a limit that is no finite number
   */
  public static ConstraintBound parse(String text) {
    java.util.regex.Matcher m = FORM.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException("'" + text + "' is not a bound such as "
          + "'parameters <= 20000' or 'val_accuracy >= 0.8'");
    }
    String op = m.group(2);
    if (!op.equals("<=") && !op.equals(">=")) {
      throw new IllegalArgumentException("'" + text + "': use <= or >= (a bound holds at its "
          + "limit, as Optuna's constraint values c <= 0 do)");
    }
    double limit;
    try {
      limit = Double.parseDouble(m.group(3).replace("_", ""));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + text + "': the limit '" + m.group(3)
          + "' is not a number");
    }
    if (!Double.isFinite(limit)) {
      throw new IllegalArgumentException("'" + text + "': the limit must be finite");
    }
    return new ConstraintBound(m.group(1), op.equals("<="), limit);
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
