package dev.jtune.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The storage benchmark runs end to end on a SQLite file (a smoke test; no timing is asserted). */
class StorageCommandTest {
  @TempDir
  Path dir;

  @Test
  void printsTheOverheadOfASqliteStudyWithThePeersFields() throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new BenchCommand());
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int status = cli.execute("storage", "--storages", "sqlite", "--sizes", "100", "--warmup", "0",
        "--sqlite-path", dir.resolve("bench.db").toString());
    assertThat(status).as(err.toString()).isZero();
    String line = out.toString().lines().filter(l -> l.startsWith("{")).findFirst().orElseThrow();
    JsonNode json = new ObjectMapper().readTree(line);
    assertThat(json.get("storage").asText()).isEqualTo("sqlite");
    assertThat(json.get("n_trials_in_study").asInt()).isEqualTo(100);
    assertThat(json.get("ms_per_trial_last_window").get("100").asDouble()).isPositive();
  }

  @Test
  void defaultsToTheDatabaseStoragesAndKeepsOverheadsOtherDefaults() {
    CommandLine root = new CommandLine(new BenchCommand());
    root.parseArgs("storage");
    StorageCommand command = root.getSubcommands().get("storage").getCommand();
    assertThat(command.storages).containsExactly("sqlite", "postgres");
    assertThat(command.samplers).containsExactly("random");
    assertThat(command.sizes).containsExactly(100, 1000);
    assertThat(command.warmup).isEqualTo(300);
    assertThat(command.params).isEqualTo(5);
    assertThat(command.window).isEqualTo(100);
  }
}
