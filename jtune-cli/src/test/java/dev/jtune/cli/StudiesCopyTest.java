package dev.jtune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jtune.storage.Storage;
import dev.jtune.storage.jdbc.JdbcStorage;
import dev.jtune.trial.FrozenTrial;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jtune studies copy}: a study moved to another database goes on there. */
class StudiesCopyTest {
  @TempDir
  Path dir;

  private List<FrozenTrial> trials(String url, String study) {
    try (Storage s = JdbcStorage.open(url)) {
      return s.trials(s.findStudy(study).orElseThrow());
    }
  }

  @Test
  void aCopiedStudyHasTheSameTrialsAndBestAndResumesInItsNewDatabase() {
    String from = "jdbc:sqlite:" + dir.resolve("study.db");
    String to = "jdbc:sqlite:" + dir.resolve("moved.db");
    Path f = Studies.file(dir, "s.yaml", Studies.sphere(dir, "sphere", 12));
    Cli.ok("run", f.toString());

    Cli copy = Cli.ok("studies", "copy", "--storage", from, "--study", "sphere", "--to-storage",
        to);
    assertThat(copy.out()).contains("copied study 'sphere' (12 trials) from")
        .contains("moved.db");
    List<FrozenTrial> original = trials(from, "sphere");
    List<FrozenTrial> moved = trials(to, "sphere");
    assertThat(moved).extracting(FrozenTrial::params)
        .isEqualTo(original.stream().map(FrozenTrial::params).toList());
    assertThat(moved).extracting(FrozenTrial::started)
        .isEqualTo(original.stream().map(FrozenTrial::started).toList());
    assertThat(Cli.ok("studies", "best", "--storage", to, "--study", "sphere").out())
        .isEqualTo(Cli.ok("studies", "best", "--storage", from, "--study", "sphere").out());

    // the copy resumes where the original stopped: the stored configuration and seed came along
    Cli resumed = Cli.ok("run", f.toString(), "--storage", to, "--trials", "15");
    assertThat(resumed.out()).contains("Resuming study 'sphere'").contains("12 of 15 trials");
    assertThat(trials(to, "sphere")).hasSize(15);
    assertThat(trials(from, "sphere")).hasSize(12);

    // a second copy under another name; a taken name and a missing study are refused
    assertThat(Cli.ok("studies", "copy", "--storage", from, "--study", "sphere",
        "--to-storage", to, "--to-study", "backup").out()).contains("as 'backup'");
    Cli taken = Cli.run("studies", "copy", "--storage", from, "--study", "sphere",
        "--to-storage", to);
    assertThat(taken.code()).isEqualTo(2);
    assertThat(taken.err()).contains("has a study named 'sphere' already");
    assertThat(Cli.run("studies", "copy", "--storage", from, "--study", "nope",
        "--to-storage", to).code()).isEqualTo(5);
    // a copy killed midway keeps its mark: the next copy says what it is
    try (Storage s = JdbcStorage.open(to)) {
      var id = s.createStudy("half", List.of(dev.jtune.study.StudyDirection.MINIMIZE));
      s.setStudySystemAttr(id, dev.jtune.study.StudyCopy.COPY_ATTR,
          java.util.Map.of("from", "sphere", "finished", false));
    }
    Cli half = Cli.run("studies", "copy", "--storage", from, "--study", "sphere",
        "--to-storage", to, "--to-study", "half");
    assertThat(half.code()).isEqualTo(2);
    assertThat(half.err()).contains("an earlier copy that was interrupted");
  }
}
