package dev.jtune.cli.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jtune.sampler.RandomSampler;
import dev.jtune.study.OptimizeOptions;
import dev.jtune.study.Study;
import dev.jtune.study.StudyDirection;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A study file's {@code directions}: several objectives, checked against what returns them. */
class DirectionsTest {
  private static final String TWO = """
      name: s
      directions: [minimize, MAXIMIZE]
      objective: {class: dev.jtune.cli.TwoObjectives}
      space:
        x: {type: float, low: -5, high: 5}
      """;

  private static StudyConfig parse(String yaml) {
    return parse(yaml, Overrides.none());
  }

  private static StudyConfig parse(String yaml, Overrides overrides) {
    return StudyConfigParser.standard().parse(overrides.apply(YamlSource.parse(yaml, "f.yaml")));
  }

  private static Overrides direction(String text) {
    return new Overrides(null, text, null, null, null, null, null, null, null, null);
  }

  @Test
  void aMultiObjectiveClassReturnsOneValuePerDirection() {
    StudyConfig c = parse(TWO);
    assertThat(c.directions()).containsExactly(StudyDirection.MINIMIZE, StudyDirection.MAXIMIZE);
    assertThat(c.directionsText()).isEqualTo("[minimize, maximize]");
    Study study = Study.builder().directions(StudyDirection.MINIMIZE, StudyDirection.MAXIMIZE)
        .sampler(new RandomSampler(1)).build();
    study.optimizeMulti(StudyConfigParser.objective(c), OptimizeOptions.trials(5));
    study.trials().forEach(t -> {
      double x = (Double) t.param("x");
      assertThat(t.values()).containsExactly(x * x, (x - 2) * (x - 2));
    });
  }

  @Test
  void aListOfOneIsOneDirectionAndOneValuedClassesStillWork() {
    StudyConfig c = parse("""
        name: s
        directions: [maximize]
        objective: {class: dev.jtune.cli.example.Rosenbrock}
        """);
    assertThat(c.directions()).containsExactly(StudyDirection.MAXIMIZE);
    assertThat(c.directionsText()).isEqualTo("maximize");
    assertThat(c.objective()).isInstanceOfSatisfying(ObjectiveSpec.JavaClass.class,
        j -> assertThat(j.instance()).isInstanceOf(SingleObjective.class));
  }

  @Test
  void theDemoSizeFunctionReturnsTheLossAndTheNetworksSize() throws Exception {
    StudyConfig c = parse("""
        name: s
        directions: [minimize, minimize]
        objective: {function: demo-size}
        """);
    Study study = Study.builder().directions(StudyDirection.MINIMIZE, StudyDirection.MINIMIZE)
        .sampler(new RandomSampler(3)).build();
    study.optimizeMulti(StudyConfigParser.objective(c), OptimizeOptions.trials(20));
    study.trials().forEach(t -> {
      int layers = (Integer) t.param("layers");
      int units = (Integer) t.param("units");
      // 784 -> units (weights and biases), layers-1 more hidden layers, -> 10
      double size = (784.0 * units + units + (layers - 1) * (units * (double) units + units)
          + units * 10 + 10) / 1000;
      assertThat(t.values().get(1)).isEqualTo(size);
      assertThat(t.values().get(0)).isGreaterThanOrEqualTo(0.25);
    });
    // the front is not one trial: small networks lose on the loss
    assertThat(study.bestTrials()).hasSizeGreaterThan(1);
    // three layers of 128 units, by hand: 784*128+128 + 2*(128*128+128) + 128*10+10
    assertThat(BuiltinFunction.thousandsOfWeights(3, 128)).isEqualTo(134.794);
  }

  @Test
  void theCommandLineGivesSeveralDirectionsSeparatedByCommas() {
    StudyConfig two = parse(TWO.replace("directions: [minimize, MAXIMIZE]",
        "direction: minimize"), direction("maximize, minimize"));
    assertThat(two.directions()).containsExactly(StudyDirection.MAXIMIZE,
        StudyDirection.MINIMIZE);
    assertThat(two.source().entries()).doesNotContainKey("direction");
    StudyConfig one = parse(TWO.replace("objective: {class: dev.jtune.cli.TwoObjectives}",
        "objective: {function: sphere}"), direction("maximize"));
    assertThat(one.directions()).containsExactly(StudyDirection.MAXIMIZE);
    assertThat(one.source().entries()).doesNotContainKey("directions");
    assertThatThrownBy(() -> parse(TWO, direction("minimize,")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("option --direction")
        .hasMessageContaining("expected a direction (minimize, maximize), found ''");
  }

  @Test
  void badDirectionsAreRefusedWhereTheyAreWritten() {
    Map<String, String> cases = new java.util.LinkedHashMap<>();
    cases.put(TWO.replace("directions: [minimize, MAXIMIZE]",
        "direction: minimize\ndirections: [minimize, maximize]"),
        "directions: give direction (one objective) or directions (a list, one per objective), "
            + "not both");
    cases.put(TWO.replace("[minimize, MAXIMIZE]", "[]"),
        "directions: expected at least one direction, found an empty list");
    cases.put(TWO.replace("[minimize, MAXIMIZE]", "minimize"),
        "directions: expected a list such as [minimize, maximize], found 'minimize'; for one "
            + "objective write direction: minimize, or directions: [minimize]");
    cases.put(TWO.replace("[minimize, MAXIMIZE]", "[minimize, maximise]"),
        "unknown direction 'maximise'; did you mean 'maximize'?");
    cases.put(TWO.replace("[minimize, MAXIMIZE]", "[minimize, [maximize]]"),
        "directions: expected a direction (minimize, maximize), found a list");
    // what the objective returns must match
    cases.put(TWO.replace("dev.jtune.cli.TwoObjectives", "dev.jtune.cli.example.Rosenbrock"),
        "class dev.jtune.cli.example.Rosenbrock implements dev.jtune.study.Objective, which "
            + "returns one value, but the study declares 2 directions; implement "
            + "dev.jtune.study.MultiObjective");
    cases.put(TWO.replace("{class: dev.jtune.cli.TwoObjectives}", "{function: sphere}"),
        "function sphere returns 1 value(s), but the study declares 2 direction(s); use direction:"
            + " minimize|maximize, or a function of 2 value(s): demo-size");
    cases.put("name: s\nobjective: {function: demo-size}\n",
        "function demo-size returns 2 value(s), but the study declares 1 direction(s); use "
            + "directions: with 2 entries");
    cases.put(TWO.replace("dev.jtune.cli.TwoObjectives", "java.lang.String"),
        "does not implement dev.jtune.study.Objective (one value) or "
            + "dev.jtune.study.MultiObjective (one value per direction)");
    // a class of several values needs its directions declared (one by default would fail it)
    cases.put(TWO.replace("directions: [minimize, MAXIMIZE]\n", ""),
        "class dev.jtune.cli.TwoObjectives implements dev.jtune.study.MultiObjective (one value "
            + "per direction), but the file declares no directions; add directions:");
    // a pruner that compares values needs one objective; threshold needs none
    cases.put(TWO + "pruner: median\n", "pruner: pruner median compares trials by one "
        + "objective, but the study has 2 directions; drop the pruner");
    cases.put(TWO + "pruner: {name: patient, patience: 2, wrapped: {name: median}}\n",
        "pruner: pruner patient compares trials by one objective");
    cases.put("""
        name: s
        directions: [maximize, minimize]
        data: {synthetic: {samples: 100, features: 4}}
        model: {mlp: {layers: [1, 1], units: [8, 16]}}
        training: {epochs: 1}
        """, "directions: 2 direction(s) declared, but the objective's metrics [val_accuracy] "
        + "are 1; drop directions (the metrics set them) or give one per metric");
    cases.forEach((yaml, message) -> assertThatThrownBy(() -> parse(yaml)).as(yaml)
        .isInstanceOf(ConfigException.class).hasMessageContaining(message));
    assertThat(parse(TWO + "pruner: {name: threshold, upper: 10}\n").pruner()).isNotNull();
  }

  @Test
  void metricNamesComeFromTheFileTheFunctionOrTheTrainingMetrics() {
    assertThat(parse(TWO).metricNames()).isEmpty();
    assertThat(parse(TWO + "metric-names: [square, \"shifted square\"]\n").metricNames())
        .containsExactly("square", "shifted square");
    assertThat(parse("name: s\ndirections: [minimize, minimize]\nobjective: {function: "
        + "demo-size}\n").metricNames()).containsExactly("loss", "weights_thousands");
    assertThat(parse("name: s\nobjective: {function: demo}\nmetric-names: [loss]\n")
        .metricNames()).containsExactly("loss");
    String training = """
        name: s
        data: {synthetic: {samples: 100, features: 4}}
        model: {mlp: {layers: [1, 1], units: [8, 16]}}
        training: {epochs: 1}
        objective: %s
        """;
    assertThat(parse(training.formatted("[val_acc, params]")).metricNames())
        .containsExactly("val_accuracy", "parameters");
    assertThat(parse(training.formatted("accuracy")).metricNames())
        .containsExactly("val_accuracy");
    Map<String, String> bad = new java.util.LinkedHashMap<>();
    bad.put(TWO + "metric-names: [a]\n", "metric-names: 1 name(s) for 2 direction(s)");
    bad.put(TWO + "metric-names: [a, a]\n", "metric-names: 'a' is named twice");
    bad.put(TWO + "metric-names: [a, \"\"]\n", "metric-names: expected a name");
    bad.put(TWO + "metric-names: a\n", "metric-names: expected a list of names");
    bad.put(training.formatted("accuracy") + "metric-names: [acc]\n",
        "metric-names: a training study's metrics name its objectives [val_accuracy]");
    bad.forEach((yaml, message) -> assertThatThrownBy(() -> parse(yaml)).as(yaml)
        .isInstanceOf(ConfigException.class).hasMessageContaining(message));
  }

  @Test
  void aTrainingStudysOneDirectionMayBeWrittenAsAList() {
    String training = """
        name: s
        directions: [%s]
        data: {synthetic: {samples: 100, features: 4}}
        model: {mlp: {layers: [1, 1], units: [8, 16]}}
        training: {epochs: 1}
        """;
    assertThat(parse(training.formatted("maximize")).directions())
        .containsExactly(StudyDirection.MAXIMIZE);
    assertThatThrownBy(() -> parse(training.formatted("minimize")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("directions: minimize contradicts the metric accuracy");
  }
}
