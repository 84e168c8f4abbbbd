package dev.jtune.storage;

import dev.jtune.internal.JsonLike;
import dev.jtune.space.Distribution;
import dev.jtune.study.StudyDirection;
import dev.jtune.trial.FrozenTrial;
import dev.jtune.trial.TrialFinishedException;
import dev.jtune.trial.TrialState;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A {@link Storage} in this JVM's memory: for tests, notebooks and throwaway runs. Nothing survives
 * the process; use the JDBC storage for anything worth keeping.
 *
 * <p>Concurrency: one monitor guards all state, so every operation is atomic and linearizable.
 * Trials are held as immutable {@link FrozenTrial} snapshots replaced on each write, so reads hand
 * out the stored objects themselves without copying.
 */
public final class InMemoryStorage implements Storage {

  private final Clock clock;
  private final Map<Long, StudyState> studies = new LinkedHashMap<>();
  private final Map<String, Long> studyIdsByName = new HashMap<>();
  private final Map<Long, FrozenTrial> trials = new HashMap<>();
  private final Map<Long, Long> studyOfTrial = new HashMap<>();
  private long nextStudyId = 1;
  private long nextTrialId = 1;

  /** An empty storage using the system clock. */
  public InMemoryStorage() {
    this(Clock.systemUTC());
  }

  /** An empty storage whose timestamps come from the given clock. */
  public InMemoryStorage(Clock clock) {
    this.clock = clock;
  }

  private static final class StudyState {
    final long id;
    final String name;
    final List<StudyDirection> directions;
    final Map<String, Object> userAttrs = new LinkedHashMap<>();
    final Map<String, Object> systemAttrs = new LinkedHashMap<>();
    final List<Long> trialIds = new ArrayList<>();
    /** Ids of trials created WAITING, oldest first; entries claimed or finished are skipped lazily. */
    final ArrayDeque<Long> waiting = new ArrayDeque<>();

    StudyState(long id, String name, List<StudyDirection> directions) {
      this.id = id;
      this.name = name;
      this.directions = List.copyOf(directions);
    }

    StudyRecord snapshot() {
      return new StudyRecord(new StudyId(id), name, directions, userAttrs, systemAttrs);
    }
  }

  @Override
  public synchronized StudyId createStudy(String name, List<StudyDirection> directions) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a study name must be non-blank, got '" + name + "'");
    }
    if (directions == null || directions.isEmpty()) {
      throw new IllegalArgumentException("study '" + name + "' needs at least one direction");
    }
    if (studyIdsByName.containsKey(name)) {
      throw new DuplicateStudyException(name);
    }
    long id = nextStudyId++;
    studies.put(id, new StudyState(id, name, directions));
    studyIdsByName.put(name, id);
    return new StudyId(id);
  }

  @Override
  public synchronized Optional<StudyId> findStudy(String name) {
    Long id = studyIdsByName.get(name);
    return id == null ? Optional.empty() : Optional.of(new StudyId(id));
  }

  @Override
  public synchronized StudyRecord study(StudyId study) {
    return state(study).snapshot();
  }

  @Override
  public synchronized List<StudyRecord> studies() {
    List<StudyRecord> out = new ArrayList<>();
    studies.values().forEach(s -> out.add(s.snapshot()));
    return List.copyOf(out);
  }

  @Override
  public synchronized void deleteStudy(StudyId study) {
    StudyState s = state(study);
    for (long trialId : s.trialIds) {
      trials.remove(trialId);
      studyOfTrial.remove(trialId);
    }
    studies.remove(s.id);
    studyIdsByName.remove(s.name);
  }

  @Override
  public synchronized void setStudyUserAttr(StudyId study, String key, Object value) {
    state(study).userAttrs.put(requireKey(key), JsonLike.copyOf(key, value));
  }

  @Override
  public synchronized void setStudySystemAttr(StudyId study, String key, Object value) {
    state(study).systemAttrs.put(requireKey(key), JsonLike.copyOf(key, value));
  }

  @Override
  public synchronized Object claimStudySystemAttr(StudyId study, String key, Object value) {
    Map<String, Object> attrs = state(study).systemAttrs;
    Object copy = JsonLike.copyOf(key, value);
    if (attrs.containsKey(requireKey(key))) {   // a null value is claimed too
      return attrs.get(key);
    }
    attrs.put(key, copy);
    return copy;
  }

  @Override
  public synchronized FrozenTrial createTrial(StudyId study, TrialTemplate template) {
    StudyState s = state(study);
    TrialState initial = template.state();
    if (initial.isFinished()) {
      TrialValues.check(initial, template.values(), s.directions.size());
    }
    Map<String, Object> systemAttrs = copyAttrs(template.systemAttrs());
    Map<String, Object> userAttrs = copyAttrs(template.userAttrs());
    Instant now = clock.instant();
    long id = nextTrialId++;
    FrozenTrial trial = new FrozenTrial(new TrialId(id), s.trialIds.size(), initial,
        template.values(), template.internalParams(), template.distributions(),
        template.intermediateValues(), userAttrs, systemAttrs,
        initial == TrialState.WAITING ? null : template.started() != null ? template.started()
            : template.completed() != null && initial.isFinished() ? null : now,
        initial.isFinished() ? (template.completed() != null ? template.completed() : now) : null);
    trials.put(id, trial);
    studyOfTrial.put(id, s.id);
    s.trialIds.add(id);
    if (initial == TrialState.WAITING) {
      s.waiting.add(id);
    }
    return trial;
  }

  @Override
  public synchronized Optional<FrozenTrial> claimWaitingTrial(StudyId study) {
    ArrayDeque<Long> waiting = state(study).waiting;
    Long trialId;
    while ((trialId = waiting.poll()) != null) {
      FrozenTrial t = trials.get(trialId);
      if (t.state() == TrialState.WAITING) {
        FrozenTrial claimed = copy(t, TrialState.RUNNING, List.of(), clock.instant(), null);
        trials.put(trialId, claimed);
        return Optional.of(claimed);
      }
    }
    return Optional.empty();
  }

  @Override
  public synchronized void setTrialParam(
      TrialId trial, String name, double internalValue, Distribution distribution) {
    FrozenTrial t = running(trial, "set parameter '" + name + "'");
    if (!distribution.contains(internalValue)) {
      throw new IllegalArgumentException("parameter '" + name + "': internal value " + internalValue
          + " is not in " + distribution.describe());
    }
    Distribution previous = t.distributions().get(name);
    if (previous != null) {
      if (!previous.equals(distribution) || t.internalParams().get(name) != internalValue) {
        throw new IllegalArgumentException("parameter '" + name + "' of trial " + t.number()
            + " is already set to " + t.param(name) + " in " + previous.describe());
      }
      return;
    }
    Map<String, Double> params = new LinkedHashMap<>(t.internalParams());
    params.put(name, internalValue);
    Map<String, Distribution> distributions = new LinkedHashMap<>(t.distributions());
    distributions.put(name, distribution);
    trials.put(trial.value(), new FrozenTrial(t.id(), t.number(), t.state(), t.values(), params,
        distributions, t.intermediateValues(), t.userAttrs(), t.systemAttrs(), t.started(),
        t.completed()));
  }

  @Override
  public synchronized boolean setTrialState(TrialId trial, TrialState state, List<Double> values) {
    FrozenTrial t = existing(trial);
    if (t.isFinished()) {
      throw new TrialFinishedException("trial " + t.number() + " is already " + t.state()
          + " and cannot become " + state);
    }
    if (state == TrialState.WAITING) {
      throw new IllegalArgumentException("trial " + t.number() + " cannot go back to WAITING");
    }
    if (state == TrialState.RUNNING) {
      if (t.state() != TrialState.WAITING) {
        return false;
      }
      trials.put(trial.value(), copy(t, TrialState.RUNNING, List.of(), clock.instant(), null));
      return true;
    }
    TrialValues.check(state, values, studies.get(studyOfTrial.get(trial.value())).directions.size());
    Instant now = clock.instant();
    trials.put(trial.value(),
        copy(t, state, values, t.started() == null ? now : t.started(), now));
    return true;
  }

  @Override
  public synchronized void setTrialIntermediateValue(TrialId trial, int step, double value) {
    FrozenTrial t = running(trial, "report step " + step);
    if (step < 0) {
      throw new IllegalArgumentException("step must be >= 0, got step=" + step);
    }
    TreeMap<Integer, Double> intermediate = new TreeMap<>(t.intermediateValues());
    intermediate.put(step, value);
    trials.put(trial.value(), new FrozenTrial(t.id(), t.number(), t.state(), t.values(),
        t.internalParams(), t.distributions(), intermediate, t.userAttrs(), t.systemAttrs(),
        t.started(), t.completed()));
  }

  @Override
  public synchronized void setTrialUserAttr(TrialId trial, String key, Object value) {
    FrozenTrial t = unfinished(trial, "set user attribute '" + key + "'");
    Map<String, Object> attrs = new LinkedHashMap<>(t.userAttrs());
    attrs.put(requireKey(key), JsonLike.copyOf(key, value));
    trials.put(trial.value(), new FrozenTrial(t.id(), t.number(), t.state(), t.values(),
        t.internalParams(), t.distributions(), t.intermediateValues(), attrs, t.systemAttrs(),
        t.started(), t.completed()));
  }

  @Override
  public synchronized void setTrialSystemAttr(TrialId trial, String key, Object value) {
    FrozenTrial t = unfinished(trial, "set system attribute '" + key + "'");
    Map<String, Object> attrs = new LinkedHashMap<>(t.systemAttrs());
    attrs.put(requireKey(key), JsonLike.copyOf(key, value));
    trials.put(trial.value(), new FrozenTrial(t.id(), t.number(), t.state(), t.values(),
        t.internalParams(), t.distributions(), t.intermediateValues(), t.userAttrs(), attrs,
        t.started(), t.completed()));
  }

  @Override
  public synchronized FrozenTrial trial(TrialId trial) {
    return existing(trial);
  }

  @Override
  public synchronized List<FrozenTrial> trials(StudyId study, Set<TrialState> states) {
    List<Long> ids = state(study).trialIds;
    List<FrozenTrial> out = new ArrayList<>(ids.size());
    for (long id : ids) {
      FrozenTrial t = trials.get(id);
      if (states.contains(t.state())) {
        out.add(t);
      }
    }
    return out;
  }

  @Override
  public synchronized int trialCount(StudyId study, Set<TrialState> states) {
    int count = 0;
    for (long id : state(study).trialIds) {
      if (states.contains(trials.get(id).state())) {
        count++;
      }
    }
    return count;
  }

  private StudyState state(StudyId study) {
    StudyState s = studies.get(study.value());
    if (s == null) {
      throw new StudyNotFoundException("no study with id " + study.value());
    }
    return s;
  }

  private FrozenTrial existing(TrialId trial) {
    FrozenTrial t = trials.get(trial.value());
    if (t == null) {
      throw new StudyNotFoundException("no trial with id " + trial.value());
    }
    return t;
  }

  private FrozenTrial unfinished(TrialId trial, String action) {
    FrozenTrial t = existing(trial);
    if (t.isFinished()) {
      throw new TrialFinishedException(
          "cannot " + action + ": trial " + t.number() + " is already " + t.state());
    }
    return t;
  }

  private FrozenTrial running(TrialId trial, String action) {
    FrozenTrial t = unfinished(trial, action);
    if (t.state() != TrialState.RUNNING) {
      throw new IllegalStateException(
          "cannot " + action + ": trial " + t.number() + " is " + t.state() + ", not RUNNING");
    }
    return t;
  }

  private static FrozenTrial copy(
      FrozenTrial t, TrialState state, List<Double> values, Instant started, Instant completed) {
    return new FrozenTrial(t.id(), t.number(), state, values, t.internalParams(),
        t.distributions(), t.intermediateValues(), t.userAttrs(), t.systemAttrs(), started,
        completed);
  }

  private static String requireKey(String key) {
    if (key == null || key.isEmpty()) {
      throw new IllegalArgumentException("an attribute key must be non-empty, got '" + key + "'");
    }
    return key;
  }

  private static Map<String, Object> copyAttrs(Map<String, Object> attrs) {
    Map<String, Object> out = new LinkedHashMap<>();
    attrs.forEach((k, v) -> out.put(requireKey(k), JsonLike.copyOf(k, v)));
    return out;
  }
}
