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

  @Override
  public void endEpoch(int epoch, double monitored, boolean higherIsBetter) {
    double gain = higherIsBetter ? monitored - best : best - monitored;
    if (Double.isNaN(best) || gain > spec.minDelta()) {
      best = monitored;
      waited = 0;
      return;
    }
    waited++;
    if (waited >= spec.patience()) {
      rate = Math.max(spec.minRate(), rate * spec.factor());
      waited = 0;
    }
  }
}
