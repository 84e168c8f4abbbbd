package dev.jtune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jtune.storage.Storage;
import dev.jtune.storage.jdbc.JdbcStorage;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A study file without a seed gets one drawn when its study is created, and keeps it: a resumed
 * run and a later ask --config used to draw another and store it over the first, so a seeded
 * sequence (Sobol') restarted in another order.
 */
class StoredSeedTest {
  @TempDir
  Path dir;

  private String storedSeed(String db, String study) {
    try (Storage s = JdbcStorage.open(db)) {
      String yaml = (String) s.study(s.findStudy(study).orElseThrow()).systemAttrs()
          .get(RunCommand.CONFIG_ATTR);
      Matcher m = Pattern.compile("\"seed\": (-?\\d+)").matcher(yaml);
      assertThat(m.find()).as("a stored seed in %s", yaml).isTrue();
      return m.group(1);
    }
  }

  private Path file(String name, String sampler) {
    return Studies.file(dir, name + ".yaml", """
        name: %s
        storage: jdbc:sqlite:%s
        objective: {function: sphere}
        space:
          x: {type: float, low: -1.0, high: 1.0}
        sampler: %s
        budget: {trials: 2}
        """.formatted(name, dir.resolve("s.db"), sampler));
  }

  @Test
  void aDrawnSeedIsDrawnOnceAndKeptByResumesAndAsks() {
    String db = "jdbc:sqlite:" + dir.resolve("s.db");
    Path sobol = file("sobol", "sobol");
    Cli.ok("run", sobol.toString(), "--quiet");
    String first = storedSeed(db, "sobol");
    Cli.ok("run", sobol.toString(), "--quiet", "--trials", "4");
    assertThat(storedSeed(db, "sobol")).isEqualTo(first);
    // seed: ~ means the default: a seed drawn and stored, which a worker then uses
    Path nullSeed = file("nulled", "{name: sobol, seed: ~}");
    Cli.ok("ask", "--storage", db, "--study", "nulled", "--config", nullSeed.toString());
    String drawn = storedSeed(db, "nulled");
    Cli.ok("ask", "--storage", db, "--study", "nulled", "--config", nullSeed.toString());
    assertThat(storedSeed(db, "nulled")).isEqualTo(drawn);
    // --overwrite starts afresh, with a seed of its own
    Cli.ok("run", sobol.toString(), "--quiet", "--overwrite");
    assertThat(storedSeed(db, "sobol")).isNotEqualTo(first);
  }
}
