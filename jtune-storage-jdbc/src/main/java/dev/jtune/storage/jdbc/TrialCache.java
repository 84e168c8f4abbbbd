package dev.jtune.storage.jdbc;

import dev.jtune.trial.FrozenTrial;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The trials of one study as this process last saw them. Finished trials never change, so once read
 * they are kept; a refresh reads only trials created since the last one plus those that were still
 * unfinished, which makes a sampler's history read cost O(new and running trials), not O(all).
 *
 * <p>Why "created since" is exact: trial ids grow with commit order within a study, because a trial
 * is inserted while the study's row is locked (PostgreSQL) or the file's write lock is held
 * (SQLite), and the lock is released only by the commit.
 *
 * <p>A study deleted by another process, or deleted and made again under the same id (SQLite
 * reuses the newest ids after a delete, as {@code run --overwrite} does while workers run), is
 * noticed: each refresh first checks one finished trial it holds, the sentinel, in one row of
 * {@code trials}; a sentinel gone or with other times means the cache is stale ({@link Stale}).
 *
 * <p>Concurrency: refreshes of one study are serialized by this object's monitor.
 */
final class TrialCache {
  /** Above this many unfinished trials, re-read everything from the oldest of them instead. */
  private static final int MAX_IN_LIST = 500;

  private final long studyId;
  private final TrialReader reader;
  private long maxSeenId;
  private final TreeMap<Integer, FrozenTrial> finished = new TreeMap<>();
  private final Map<Long, FrozenTrial> unfinished = new HashMap<>();
  /** The first finished trial read, re-read by every refresh; {@code null} until there is one. */
  private FrozenTrial sentinel;

  /** The cached trials no longer belong to the study of this id (deleted, maybe made anew). */
  static final class Stale extends Exception {
    private static final long serialVersionUID = 1L;

    Stale(long studyId) {
      super("study#" + studyId + " changed under this cache", null, false, false);
    }
  }

  TrialCache(long studyId, TrialReader reader) {
    this.studyId = studyId;
    this.reader = reader;
  }

  /**
   * Reads what changed and returns every trial of the study, ordered by number.
   *
   * @throws Stale if the study's trials are not those this cache holds; the caller drops it
   */
  synchronized List<FrozenTrial> refresh(Connection c) throws SQLException, Stale {
    List<Object> args = new ArrayList<>();
    args.add(studyId);
    args.add(maxSeenId);
    String where = "t.study_id = ? AND t.trial_id > ?";
    if (!unfinished.isEmpty()) {
      if (unfinished.size() > MAX_IN_LIST) {
        where = "t.study_id = ? AND t.trial_id >= ?";
        args.set(1, Collections.min(unfinished.keySet()));
      } else {
        where = "t.study_id = ? AND (t.trial_id > ? OR t.trial_id IN ("
            + unfinished.keySet().stream().map(id -> "?").collect(Collectors.joining(", ")) + "))";
        args.addAll(unfinished.keySet());
      }
    }
    if (sentinel != null && !reader.stillStored(c, studyId, sentinel)) {
      throw new Stale(studyId);
    }
    List<FrozenTrial> changed = reader.read(c, new TrialReader.Selection(where, args));
    Set<Long> stillThere = new HashSet<>();
    for (FrozenTrial t : changed) {
      long id = t.id().value();
      stillThere.add(id);
      maxSeenId = Math.max(maxSeenId, id);
      if (t.isFinished()) {
        finished.put(t.number(), t);
        unfinished.remove(id);
        if (sentinel == null) {
          sentinel = t;
        }
      } else {
        unfinished.put(id, t);
      }
    }
    unfinished.keySet().retainAll(stillThere);
    List<FrozenTrial> all = new ArrayList<>(finished.size() + unfinished.size());
    all.addAll(finished.values());
    if (!unfinished.isEmpty()) {
      all.addAll(unfinished.values());
      all.sort((a, b) -> Integer.compare(a.number(), b.number()));
    }
    return all;
  }

  /** A finished trial of this study, if this cache holds it. */
  synchronized FrozenTrial finished(int number) {
    return finished.get(number);
  }
}
