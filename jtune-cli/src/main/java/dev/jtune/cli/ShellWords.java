package dev.jtune.cli;

import java.util.regex.Pattern;

/** Words of a command line printed for the user to copy: quoted for a POSIX shell when needed. */
final class ShellWords {
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:=@%+,-]+");

  private ShellWords() {}

  /** The word as typed: itself when it needs no quoting, else in single quotes. */
  static String quote(String word) {
    return PLAIN.matcher(word).matches() ? word : "'" + word.replace("'", "'\\''") + "'";
  }
}
