package dev.jtune.bench;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/** What a benchmark command printed on standard output, and its exit status. */
record BenchOutput(int status, String out) {

  /** Runs {@code jtune-benchmarks ARGS} in this JVM, capturing standard output. */
  static BenchOutput of(String... args) {
    PrintStream stdout = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    int status;
    try {
      System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
      CommandLine cli = new CommandLine(new BenchCommand());
      cli.setErr(new PrintWriter(new StringWriter()));
      status = cli.execute(args);
    } finally {
      System.setOut(stdout);
    }
    return new BenchOutput(status, captured.toString(StandardCharsets.UTF_8));
  }
}
