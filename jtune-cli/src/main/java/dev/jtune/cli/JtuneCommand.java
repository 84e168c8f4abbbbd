package dev.jtune.cli;

/** Placeholder replaced below. */
final class JtuneCommand {
  private JtuneCommand() {}
}
