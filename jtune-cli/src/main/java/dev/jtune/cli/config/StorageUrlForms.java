package dev.jtune.cli.config;

import java.util.Optional;

/** The forms a storage setting may take in a study file or on the command line. */
public final class StorageUrlForms {
  private StorageUrlForms() {}

  /**
   * The JDBC URL a storage setting names: {@code jdbc:sqlite:...} and {@code jdbc:postgresql:...}
   * as they are, Optuna's (SQLAlchemy's) {@code sqlite:///PATH} as {@code jdbc:sqlite:PATH}
   * ({@code sqlite:////abs.db} an absolute path, as there), a bare path ending in {@code .db},
   * {@code .sqlite} or {@code .sqlite3} (any case) as {@code jdbc:sqlite:PATH}; empty for anything
   * else, a path that starts with a scheme ({@code sqlite:one.db}) included.
   */
  public static Optional<String> jdbcUrl(String text) {
    if (text.startsWith("jdbc:sqlite:") || text.startsWith("jdbc:postgresql:")) {
      return Optional.of(text);
    }
    if (text.startsWith("sqlite:///") && text.length() > "sqlite:///".length()) {
      return Optional.of("jdbc:sqlite:" + text.substring("sqlite:///".length()));
    }
    // a path, not a scheme: "sqlite:one.db" is a mistyped URL, not a file named so (a one-letter
    // prefix is a Windows drive)
    if (!text.matches("[A-Za-z][A-Za-z0-9+.-]+:.*")
        && text.matches("(?i).*\\.(db|sqlite|sqlite3)")) {
      return Optional.of("jdbc:sqlite:" + text);
    }
    return Optional.empty();
  }
}
