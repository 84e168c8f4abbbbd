package dev.jtune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's YAML study runs and prints what the README shows it printing: its best trial and
 * its top five rows (all but their durations), so a change that moves a seeded study's results
 * fails here until the README is regenerated.
 */
class ReadmeYamlTest {
  @TempDir
  Path dir;

  @Test
  void theReadmeStudyPrintsTheReadmeOutput() throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"));
    Matcher yaml = Pattern.compile("```yaml\n(.*?)```", Pattern.DOTALL).matcher(readme);
    assertThat(yaml.find()).as("a yaml block in the README").isTrue();
    String study = yaml.group(1).replace("jdbc:sqlite:quickstart.db",
        "jdbc:sqlite:" + dir.resolve("quickstart.db"));
    assertThat(study).as("the README's storage line").contains(dir.toString());
    Matcher output = Pattern.compile("Its output with `--jobs 1 --top 5`.*?```\n(.*?)```",
        Pattern.DOTALL).matcher(readme);
    assertThat(output.find()).as("the README's printed output").isTrue();
    List<String> printed = resultLines(output.group(1));
    assertThat(printed).as("best trial, five rows and four importances in the README").hasSize(11);

    Cli run = Cli.ok("run", Studies.file(dir, "quickstart.yaml", study).toString(), "--jobs", "1",
        "--top", "5");

    assertThat(resultLines(run.out())).isEqualTo(printed);
  }

  /**
   * The "best trial:" line, the table's rows without their last (duration) column, and the
   * parameter importances.
   */
  private static List<String> resultLines(String text) {
    List<String> out = new ArrayList<>();
    for (String line : text.split("\n")) {
      String t = line.strip();
      if (t.startsWith("best trial:") || t.startsWith("Parameter importance (")
          || t.matches("\\S+\\s+[01]\\.\\d{3}(\\s+#+)?")) {
        out.add(t);
      } else if (t.matches("\\d+\\s+\\d+\\s+.*")) {
        out.add(t.substring(0, t.lastIndexOf(' ')).strip());
      }
    }
    return out;
  }
}
