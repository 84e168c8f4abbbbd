package dev.jtune.testkit;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jtune.pruner.PruneDecision;
import dev.jtune.pruner.Pruner;
import dev.jtune.study.StudyDirection;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The contract rejects pruners that break it, so passing it means something. */
class PrunerContractSelfTest {

  @Test
  void aPrunerWithStateFailsTheStoredDataCheck() {
    AtomicInteger calls = new AtomicInteger();
    PrunerContract contract = new PrunerContract() {
      @Override
      protected Pruner newPruner() {
        return (study, trial) -> trial.lastStep().orElse(0) > 5 && calls.incrementAndGet() % 7 == 0
            ? PruneDecision.prune("every seventh call") : PruneDecision.keep();
      }
    };
    assertThatThrownBy(contract::decisionsDependOnlyOnStoredData).isInstanceOf(AssertionError.class);
  }

  @Test
  void aPrunerThatIgnoresTheDirectionFailsTheCurveCheck() {
    PrunerContract contract = new PrunerContract() {
      @Override
      protected Pruner newPruner() {
        // Treats every study as minimizing: in a MAXIMIZE study it stops the good curves.
        return (study, trial) -> trial.lastStep().orElse(0) >= 3
            && trial.intermediateValues().get(trial.lastStep().get()) > 1.5
            ? PruneDecision.prune("above 1.5") : PruneDecision.keep();
      }
    };
    assertThatThrownBy(contract::prunedTrialsKeepTheirCurveTheirLastValueAndAReason)
        .isInstanceOf(AssertionError.class).hasMessageContaining(StudyDirection.MAXIMIZE.name());
  }

  @Test
  void aPrunerThatPrunesEveryTrialFailsTheCurveCheck() {
    PrunerContract contract = new PrunerContract() {
      @Override
      protected Pruner newPruner() {
        return (study, trial) -> trial.lastStep().isPresent() ? PruneDecision.prune("always")
            : PruneDecision.keep();
      }
    };
    assertThatThrownBy(contract::prunedTrialsKeepTheirCurveTheirLastValueAndAReason)
        .isInstanceOf(AssertionError.class).hasMessageContaining("trials run to the end");
  }

  @Test
  void aPrunerThatPrunesBeforeAnyReportFailsTheFirstCheck() {
    PrunerContract contract = new PrunerContract() {
      @Override
      protected Pruner newPruner() {
        // Stops a trial that has nothing to show once the study has history.
        return (study, trial) -> trial.intermediateValues().isEmpty() && study.trials().size() > 10
            ? PruneDecision.prune("nothing reported") : PruneDecision.keep();
      }
    };
    assertThatThrownBy(contract::neverPrunesBeforeAnyReport).isInstanceOf(AssertionError.class);
  }
}
