package dev.jtune.cli.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;

/**
 * Fuzzes the YAML front end: every input, however broken, gives a study configuration or a
 * {@link ConfigException} whose message starts with the source (and a position when there is
 * one): never another exception, a stack trace or a hang.
 */
class YamlFuzzTest {
  private static final String ALPHABET = "abcxyz019.-_ :{}[],#&*!|>'\"%@`?~\n\t\\";
  private static final List<String> CORPUS = corpus();

  private static List<String> corpus() {
    List<String> texts = new ArrayList<>();
    try (var files = Files.list(Path.of("..", "examples"))) {
      for (Path p : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
        texts.add(Files.readString(p));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    texts.add("""
        name: s
        objective: {function: sphere}
        space:
          a: {type: int, low: 1, high: 9, log: true}
          b: {type: categorical, choices: [1, 2.5, x, true]}
          c: {type: float, low: 0, high: 1, step: 0.25, when: {b: [1, x]}}
          d: {type: bool, when: {a: 3}}
          e: {type: fixed, value: 7}
        sampler: {name: grid}
        pruner: {name: patient, patience: 2, wrapped: {name: hyperband, min-resource: 1, max-resource: 9}}
        budget: {trials: 3, time: 1h30m}
        jobs: 2
        """);
    return texts;
  }

  static void check(String text) {
    assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
      try {
        StudyConfig c = StudyConfigParser.standard().parse(YamlSource.parse(text, "fuzz.yaml"));
        assertThat(c.name()).isNotBlank();
        // what is stored for workers reads back into the same configuration
        StudyConfig again = StudyConfigParser.standard().parse(
            YamlSource.parse(c.toYaml(), "stored"));
        assertThat(again.name()).isEqualTo(c.name());
        assertThat(again.space()).isEqualTo(c.space());
        assertThat(again.trials()).isEqualTo(c.trials());
      } catch (ConfigException e) {
        assertThat(e.getMessage()).matches("(?s)(fuzz\\.yaml|stored)(:\\d+:\\d+)?: .+");
      }
    });
  }

  @Provide
  Arbitrary<String> mutated() {
    return Arbitraries.integers().between(0, CORPUS.size() - 1).flatMap(i ->
        Arbitraries.longs().map(seed -> mutate(CORPUS.get(i), new Random(seed))));
  }

  static String mutate(String text, Random random) {
    StringBuilder s = new StringBuilder(text);
    int edits = 1 + random.nextInt(4);
    for (int k = 0; k < edits && s.length() > 0; k++) {
      int at = random.nextInt(s.length());
      switch (random.nextInt(6)) {
        case 0 -> s.delete(at, Math.min(s.length(), at + 1 + random.nextInt(8)));
        case 1 -> s.insert(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        case 2 -> s.setCharAt(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        case 3 -> {
          int start = s.lastIndexOf("\n", at) + 1;
          int end = s.indexOf("\n", start);
          end = end < 0 ? s.length() : end;
          s.insert(start, s.substring(start, end) + "\n");
        }
        case 4 -> s.insert(at, "  ");
        default -> {
          String[] tokens = {"-1", "0", "1e309", "nan", ".inf", "~", "null", "''", "[]", "{}",
              "&a [*a]", "*a", "!!binary x", "999999999999", "-5.5", "yes", "log: true"};
          s.insert(at, tokens[random.nextInt(tokens.length)]);
        }
      }
    }
    return s.toString();
  }

  @Property(tries = 600)
  void mutatedStudyFilesGiveAStudyOrAClearError(@ForAll("mutated") String text) {
    check(text);
  }

  @Property(tries = 300)
  void arbitraryTextGivesAStudyOrAClearError(
      @ForAll @StringLength(max = 200) String text) {
    check(text);
  }

  @Property(tries = 300)
  void yamlishTextGivesAStudyOrAClearError(@ForAll("yamlish") String text) {
    check(text);
  }

  @Provide
  Arbitrary<String> yamlish() {
    return Arbitraries.strings().withChars(ALPHABET.toCharArray()).ofMaxLength(120);
  }

  @Property(tries = 1)
  void knownNastyInputsGiveClearErrors() {
    List<String> nasty = List.of(
        "a: &a [*a, *a]\n",
        "x: &x {y: *x}\nname: s\n",
        "lol: &l0 [a,a,a,a,a,a,a,a,a]\nl1: &l1 [*l0,*l0,*l0,*l0,*l0,*l0,*l0,*l0,*l0]\n"
            + "l2: &l2 [*l1,*l1,*l1,*l1,*l1,*l1,*l1,*l1,*l1]\nl3: [*l2,*l2,*l2,*l2,*l2,*l2,*l2]\n",
        "[".repeat(5000),
        "{a: ".repeat(2000),
        "- a\n- b\n",
        "just text",
        "name: s\nname: t\n",
        "? [a, b]\n: c\n",
        "name: !!java.lang.Runtime x\nobjective: {function: demo}\n",
        "name: s\nobjective: {function: demo}\nspace: {}\n",
        "name: s\nobjective: {function: sphere}\nspace: {a: {type: float, low: -1e308, high: 1e308, "
            + "step: 1e-300}}\nsampler: grid\n",
        "name: s\nobjective: {function: sphere}\nspace: {a: {type: int, low: 0, high: 2000000000}, "
            + "b: {type: int, low: 0, high: 2000000000}}\nsampler: grid\n",
        "name: s\nobjective: {function: demo}\nbudget: {time: 99999999999999999999h}\n",
        "\uFEFFname: s\nobjective: {function: demo}\n",
        "name: \"\\ud800\"\nobjective: {function: demo}\n");
    for (String text : nasty) {
      check(text);
    }
  }
}
