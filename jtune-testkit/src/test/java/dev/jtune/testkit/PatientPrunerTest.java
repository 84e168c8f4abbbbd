package dev.jtune.testkit;

import dev.jtune.pruner.PatientConfig;
import dev.jtune.pruner.Pruner;

class PatientPrunerTest extends PrunerContract {
  @Override
  protected Pruner newPruner() {
    return Pruner.patient(PatientConfig.of(3));
  }
}
