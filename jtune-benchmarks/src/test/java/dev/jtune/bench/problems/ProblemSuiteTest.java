package dev.jtune.bench.problems;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.jtune.space.CategoricalDistribution;
import dev.jtune.space.FloatDistribution;
import dev.jtune.space.IntDistribution;
import dev.jtune.study.Study;
import dev.jtune.study.StudyDirection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The port against the peer: each expected value below was printed by
 * {@code /usr/bin/python3 problems.py eval <problem> '<params>'} (numpy 1.24, Optuna 3.1 peers,
 * shared/peers/problems.py), with the command next to it.
 */
class ProblemSuiteTest {
  private static final double TOL = 1e-12;

  @Test
  void hasThePeersProblemsInThePeersOrder() {
    assertThat(ProblemSuite.all().keySet()).containsExactly("branin", "hartmann6", "rosenbrock5",
        "ackley5", "levy10", "styblinski8", "mixed", "hartmann6_noisy");
    assertThat(ProblemSuite.all().values().stream().map(Problem::dimension).toList())
        .containsExactly(2, 6, 5, 5, 10, 8, 6, 6);
  }

  @Test
  void matchesThePeerAtPoints() {
    // problems.py eval branin '{"x0": 1.5, "x1": 7.25}'
    check("branin", point(1.5, 7.25), 21.879353046077867, 21.481465688348127);
    // problems.py eval hartmann6 '{"x0":0.1,"x1":0.2,"x2":0.3,"x3":0.4,"x4":0.5,"x5":0.6}'
    check("hartmann6", point(0.1, 0.2, 0.3, 0.4, 0.5, 0.6), -1.4069105761385297,
        1.9154574352769855);
    // problems.py eval rosenbrock5 '{"x0":0.5,"x1":-1.0,"x2":2.0,"x3":3.5,"x4":-4.25}'
    check("rosenbrock5", point(0.5, -1.0, 2.0, 3.5, -4.25), 27517.75, 27517.75);
    // problems.py eval ackley5 '{"x0":1.1,"x1":-2.2,"x2":3.3,"x3":-0.4,"x4":15.0}'
    check("ackley5", point(1.1, -2.2, 3.3, -0.4, 15.0), 16.523782726182414, 16.523782726182414);
    // problems.py eval levy10 '{"x0":1.5,"x1":-2.0,"x2":3.0,"x3":-4.0,"x4":5.0,"x5":-6.0,
    //   "x6":7.0,"x7":-8.0,"x8":9.0,"x9":0.25}'
    check("levy10", point(1.5, -2.0, 3.0, -4.0, 5.0, -6.0, 7.0, -8.0, 9.0, 0.25),
        98.44095579296099, 98.44095579296099);
    // problems.py eval styblinski8 '{"x0":-2.9,"x1":2.7,"x2":0.0,"x3":-1.0,"x4":4.5,"x5":-5.0,
    //   "x6":1.25,"x7":-3.5}'
    check("styblinski8", point(-2.9, 2.7, 0.0, -1.0, 4.5, -5.0, 1.25, -3.5), 40.244303125,
        353.57362875517134);
    // problems.py eval mixed '{"x1":0.5,"x2":4.0,"lr":0.0003,"n":7,"kind":"c","beta":0.2}'
    check("mixed", mixed(0.5, 4.0, 0.0003, 7, "c", 0.2), 2.48670109113297, 2.48670109113297);
    // problems.py eval mixed '{"x1":-2.0,"x2":9.5,"lr":0.05,"n":1,"kind":"b"}'
    check("mixed", mixed(-2.0, 9.5, 0.05, 1, "b", null), 31.905749537816767, 31.905749537816767);
    // problems.py eval hartmann6_noisy '{"x0":0.1,...,"x5":0.6}' --seed 3 --trial-number 7
    // prints true -1.4069105761385297 (observed differs: the noise stream is not numpy's)
    check("hartmann6_noisy", point(0.1, 0.2, 0.3, 0.4, 0.5, 0.6), -1.4069105761385297,
        1.9154574352769855);
  }

  @Test
  void everyProblemReachesItsOptimumAtItsMinimizer() {
    // problems.py check: f(x_opt) - f_opt < 1e-9 for every problem.
    for (Problem p : ProblemSuite.all().values()) {
      assertThat(p.trueValue(p.xOpt())).as(p.name()).isCloseTo(p.fOpt(), within(1e-9));
      assertThat(p.regret(p.trueValue(p.xOpt()))).as(p.name()).isLessThan(1e-9);
    }
    assertThat(ProblemSuite.get("branin").fOpt()).isCloseTo(0.3978873577297384, within(TOL));
    assertThat(ProblemSuite.get("styblinski8").fOpt())
        .isCloseTo(8 * -39.16616570377142, within(1e-9));
  }

  @Test
  void noisyHartmannAddsReproducibleNoiseOfTheRightSize() {
    Problem noisy = ProblemSuite.get("hartmann6_noisy");
    Map<String, Object> x = point(0.1, 0.2, 0.3, 0.4, 0.5, 0.6);
    assertThat(noisy.evaluate(x, 3, 7)).isEqualTo(noisy.evaluate(x, 3, 7));
    assertThat(noisy.evaluate(x, 3, 7).observed()).isNotEqualTo(noisy.evaluate(x, 3, 8).observed());
    double sum = 0;
    double squares = 0;
    int n = 4000;
    for (int t = 0; t < n; t++) {
      double e = noisy.evaluate(x, 1, t).observed() - noisy.trueValue(x);
      sum += e;
      squares += e * e;
    }
    assertThat(sum / n).isCloseTo(0.0, within(0.01));
    assertThat(Math.sqrt(squares / n)).isCloseTo(0.1, within(0.005));
    Problem clean = ProblemSuite.get("hartmann6");
    assertThat(clean.evaluate(x, 3, 7).observed()).isEqualTo(clean.trueValue(x));
  }

  @Test
  void spacesMatchThePeer() {
    Problem mixed = ProblemSuite.get("mixed");
    assertThat(mixed.parameters().stream().map(Parameter::name).toList())
        .containsExactly("x1", "x2", "lr", "n", "kind", "beta");
    assertThat(mixed.parameters().get(2).distribution())
        .isEqualTo(FloatDistribution.logUniform(1e-5, 1e-1));
    assertThat(mixed.parameters().get(3).distribution()).isEqualTo(IntDistribution.uniform(1, 10));
    assertThat(mixed.parameters().get(4).distribution())
        .isEqualTo(CategoricalDistribution.of("a", "b", "c", "d"));
    assertThat(ProblemSuite.get("ackley5").parameters().get(4).distribution())
        .isEqualTo(FloatDistribution.uniform(-32.768, 32.768));
    assertThatThrownBy(() -> ProblemSuite.get("nope")).hasMessageContaining("branin");
  }

  @Test
  void suggestsBetaOnlyWhenKindIsC() {
    Problem mixed = ProblemSuite.get("mixed");
    Study study = Study.builder().name("suggest").direction(StudyDirection.MINIMIZE).build();
    study.optimize(trial -> mixed.trueValue(mixed.suggest(trial)), 60);
    study.trials().forEach(t -> {
      assertThat(t.hasParam("beta")).isEqualTo("c".equals(t.param("kind")));
      assertThat(t.params().keySet()).containsSubsequence("x1", "x2", "lr", "n", "kind");
    });
  }

  private static void check(String name, Map<String, Object> x, double value, double regret) {
    Problem p = ProblemSuite.get(name);
    assertThat(p.trueValue(x)).as(name).isCloseTo(value, within(TOL * Math.max(1, Math.abs(value))));
    assertThat(p.regret(p.trueValue(x))).as(name)
        .isCloseTo(regret, within(TOL * Math.max(1, Math.abs(regret))));
    assertThat(p.evaluate(x, 3, 7).trueValue()).isEqualTo(p.trueValue(x));
  }

  private static Map<String, Object> point(double... x) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (int i = 0; i < x.length; i++) {
      out.put("x" + i, x[i]);
    }
    return out;
  }

  private static Map<String, Object> mixed(double x1, double x2, double lr, int n, String kind,
      Double beta) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("x1", x1);
    out.put("x2", x2);
    out.put("lr", lr);
    out.put("n", n);
    out.put("kind", kind);
    if (beta != null) {
      out.put("beta", beta);
    }
    return out;
  }

}
