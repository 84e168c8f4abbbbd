package dev.jtune.testkit;

import dev.jtune.pruner.Pruner;

class SuccessiveHalvingPrunerTest extends PrunerContract {
  @Override
  protected Pruner newPruner() {
    return Pruner.successiveHalving();
  }
}
