package dev.jtune.storage.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code optuna_interop.py} (a test resource) with Debian's {@code /usr/bin/python3}, the
 * Python Optuna the interop tests compare against, and parses what it prints.
 */
final class PythonOptuna {
  static final String PYTHON = "/usr/bin/python3";

  private PythonOptuna() {}

  /** Whether {@code import <module>} works, so tests can skip with a clear message if not. */
  static boolean canImport(String module) {
    try {
      Process p = new ProcessBuilder(PYTHON, "-c", "import " + module).redirectErrorStream(true)
          .start();
      p.getInputStream().readAllBytes();
      return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** The installed Optuna's version, e.g. {@code 3.1.0}. */
  static String version() {
    return run(List.of("version")).strip();
  }

  /** The revision the installed Optuna creates and requires. */
  static SchemaRevision revision() {
    String[] parts = version().split("\\.");
    int major = Integer.parseInt(parts[0]);
    int minor = Integer.parseInt(parts[1]);
    return major > 3 || (major == 3 && minor >= 2) ? SchemaRevision.V3_2_0_A
        : SchemaRevision.V3_0_0_D;
  }

  /** Runs a script command and parses its JSON output. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> json(String... args) {
    String out = run(List.of(args));
    try {
      return JsonCodec.MAPPER.readValue(out, Map.class);
    } catch (IOException e) {
      throw new AssertionError("optuna_interop.py printed no JSON: " + out, e);
    }
  }

  /** The SQLAlchemy URL of a jtune JDBC URL. */
  static String sqlAlchemyUrl(String jdbcUrl) {
    if (jdbcUrl.startsWith("jdbc:sqlite:")) {
      return "sqlite:///" + Path.of(jdbcUrl.substring("jdbc:sqlite:".length())).toAbsolutePath();
    }
    // jdbc:postgresql://host:port/db?user=u
    String rest = jdbcUrl.substring("jdbc:postgresql://".length());
    String user = rest.substring(rest.indexOf("user=") + "user=".length());
    return "postgresql+psycopg2://" + user + "@" + rest.substring(0, rest.indexOf('?'));
  }

  private static String run(List<String> args) {
    try {
      Path script = Files.createTempFile("optuna_interop", ".py");
      try (InputStream in = PythonOptuna.class.getResourceAsStream("optuna_interop.py")) {
        Files.write(script, in.readAllBytes());
      }
      List<String> command = new ArrayList<>(List.of(PYTHON, script.toString()));
      command.addAll(args);
      Path err = Files.createTempFile("optuna_interop", ".err");
      Process p = new ProcessBuilder(command).redirectError(err.toFile()).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(5, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new AssertionError("timed out: " + command);
      }
      if (p.exitValue() != 0) {
        throw new AssertionError("exit " + p.exitValue() + " from " + command + ":\n"
            + Files.readString(err));
      }
      Files.deleteIfExists(script);
      Files.deleteIfExists(err);
      return out;
    } catch (IOException e) {
      throw new AssertionError("cannot run " + PYTHON, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
