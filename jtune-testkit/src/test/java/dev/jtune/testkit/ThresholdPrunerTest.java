package dev.jtune.testkit;

import dev.jtune.pruner.Pruner;
import dev.jtune.pruner.ThresholdConfig;

class ThresholdPrunerTest extends PrunerContract {
  @Override
  protected Pruner newPruner() {
    return Pruner.threshold(ThresholdConfig.between(-5, 5));
  }
}
