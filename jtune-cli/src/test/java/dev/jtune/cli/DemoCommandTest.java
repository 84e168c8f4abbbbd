package dev.jtune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DemoCommandTest {

  private static String run(String... args) {
    CommandLine cli = JtuneCommand.commandLine();
    StringWriter out = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(out));
    int code = cli.execute(args);
    assertThat(code).as(out.toString()).isZero();
    return out.toString();
  }

  @Test
  void demoPrintsProgressAndASummaryWithTheBestTrial() {
    String out = run("demo", "--trials", "30", "--jobs", "2");
    assertThat(out).contains("30/30").contains("Study 'demo'").contains("best trial:")
        .contains("Top 5 of 30 complete trials");
  }

  @Test
  void demoFindsALowLossWithEverySampler() {
    for (DemoCommand.SamplerName name : DemoCommand.SamplerName.values()) {
      dev.jtune.study.Study study = dev.jtune.study.Study.builder()
          .sampler(DemoCommand.sampler(name, 3)).build();
      study.optimize(DemoCommand::validationLoss, 300);
      // the minimum is 0.25; a first random trial is typically above 0.4
      assertThat(study.bestValue()).as(name.toString()).isLessThan(0.32);
    }
    assertThat(run("demo", "--sampler", "grid", "--trials", "10")).contains("GridSampler");
  }

  @Test
  void helpListsTheCommands() {
    assertThat(run("--help")).contains("demo");
    assertThat(run("demo", "--help")).contains("--trials").contains("--sampler");
  }

  @Test
  void badUsageGivesExitCodeTwoAndNamesTheValue() {
    CommandLine cli = JtuneCommand.commandLine();
    StringWriter err = new StringWriter();
    cli.setErr(new PrintWriter(err));
    assertThat(cli.execute("demo", "--sampler", "bogus")).isEqualTo(2);
    assertThat(err.toString()).contains("bogus");
  }
}
