package dev.jtune.study;

import dev.jtune.storage.StudyId;
import dev.jtune.storage.TrialId;
import dev.jtune.trial.FrozenTrial;
import dev.jtune.trial.TrialState;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A read-only view of a study for samplers and pruners: its directions and snapshots of its trials.
 * The study's own view reads the storage afresh on every call (so it sees other workers' trials);
 * the view a trial gets inside {@code optimize} on several threads may show some of them as they
 * were earlier ({@link OptimizeOptions.ParallelHistory}). Everything it returns is an immutable
 * snapshot.
 */
public interface StudyView {
  /** The storage's id of the study. */
  StudyId id();

  /** The study's name. */
  String name();

  /**
   * What a sampler keys its per-study caches by: equal for every view of one study in one storage
   * object, different for a study of another storage, whose {@link #id()} may well be the same
   * number (each storage numbers its own studies, an in-memory one from 1). The default, the id,
   * suits a view that is the only one its sampler sees.
   */
  default Object cacheKey() {
    return id();
  }

  /** One direction per objective value. */
  List<StudyDirection> directions();

  /**
   * The direction of a single-objective study.
   *
   * @throws IllegalStateException if the study has several objectives
   */
  default StudyDirection direction() {
    List<StudyDirection> directions = directions();
    if (directions.size() != 1) {
      throw new IllegalStateException("study '" + name() + "' has " + directions.size()
          + " objectives; use directions()");
    }
    return directions.get(0);
  }

  /** Snapshots of the trials in the given states, ordered by number. */
  List<FrozenTrial> trials(Set<TrialState> states);

  /** Snapshots of every trial, ordered by number. */
  List<FrozenTrial> trials();

  /** The study's user attributes. */
  Map<String, Object> userAttrs();

  /** The study's system attributes. */
  Map<String, Object> systemAttrs();

  /**
   * Stores a system attribute on a trial of this study: how a sampler keeps per-trial bookkeeping
   * that other workers and processes must see (a CMA-ES generation, a GP proposal of a running
   * trial). The value must be JSON-like (see {@link dev.jtune.trial.Trial#setUserAttr}); it is
   * copied. Snapshots already taken do not change. The default refuses: a view that is not backed
   * by a storage cannot store anything.
   *
   * @throws UnsupportedOperationException if this view cannot write
   * @throws IllegalArgumentException naming the key if the value is not JSON-like
   */
  default void setTrialSystemAttr(TrialId trial, String key, Object value) {
    throw new UnsupportedOperationException("study view '" + name()
        + "' is read-only; cannot set system attribute '" + key + "' of trial " + trial);
  }

  /**
   * Stores a system attribute on the study unless it has one under {@code key}, atomically across
   * threads and processes, and returns the value stored under {@code key} afterwards
   * ({@link dev.jtune.storage.Storage#claimStudySystemAttr}, whose contract this follows): how
   * workers of a sampler agree on who takes something (the next entry of a log of decisions). The
   * default refuses, as {@link #setTrialSystemAttr} does.
   *
   * @throws UnsupportedOperationException if this view cannot write
   * @throws IllegalArgumentException naming the key if the value is not JSON-like
   */
  default Object claimSystemAttr(String key, Object value) {
    throw new UnsupportedOperationException("study view '" + name()
        + "' is read-only; cannot claim system attribute '" + key + "'");
  }

  /**
   * A view of {@code base} in which each trial appears as {@code shown} maps it, or not at all
   * where it returns {@code null}; everything else, {@link #setTrialSystemAttr} and
   * {@link #claimSystemAttr} included, goes to
   * {@code base}. The mapping is applied on every read, so it must give the same answer for the same
   * stored trial for as long as the view is used.
   */
  static StudyView mapped(StudyView base, java.util.function.UnaryOperator<FrozenTrial> shown) {
    return new MappedStudyView(base, shown);
  }
}
