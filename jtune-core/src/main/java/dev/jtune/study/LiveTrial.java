package dev.jtune.study;

import dev.jtune.JtuneException;
import dev.jtune.internal.JsonLike;
import dev.jtune.pruner.PruneDecision;
import dev.jtune.sampler.Sampler;
import dev.jtune.space.Distribution;
import dev.jtune.space.FloatDistribution;
import dev.jtune.space.IntDistribution;
import dev.jtune.space.SearchSpace;
import dev.jtune.storage.Storage;
import dev.jtune.storage.TrialId;
import dev.jtune.trial.FrozenTrial;
import dev.jtune.trial.Trial;
import dev.jtune.trial.TrialState;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Trial} an objective receives. It mirrors what it writes to storage in local maps so
 * that samplers and pruners get a current snapshot without a storage read.
 *
 * <p>Concurrency: methods are synchronized; a trial is normally used by one thread.
 */
final class LiveTrial implements Trial {
  private static final Logger LOG = LoggerFactory.getLogger(LiveTrial.class);

  private final Study study;
  private final Storage storage;
  private final TrialId id;
  private final int number;
  private final FrozenTrial initial;
  private final Map<String, Object> fixedParams;
  private final Map<String, Double> params = new LinkedHashMap<>();
  private final Map<String, Distribution> distributions = new LinkedHashMap<>();
  private final TreeMap<Integer, Double> intermediate = new TreeMap<>();
  private final Map<String, Object> userAttrs = new LinkedHashMap<>();
  private final Map<String, Object> systemAttrs = new LinkedHashMap<>();
  private SearchSpace relativeSpace = SearchSpace.empty();
  private Map<String, Double> relativeParams = Map.of();
  private StudyView history;
  private String pruneVerdict;

  LiveTrial(Study study, FrozenTrial initial) {
    this.study = study;
    this.storage = study.storage();
    this.id = initial.id();
    this.number = initial.number();
    this.initial = initial;
    this.params.putAll(initial.internalParams());
    this.distributions.putAll(initial.distributions());
    this.intermediate.putAll(initial.intermediateValues());
    this.userAttrs.putAll(initial.userAttrs());
    this.systemAttrs.putAll(initial.systemAttrs());
    Object fixed = initial.systemAttrs().get(FrozenTrial.FIXED_PARAMS);
    this.fixedParams = fixed instanceof Map<?, ?> m ? castMap(m) : Map.of();
    this.history = study.view();
  }

  /**
   * Sets what this trial's sampler and pruner see of the study (by default the study's own view);
   * set before {@link #sampleRelative}.
   */
  synchronized void seeHistory(StudyView view) {
    this.history = view;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> castMap(Map<?, ?> map) {
    return (Map<String, Object>) map;
  }

  /** Runs the sampler's joint phase; called once, before the objective. */
  synchronized void sampleRelative() {
    Sampler sampler = study.sampler();
    FrozenTrial snapshot = snapshot();
    StudyView view = historyFor(snapshot);
    relativeSpace = sampler.relativeSearchSpace(view, snapshot);
    if (!relativeSpace.isEmpty()) {
      relativeParams = Map.copyOf(sampler.sampleRelative(view, snapshot, relativeSpace));
    }
  }

  /**
   * The history this trial's sampler sees, for {@code snapshot} (this trial now or finished): what
   * {@link #seeHistory} set, narrowed by the pruner (Hyperband keeps the trial's bracket; see
   * {@link dev.jtune.pruner.Pruner#samplerView}) for a sampler that learns from history. One that
   * does not ({@code readsHistory() == false}: random, Sobol', grid) sees the whole study, which a
   * grid needs to number its points past the enqueued trials of every bracket, and so does one
   * that searches it exhaustively ({@code searchesWholeStudy()}: brute force).
   */
  synchronized StudyView historyFor(FrozenTrial snapshot) {
    return study.sampler().readsHistory() && !study.sampler().searchesWholeStudy()
        ? study.pruner().samplerView(history, snapshot) : history;
  }

  /**
   * The trial as stored (with the system attributes its sampler set), plus the parameters its
   * joint phase chose as if already suggested, an enqueued value taking the place of the joint
   * phase's (it is what the trial will use): what later trials see of it while it runs under a
   * {@link HistoryGate}.
   */
  synchronized FrozenTrial sampledSnapshot() {
    FrozenTrial stored = storage.trial(id);
    Map<String, Double> p = new LinkedHashMap<>(stored.internalParams());
    Map<String, Distribution> d = new LinkedHashMap<>(stored.distributions());
    relativeParams.forEach((name, value) -> {
      if (!p.containsKey(name) && relativeSpace.has(name)) {
        Distribution distribution = relativeSpace.get(name);
        double used = value;
        if (fixedParams.containsKey(name)) {
          try {
            used = distribution.toInternal(fixedParams.get(name));
          } catch (IllegalArgumentException outside) {
            return; // the trial will fail when it suggests it; show no value
          }
        }
        p.put(name, used);
        d.put(name, distribution);
      }
    });
    return new FrozenTrial(id, number, TrialState.RUNNING, List.of(), p, d,
        stored.intermediateValues(), stored.userAttrs(), stored.systemAttrs(), stored.started(),
        null);
  }

  TrialId id() {
    return id;
  }

  long studyId() {
    return study.id().value();
  }

  Study study() {
    return study;
  }

  @Override
  public int number() {
    return number;
  }

  @Override
  public synchronized Object suggest(String name, Distribution distribution) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a parameter name must be non-blank, got '" + name + "'");
    }
    Distribution previous = distributions.get(name);
    if (previous != null) {
      if (!previous.equals(distribution)) {
        throw new IllegalArgumentException("parameter '" + name + "' was already suggested in trial "
            + number + " as " + previous.describe() + ", now as " + distribution.describe());
      }
      // the caller's own objects (equal choices may differ in type: 2 and 2L)
      return distribution.toExternal(params.get(name));
    }
    double internal = chooseInternal(name, distribution);
    storage.setTrialParam(id, name, internal, distribution);
    params.put(name, internal);
    distributions.put(name, distribution);
    return distribution.toExternal(internal);
  }

  private double chooseInternal(String name, Distribution distribution) {
    if (fixedParams.containsKey(name)) {
      Object value = fixedParams.get(name);
      try {
        return distribution.toInternal(value);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("parameter '" + name + "': enqueued value " + value
            + " is not in " + distribution.describe()
            + (distribution instanceof dev.jtune.space.CategoricalDistribution
                ? " (" + e.getMessage() + ")" : ""), e);
      }
    }
    if (distribution.isSingle()) {
      return onlyValue(distribution);
    }
    Double relative = relativeParams.get(name);
    FrozenTrial snapshot = relative != null && distribution.equals(relativeSpace.get(name))
        ? null : snapshot();
    double internal = snapshot == null ? relative : study.sampler()
        .sampleIndependent(historyFor(snapshot), snapshot, name, distribution);
    if (!distribution.contains(internal)) {
      throw new JtuneException("sampler " + study.sampler() + " proposed " + internal
          + " for parameter '" + name + "', which is not in " + distribution.describe());
    }
    return internal;
  }

  private static double onlyValue(Distribution distribution) {
    if (distribution instanceof FloatDistribution f) {
      return f.low();
    }
    if (distribution instanceof IntDistribution i) {
      return i.low();
    }
    return 0;
  }

  @Override
  public synchronized void report(int step, double value) {
    if (step < 0) {
      throw new IllegalArgumentException("step must be >= 0, got step=" + step);
    }
    if (intermediate.containsKey(step)) {
      LOG.warn("trial {} already reported step {} (value {}); value {} is ignored", number, step,
          intermediate.get(step), value);
      return;
    }
    storage.setTrialIntermediateValue(id, step, value);
    intermediate.put(step, value);
    pruneVerdict = null; // a verdict given before this report was not obeyed
  }

  @Override
  public synchronized boolean shouldPrune() {
    PruneDecision decision = study.pruner().prune(history, snapshot());
    decision.trialAttrs().forEach((key, value) -> {
      Object copy = JsonLike.copyOf(key, value);
      storage.setTrialSystemAttr(id, key, copy);
      systemAttrs.put(key, copy);
    });
    LOG.debug("trial {}: {} ({})", number, decision.prune() ? "prune" : "keep", decision.reason());
    pruneVerdict = decision.prune() ? decision.reason() : null;
    return decision.prune();
  }

  /**
   * The reason of the latest {@link #shouldPrune()} if it said prune, else {@code null}: stored
   * with the trial when it ends PRUNED (a verdict the objective ignored leaves no trace).
   */
  synchronized String pruneVerdict() {
    return pruneVerdict;
  }

  @Override
  public synchronized void setUserAttr(String key, Object value) {
    Object copy = JsonLike.copyOf(key, value);
    storage.setTrialUserAttr(id, key, copy);
    userAttrs.put(key, copy);
  }

  @Override
  public synchronized Map<String, Object> params() {
    return snapshot().params();
  }

  @Override
  public synchronized Map<String, Object> userAttrs() {
    return Collections.unmodifiableMap(new LinkedHashMap<>(userAttrs));
  }

  /** As stored: what the sampler set through its view included. */
  @Override
  public synchronized Map<String, Object> systemAttrs() {
    return Collections.unmodifiableMap(new LinkedHashMap<>(storage.trial(id).systemAttrs()));
  }

  /** The last reported value, if any; a pruned trial keeps it as its value. */
  synchronized Double lastIntermediateValue() {
    return intermediate.isEmpty() ? null : intermediate.lastEntry().getValue();
  }

  /** The trial as samplers and pruners see it now, without reading storage. */
  synchronized FrozenTrial snapshot() {
    return new FrozenTrial(id, number, TrialState.RUNNING, List.of(), params, distributions,
        intermediate, userAttrs, systemAttrs, initial.started(), null);
  }

  @Override
  public String toString() {
    return "Trial{number=" + number + ", study=" + study.name() + "}";
  }
}
