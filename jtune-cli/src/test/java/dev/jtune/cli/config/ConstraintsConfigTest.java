package dev.jtune.cli.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jtune.sampler.RandomSampler;
import dev.jtune.study.Feasibility;
import dev.jtune.study.OptimizeOptions;
import dev.jtune.study.Study;
import dev.jtune.study.StudyDirection;
import dev.jtune.trial.FrozenTrial;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A study file's {@code constraints}: bounds on metrics and user attributes. */
class ConstraintsConfigTest {
  private static final String DEMO_SIZE = """
      name: s
      directions: [minimize, minimize]
      objective: {function: demo-size}
      constraints: %s
      """;
  private static final String TRAINING = """
      name: t
      data: {synthetic: {samples: 100, features: 4}}
      model: {mlp: {layers: [1, 2], units: [8, 16]}}
      training: {epochs: 1}
      objective: {metric: accuracy}
      constraints: %s
      """;

  private static StudyConfig parse(String yaml) {
    return StudyConfigParser.standard().parse(YamlSource.parse(yaml, "f.yaml"));
  }

  private static String error(String yaml) {
    try {
      parse(yaml);
    } catch (ConfigException e) {
      return e.getMessage();
    }
    throw new AssertionError("no error for " + yaml);
  }

  @Test
  void boundsOnAFunctionsMetricsAreReadAndAskedOfEachTrial() {
    StudyConfig c = parse(DEMO_SIZE.formatted("['weights_thousands <= 50', 'loss >= 0.01']"));
    assertThat(c.constraints()).containsExactly(
        new ConstraintBound("weights_thousands", true, 50),
        new ConstraintBound("loss", false, 0.01));
    assertThat(c.constraints().get(0)).hasToString("weights_thousands <= 50");
    Study study = Study.builder().directions(StudyDirection.MINIMIZE, StudyDirection.MINIMIZE)
        .sampler(new RandomSampler(2)).constraints(c.constraintsFunction()).build();
    study.optimizeMulti(StudyConfigParser.objective(c), OptimizeOptions.trials(12));
    for (FrozenTrial t : study.trials()) {
      double[] stored = t.constraintValues().orElseThrow();
      assertThat(stored).containsExactly(t.values().get(1) - 50, 0.01 - t.values().get(0));
    }
    assertThat(study.bestTrials()).allMatch(Feasibility::feasible);
  }

  @Test
  void aTrainingStudyMayBoundItsMetricParametersAndBestEpoch() {
    StudyConfig c = parse(TRAINING.formatted("[parameters <= 2_000, val_accuracy >= 0.6, "
        + "best_epoch >= 0]"));
    assertThat(c.constraints()).extracting(ConstraintBound::name)
        .containsExactly("parameters", "val_accuracy", "best_epoch");
    assertThat(c.constraints().get(0).limit()).isEqualTo(2000);
    // one bound may stand alone
    assertThat(parse(TRAINING.formatted("'parameters <= 500'")).constraints()).hasSize(1);
  }

  @Test
  void badBoundsAreRefusedNamingTheEntry() {
    assertThat(error(TRAINING.formatted("[parameters < 2000]")))
        .contains("constraints").contains("'parameters < 2000': use <= or >=");
    assertThat(error(TRAINING.formatted("[parameters <= lots]")))
        .contains("the limit 'lots' is not a number");
    assertThat(error(TRAINING.formatted("[parameters <= Infinity]")))
        .contains("the limit must be finite");
    assertThat(error(TRAINING.formatted("[latency <= 3]")))
        .contains("unknown name 'latency'")
        .contains("a training trial records val_accuracy, parameters, best_epoch");
    assertThat(error(TRAINING.formatted("[size]"))).contains("'size' is not a bound such as");
    assertThat(error(TRAINING.formatted("[]"))).contains("expected at least one bound");
    assertThat(error(TRAINING.formatted("[{parameters: 3}]"))).contains("expected a bound");
    assertThat(error(DEMO_SIZE.formatted("[size <= 3]")))
        .contains("this built-in function records loss, weights_thousands");
    assertThat(error("""
        name: s
        objective: {function: demo}
        constraints: [loss <= 3]
        """)).contains("this built-in function records no number to bound");
    assertThat(error(TRAINING.formatted("[parameters <= 1]").replace("constraints", "constraint")))
        .contains("constraints");
  }

  @Test
  void aClassMayBoundAnyAttributeAndAMissingOneMakesTheTrialInfeasible() {
    StudyConfig c = parse("""
        name: c
        objective: {class: dev.jtune.cli.TwoObjectives}
        directions: [minimize, minimize]
        metric-names: [a, b]
        space: {x: {type: float, low: -5, high: 5}}
        constraints: ['a <= 4', 'latency_ms <= 20']
        """);
    BoundConstraints f = (BoundConstraints) c.constraintsFunction();
    Study study = Study.builder().directions(StudyDirection.MINIMIZE, StudyDirection.MINIMIZE)
        .sampler(new RandomSampler(3)).constraints(f).build();
    study.optimizeMulti(StudyConfigParser.objective(c), OptimizeOptions.trials(3));
    FrozenTrial t = study.trials().get(0);
    assertThat(t.systemAttrs()).containsEntry(FrozenTrial.CONSTRAINTS, null);
    assertThat((String) t.systemAttrs().get(FrozenTrial.CONSTRAINTS_PROBLEM))
        .contains("trial 0 has no user attribute 'latency_ms' (it has [])")
        .contains("trial.setUserAttr(\"latency_ms\", number)");
    assertThat(study.bestTrials()).isEmpty();
    assertThat(parse(TRAINING.formatted("[parameters <= 1]")).constraintsFunction())
        .isInstanceOf(BoundConstraints.class);
    assertThat(parse(TRAINING.replace("constraints: %s\n", "")).constraintsFunction()).isNull();
  }
}
