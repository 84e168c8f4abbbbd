package dev.jtune.testkit;

import dev.jtune.pruner.Pruner;
import dev.jtune.pruner.SuccessiveHalvingConfig;

class ExplicitSuccessiveHalvingPrunerTest extends PrunerContract {
  @Override
  protected Pruner newPruner() {
    return Pruner.successiveHalving(SuccessiveHalvingConfig.defaults().withMinResource(2).withReductionFactor(3).withBootstrapCount(1));
  }
}
