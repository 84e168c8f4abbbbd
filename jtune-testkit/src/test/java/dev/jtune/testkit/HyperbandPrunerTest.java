package dev.jtune.testkit;

import dev.jtune.pruner.Pruner;

class HyperbandPrunerTest extends PrunerContract {
  @Override
  protected Pruner newPruner() {
    return Pruner.hyperband();
  }
}
