package dev.jtune.cli.config;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** The closest valid name to a misspelt one, by edit distance (case-insensitive). */
final class KeySuggestion {
  private KeySuggestion() {}

  /** The valid name closest to {@code given}, if one is close enough to be a likely typo. */
  static Optional<String> closest(String given, Collection<String> valid) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : valid) {
      int d = distance(given.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
    int tolerance = Math.max(2, given.length() / 3);
    return best != null && bestDistance <= tolerance ? Optional.of(best) : Optional.empty();
  }

  /** "unknown key 'x'; did you mean 'y'? Valid keys: a, b" style text. */
  static String unknown(String what, String given, Collection<String> valid) {
    String hint = closest(given, valid).map(s -> "; did you mean '" + s + "'?").orElse(";");
    return "unknown " + what + " '" + given + "'" + hint + " Valid " + what + "s: "
        + String.join(", ", valid);
  }

  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
