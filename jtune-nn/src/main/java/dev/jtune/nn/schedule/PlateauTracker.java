package dev.jtune.nn.schedule;

/** The state of {@link LearningRateSchedule.ReduceOnPlateau} during one fit. */
final class PlateauTracker implements RateTracker {

  private final LearningRateSchedule.ReduceOnPlateau spec;
  private double rate;
  private double best = Double.NaN;
  private int waited;

  PlateauTracker(LearningRateSchedule.ReduceOnPlateau spec, double baseRate) {
    this.spec = spec;
    this.rate = baseRate;
  }

  @Override
  public double at(int step) {
    return rate;
  }

  /**
   * As Keras's {@code ReduceLROnPlateau}: a NaN value never improves, and a reduction never raises
   * the rate (a base rate already at or below {@code minRate} stays where it is).
   */
  @Override
  public void endEpoch(int epoch, double monitored, boolean higherIsBetter) {
    double gain = higherIsBetter ? monitored - best : best - monitored;
    if (!Double.isNaN(monitored) && (Double.isNaN(best) || gain > spec.minDelta())) {
      best = monitored;
      waited = 0;
      return;
    }
    waited++;
    if (waited >= spec.patience()) {
      if (rate > spec.minRate()) {
        rate = Math.max(spec.minRate(), rate * spec.factor());
      }
      waited = 0;
    }
  }
}
