package dev.jtune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jtune.sampler.RandomSampler;
import dev.jtune.study.OptimizeOptions;
import dev.jtune.study.Study;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ProgressCallbackTest {

  @Test
  void theCountNeverStepsBackWhenTrialsFinishOnSeveralThreads() {
    StringWriter text = new StringWriter();
    ProgressCallback progress = new ProgressCallback(new PrintWriter(text), OutputMode.BAR, 400, 0);
    Study study = Study.builder().name("progress").sampler(new RandomSampler(0)).callback(progress)
        .build();
    study.optimize(trial -> trial.suggestFloat("x", 0, 1),
        OptimizeOptions.trials(400).withJobs(8));
    List<Integer> counts = new ArrayList<>();
    Matcher m = Pattern.compile("\\] (\\d+)/400").matcher(text.toString());
    while (m.find()) {
      counts.add(Integer.parseInt(m.group(1)));
    }
    assertThat(counts).isNotEmpty().isSorted().endsWith(400);
  }

  @Test
  void jsonEventsCountInTheOrderTheyArePrintedAndNameWhyATrialFailed() {
    StringWriter text = new StringWriter();
    ProgressCallback progress = new ProgressCallback(new PrintWriter(text), OutputMode.JSON, 400, 0);
    Study study = Study.builder().name("json").sampler(new RandomSampler(0)).callback(progress)
        .build();
    study.optimize(trial -> {
      double x = trial.suggestFloat("x", 0, 1);
      if (trial.number() == 7) {
        throw new IllegalStateException("boom");
      }
      return x;
    }, OptimizeOptions.trials(401).withJobs(8));
    List<Integer> counts = new ArrayList<>();
    Matcher m = Pattern.compile("\"done\":(\\d+)").matcher(text.toString());
    while (m.find()) {
      counts.add(Integer.parseInt(m.group(1)));
    }
    assertThat(counts).hasSize(401).isSorted().endsWith(400);
    assertThat(text.toString()).contains("\"fail_reason\":\"java.lang.IllegalStateException: boom");
  }

  @Test
  void failedTrialsAreCountedApartFromTheBudget() {
    StringWriter text = new StringWriter();
    ProgressCallback progress = new ProgressCallback(new PrintWriter(text), OutputMode.LINES, 4, 0);
    Study study = Study.builder().name("failing").sampler(new RandomSampler(0)).callback(progress)
        .build();
    study.optimize(trial -> {
      double x = trial.suggestFloat("x", 0, 1);
      if (trial.number() == 1 || trial.number() == 3) {
        throw new IllegalStateException("boom");
      }
      return x;
    }, OptimizeOptions.trials(6));
    List<Integer> counts = new ArrayList<>();
    Matcher m = Pattern.compile("\\] (\\d+)/4 ").matcher(text.toString());
    while (m.find()) {
      counts.add(Integer.parseInt(m.group(1)));
    }
    assertThat(counts).isNotEmpty().isSorted().endsWith(4).allMatch(c -> c <= 4);
    assertThat(text.toString()).contains("failed 2").contains("(trial 3 failed: ");
  }

  /**
   * A redrawn bar covers a longer one before it, and leaves the cursor at the line's start, where
   * a log line written meanwhile replaces it rather than being glued to its end.
   */
  @Test
  void theBarCoversWhatALongerOneLeftAndLeavesTheCursorAtTheLinesStart() {
    StringWriter text = new StringWriter();
    ProgressCallback progress = new ProgressCallback(new PrintWriter(text), OutputMode.BAR, 2, 0);
    Study study = Study.builder().name("bar").sampler(new RandomSampler(0)).callback(progress)
        .build();
    study.optimize(trial -> trial.number() == 0 ? 1e6 : 0.5, OptimizeOptions.trials(2));
    List<String> bars = java.util.Arrays.stream(text.toString().split("\r"))
        .filter(b -> !b.isEmpty()).toList();
    assertThat(bars).hasSize(2);
    assertThat(bars.get(0)).contains("best 1.00000e+06");
    assertThat(bars.get(1)).contains("best 0.500000").endsWith("   ")
        .hasSameSizeAs(bars.get(0));
    assertThat(text.toString()).endsWith("\r");
  }
}
