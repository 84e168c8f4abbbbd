package dev.jtune.testkit;

import dev.jtune.pruner.Pruner;

class MedianPrunerTest extends PrunerContract {
  @Override
  protected Pruner newPruner() {
    return Pruner.median();
  }
}
