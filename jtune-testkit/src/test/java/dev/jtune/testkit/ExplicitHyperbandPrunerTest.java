package dev.jtune.testkit;

import dev.jtune.pruner.HyperbandConfig;
import dev.jtune.pruner.Pruner;

class ExplicitHyperbandPrunerTest extends PrunerContract {
  @Override
  protected Pruner newPruner() {
    return Pruner.hyperband(HyperbandConfig.of(1, STEPS).withReductionFactor(2));
  }
}
