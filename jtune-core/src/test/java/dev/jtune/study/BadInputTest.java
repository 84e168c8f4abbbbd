package dev.jtune.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jtune.sampler.GridSampler;
import dev.jtune.sampler.RandomSampler;
import dev.jtune.space.SearchSpace;
import dev.jtune.storage.DuplicateStudyException;
import dev.jtune.storage.InMemoryStorage;
import dev.jtune.storage.StudyNotFoundException;
import dev.jtune.trial.FrozenTrial;
import dev.jtune.trial.TrialState;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each bad input of the core issue: a message naming the parameter and value; the study as it was. */
class BadInputTest {

  private final Study study = Study.builder().name("bad").sampler(new RandomSampler(1)).build();

  private FrozenTrial onlyTrial() {
    assertThat(study.trials()).hasSize(1);
    return study.trials().get(0);
  }

  private String failReason() {
    FrozenTrial t = onlyTrial();
    assertThat(t.state()).isEqualTo(TrialState.FAIL);
    return (String) t.systemAttrs().get(FrozenTrial.FAIL_REASON);
  }

  @Test
  void lowAboveHighFailsTheTrialNamingParameterAndValues() {
    study.optimize(trial -> trial.suggestFloat("lr", 0.1, 0.01), 1);
    assertThat(failReason()).contains("parameter 'lr': low=0.1 must be <= high=0.01");
    assertThat(onlyTrial().params()).isEmpty();
  }

  @Test
  void logScaleWithNonPositiveLowIsRejected() {
    study.optimize(trial -> trial.suggestFloat("lr", 0, 1, true), 1);
    assertThat(failReason()).contains("parameter 'lr': a log scale requires low > 0, got low=0.0");
  }

  @Test
  void stepWithLogScaleIsRejected() {
    Trialish t = () -> study.ask();
    var trial = t.ask();
    assertThatThrownBy(() -> trial.suggest("units",
        new dev.jtune.space.IntDistribution(1, 100, true, 5)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> trial.suggestInt("units", 1, 100, 0))
        .hasMessageContaining("parameter 'units': step must be >= 1, got step=0");
    assertThat(trial.params()).isEmpty();
  }

  private interface Trialish {
    dev.jtune.trial.Trial ask();
  }

  @Test
  void emptyCategoricalIsRejected() {
    study.optimize(trial -> {
      trial.suggestCategorical("activation", List.of());
      return 0;
    }, 1);
    assertThat(failReason()).contains("parameter 'activation'").contains("at least one choice");
  }

  @Test
  void sameNameWithAnotherDistributionIsRejectedAndTheFirstValueKept() {
    var trial = study.ask();
    double x = trial.suggestFloat("x", 0, 1);
    assertThatThrownBy(() -> trial.suggestFloat("x", 0, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("parameter 'x' was already suggested")
        .hasMessageContaining("float[0.0, 1.0]").hasMessageContaining("float[0.0, 2.0]");
    assertThat(trial.suggestFloat("x", 0, 1)).isEqualTo(x);
    study.tell(trial, 1.0);
    assertThat(onlyTrial().params()).containsExactly(Map.entry("x", x));
  }

  @Test
  void gridValueOutsideItsDeclaredSpaceIsRejected() {
    SearchSpace space = SearchSpace.builder().intRange("units", 16, 256, 16).build();
    assertThatThrownBy(() -> GridSampler.of(space, Map.of("units", List.of(16, 40))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("grid value 40 of parameter 'units' is outside its declared space int[16, 256, step 16]");
  }

  @Test
  void gridValueOutsideTheSuggestedDistributionFailsTheTrial() {
    Study grid = Study.builder().sampler(GridSampler.of(Map.of("x", List.of(5.0)))).build();
    grid.optimize(trial -> trial.suggestFloat("x", 0, 1), 1);
    assertThat((String) grid.trials().get(0).systemAttrs().get(FrozenTrial.FAIL_REASON))
        .contains("grid value 5.0 of parameter 'x' is outside the suggested distribution float[0.0, 1.0]");
  }

  @Test
  void unknownStudyNameIsReportedWithTheKnownNames() {
    InMemoryStorage storage = new InMemoryStorage();
    Study.builder().name("known").storage(storage).build();
    assertThatThrownBy(() -> Study.load("unknown", storage))
        .isInstanceOf(StudyNotFoundException.class)
        .hasMessageContaining("'unknown'").hasMessageContaining("[known]");
    assertThat(storage.studies()).hasSize(1);
  }

  @Test
  void duplicateStudyNameIsRejectedUnlessLoading() {
    InMemoryStorage storage = new InMemoryStorage();
    Study.builder().name("s").storage(storage).build();
    assertThatThrownBy(() -> Study.builder().name("s").storage(storage).build())
        .isInstanceOf(DuplicateStudyException.class).hasMessageContaining("'s'");
    assertThatThrownBy(() -> Study.builder().name("s").storage(storage)
        .direction(StudyDirection.MAXIMIZE).loadIfExists(true).build())
        .hasMessageContaining("MINIMIZE").hasMessageContaining("MAXIMIZE");
  }

  @Test
  void nonPositiveTrialCountsAndJobsAreRejected() {
    assertThatThrownBy(() -> study.optimize(trial -> 0, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("nTrials must be > 0, got 0");
    assertThatThrownBy(() -> study.optimize(trial -> 0, -3))
        .hasMessage("nTrials must be > 0, got -3");
    assertThatThrownBy(() -> study.optimize(trial -> 0, 5, null, 0))
        .hasMessage("jobs must be > 0, got 0");
    assertThat(study.trials()).isEmpty();
  }

  @Test
  void nanObjectiveFailsTheTrialWithTheReasonAndTheStudyGoesOn() {
    study.optimize(trial -> trial.number() == 0 ? Double.NaN : 1.0, 3);
    List<FrozenTrial> trials = study.trials();
    assertThat(trials.get(0).state()).isEqualTo(TrialState.FAIL);
    assertThat((String) trials.get(0).systemAttrs().get(FrozenTrial.FAIL_REASON))
        .contains("the objective returned NaN");
    assertThat(trials.subList(1, 3)).allMatch(t -> t.state() == TrialState.COMPLETE);
  }

  @Test
  void throwingObjectiveFailsTheTrialWithTheStackTrace() {
    study.optimize(trial -> {
      if (trial.number() == 1) {
        throw new IllegalStateException("out of memory on the pretend GPU");
      }
      return 1.0;
    }, 3);
    FrozenTrial failed = study.trials().get(1);
    assertThat(failed.state()).isEqualTo(TrialState.FAIL);
    assertThat((String) failed.systemAttrs().get(FrozenTrial.FAIL_REASON))
        .contains("IllegalStateException: out of memory on the pretend GPU")
        .contains("BadInputTest");
    assertThat(study.trials(TrialState.COMPLETE)).hasSize(2);
  }

  @Test
  void rethrowRecordsTheFailureThenThrows() {
    assertThatThrownBy(() -> study.optimize(trial -> {
      throw new java.io.IOException("disk full");
    }, OptimizeOptions.trials(5).withRethrow(true)))
        .hasRootCauseInstanceOf(java.io.IOException.class).hasRootCauseMessage("disk full");
    assertThat(onlyTrial().state()).isEqualTo(TrialState.FAIL);
    assertThatThrownBy(() -> study.optimize(trial -> {
      throw new IllegalArgumentException("bad config");
    }, OptimizeOptions.trials(5).withRethrow(true)))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("bad config");
    assertThat(study.trials(TrialState.FAIL)).hasSize(2);
  }

  @Test
  void wrongNumberOfValuesFailsTheTrial() {
    Study multi = Study.builder().directions(StudyDirection.MINIMIZE, StudyDirection.MAXIMIZE).build();
    multi.optimizeMulti(trial -> new double[] {1.0}, OptimizeOptions.trials(1));
    assertThat((String) multi.trials().get(0).systemAttrs().get(FrozenTrial.FAIL_REASON))
        .contains("returned 1 value(s) [1.0] for a study with 2 direction(s)");
    assertThatThrownBy(() -> multi.optimize(trial -> 1.0, 1))
        .hasMessageContaining("has 2 directions");
  }

  @Test
  void enqueuedValueOutsideTheDistributionFailsTheTrialNamingIt() {
    study.enqueueTrial(Map.of("units", 1000));
    study.optimize(trial -> trial.suggestInt("units", 16, 256), 1);
    assertThat(failReason()).contains("parameter 'units': enqueued value 1000 is not in int[16, 256]");
  }

  @Test
  void nonJsonUserAttributeIsRejected() {
    var trial = study.ask();
    assertThatThrownBy(() -> trial.setUserAttr("model", new Object()))
        .hasMessageContaining("attribute 'model'").hasMessageContaining("not JSON-like");
    assertThat(trial.userAttrs()).isEmpty();
  }

  /** An exception whose message cannot be built (user code) still fails just its trial. */
  private static final class MessageThrows extends RuntimeException {
    @Override
    public String getMessage() {
      throw new NullPointerException("the message's own bug");
    }
  }

  @Test
  void anExceptionWhoseMessageThrowsFailsItsTrialAndTheStudyGoesOn() {
    Study study = Study.builder().sampler(new RandomSampler(1)).build();
    study.optimize(trial -> {
      trial.suggestFloat("x", 0, 1);
      throw new MessageThrows();
    }, 3);
    assertThat(study.trials()).hasSize(3).allSatisfy(t -> {
      assertThat(t.state()).isEqualTo(TrialState.FAIL);
      assertThat(t.systemAttrs().get(FrozenTrial.FAIL_REASON).toString())
          .contains(MessageThrows.class.getName())
          .contains("its message could not be printed");
    });
  }

  /** A builder built twice without a name makes two studies, as two create_study() calls do. */
  @Test
  void aBuilderWithoutANameBuildsAFreshStudyEachTime() {
    StudyBuilder builder = Study.builder().sampler(new RandomSampler(1));
    Study first = builder.build();
    Study second = builder.build();
    assertThat(second.name()).isNotEqualTo(first.name());
    assertThat(second.storage()).isNotSameAs(first.storage());
    // load() leaves the builder as it was too: two loads get samplers of their own
    StudyBuilder loader = Study.builder().name(first.name()).storage(first.storage());
    assertThat(loader.load().sampler()).isNotSameAs(loader.load().sampler());
  }
}
