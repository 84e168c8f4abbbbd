package dev.jtune.study;

import dev.jtune.internal.JsonLike;
import dev.jtune.pruner.Pruner;
import dev.jtune.sampler.Constraints;
import dev.jtune.sampler.Sampler;
import dev.jtune.storage.Storage;
import dev.jtune.storage.StudyId;
import dev.jtune.storage.StudyNotFoundException;
import dev.jtune.storage.TrialTemplate;
import dev.jtune.trial.FrozenTrial;
import dev.jtune.trial.Trial;
import dev.jtune.trial.TrialState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * An optimization task: a name, one or more directions, a sampler, a pruner and the storage that
 * holds its trials. Build one with {@link #builder()}, then run an objective with
 * {@link #optimize(Objective, int)} or drive trials yourself with {@link #ask()} and
 * {@link #tell(Trial, double...)}.
 *
 * <pre>{@code
 * Study study = Study.builder().name("quadratic").direction(StudyDirection.MINIMIZE)
 *     .sampler(new RandomSampler(42)).build();
 * study.optimize(trial -> {
 *   double x = trial.suggestFloat("x", -10, 10);
 *   return (x - 2) * (x - 2);
 * }, 100);
 * System.out.println(study.bestParams());
 * }</pre>
 *
 * <p>Thread-safety: a study may be used from several threads; {@code optimize} runs its own worker
 * threads. Several {@code Study} objects (in one process or many) may work on the same stored study.
 */
public final class Study {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Study.class);

  private final Storage storage;
  private final StudyId id;
  private final String name;
  private final List<StudyDirection> directions;
  private final Sampler sampler;
  private final Pruner pruner;
  private final Constraints constraints;
  private final List<StudyCallback> callbacks;
  private final StorageStudyView view;
  private final Object creationLock = new Object();
  /** The {@code optimize} calls running now, which {@link #stop()} stops. */
  private final java.util.Set<OptimizeLoop> running =
      java.util.concurrent.ConcurrentHashMap.newKeySet();
  /** The best COMPLETE trial this object has seen, for log lines; read from storage once, lazily. */
  private FrozenTrial bestSeen;
  private boolean bestSeenLoaded;
  /** Whether the stored COMPLETE trials carry constraints (then only feasible ones count). */
  private boolean bestSeenConstrained;

  Study(StudyBuilder builder, StudyId id, List<StudyDirection> directions) {
    this.storage = builder.storage;
    this.id = id;
    this.name = builder.name;
    this.directions = List.copyOf(directions);
    this.sampler = builder.sampler;
    this.pruner = builder.pruner;
    this.constraints = builder.constraints;
    this.callbacks = List.copyOf(builder.callbacks);
    this.view = new StorageStudyView(storage, id, name, this.directions);
  }

  /** Starts building a study (a new one, or an existing one with {@code loadIfExists}). */
  public static StudyBuilder builder() {
    return new StudyBuilder();
  }

  /**
   * Opens an existing study with the default sampler and no pruner.
   *
   * @throws StudyNotFoundException naming the study and listing the known ones if it does not exist
   */
  public static Study load(String name, Storage storage) {
    return builder().name(name).storage(storage).load();
  }

  /** The study's unique name. */
  public String name() {
    return name;
  }

  /** The storage's id of the study. */
  public StudyId id() {
    return id;
  }

  /** One direction per objective value. */
  public List<StudyDirection> directions() {
    return directions;
  }

  /** The direction of a single-objective study; see {@link StudyView#direction()}. */
  public StudyDirection direction() {
    return view.direction();
  }

  /** The storage that holds the study. */
  public Storage storage() {
    return storage;
  }

  /** The sampler that chooses parameters. */
  public Sampler sampler() {
    return sampler;
  }

  /** The pruner that {@link Trial#shouldPrune()} consults. */
  public Pruner pruner() {
    return pruner;
  }

  /**
   * The constraints this object asks when its trials finish, or {@code null} for none (the
   * builder's, else the sampler's). A study loaded only to be looked at has none, yet its stored
   * constraint values still count for {@link #bestTrial()} and {@link #bestTrials()}.
   */
  public Constraints constraints() {
    return constraints;
  }

  /** A read-only view of this study, as samplers and pruners see it. */
  public StudyView view() {
    return view;
  }

  List<StudyCallback> callbacks() {
    return callbacks;
  }

  // ---- running ------------------------------------------------------------------------------

  /** Runs {@code nTrials} trials of the objective on the calling thread. */
  public void optimize(Objective objective, int nTrials) {
    optimize(objective, OptimizeOptions.trials(nTrials));
  }

  /**
   * Runs up to {@code nTrials} trials on {@code jobs} threads, starting no trial after
   * {@code timeout} (which may be {@code null} for none).
   */
  public void optimize(Objective objective, int nTrials, Duration timeout, int jobs) {
    optimize(objective, new OptimizeOptions(nTrials, timeout, jobs, false));
  }

  /**
   * Runs a single-objective objective with the given options; see {@link OptimizeOptions}.
   *
   * <p>An objective that throws {@link InterruptedException} (its thread, the caller's with one
   * job, was interrupted while it waited) ends the run: its trial is recorded as FAIL, no new
   * trial starts, the thread's interrupt flag stays set, and this method throws a
   * {@link dev.jtune.JtuneException} saying so. An interrupt flag that an objective leaves set
   * without throwing is not acted on.
   */
  public void optimize(Objective objective, OptimizeOptions options) {
    if (directions.size() != 1) {
      throw new IllegalArgumentException("study '" + name + "' has " + directions.size()
          + " directions; optimize it with a MultiObjective");
    }
    warnIfConstrainedWithoutConstraints();
    new OptimizeLoop(this, trial -> new double[] {objective.evaluate(trial)}, options).run();
  }

  /**
   * Runs a multi-objective objective with the given options; see {@link OptimizeOptions}. (A name of
   * its own, so that a lambda passed to {@code optimize} is never ambiguous.)
   */
  public void optimizeMulti(MultiObjective objective, OptimizeOptions options) {
    warnIfConstrainedWithoutConstraints();
    new OptimizeLoop(this, objective, options).run();
  }

  /**
   * One WARN when this object runs trials of a study whose trials carry constraint values but was
   * given no constraints (its trials are stored without values and count as infeasible), or was
   * given constraints but has finished trials without values (they count as infeasible).
   */
  private void warnIfConstrainedWithoutConstraints() {
    List<FrozenTrial> finished = storage.trials(id,
        EnumSet.of(TrialState.COMPLETE, TrialState.PRUNED));
    long without = finished.stream().filter(t -> !Feasibility.hasConstraints(t)).count();
    if (constraints != null && without > 0) {
      LOG.warn("{} finished trial(s) of study '{}' have no stored constraint values (they finished "
          + "before the study had constraints, or were added): they count as infeasible", without,
          name);
    }
    if (constraints == null && Feasibility.constrained(finished)) {
      LOG.warn("study '{}' is constrained (its trials carry constraint values) but this Study was "
          + "given no constraints: the trials it runs are stored without values and count as "
          + "infeasible; build it with StudyBuilder.constraints(...)", name);
    }
  }

  /**
   * Asks every {@code optimize} call running on this study to start no more trials; running trials
   * finish. Callable from callbacks and other threads; a call made later is not affected.
   */
  public void stop() {
    running.forEach(OptimizeLoop::stop);
  }

  void register(OptimizeLoop loop) {
    running.add(loop);
  }

  void unregister(OptimizeLoop loop) {
    running.remove(loop);
  }

  /**
   * Starts a trial for a loop of the caller's own: claims an enqueued trial if one is waiting,
   * otherwise creates one, and runs the sampler's joint phase. Finish it with {@link #tell}.
   */
  public Trial ask() {
    LiveTrial trial = newTrial();
    try {
      // the storage gave it a first heartbeat (a worker of optimize keeps it beating); nothing
      // beats for a trial the caller runs, which must not be presumed dead while it works
      storage.heartbeat().ifPresent(h -> h.stopHeartbeat(trial.id()));
      trial.sampleRelative();
    } catch (RuntimeException e) {
      TrialOutcome.failed(trial, e).record(this);
      throw e;
    }
    return trial;
  }

  LiveTrial newTrial() {
    FrozenTrial created;
    synchronized (creationLock) {
      created = storage.claimWaitingTrial(id)
          .orElseGet(() -> storage.createTrial(id, TrialTemplate.running()));
    }
    return new LiveTrial(this, created);
  }

  Object creationLock() {
    return creationLock;
  }

  /**
   * Finishes an asked trial as COMPLETE with the objective's values (one per direction). A NaN
   * value, or the wrong number of values, finishes it as FAIL with the reason stored.
   *
   * @return the finished trial
   */
  public FrozenTrial tell(Trial trial, double... values) {
    return TrialOutcome.of(live(trial), values).record(this);
  }

  /**
   * Finishes an asked trial in the given state: COMPLETE with values, PRUNED (with its last
   * reported value), or FAIL.
   *
   * @throws IllegalArgumentException for values with PRUNED or FAIL (as Optuna); the trial is
   *     left running
   */
  public FrozenTrial tell(Trial trial, TrialState state, double... values) {
    LiveTrial live = live(trial);
    if (state != TrialState.COMPLETE && values != null && values.length > 0) {
      throw new IllegalArgumentException("values " + java.util.Arrays.toString(values)
          + " cannot be told with state " + state + " (only COMPLETE takes values; a PRUNED trial"
          + " keeps its last reported value); trial " + trial.number() + " is still running");
    }
    TrialOutcome outcome = switch (state) {
      case COMPLETE -> TrialOutcome.of(live, values);
      case PRUNED -> TrialOutcome.pruned(live, "told PRUNED");
      case FAIL -> TrialOutcome.failed(live, "told FAIL");
      default -> throw new IllegalArgumentException(
          "a trial can be told COMPLETE, PRUNED or FAIL, not " + state);
    };
    return outcome.record(this);
  }

  private LiveTrial live(Trial trial) {
    if (!(trial instanceof LiveTrial live) || live.study().storage() != storage
        || live.studyId() != id.value()) {
      throw new IllegalArgumentException("trial " + trial + " was not asked from study '" + name + "'");
    }
    return live;
  }

  /**
   * Enqueues a trial whose parameters take the given values when the objective suggests them (a
   * known-good configuration, a warm start). Parameters not listed are sampled as usual. A value
   * outside the distribution the objective then suggests fails the trial, naming both (Optuna
   * warns and uses it; jtune's storage holds only values of their distribution).
   *
   * @return the number the enqueued trial will have
   */
  public int enqueueTrial(Map<String, ?> params) {
    return enqueueTrial(params, false);
  }

  /**
   * Enqueues a trial unless {@code skipIfExists} and a trial with exactly these fixed parameters is
   * already enqueued, running or finished; returns the new or existing trial's number.
   */
  public int enqueueTrial(Map<String, ?> params, boolean skipIfExists) {
    TrialTemplate template = TrialTemplate.waiting(params);
    synchronized (creationLock) {
      if (skipIfExists) {
        Object wanted = template.systemAttrs().get(FrozenTrial.FIXED_PARAMS);
        for (FrozenTrial t : storage.trials(id)) {
          if (JsonLike.equivalent(wanted, t.systemAttrs().get(FrozenTrial.FIXED_PARAMS))
              || paramsMatch(t, params)) {
            return t.number();
          }
        }
      }
      return storage.createTrial(id, template).number();
    }
  }

  private static boolean paramsMatch(FrozenTrial t, Map<String, ?> params) {
    return t.params().keySet().equals(params.keySet()) && params.entrySet().stream().allMatch(e ->
        t.distributions().get(e.getKey()).contains(toInternalOrNaN(t, e.getKey(), e.getValue()))
            && t.internalParams().get(e.getKey())
                == toInternalOrNaN(t, e.getKey(), e.getValue()));
  }

  private static double toInternalOrNaN(FrozenTrial t, String name, Object value) {
    try {
      return t.distributions().get(name).toInternal(value);
    } catch (IllegalArgumentException e) {
      return Double.NaN;
    }
  }

  /** Adds a trial from elsewhere (earlier results, another tool) as it is; returns its snapshot. */
  public FrozenTrial addTrial(TrialTemplate template) {
    return storage.createTrial(id, template);
  }

  /**
   * Adds trials of another study as they are (Optuna's {@code add_trials}): each keeps its state,
   * values, parameters, reports, attributes and times ({@link TrialTemplate#of}) and gets the next
   * number here; a warm start from earlier results. Returns their snapshots, in order.
   *
   * @throws IllegalArgumentException if a trial's values do not fit this study's directions
   *     (the trials before it are added)
   */
  public List<FrozenTrial> addTrials(java.util.Collection<FrozenTrial> trials) {
    return trials.stream().map(t -> storage.createTrial(id, TrialTemplate.of(t))).toList();
  }

  // ---- results ------------------------------------------------------------------------------

  /** Snapshots of every trial, ordered by number. */
  public List<FrozenTrial> trials() {
    return storage.trials(id);
  }

  /** Snapshots of the trials in the given states, ordered by number. */
  public List<FrozenTrial> trials(TrialState... states) {
    EnumSet<TrialState> set = EnumSet.noneOf(TrialState.class);
    set.addAll(Arrays.asList(states));
    return storage.trials(id, set);
  }

  /**
   * The best COMPLETE trial of a single-objective study, if any (ties: the lowest number). In a
   * constrained study (its trials carry stored constraint values, see {@link Feasibility}) only
   * the feasible trials count, as in Optuna 3.2 and later: empty while none is feasible. A trial
   * without stored values (one finished before the study had constraints) counts as infeasible,
   * for every reader alike.
   */
  public Optional<FrozenTrial> findBestTrial() {
    if (directions.size() != 1) {
      throw new IllegalStateException("study '" + name + "' has " + directions.size()
          + " objectives " + directions + ", so no single best trial; use bestTrials() for its "
          + "Pareto front");
    }
    return best(Feasibility.filter(storage.trials(id, EnumSet.of(TrialState.COMPLETE))));
  }

  private Optional<FrozenTrial> best(List<FrozenTrial> candidates) {
    StudyDirection direction = direction();
    FrozenTrial best = null;
    for (FrozenTrial t : candidates) {
      if (best == null || direction.isBetter(t.value(), best.value())) {
        best = t;
      }
    }
    return Optional.ofNullable(best);
  }

  /**
   * The best COMPLETE trial of a single-objective study; in a constrained study, the best feasible
   * one (see {@link #findBestTrial()}).
   *
   * @throws NoSuchElementException if no trial is COMPLETE yet, or none of them is feasible
   * @throws IllegalStateException if the study has several objectives (use {@link #bestTrials()})
   */
  public FrozenTrial bestTrial() {
    return findBestTrial().orElseThrow(() -> {
      int complete = storage.trials(id, EnumSet.of(TrialState.COMPLETE)).size();
      return new NoSuchElementException(complete == 0
          ? "study '" + name + "' has no COMPLETE trial yet"
          : "study '" + name + "' has " + complete + " COMPLETE trial(s), but none meets its "
              + "constraints");
    });
  }

  /** The best trial's parameters; see {@link #bestTrial()}. */
  public Map<String, Object> bestParams() {
    return bestTrial().params();
  }

  /** The best trial's value; see {@link #bestTrial()}. */
  public double bestValue() {
    return bestTrial().value();
  }

  /**
   * The Pareto-optimal COMPLETE trials: those no other COMPLETE trial dominates (at least as good in
   * every objective and better in one). For one objective, every trial tied for the best value. In
   * a constrained study, the front of the feasible trials (empty while none is feasible), as
   * Optuna's {@code best_trials} (3.2 and later); a trial without stored values counts as
   * infeasible.
   */
  public List<FrozenTrial> bestTrials() {
    return ParetoFront.of(Feasibility.filter(storage.trials(id, EnumSet.of(TrialState.COMPLETE))),
        directions);
  }

  /**
   * The best COMPLETE trial among those stored when first asked and those finished through this
   * object since: cheap enough for a log line per trial, where {@link #findBestTrial()} reads every
   * trial. Trials other processes finish meanwhile are not seen.
   */
  synchronized FrozenTrial bestSeen(FrozenTrial finished) {
    if (!bestSeenLoaded || !bestSeenConstrained && Feasibility.hasConstraints(finished)) {
      // the first call, or the first trial with stored constraints: from then on only feasible
      // trials count, as in findBestTrial
      bestSeen = findBestTrial().orElse(null);
      bestSeenConstrained =
          Feasibility.constrained(storage.trials(id, EnumSet.of(TrialState.COMPLETE)));
      bestSeenLoaded = true;
    } else if (finished.state() == TrialState.COMPLETE
        && (!bestSeenConstrained || Feasibility.feasible(finished))
        && (bestSeen == null || direction().isBetter(finished.value(), bestSeen.value()))) {
      bestSeen = finished;
    }
    return bestSeen;
  }

  /** The study's user attributes. */
  public Map<String, Object> userAttrs() {
    return storage.study(id).userAttrs();
  }

  /** Sets a JSON-like user attribute of the study. */
  public void setUserAttr(String key, Object value) {
    storage.setStudyUserAttr(id, key, value);
  }

  /** The study's system attributes. */
  public Map<String, Object> systemAttrs() {
    return storage.study(id).systemAttrs();
  }

  /**
   * Names the study's objectives, one per direction (Optuna 3.2's {@code set_metric_names}):
   * summaries, reports and the dashboard then label values by them. Stored with the study
   * ({@link MetricNames#ATTR}), so every process and later tool sees them; setting them again
   * replaces them.
   *
   * @throws IllegalArgumentException if the names are not one per direction, or one is blank or
   *     repeated
   */
  public void setMetricNames(String... names) {
    storage.setStudySystemAttr(id, MetricNames.ATTR,
        MetricNames.checked(java.util.Arrays.asList(names), directions.size()));
  }

  /** The names {@link #setMetricNames} stored, if any. */
  public Optional<List<String>> metricNames() {
    return MetricNames.stored(systemAttrs(), directions.size());
  }

  /** Writes this study's trials to {@code file} as CSV, one row per trial; see {@link TrialExport}. */
  public void exportCsv(Path file) {
    TrialExport.writeCsv(this, file);
  }

  /** Writes this study's trials to {@code file} as JSON; see {@link TrialExport}. */
  public void exportJson(Path file) {
    TrialExport.writeJson(this, file);
  }

  /** A readable multi-line summary with the {@code top} best COMPLETE trials; see {@link StudySummary}. */
  public String summary(int top) {
    return StudySummary.format(this, top);
  }

  @Override
  public String toString() {
    return "Study{name=" + name + ", directions=" + directions + ", sampler=" + sampler
        + ", pruner=" + pruner + "}";
  }
}
