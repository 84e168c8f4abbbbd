package dev.jtune.cli.config;

/**
 * Where a configuration value came from: a file position (1-based line and column) or another
 * source such as a command-line option or a study's stored configuration (line 0).
 */
public record Origin(String source, int line, int column) {

  /** An origin without a position, e.g. {@code "option --trials"}. */
  public static Origin of(String source) {
    return new Origin(source, 0, 0);
  }

  /** {@code file:line:column}, or the bare source when there is no position. */
  public String describe() {
    return line > 0 ? source + ":" + line + ":" + column : source;
  }

  @Override
  public String toString() {
    return describe();
  }
}
