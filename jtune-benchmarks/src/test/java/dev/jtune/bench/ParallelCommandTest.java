package dev.jtune.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The parallel benchmark starts its worker processes as the {@code jtune} launcher starts
 * {@code jtune worker}, and runs end to end on a SQLite file (no timing is asserted).
 */
class ParallelCommandTest {
  @TempDir
  Path dir;

  @Test
  void workerJvmOptionsDefaultToTheLaunchersWorkerDefaults() throws Exception {
    String launcher = Files.readString(Path.of("..", "jtune"));
    Matcher m = Pattern.compile("(?m)^worker_defaults=\"([^\"]*)\"$").matcher(launcher);
    assertThat(m.find()).as("worker_defaults in the jtune launcher").isTrue();
    assertThat(m.group(1)).isEqualTo(ParallelCommand.LAUNCHER_WORKER_JVM_OPTIONS);

    CommandLine root = new CommandLine(new BenchCommand());
    root.parseArgs("parallel");
    ParallelCommand command = root.getSubcommands().get("parallel").getCommand();
    assertThat(command.workerJvmArgs()).containsExactly("-XX:TieredStopAtLevel=1",
        "-XX:+UseSerialGC", "-XX:CICompilerCount=1", "-Xss512k");
    root.parseArgs("parallel", "--worker-jvm-args=");
    command = root.getSubcommands().get("parallel").getCommand();
    assertThat(command.workerJvmArgs()).isEmpty();
  }

  @Test
  void twoWorkerProcessesShareASqliteStudyAndPassThePeersChecks() throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new BenchCommand());
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int status = cli.execute("parallel", "--storage", "sqlite", "--workers", "2", "--n-trials",
        "40", "--sqlite-path", dir.resolve("parallel.db").toString());
    assertThat(status).as(err.toString()).isZero();
    String line = out.toString().lines().filter(l -> l.startsWith("{")).findFirst().orElseThrow();
    JsonNode json = new ObjectMapper().readTree(line);
    assertThat(json.get("workers").asInt()).isEqualTo(2);
    assertThat(json.get("checks").get("ok").asBoolean()).as(line).isTrue();
    assertThat(json.get("worker_jvm_args").size()).isEqualTo(4);
  }
}
