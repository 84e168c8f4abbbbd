package dev.jtune.cli;

/** How a command reports: a redrawn bar on a terminal, log lines, JSON lines, or nothing. */
enum OutputMode {
  BAR, LINES, JSON, QUIET;

  /** The mode for the flags: JSON wins over quiet; otherwise a bar on a terminal, else lines. */
  static OutputMode of(boolean json, boolean quiet) {
    if (json) {
      return JSON;
    }
    if (quiet) {
      return QUIET;
    }
    return System.console() != null ? BAR : LINES;
  }
}
