package dev.jtune.storage.jdbc;

import dev.jtune.space.Distribution;
import dev.jtune.trial.FrozenTrial;
import dev.jtune.trial.TrialState;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Write-through snapshots of the unfinished trials this storage created or claimed: each write that
 * committed is applied to the snapshot too, so the worker running a trial reads it (and its final
 * snapshot after finishing it) without a query. The snapshot equals what a read of the database
 * returns, because every value in it went through the same normalization as the stored one.
 *
 * <p>Another process changes a trial it does not own only to fail it as stale; the owner's next
 * write to it then fails, and its snapshot is dropped.
 */
final class OwnedTrials {
  /** A trial this storage runs and the study it belongs to. */
  record Owned(long studyId, FrozenTrial trial) {}

  private final Map<Long, Owned> trials = new ConcurrentHashMap<>();

  void put(long studyId, FrozenTrial trial) {
    trials.put(trial.id().value(), new Owned(studyId, trial));
  }

  Owned get(long trialId) {
    return trials.get(trialId);
  }

  void remove(long trialId) {
    trials.remove(trialId);
  }

  void clear() {
    trials.clear();
  }

  void param(long trialId, String name, double value, Distribution distribution) {
    trials.computeIfPresent(trialId, (id, o) -> {
      FrozenTrial t = o.trial();
      Map<String, Double> params = new LinkedHashMap<>(t.internalParams());
      params.put(name, value);
      Map<String, Distribution> distributions = new LinkedHashMap<>(t.distributions());
      distributions.put(name, distribution);
      return new Owned(o.studyId(), new FrozenTrial(t.id(), t.number(), t.state(), t.values(),
          params, distributions, t.intermediateValues(), t.userAttrs(), t.systemAttrs(),
          t.started(), t.completed()));
    });
  }

  void intermediate(long trialId, int step, double value) {
    trials.computeIfPresent(trialId, (id, o) -> {
      FrozenTrial t = o.trial();
      TreeMap<Integer, Double> values = new TreeMap<>(t.intermediateValues());
      values.put(step, value);
      return new Owned(o.studyId(), new FrozenTrial(t.id(), t.number(), t.state(), t.values(),
          t.internalParams(), t.distributions(), values, t.userAttrs(), t.systemAttrs(),
          t.started(), t.completed()));
    });
  }

  void attr(long trialId, boolean user, String key, Object value) {
    trials.computeIfPresent(trialId, (id, o) -> {
      FrozenTrial t = o.trial();
      Map<String, Object> attrs = new LinkedHashMap<>(user ? t.userAttrs() : t.systemAttrs());
      attrs.put(key, value);
      return new Owned(o.studyId(), new FrozenTrial(t.id(), t.number(), t.state(), t.values(),
          t.internalParams(), t.distributions(), t.intermediateValues(),
          user ? attrs : t.userAttrs(), user ? t.systemAttrs() : attrs, t.started(),
          t.completed()));
    });
  }

  /** Removes the trial and returns its finished snapshot, or {@code null} if it is not owned. */
  FrozenTrial finish(long trialId, TrialState state, List<Double> values, Instant now) {
    Owned o = trials.remove(trialId);
    if (o == null) {
      return null;
    }
    FrozenTrial t = o.trial();
    return new FrozenTrial(t.id(), t.number(), state, values, t.internalParams(),
        t.distributions(), t.intermediateValues(), t.userAttrs(), t.systemAttrs(),
        t.started() == null ? now : t.started(), now);
  }
}
