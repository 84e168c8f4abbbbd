package dev.jtune.internal;

import dev.jtune.storage.TrialId;
import dev.jtune.trial.FrozenTrial;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * Which finished trials an incremental cache of a study has folded in, by trial number, and
 * whether the numbers still denote those trials. A study deleted and created again under the same
 * id (a SQLite database gives the new study the old one's id, and its trials the old numbers)
 * would otherwise leave a sampler's cache holding the deleted study's trials under numbers it
 * counts as seen. A trial is known by its storage id and start time: a number that arrives with
 * another identity than the one folded in means the study behind the numbers changed.
 *
 * <p>Not thread-safe: the cache that owns it guards it.
 */
public final class FoldedTrials {
  /** The identity folded in, by trial number; {@code null} where none was. */
  private Object[] folded = new Object[64];

  /**
   * Whether any of {@code trials} carries a number folded in with another identity (the cache
   * must then be emptied, this included, with {@link #clear()}, and refilled).
   */
  public boolean replacedAny(List<FrozenTrial> trials) {
    for (FrozenTrial t : trials) {
      int n = t.number();
      if (n < folded.length && folded[n] != null && !folded[n].equals(identity(t))) {
        return true;
      }
    }
    return false;
  }

  /** Records {@code t} as folded in; whether it was new (its number not folded in before). */
  public boolean add(FrozenTrial t) {
    int n = t.number();
    if (n >= folded.length) {
      folded = Arrays.copyOf(folded, Math.max(n + 1, 2 * folded.length));
    }
    if (folded[n] != null) {
      return false;
    }
    folded[n] = identity(t);
    return true;
  }

  /** Forgets every trial. */
  public void clear() {
    Arrays.fill(folded, null);
  }

  private static Object identity(FrozenTrial t) {
    return new Identity(t.id(), t.started());
  }

  /** A trial's storage id and start time (either may be absent). */
  private record Identity(TrialId id, Instant started) {}
}
