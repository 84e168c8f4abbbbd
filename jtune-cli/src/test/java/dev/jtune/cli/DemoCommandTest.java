package dev.jtune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jtune.cli.config.BuiltinFunction;
import dev.jtune.sampler.RandomSampler;
import dev.jtune.sampler.SobolSampler;
import dev.jtune.sampler.tpe.TpeSampler;
import dev.jtune.sampler.Sampler;
import dev.jtune.study.Study;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {
  @TempDir
  Path dir;

  private String storage() {
    return "jdbc:sqlite:" + dir.resolve("demo.db");
  }

  @Test
  void demoTrainsTheSeedExampleAndPrintsProgressSummaryBestHyperparametersAndTestAccuracy() {
    Cli r = Cli.ok("demo", "--trials", "6", "--jobs", "2", "--storage", storage());
    assertThat(r.out()).contains("Created study 'demo'").contains("6/6")
        .contains("Study 'demo'").contains("best trial:").contains("Top 5 of 6 complete trials")
        .contains("n_layers").contains("units_l0").contains("optimizer").contains("batch_size")
        .contains("best hyperparameters: {n_layers=");
    Matcher m = Pattern.compile("best model \\(trial (\\d+)\\): test accuracy "
        + "(\\d\\.\\d{3}) on 200 samples").matcher(r.out());
    assertThat(m.find()).as(r.out()).isTrue();
    // make_classification 1000x20 is easy: every tuned MLP beats chance by far
    assertThat(Double.parseDouble(m.group(2))).isBetween(0.65, 1.0);
    assertThat(Files.exists(dir.resolve("demo.db"))).isTrue();
  }

  @Test
  void aSecondRunResumesTheStudyAndOverwriteStartsAfresh() {
    Cli.ok("demo", "--trials", "10", "--storage", storage());
    Cli again = Cli.ok("demo", "--trials", "10", "--storage", storage());
    assertThat(again.out()).contains("Resuming study 'demo'").contains("10 of 10 trials finished")
        .contains("the budget is spent").contains("test accuracy");
    Cli more = Cli.ok("demo", "--trials", "15", "--storage", storage());
    assertThat(more.out()).contains("running up to 5").contains("15/15");
    assertThat(Cli.ok("studies", "list", "--storage", storage()).out()).contains("demo")
        .containsPattern("demo\\s+maximize\\s+15\\s+15");
    Cli fresh = Cli.ok("demo", "--trials", "4", "--overwrite", "--storage", storage());
    assertThat(fresh.out()).contains("Created study 'demo'").contains("4/4");
    assertThat(Cli.ok("studies", "list", "--storage", storage()).out())
        .containsPattern("demo\\s+maximize\\s+4\\s+4");
  }

  @Test
  void theDemoFunctionIsSolvableByEverySamplerItOffers() {
    for (Sampler sampler : List.of(new RandomSampler(3), new SobolSampler(3), new TpeSampler(3))) {
      Study study = Study.builder().sampler(sampler).build();
      study.optimize(BuiltinFunction::demo, 300);
      // the minimum is 0.25; a first random trial is typically above 0.4
      assertThat(study.bestValue()).as(sampler.toString()).isLessThan(0.32);
    }
    assertThat(Cli.ok("demo", "--sampler", "tpe", "--trials", "3", "--storage", storage()).out())
        .contains("TpeSampler");
  }

  @Test
  void quietPrintsNothingAndJsonPrintsOneObjectPerLine() {
    assertThat(Cli.ok("demo", "--quiet", "--trials", "2", "--storage", storage()).out()).isEmpty();
    Cli json = Cli.ok("demo", "--json", "--trials", "5", "--overwrite", "--storage", storage());
    List<String> lines = json.out().lines().toList();
    assertThat(lines).hasSize(8);
    assertThat(lines.get(0)).startsWith("{\"event\":\"start\"");
    assertThat(lines.get(1)).startsWith("{\"event\":\"trial\"").contains("\"params\":{\"n_layers\":");
    assertThat(json.out()).doesNotContain("test accuracy");
    assertThat(lines.get(6)).startsWith("{\"event\":\"end\"").contains("\"complete\":5");
    // the best model's test score, as a JSON line too (it was left out of --json)
    assertThat(lines.get(7)).startsWith("{\"event\":\"best_model\"")
        .contains("\"metric\":\"accuracy\"").contains("\"test_value\":")
        .contains("\"test_samples\":200");
  }

  @Test
  void helpListsTheCommandsAndTheExitCodes() {
    assertThat(Cli.ok("--help").out()).contains("demo").contains("run").contains("worker")
        .contains("studies").contains("ask").contains("tell").contains("Exit codes")
        .contains("130");
    assertThat(Cli.ok("demo", "--help").out()).contains("--trials").contains("--sampler")
        .contains("--overwrite");
    assertThat(Cli.ok("studies", "--help").out()).contains("export").contains("delete");
  }

  @Test
  void badUsageGivesExitCodeTwoAndNamesTheValue() {
    Cli r = Cli.run("demo", "--trials", "many");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("many");
    Cli unknownSampler = Cli.run("demo", "--sampler", "bogus", "--storage", storage());
    assertThat(unknownSampler.code()).isEqualTo(ExitCode.CONFIG.code());
    assertThat(unknownSampler.err()).contains("option --sampler").contains("bogus");
    assertThat(Files.exists(dir.resolve("demo.db"))).isFalse();
  }
}
