package dev.jtune.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jtune.sampler.RandomSampler;
import dev.jtune.storage.StudyId;
import dev.jtune.storage.TrialTemplate;
import dev.jtune.study.Study;
import dev.jtune.study.StudyDirection;
import dev.jtune.trial.FrozenTrial;
import dev.jtune.trial.Trial;
import dev.jtune.trial.TrialPrunedException;
import dev.jtune.trial.TrialState;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Proof that the tables are Optuna's: Python Optuna (Debian's python3-optuna) opens a study jtune
 * wrote and sees every trial, parameter, distribution, value, intermediate value and attribute as
 * jtune stored them; jtune reads a study Optuna wrote, continues it, and Optuna's TPE sampler then
 * works on the joint history. New databases are created at the revision the installed Optuna
 * requires, so Optuna opens them without skipping its compatibility check.
 */
abstract class OptunaInteropContract {

  /** A JDBC URL of a new, empty database. */
  protected abstract String newUrl();

  /** Python modules the test needs besides optuna. */
  protected List<String> pythonModules() {
    return List.of();
  }

  @BeforeEach
  void requirePythonOptuna() {
    assumeTrue(PythonOptuna.canImport("optuna"), "python3-optuna is not installed:"
        + " /usr/bin/python3 cannot import optuna (.ci/run installs it with apt-get), skipping");
    for (String module : pythonModules()) {
      assumeTrue(PythonOptuna.canImport(module), "/usr/bin/python3 cannot import " + module
          + " (.ci/run installs python3-" + module + " with apt-get), skipping");
    }
  }

  private JdbcStorage open(String url) {
    return JdbcStorage.open(JdbcStorageConfig.of(url)
        .withNewSchemaRevision(PythonOptuna.revision()));
  }

  @Test
  void optunaReadsWhatJtuneWrote() {
    String url = newUrl();
    try (JdbcStorage storage = open(url)) {
      Study study = Study.builder().name("from-jtune").storage(storage)
          .sampler(new RandomSampler(3)).build();
      study.setUserAttr("owner", Map.of("name", "jtune", "nested", Arrays.asList(1, 2.5, null)));
      study.optimize(OptunaInteropContract::jtuneObjective, 8);
      study.enqueueTrial(Map.of("x", 0.5, "lr", 0.01));
      StudyId two = storage.createStudy("two-objectives",
          List.of(StudyDirection.MINIMIZE, StudyDirection.MAXIMIZE));
      storage.createTrial(two, new TrialTemplate(TrialState.COMPLETE,
          List.of(Double.NEGATIVE_INFINITY, 2.0), Map.of(), Map.of(), new TreeMap<>(),
          Map.of("u", true), Map.of()));

      for (String name : List.of("from-jtune", "two-objectives")) {
        Map<String, Object> seen = PythonOptuna.json("dump", PythonOptuna.sqlAlchemyUrl(url), name);
        StudyId id = storage.findStudy(name).orElseThrow();
        assertThat(seen.get("directions")).isEqualTo(
            storage.study(id).directions().stream().map(Enum::name).toList());
        assertThat(seen.get("user_attrs")).isEqualTo(storage.study(id).userAttrs());
        assertSameTrials(storage.trials(id), trials(seen));
      }
      List<FrozenTrial> written = storage.trials(study.id());
      assertThat(written).extracting(FrozenTrial::state).contains(TrialState.COMPLETE,
          TrialState.PRUNED, TrialState.FAIL, TrialState.WAITING);
    }
  }

  @Test
  void jtuneContinuesWhatOptunaWroteAndOptunaTpeUsesJtuneTrials() {
    String url = newUrl();
    String pyUrl = PythonOptuna.sqlAlchemyUrl(url);
    Map<String, Object> written = PythonOptuna.json("write", pyUrl, "from-optuna");
    try (JdbcStorage storage = open(url)) {
      assertThat(storage.schemaRevision()).isEqualTo(PythonOptuna.revision());
      Study study = Study.builder().name("from-optuna").storage(storage).loadIfExists(true)
          .sampler(new RandomSampler(5)).build();
      assertThat(study.userAttrs()).containsEntry("owner", "optuna");
      assertSameTrials(storage.trials(study.id()), trials(written));
      int before = trials(written).size();

      study.optimize(OptunaInteropContract::optunaObjective, 10);

      List<FrozenTrial> all = storage.trials(study.id());
      assertThat(all).hasSize(before + 9); // the enqueued trial was claimed, not added
      FrozenTrial claimed = all.get(before - 1);
      assertThat(claimed.state()).isEqualTo(TrialState.COMPLETE);
      assertThat(claimed.params()).containsEntry("x", 0.5).containsEntry("n", 2)
          .containsEntry("c", "b").containsEntry("s", 0.75);
    }
    Map<String, Object> after = PythonOptuna.json("tpe", pyUrl, "from-optuna", "5");
    assertThat(after.get("intersection_space")).isEqualTo(List.of("c", "lr", "n", "s", "x"));
    List<Map<String, Object>> trials = trials(after);
    assertThat(trials).hasSize(trials(written).size() + 9 + 5);
    try (JdbcStorage storage = open(url)) {
      StudyId id = storage.findStudy("from-optuna").orElseThrow();
      assertSameTrials(storage.trials(id), trials);
      assertThat(storage.trials(id)).extracting(FrozenTrial::number)
          .containsExactlyElementsOf(java.util.stream.IntStream.range(0, trials.size()).boxed()
              .toList());
    }
  }

  /**
   * A constrained study shared both ways: Optuna's TPE with a {@code constraints_func} stores each
   * trial's values in the system attribute {@code constraints}, jtune reads them (its best trial is
   * the best feasible one) and stores its own trials' the same way, which Optuna's TPE reads.
   */
  @Test
  void optunaAndJtuneShareAConstrainedStudy() {
    String url = newUrl();
    String pyUrl = PythonOptuna.sqlAlchemyUrl(url);
    PythonOptuna.json("constrained", pyUrl, "shared", "12");
    try (JdbcStorage storage = open(url)) {
      Study study = Study.builder().name("shared").storage(storage).loadIfExists(true)
          .sampler(new dev.jtune.sampler.tpe.TpeSampler(7))
          .constraints(t -> new double[] {2.0 - (double) t.param("x")}).build();
      List<FrozenTrial> optunas = study.trials();
      assertThat(optunas).hasSize(12).allSatisfy(t -> assertThat(t.constraintValues())
          .hasValueSatisfying(c -> assertThat(c).containsExactly(2.0 - (double) t.param("x"))));
      // the unconstrained optimum x = 1 is infeasible: the best trial is the best with x >= 2
      assertThat((double) study.bestTrial().param("x")).isGreaterThanOrEqualTo(2.0);
      study.optimize(t -> Math.pow(t.suggestFloat("x", -5.0, 5.0) - 1.0, 2), 6);
      assertThat(study.bestTrial().value()).isEqualTo(study.trials(TrialState.COMPLETE).stream()
          .filter(t -> (double) t.param("x") >= 2).mapToDouble(FrozenTrial::value).min()
          .orElseThrow());
    }
    Map<String, Object> after = PythonOptuna.json("constrained", pyUrl, "shared", "3");
    List<Map<String, Object>> trials = trials(after);
    assertThat(trials).hasSize(21);
    for (Map<String, Object> t : trials) {
      @SuppressWarnings("unchecked")
      Map<String, Object> system = (Map<String, Object>) t.get("system_attrs");
      @SuppressWarnings("unchecked")
      Map<String, Object> params = (Map<String, Object>) t.get("params");
      @SuppressWarnings("unchecked")
      List<Object> stored = (List<Object>) system.get("constraints");
      assertThat(stored).as("trial %s", t.get("number"))
          .containsExactly((Object) (2.0 - ((Number) params.get("x")).doubleValue()));
    }
  }

  /**
   * A study Optuna wrote, copied by jtune into another database ({@code StudyCopy}, Optuna's
   * {@code copy_study}), reads in Optuna exactly as the original: trials, values, parameters,
   * distributions, reports, attributes and times.
   */
  @Test
  void optunaReadsJtunesCopyOfItsStudyAsTheOriginal() {
    String url = newUrl();
    Map<String, Object> written = PythonOptuna.json("write", PythonOptuna.sqlAlchemyUrl(url),
        "original");
    String copyUrl = newUrl();
    try (JdbcStorage from = open(url); JdbcStorage to = open(copyUrl)) {
      dev.jtune.study.StudyCopy.copy("original", from, to, "copied");
    }
    Map<String, Object> copied = PythonOptuna.json("dump", PythonOptuna.sqlAlchemyUrl(copyUrl),
        "copied");
    assertThat(copied.get("directions")).isEqualTo(written.get("directions"));
    assertThat(copied.get("user_attrs")).isEqualTo(written.get("user_attrs"));
    assertThat(trials(copied)).isEqualTo(trials(written));
  }

  /** The parameters Optuna's side uses, suggested through jtune's API. */
  static double optunaObjective(Trial trial) {
    double x = trial.suggestFloat("x", -5.0, 5.0);
    int n = trial.suggestInt("n", 1, 64, true);
    Object c = trial.suggestCategorical("c", Arrays.asList("a", "b", null));
    double lr = trial.suggestFloat("lr", 1e-4, 1e-1, true);
    double s = trial.suggestFloat("s", 0.0, 1.0, 0.25);
    trial.setUserAttr("tag", Map.of("n", n, "list", Arrays.asList(1, "two", null)));
    double value = (x - 1) * (x - 1) + Math.log(n) + ("a".equals(c) ? 0.5 : 0) + lr + s;
    for (int step = 0; step < 3; step++) {
      trial.report(step, value + 3 - step);
    }
    return value;
  }

  static double jtuneObjective(Trial trial) {
    double x = trial.suggestFloat("x", -5.0, 5.0);
    double lr = trial.suggestFloat("lr", 1e-5, 1.0, true);
    double s = trial.suggestFloat("s", 0.0, 1.0, 0.25);
    int n = trial.suggestInt("n", 1, 1024, true);
    int k = trial.suggestInt("k", 0, 10, 2);
    Object c = trial.suggestCategorical("c", Arrays.asList("a", null, 3, 2.5));
    boolean flag = trial.suggestBoolean("flag");
    trial.setUserAttr("note", Map.of("k", k, "items", Arrays.asList("p", null, 1.5)));
    trial.report(0, x * x);
    trial.report(1, trial.number() == 2 ? Double.POSITIVE_INFINITY : x);
    if (trial.number() == 3) {
      throw new TrialPrunedException();
    }
    if (trial.number() == 4) {
      throw new IllegalStateException("failing on purpose");
    }
    return x * x + lr + s + n + k + (c == null ? 1 : 0) + (flag ? 1 : 0);
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> trials(Map<String, Object> dump) {
    return (List<Map<String, Object>>) dump.get("trials");
  }

  @SuppressWarnings("unchecked")
  private static void assertSameTrials(List<FrozenTrial> jtune, List<Map<String, Object>> optuna) {
    assertThat(jtune).hasSameSizeAs(optuna);
    for (int i = 0; i < jtune.size(); i++) {
      FrozenTrial t = jtune.get(i);
      Map<String, Object> o = optuna.get(i);
      String where = "trial " + t.number();
      assertThat(o.get("number")).as(where).isEqualTo(t.number());
      assertThat(o.get("state")).as(where).isEqualTo(t.state().name());
      assertThat(o.get("values") == null ? List.of() : o.get("values")).as(where)
          .isEqualTo(t.values());
      assertThat(o.get("params")).as(where).isEqualTo(t.params());
      Map<String, String> distributions = (Map<String, String>) o.get("distributions");
      Map<String, Object> optunaDistributions = new LinkedHashMap<>();
      distributions.forEach((k, v) -> optunaDistributions.put(k, DistributionJson.read(v)));
      assertThat(optunaDistributions).as(where).isEqualTo(t.distributions());
      Map<String, Object> intermediate = new TreeMap<>();
      t.intermediateValues().forEach((k, v) -> intermediate.put(String.valueOf(k), v));
      assertThat(new TreeMap<>((Map<String, Object>) o.get("intermediate_values"))).as(where)
          .isEqualTo(intermediate);
      assertThat(o.get("user_attrs")).as(where).isEqualTo(t.userAttrs());
      assertThat(o.get("system_attrs")).as(where).isEqualTo(t.systemAttrs());
      assertThat(o.get("has_start")).as(where).isEqualTo(t.started() != null);
      assertThat(o.get("has_complete")).as(where).isEqualTo(t.completed() != null);
    }
  }
}
