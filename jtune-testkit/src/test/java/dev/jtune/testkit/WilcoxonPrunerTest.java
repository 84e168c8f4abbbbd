package dev.jtune.testkit;

import dev.jtune.pruner.Pruner;

/**
 * The pruner contract for Optuna's Wilcoxon pruner; the contract's learning curves stand for
 * instance scores here (step = instance id), and a curve worse than the best one at every step is
 * the case the test is for.
 */
class WilcoxonPrunerTest extends PrunerContract {
  @Override
  protected Pruner newPruner() {
    return Pruner.wilcoxon();
  }
}
