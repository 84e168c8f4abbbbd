package dev.jtune.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs the command in-process, as a user would type it, and keeps its output. */
record Cli(int code, String out, String err) {

  static Cli run(String... args) {
    CommandLine cli = JtuneCommand.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute(args);
    return new Cli(code, out.toString(), err.toString());
  }

  /** Runs and requires exit code 0. */
  static Cli ok(String... args) {
    Cli r = run(args);
    if (r.code != 0) {
      throw new AssertionError("exit " + r.code + " for " + String.join(" ", args) + "\nout:\n"
          + r.out + "\nerr:\n" + r.err);
    }
    return r;
  }

  String all() {
    return out + err;
  }
}
