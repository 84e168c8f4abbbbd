package dev.jtune.nn.data;

/**
 * Two disjoint parts of a data set: the part a model is fitted on and the part it is judged on
 * (test, validation or a held-out fold, depending on who made the split).
 */
public record Split(LabeledData train, LabeledData held) {

  /**
   * Keras's {@code validation_split}: the last {@code fraction} of the rows, in their order, is held
   * out (no shuffle before the split); at least one row stays on each side.
   */
  public static Split lastFraction(LabeledData data, double fraction) {
    if (!(fraction > 0 && fraction < 1)) {
      throw new IllegalArgumentException("fraction=" + fraction + " must be in (0, 1)");
    }
    int fit = (int) (data.rows() * (1 - fraction));
    if (fit < 1 || fit >= data.rows()) {
      throw new IllegalArgumentException("fraction=" + fraction + " of " + data.rows()
          + " rows leaves an empty side");
    }
    return new Split(data.slice(0, fit), data.slice(fit, data.rows()));
  }
}
