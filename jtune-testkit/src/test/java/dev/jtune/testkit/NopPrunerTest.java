package dev.jtune.testkit;

import dev.jtune.pruner.Pruner;

class NopPrunerTest extends PrunerContract {
  @Override
  protected Pruner newPruner() {
    return Pruner.none();
  }

  @Override
  protected boolean prunes() {
    return false;
  }
}
