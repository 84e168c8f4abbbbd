package dev.jtune.testkit;

import dev.jtune.pruner.PatientConfig;
import dev.jtune.pruner.Pruner;

class PatientMedianPrunerTest extends PrunerContract {
  @Override
  protected Pruner newPruner() {
    return Pruner.patient(Pruner.median(), new PatientConfig(2, 0.01));
  }
}
