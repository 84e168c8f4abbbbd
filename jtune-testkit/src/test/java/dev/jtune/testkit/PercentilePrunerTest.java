package dev.jtune.testkit;

import dev.jtune.pruner.PercentileConfig;
import dev.jtune.pruner.Pruner;

class PercentilePrunerTest extends PrunerContract {
  @Override
  protected Pruner newPruner() {
    return Pruner.percentile(PercentileConfig.of(25).withStartupTrials(3).withWarmupSteps(2).withIntervalSteps(2));
  }
}
