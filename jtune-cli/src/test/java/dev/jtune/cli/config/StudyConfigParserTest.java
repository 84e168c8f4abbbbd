package dev.jtune.cli.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jtune.sampler.nsga.Crossover;
import dev.jtune.sampler.nsga.NsgaIIConfig;
import dev.jtune.sampler.nsga.NsgaIISampler;
import dev.jtune.sampler.tpe.TpeSampler;
import dev.jtune.space.CategoricalDistribution;
import dev.jtune.space.FloatDistribution;
import dev.jtune.space.IntDistribution;
import dev.jtune.study.OptimizeOptions;
import dev.jtune.study.Study;
import dev.jtune.study.StudyDirection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StudyConfigParserTest {
  private static final String FILE = """
      name: s
      direction: maximize
      objective: {function: sphere}
      space:
        lr: {type: float, low: 1.0e-4, high: 0.1, log: true}
        units: {type: int, low: 16, high: 256, step: 16}
        opt: {type: categorical, choices: [adam, sgd, 3, true]}
        momentum: {type: float, low: 0, high: 0.9, step: 0.3, when: {opt: [sgd, 3]}}
        nesterov: {type: bool, when: {opt: sgd, units: [16, 32]}}
        seed: {type: fixed, value: 7}
      sampler: tpe
      budget: {trials: 12, time: 1h30m}
      jobs: 3
      parallel-history: latest
      """;

  private static StudyConfig parse(String yaml, Overrides overrides) {
    return StudyConfigParser.standard().parse(overrides.apply(YamlSource.parse(yaml, "f.yaml")));
  }

  /** A condition on a number may quote it, as conditions compare values as text. */
  @Test
  void aQuotedNumberInAConditionIsTheNumber() {
    StudyConfig c = parse("""
        name: s
        objective: {function: sphere}
        space:
          n: {type: int, low: 1, high: 3}
          m: {type: float, low: 0, high: 1, when: {n: "2"}}
        """, Overrides.none());
    assertThat(c.space().params()).hasSize(2);
  }

  @Test
  void everyPartOfTheFileIsRead() {
    StudyConfig c = parse(FILE, Overrides.none());
    assertThat(c.name()).isEqualTo("s");
    assertThat(c.directions()).containsExactly(StudyDirection.MAXIMIZE);
    assertThat(c.storage()).isEqualTo(StudyConfigParser.DEFAULT_STORAGE);
    assertThat(c.space().params()).extracting(ParamSpec::name)
        .containsExactly("lr", "units", "opt", "momentum", "nesterov", "seed");
    assertThat(c.space().params().get(0).distribution())
        .isEqualTo(new FloatDistribution(1e-4, 0.1, true, 0));
    assertThat(c.space().params().get(1).distribution())
        .isEqualTo(new IntDistribution(16, 256, false, 16));
    assertThat(((CategoricalDistribution) c.space().params().get(2).distribution()).choices())
        .containsExactly("adam", "sgd", 3, true);
    assertThat(c.space().params().get(4).when()).isEqualTo(Map.of("opt", List.of("sgd"),
        "units", List.of(16, 32)));
    assertThat(c.sampler()).isInstanceOf(TpeSampler.class);
    assertThat(c.trials()).isEqualTo(12);
    assertThat(c.timeout()).contains(Duration.ofMinutes(90));
    assertThat(c.jobs()).isEqualTo(3);
    assertThat(c.parallelHistory()).isEqualTo(OptimizeOptions.ParallelHistory.LATEST);
    assertThat(parse(FILE.replace("parallel-history: latest\n", ""), Overrides.none())
        .parallelHistory()).isEqualTo(OptimizeOptions.ParallelHistory.REPRODUCIBLE);
    assertThatThrownBy(() -> parse(FILE.replace("latest", "fastest"), Overrides.none()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("parallel-history")
        .hasMessageContaining("fastest");
    Overrides option = new Overrides(null, null, null, null, null, null, null, null, null, null,
        "reproducible");
    assertThat(parse(FILE, option).parallelHistory())
        .isEqualTo(OptimizeOptions.ParallelHistory.REPRODUCIBLE);
    assertThatThrownBy(() -> parse(FILE, new Overrides(null, null, null, null, null, null, null,
        null, null, null, "sometimes"))).isInstanceOf(ConfigException.class)
        .hasMessageContaining("--parallel-history").hasMessageContaining("sometimes");
  }

  @Test
  void conditionalParametersAreSuggestedOnlyWhenTheirConditionsHold() {
    StudyConfig c = parse(FILE, Overrides.none());
    Study study = Study.builder().direction(StudyDirection.MAXIMIZE)
        .sampler(new dev.jtune.sampler.RandomSampler(1)).build();
    study.optimizeMulti(StudyConfigParser.objective(c), OptimizeOptions.trials(200));
    study.trials().forEach(t -> {
      Object opt = t.param("opt");
      assertThat(t.hasParam("momentum")).isEqualTo(opt.equals("sgd") || opt.equals(3));
      assertThat(t.hasParam("nesterov")).isEqualTo(opt.equals("sgd")
          && ((Integer) t.param("units") <= 32));
      assertThat(t.param("seed")).isEqualTo(7);
    });
    assertThat(study.trials()).anyMatch(t -> t.hasParam("nesterov"));
  }

  @Test
  void theGpSamplersKeysReachItsConfig() {
    StudyConfig c = parse(FILE.replace("sampler: tpe", "sampler: {name: gp, seed: 3, "
        + "warp-outputs: false, refine-noisy: false, prior-mean: constant}"), Overrides.none());
    dev.jtune.sampler.gp.GpConfig gp = ((dev.jtune.sampler.gp.GpSampler) c.sampler()).config();
    assertThat(gp.seed()).isEqualTo(3L);
    assertThat(gp.warpOutputs()).isFalse();
    assertThat(gp.refineNoisy()).isFalse();
    assertThat(gp.priorMean()).isEqualTo(dev.jtune.sampler.gp.GpConfig.PriorMean.CONSTANT);
    StudyConfig defaults = parse(FILE.replace("sampler: tpe", "sampler: gp"), Overrides.none());
    dev.jtune.sampler.gp.GpConfig plain =
        ((dev.jtune.sampler.gp.GpSampler) defaults.sampler()).config();
    assertThat(plain.refineNoisy()).isTrue();
    assertThat(plain.priorMean()).isEqualTo(dev.jtune.sampler.gp.GpConfig.PriorMean.QUADRATIC);
    assertThatThrownBy(() -> parse(FILE.replace("sampler: tpe",
        "sampler: {name: gp, prior-mean: cubic}"), Overrides.none()))
        .hasMessageContaining("cubic");
  }

  @Test
  void overridesReplaceValuesAndKeepTheRest() {
    StudyConfig c = parse(FILE, new Overrides("t", "minimize", "jdbc:sqlite:x.db", 5, "10s", 1,
        null, Map.of("seed", "9", "startup-trials", "2"), "median",
        Map.of("startup-trials", "1")));
    assertThat(c.name()).isEqualTo("t");
    assertThat(c.directions()).containsExactly(StudyDirection.MINIMIZE);
    assertThat(c.storage()).isEqualTo("jdbc:sqlite:x.db");
    assertThat(c.trials()).isEqualTo(5);
    assertThat(c.timeout()).contains(Duration.ofSeconds(10));
    assertThat(((TpeSampler) c.sampler()).config().seed()).isEqualTo(9L);
    assertThat(((TpeSampler) c.sampler()).config().startupTrials()).isEqualTo(2);
    assertThat(c.pruner().toString()).contains("startupTrials=1");
    assertThatThrownBy(() -> parse(FILE, new Overrides(null, null, null, null, null, null,
        "sobol", Map.of("startup-trials", "2"), null, null)))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("option --sampler-arg startup-trials: sampler.startup-trials: "
            + "unknown key");
  }

  @Test
  void samplerArgumentsForAFileWithoutASamplerGoToTheDefaultSampler() {
    String noSampler = """
        name: s
        objective: {function: sphere}
        space:
          x: {type: float, low: 0, high: 1}
        """;
    StudyConfig c = parse(noSampler, new Overrides(null, null, null, null, null, null, null,
        Map.of("seed", "7"), null, null));
    assertThat(c.sampler().toString()).startsWith("AutoSampler(seed=7");
    // no pruner to take a --pruner-arg: said so, not "unknown key"
    assertThatThrownBy(() -> parse(noSampler, new Overrides(null, null, null, null, null, null,
        null, null, null, Map.of("startup-trials", "2"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("the study has no pruner to take it; name one with --pruner NAME");
  }

  @Test
  void nsga2TakesItsSettingsAndRefusesBadOnesWhereTheyAreWritten() {
    String file = """
        name: s
        objective: {function: sphere}
        space:
          x: {type: float, low: 0, high: 1}
        sampler: {name: nsga2, seed: 3, population-size: 8, crossover: undx,
                  mutation-probability: 0.25, crossover-probability: 0.8}
        """;
    NsgaIIConfig c = ((NsgaIISampler) parse(file, Overrides.none()).sampler()).config();
    assertThat(c.seed()).isEqualTo(3L);
    assertThat(c.populationSize()).isEqualTo(8);
    assertThat(c.crossover()).isInstanceOf(Crossover.Undx.class);
    assertThat(c.mutationProbability()).hasValue(0.25);
    assertThat(c.crossoverProbability()).isEqualTo(0.8);
    assertThatThrownBy(() -> parse(file.replace("population-size: 8", "population-size: 2"),
        Overrides.none()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("populationSize must be at least the")
        .hasMessageContaining("3 parents, got 2");
    assertThatThrownBy(() -> parse(file.replace("crossover: undx", "crossover: blx"),
        Overrides.none()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("blx");
  }

  @Test
  void anUnsupportedStorageIsRefusedWithTheFile() {
    assertThatThrownBy(() -> parse(FILE.replace("name: s\n", "name: s\nstorage: mysql://x/db\n"),
        Overrides.none()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("storage: 'mysql://x/db' is not a supported storage");
    assertThat(parse(FILE.replace("name: s\n", "name: s\nstorage: runs/a.sqlite3\n"),
        Overrides.none()).storage()).isEqualTo("runs/a.sqlite3");
  }

  @Test
  void aStepThatDoesNotDivideTheRangeIsRefusedWhereItIsWritten() {
    String space = """
        name: s
        objective: {function: sphere}
        space:
          n: %s
        """;
    assertThatThrownBy(() -> parse(space.formatted("{type: int, low: 0, high: 10, step: 3}"),
        Overrides.none()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("space.n.step: step 3 does not divide the range [0, 10], so 10 "
            + "could never be drawn; use high: 9, or a step that divides 10");
    assertThatThrownBy(() -> parse(space.formatted("{type: float, low: 0, high: 1, step: 0.3}"),
        Overrides.none()))
        .hasMessageContaining("use high: 0.9");
    assertThat(parse(space.formatted("{type: float, low: 0, high: 0.9, step: 0.3}"),
        Overrides.none()).space().params()).hasSize(1);
    // a configuration an earlier jtune stored is narrowed, as then, not refused
    StudyConfig stored = StudyConfigParser.standard().forStoredConfigurations().parse(
        YamlSource.parse(space.formatted("{type: int, low: 0, high: 10, step: 3}"), "stored"));
    assertThat(stored.space().params().get(0).distribution())
        .isEqualTo(new IntDistribution(0, 9, false, 3));
  }

  /**
   * A training objective's metric sets the direction (as Keras Tuner infers it); a contradicting
   * one is refused, and Keras's val_ names are accepted.
   */
  @Test
  void theTrainingMetricSetsTheDirection() {
    String training = """
        name: s
        %s
        data: {synthetic: {samples: 100, features: 4}}
        model: {mlp: {layers: [1, 1], units: [8, 16]}}
        training: {epochs: 1}
        objective: {metric: %s}
        """;
    assertThat(parse(training.formatted("", "accuracy"), Overrides.none()).directions())
        .containsExactly(StudyDirection.MAXIMIZE);
    assertThat(parse(training.formatted("", "val_loss"), Overrides.none()).directions())
        .containsExactly(StudyDirection.MINIMIZE);
    // mlp: or synthetic: with nothing after them mean their defaults (they were "found 0")
    assertThat(parse(training.formatted("", "accuracy")
        .replace("model: {mlp: {layers: [1, 1], units: [8, 16]}}", "model: {mlp: }")
        .replace("data: {synthetic: {samples: 100, features: 4}}", "data: {synthetic: }"),
        Overrides.none()).directions()).containsExactly(StudyDirection.MAXIMIZE);
    // Keras Tuner's objective="val_accuracy" as a plain value, and Keras 2's acc
    assertThat(parse(training.formatted("", "accuracy").replace("objective: {metric: accuracy}",
        "objective: val_accuracy"), Overrides.none()).directions())
        .containsExactly(StudyDirection.MAXIMIZE);
    assertThat(parse(training.formatted("", "val_acc"), Overrides.none()).directions())
        .containsExactly(StudyDirection.MAXIMIZE);
    assertThatThrownBy(() -> parse(training.formatted("", "accuracy")
        .replace("units: [8, 16]", "units: [8, 16, 8]"), Overrides.none()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("model.mlp.units: 8 is listed twice in units");
    assertThatThrownBy(() -> parse(training.formatted("", "accuracy").replace(
        "units: [8, 16]}", "units: [8, 16], activations: [relu, swishh]}"), Overrides.none()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("model.mlp.activations: unknown activation 'swishh'");
    // counts of updates are whole numbers within int (1e12 overflowed to a negative count)
    assertThatThrownBy(() -> parse(training.formatted("", "accuracy").replace(
        "training: {epochs: 1}", "training: {epochs: 1, schedule: {name: cosine-warmup, "
            + "warmup-steps: 1.0e12}}"), Overrides.none()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("training.schedule.warmup-steps");
    // schedule settings out of their schedule's range, and fractional epoch counts, at their keys
    for (String[] bad : new String[][] {
        {"{name: step-decay, step-size: 10, gamma: 5}", "training.schedule.gamma"},
        {"{name: cosine-warmup, min-fraction: 1}",
            "training.schedule.min-fraction: must be in [0, 1)"},
        {"{name: one-cycle, pct-start: 0}", "training.schedule.pct-start: must be in (0, 1)"},
        {"{name: reduce-on-plateau, factor: 3}", "training.schedule.factor"},
        {"{name: reduce-on-plateau, patience: 2.5}", "training.schedule.patience"}}) {
      assertThatThrownBy(() -> parse(training.formatted("", "accuracy").replace(
          "training: {epochs: 1}", "training: {epochs: 1, schedule: " + bad[0] + "}"),
          Overrides.none())).as(bad[0]).isInstanceOf(ConfigException.class)
          .hasMessageContaining(bad[1]);
    }
    // a training study takes its parameters from model and training: a space would be ignored
    assertThatThrownBy(() -> parse(training.formatted("space: {x: {type: float, low: 0, high: 1}}",
        "accuracy"), Overrides.none())).isInstanceOf(ConfigException.class)
        .hasMessageContaining("space: a training study's parameters come from its model");
    assertThatThrownBy(() -> parse(training.formatted("direction: minimize", "accuracy"),
        Overrides.none()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("direction: minimize contradicts the metric accuracy, which is better "
            + "higher");
  }

  /** Relative data paths resolve against the study file's folder, which the stored copy keeps. */
  @Test
  void aStoredTrainingConfigurationFindsItsDataFromAnyFolder(@org.junit.jupiter.api.io.TempDir
      java.nio.file.Path dir) throws Exception {
    java.nio.file.Files.writeString(dir.resolve("rows.csv"), "a,y\n1,0\n2,1\n3,0\n4,1\n5,0\n"
        + "6,1\n7,0\n8,1\n9,0\n10,1\n");
    String yaml = """
        name: s
        data: {csv: {path: rows.csv, label: y}}
        model: {mlp: {layers: [1, 1], units: [8, 16]}}
        training: {epochs: 1}
        """;
    StudyConfig c = StudyConfigParser.standard(dir).parse(YamlSource.parse(yaml, "s.yaml"));
    String stored = c.toYaml();
    assertThat(stored).contains("base-dir");
    StudyConfig again = StudyConfigParser.standard().forStoredConfigurations()
        .parse(YamlSource.parse(stored, "stored"));   // from the working directory
    assertThat(again.toYaml()).isEqualTo(stored);
    // a relative base-dir is the study file's subfolder, stored absolute (it resolved against the
    // working directory, and a worker started elsewhere could not find the data)
    java.nio.file.Files.createDirectories(dir.resolve("data"));
    java.nio.file.Files.copy(dir.resolve("rows.csv"), dir.resolve("data").resolve("rows.csv"));
    StudyConfig sub = StudyConfigParser.standard(dir).parse(YamlSource.parse(
        "base-dir: data\n" + yaml, "s.yaml"));
    assertThat(sub.toYaml()).contains(dir.resolve("data").toAbsolutePath().normalize().toString());
    StudyConfig subAgain = StudyConfigParser.standard().forStoredConfigurations()
        .parse(YamlSource.parse(sub.toYaml(), "stored"));
    assertThat(subAgain.toYaml()).isEqualTo(sub.toYaml());
  }

  @Test
  void aConditionOnAnEmptyListIsRefused() {
    assertThatThrownBy(() -> parse("""
        name: s
        objective: {function: sphere}
        space:
          o: {type: categorical, choices: [a, b]}
          m: {type: float, low: 0, high: 1, when: {o: []}}
        """, Overrides.none()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("an empty list of values of o, so the condition could never hold");
  }

  @Test
  void theStoredConfigurationReadsBackTheSame() {
    StudyConfig c = parse(FILE, Overrides.none());
    StudyConfig again = StudyConfigParser.standard().parse(YamlSource.parse(c.toYaml(), "stored"));
    assertThat(again.space()).isEqualTo(c.space());
    assertThat(again.sampler().toString()).isEqualTo(c.sampler().toString());
    assertThat(again.timeout()).isEqualTo(c.timeout());
    assertThat(again.jobs()).isEqualTo(c.jobs());
    assertThat(again.parallelHistory()).isEqualTo(OptimizeOptions.ParallelHistory.LATEST);
  }

  @Test
  void withoutASamplerTheStudyGetsTheLibrarysDefaultWithAStoredSeed() {
    StudyConfig c = parse("name: s\nobjective: {function: demo}\n", Overrides.none());
    assertThat(c.sampler()).isInstanceOf(dev.jtune.sampler.auto.AutoSampler.class);
    assertThat(c.toYaml()).contains("\"sampler\": {\"name\": auto, \"seed\": ");
  }

  @Test
  void closestKeySuggestionsAreTypos() {
    assertThat(KeySuggestion.closest("budgte", StudyConfigParser.TOP_KEYS)).contains("budget");
    assertThat(KeySuggestion.closest("Sampler", StudyConfigParser.TOP_KEYS)).contains("sampler");
    assertThat(KeySuggestion.closest("completely-different", StudyConfigParser.TOP_KEYS))
        .isEmpty();
  }

  /** Only the storage URL's password is redacted in the stored configuration, not data. */
  @Test
  void theStoredConfigurationHidesTheStoragePasswordAndKeepsChoicesWhole() {
    StudyConfig c = parse("""
        name: s
        direction: minimize
        storage: jdbc:postgresql://h:5432/db?user=u&password=s3cret
        objective: {function: sphere}
        space:
          src: {type: categorical, choices: ["ftp://u:pw@host/data", local]}
        """, Overrides.none());
    String stored = c.toYaml();
    assertThat(stored).contains("password=***").doesNotContain("s3cret")
        .contains("ftp://u:pw@host/data");
  }

  /**
   * Values a first parse accepted but the stored configuration could not keep, or that meant
   * something else than written, are refused by key (each was accepted before).
   */
  @Test
  void valuesThatCouldNotMeanWhatTheySayAreRefused() {
    String base = """
        name: s
        objective: {function: sphere}
        space:
          x: {type: float, low: 0, high: 1%s}
        %s
        """;
    // a float step of 0 (or one that underflows to 0) is no step
    for (String step : new String[] {", step: 0", ", step: 1e-400"}) {
      assertThatThrownBy(() -> parse(base.formatted(step, ""), Overrides.none()))
          .isInstanceOf(ConfigException.class).hasMessageContaining("space.x.step");
    }
    // 1e309 is infinity
    assertThatThrownBy(() -> parse(base.formatted("", "pruner: {name: threshold, lower: 1e309}"),
        Overrides.none())).hasMessageContaining("pruner.lower")
        .hasMessageContaining("expected a finite number");
    // a year at most, counted over the whole duration
    assertThatThrownBy(() -> parse(base.formatted("", "budget: {time: 365d365d}"),
        Overrides.none())).hasMessageContaining("budget.time")
        .hasMessageContaining("of at most a year");
    // digits and letters of other scripts are not numbers or booleans
    assertThatThrownBy(() -> parse(base.formatted("", "budget: {trials: \u0663}"),
        Overrides.none())).hasMessageContaining("budget.trials");
    assertThatThrownBy(() -> parse(base.formatted(", log: fal\u017fe", ""), Overrides.none()))
        .hasMessageContaining("space.x.log");
    // Java's own number forms are no YAML numbers
    for (String javaForm : new String[] {"1d", "2f", "0x1p3", "NaN"}) {
      assertThatThrownBy(() -> parse(base.formatted("", "pruner: {name: threshold, lower: "
          + javaForm + "}"), Overrides.none())).as(javaForm).hasMessageContaining("pruner.lower");
    }
    // base-dir is checked in every study
    assertThatThrownBy(() -> parse(base.formatted("", "base-dir: [1, 2]"), Overrides.none()))
        .hasMessageContaining("base-dir");
    // an override does not hide a section that is no mapping
    assertThatThrownBy(() -> parse(base.formatted("", "budget: 5"),
        new Overrides(null, null, null, 3, null, null, null, null, null, null, null)))
        .hasMessageContaining("budget");
  }

  /**
   * A quoted number in a condition on a numeric parameter holds for that number whatever its
   * spelling ("2" on a float, "2.0" on an int: neither ever held), and a condition on a
   * continuous float, which would hold only by chance, is refused.
   */
  @Test
  void quotedNumbersInConditionsHoldAndConditionsOnContinuousFloatsAreRefused() {
    for (String[] spaces : new String[][] {
        {"{type: float, low: 2, high: 2}", "\"2\""},
        {"{type: int, low: 2, high: 2}", "\"2.0\""},
        {"{type: int, low: 1, high: 3}", "\"02\""}}) {
      StudyConfig c = parse("""
          name: s
          objective: {function: sphere}
          space:
            x: %s
            y: {type: float, low: 0, high: 1, when: {x: %s}}
          """.formatted(spaces[0], spaces[1]), Overrides.none());
      dev.jtune.study.Study study = dev.jtune.study.Study.builder()
          .sampler(new dev.jtune.sampler.RandomSampler(1)).build();
      study.optimizeMulti(StudyConfigParser.objective(c), OptimizeOptions.trials(12));
      assertThat(study.trials()).as("when x: %s", spaces[1])
          .anyMatch(t -> t.params().containsKey("y"))
          .allMatch(t -> t.params().containsKey("y")
              == (((Number) t.params().get("x")).doubleValue() == 2.0));
    }
    assertThatThrownBy(() -> parse("""
        name: s
        objective: {function: sphere}
        space:
          x: {type: float, low: 0, high: 1}
          y: {type: float, low: 0, high: 1, when: {x: 0.5}}
        """, Overrides.none())).isInstanceOf(ConfigException.class)
        .hasMessageContaining("space.y.when.x").hasMessageContaining("x is continuous");
  }
}
