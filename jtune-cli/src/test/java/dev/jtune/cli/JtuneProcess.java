package dev.jtune.cli;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** The command in a JVM of its own, as a user starts it, with its output in files. */
final class JtuneProcess implements AutoCloseable {
  private final Process process;
  private final Path out;
  private final Path err;

  private JtuneProcess(Process process, Path out, Path err) {
    this.process = process;
    this.out = out;
    this.err = err;
  }

  /** Starts {@code jtune args} in {@code dir} with the test classpath and the system properties. */
  static JtuneProcess start(Path dir, String tag, List<String> properties, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(properties);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(JtuneCommand.class.getName());
    command.addAll(List.of(args));
    Path out = dir.resolve(tag + ".out");
    Path err = dir.resolve(tag + ".err");
    try {
      Process p = new ProcessBuilder(command).directory(dir.toFile())
          .redirectOutput(out.toFile()).redirectError(err.toFile())
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
      return new JtuneProcess(p, out, err);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String out() {
    return read(out);
  }

  String err() {
    return read(err);
  }

  private static String read(Path p) {
    try {
      return Files.exists(p) ? Files.readString(p) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits until the standard output satisfies the condition; fails after the timeout. */
  void awaitOut(Predicate<String> condition, Duration timeout) throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (!condition.test(out())) {
      if (System.nanoTime() > end || !process.isAlive() && !condition.test(out())) {
        throw new AssertionError("condition not met; alive=" + process.isAlive() + "\nout:\n"
            + out() + "\nerr:\n" + err());
      }
      Thread.sleep(50);
    }
  }

  void awaitErr(Predicate<String> condition, Duration timeout) throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (!condition.test(err())) {
      if (System.nanoTime() > end) {
        throw new AssertionError("condition not met\nout:\n" + out() + "\nerr:\n" + err());
      }
      Thread.sleep(50);
    }
  }

  /** Sends SIGINT, as Ctrl-C does. */
  void interrupt() throws IOException, InterruptedException {
    new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).inheritIO().start().waitFor();
  }

  /** Waits for the exit code. */
  int waitFor(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("still running after " + timeout + "\nout:\n" + out() + "\nerr:\n"
          + err());
    }
    return process.exitValue();
  }

  long count(String needle) {
    return out().lines().filter(l -> l.contains(needle)).count();
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }
}
