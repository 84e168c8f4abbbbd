package dev.jtune.sampler.pbt;

import dev.jtune.internal.TrialSeeds;
import dev.jtune.sampler.RandomSampler;
import dev.jtune.sampler.Sampler;
import dev.jtune.space.Distribution;
import dev.jtune.space.SearchSpace;
import dev.jtune.storage.RetryFailedTrialCallback;
import dev.jtune.study.Feasibility;
import dev.jtune.study.StudyDirection;
import dev.jtune.study.StudyView;
import dev.jtune.trial.FrozenTrial;
import dev.jtune.trial.TrialState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Population-based training (Jaderberg et al. 2017, "Population Based Training of Neural
 * Networks"; Ray Tune's {@code PopulationBasedTraining}): a population of networks trains side by
 * side, and after every interval the worst members copy the weights of the best and explore
 * parameters near theirs, so the search finds a schedule of hyperparameters (a learning rate that
 * falls when it should, say) rather than one fixed value, in the compute of one population's
 * training.
 *
 * <p>Each trial trains one member for one interval: a {@link Segment}, stored with the trial, which
 * the objective reads ({@link Segment#of}) to know whose end state to start from (a
 * {@code dev.jtune.nn} training objective does this with its checkpoints). The first
 * {@code populationSize} trials start the members with random parameters. Each later trial
 * continues the member whose last interval ended longest ago (the lowest interval, then the lowest
 * member) and decides, from stored values alone:
 *
 * <ul>
 *   <li>the members are ranked by their latest complete interval's value, no later than the
 *       continued member's (so members ahead are judged where it is, not one interval on);
 *   <li>a member in the bottom {@code quantileFraction} (at most half) <em>exploits</em>: it
 *       starts from the end state of a member of the top fraction, chosen at random, with that
 *       member's parameters, the {@link PopulationBasedConfig#mutable} ones explored: resampled or
 *       perturbed at random ({@link Explorer}), or, for population-based bandits (PB2,
 *       {@link PopulationBasedConfig.Exploration#BANDIT}), the numbers chosen together where a
 *       Gaussian process fit to every interval's improvement puts the highest upper confidence
 *       bound ({@link BanditExplorer});
 *   <li>a member whose last interval failed (diverged, say) or was pruned exploits the same way,
 *       and starts afresh with random parameters while no member has a value;
 *   <li>any other member continues from its own end state with its own parameters.
 * </ul>
 *
 * <p>Decisions read stored trials only, so workers in several threads or processes share one
 * population; under the study's default reproducible parallel history a seeded study makes the
 * same decisions however threads interleave. Every decision is appended to a log kept with the
 * study ({@link DecisionLog}) by claiming its next slot atomically, and made again from a fresh
 * read when another worker's decision took that slot first: so no two trials train one member's
 * interval, and no decision deletes a checkpoint another has just chosen to start from, even when
 * a process dies mid-decision (the member it took counts as training until its trial fails). Since
 * a member trains in one trial at a time, at most {@code populationSize} trials can run at once: a
 * trial that finds every member training fails
 * with a message saying so (use at most that many workers in all). Parameters an objective
 * suggests that the parent did not have are drawn at random. A retry of a trial cut off by a dead
 * process ({@link RetryFailedTrialCallback}) trains that trial's segment again while it is still
 * its member's latest (no other trial takes the member while the retry waits); an enqueued
 * configuration starts the member it gets afresh (its values need not fit another member's
 * network). Each decision also names the checkpoints no later trial will start from
 * ({@link Segment#obsolete()}), keeping the best trial's (and the best feasible one's).
 * Single-objective studies only; a pruner that narrows what the sampler sees (Hyperband's
 * brackets) would split the population, so population-based studies take none or one that
 * reads the whole history.
 */
public final class PopulationBasedSampler implements Sampler {
  private static final Logger LOG = LoggerFactory.getLogger(PopulationBasedSampler.class);
  /**
   * The prefix of the study system attributes that log the population's decisions, one per
   * trial, followed by the slot ({@code pbt:decision:0}, ...).
   */
  public static final String DECISION_LOG_PREFIX = "pbt:decision:";
  /** The most times a decision is made again after other workers took the log's next slot. */
  private static final int MAX_DECISION_ATTEMPTS = 1_000;
  /** The most decisions kept between a trial's two joint-phase calls (trials asked, never run). */
  private static final int MAX_PENDING = 10_000;

  private final PopulationBasedConfig config;
  private final RandomSampler independent;
  private final Explorer explorer;
  private final BanditExplorer bandit;
  private final Map<TrialKey, Decision> pending = new ConcurrentHashMap<>();

  private record TrialKey(Object study, int number) {}

  /**
   * A trial's segment and the trial it starts from ({@code null} for a fresh start); with the
   * trials and the log it was decided on, which PB2's explore step reads ({@code null} unless
   * set by {@link #seen}).
   */
  private record Decision(Segment segment, FrozenTrial parent, List<FrozenTrial> trials,
      DecisionLog log) {
    Decision(Segment segment, FrozenTrial parent) {
      this(segment, parent, null, null);
    }

    Decision seen(List<FrozenTrial> trials, DecisionLog log) {
      return new Decision(segment, parent, trials, log);
    }
  }

  /** One trial of the population with its segment. */
  private record Entry(FrozenTrial trial, Segment segment) {
    static final Comparator<Entry> BY_AGE = Comparator.comparingInt((Entry e) -> e.segment.index())
        .thenComparingInt(e -> e.trial.number());
  }

  /** A sampler with the given settings. */
  public PopulationBasedSampler(PopulationBasedConfig config) {
    this.config = Objects.requireNonNull(config, "config");
    this.independent = new RandomSampler(config.seed());
    this.explorer = new Explorer(config);
    this.bandit = new BanditExplorer(explorer);
  }

  /** A sampler with the default settings, the given population size and seed. */
  public PopulationBasedSampler(int populationSize, long seed) {
    this(PopulationBasedConfig.defaults().withPopulationSize(populationSize).withSeed(seed));
  }

  /** The settings. */
  public PopulationBasedConfig config() {
    return config;
  }

  /**
   * Decides and stores the trial's segment; for a segment with a parent, returns the parent's
   * parameters (those with more than one value).
   */
  @Override
  public SearchSpace relativeSearchSpace(StudyView study, FrozenTrial trial) {
    if (study.directions().size() != 1) {
      throw new IllegalArgumentException("population-based training ranks members by one "
          + "objective; this study has " + study.directions().size() + " " + study.directions());
    }
    TrialKey key = new TrialKey(study.cacheKey(), trial.number());
    Decision decision = null;
    synchronized (this) {   // one decision at a time in this process: two trials, two members
      for (int attempt = 1; decision == null; attempt++) {
        DecisionLog log = DecisionLog.read(study.systemAttrs());   // the log first, then trials
        List<FrozenTrial> trials = study.trials();
        Decision d = withObsolete(decide(trials, log, study, trial), trials, log, study, trial);
        if (log.append(study, trial.number(), d.segment())) {
          decision = d.segment().exploited()
              && config.exploration() == PopulationBasedConfig.Exploration.BANDIT
              ? d.seen(trials, log) : d;
        } else if (attempt >= MAX_DECISION_ATTEMPTS) {
          throw new IllegalStateException("trial " + trial.number() + ": other workers took the "
              + "population's next decision " + attempt + " times in a row; giving up");
        } else {
          LOG.debug("trial {}: another worker decided first; deciding again", trial.number());
        }
      }
      decision.segment().attrs().forEach((k, v) -> study.setTrialSystemAttr(trial.id(), k, v));
    }
    Segment s = decision.segment();
    LOG.debug("trial {}: member {} interval {}{}", trial.number(), s.member(), s.index(),
        s.parent().isEmpty() ? ", fresh start" : (s.exploited() ? ", copies trial " : ", after trial ")
            + s.parent().getAsInt());
    if (decision.parent() == null) {
      return SearchSpace.empty();
    }
    if (pending.size() >= MAX_PENDING) {
      pending.clear();
    }
    pending.put(key, decision);
    Map<String, Distribution> space = new LinkedHashMap<>(decision.parent().distributions());
    space.values().removeIf(Distribution::isSingle);
    return SearchSpace.of(space);
  }

  /** The parent's values, the explored ones moved when the segment exploits. */
  @Override
  public Map<String, Double> sampleRelative(StudyView study, FrozenTrial trial, SearchSpace space) {
    Decision decision = pending.remove(new TrialKey(study.cacheKey(), trial.number()));
    if (decision == null || decision.parent() == null) {
      return Map.of();
    }
    FrozenTrial parent = decision.parent();
    Map<String, Double> chosen = decision.trials() == null ? Map.of()
        : bandit.explore(trial.number(), parent, decision.segment().index(), decision.trials(),
            decision.log(), study.direction(),
            TrialSeeds.random(config.seed(), trial.number(), "pb2")).orElse(Map.of());
    Map<String, Double> out = new LinkedHashMap<>();
    for (String name : space.names()) {
      Distribution d = space.get(name);
      Double v = parent.internalParams().get(name);
      if (v == null || !d.equals(parent.distributions().get(name))) {
        continue;
      }
      if (chosen.containsKey(name)) {
        v = chosen.get(name);
      } else if (decision.segment().exploited() && explorer.explores(name, d)) {
        // a stream per parameter: the draws do not depend on which others are explored
        v = explorer.explore(d, v, TrialSeeds.random(config.seed(), trial.number(), "pbt:" + name));
      }
      out.put(name, v);
    }
    return out;
  }

  @Override
  public double sampleIndependent(
      StudyView study, FrozenTrial trial, String name, Distribution distribution) {
    return independent.sampleIndependent(study, trial, name, distribution);
  }

  private Decision decide(List<FrozenTrial> trials, DecisionLog log, StudyView study,
      FrozenTrial trial) {
    Map<Integer, List<Entry>> byMember = new HashMap<>();
    Map<Integer, FrozenTrial> byNumber = new HashMap<>();
    for (FrozenTrial t : trials) {
      byNumber.put(t.number(), t);
      if (t.number() != trial.number()) {
        log.segmentOf(t).ifPresent(s ->
            byMember.computeIfAbsent(s.member(), m -> new ArrayList<>()).add(new Entry(t, s)));
      }
    }
    // a retry of a trial cut off by a dead process trains that trial's segment again, with the
    // parameters it had (the retry's fixed ones), while that segment is still its member's
    // latest; its parent is kept while the retry waits, and its member is taken by no one else
    FrozenTrial failed = lastAttempt(trial, byNumber);
    if (failed != null && log.segmentOf(failed).isPresent()) {
      Segment again = log.segmentOf(failed).orElseThrow();
      FrozenTrial parent = again.parent().isPresent() ? byNumber.get(again.parent().getAsInt())
          : null;
      boolean latest = byMember.getOrDefault(again.member(), List.of()).stream()
          .max(Entry.BY_AGE).map(e -> e.trial().number() == failed.number()).orElse(false);
      // a decision made after the failure and before the retry was enqueued (two commits) may
      // have named the parent obsolete: its checkpoint is gone, so the member goes on instead
      boolean deleted = again.parent().isPresent() && byMember.values().stream()
          .flatMap(List::stream)
          .anyMatch(e -> e.segment().obsolete().contains(again.parent().getAsInt()));
      if (latest && !deleted && (again.parent().isEmpty() || parent != null)) {
        return new Decision(new Segment(again.member(), again.index(), again.parent(),
            again.exploited()), parent);
      }
    }
    for (int m = 0; m < config.populationSize(); m++) {
      if (!byMember.containsKey(m)) {
        return new Decision(new Segment(m, 0, OptionalInt.empty(), false), null);
      }
    }
    java.util.Set<Integer> awaitingRetry = new java.util.HashSet<>();
    for (FrozenTrial t : trials) {
      FrozenTrial attempt = t.number() == trial.number() || log.segmentOf(t).isPresent()
          || t.isFinished() ? null : lastAttempt(t, byNumber);
      if (attempt != null) {
        log.segmentOf(attempt).ifPresent(a -> awaitingRetry.add(a.member()));
      }
    }
    Entry previous = null;
    for (int m = 0; m < config.populationSize(); m++) {
      Entry latest = byMember.get(m).stream().max(Entry.BY_AGE).orElseThrow();
      if (latest.trial().isFinished() && !awaitingRetry.contains(m) && (previous == null
          || latest.segment().index() < previous.segment().index())) {
        previous = latest;
      }
    }
    if (previous == null) {
      throw new IllegalStateException("all " + config.populationSize() + " members of the "
          + "population are training: population-based training runs at most populationSize = "
          + config.populationSize() + " trials at once; use at most that many workers in all, or "
          + "a larger population");
    }
    int member = previous.segment().member();
    int next = previous.segment().index() + 1;
    if (trial.systemAttrs().get(FrozenTrial.FIXED_PARAMS) instanceof Map<?, ?>) {
      // an enqueued configuration (its fixed values win over any parent's) starts the member
      // afresh: another member's weights need not fit its network
      return new Decision(new Segment(member, next, OptionalInt.empty(), false), null);
    }
    StudyDirection direction = study.direction();
    List<Entry> ranked = ranked(byMember, previous.segment().index(), direction);
    Choice choice = new Choice(config.seed(), trial.number());
    if (previous.trial().state() != TrialState.COMPLETE) {
      if (ranked.isEmpty()) {
        return new Decision(new Segment(member, next, OptionalInt.empty(), false), null);
      }
      Entry parent = choice.of(ranked.subList(0, Math.max(1, quantile(ranked.size()))));
      return exploit(member, next, parent);
    }
    int q = quantile(ranked.size());
    boolean bottom = false;
    for (Entry e : ranked.subList(ranked.size() - q, ranked.size())) {
      bottom |= e.segment().member() == member;
    }
    if (bottom) {
      return exploit(member, next, choice.of(ranked.subList(0, q)));
    }
    return new Decision(new Segment(member, next, OptionalInt.of(previous.trial().number()),
        false), previous.trial());
  }

  /**
   * The decision, naming the complete trials that no later decision can pick as a parent and that
   * no earlier trial named: later decisions continue members from their latest segment (at least
   * {@code low}, the lowest latest interval, the decided member's counted at its new one) and rank
   * each member by its latest complete interval up to theirs, so a member's complete segments
   * before its latest complete one up to {@code low} will never be picked. Kept all the same: the
   * parents of unfinished trials, which may not have loaded them yet, and of retries waiting to
   * run; and the best trial so far and the best feasible one, whose networks are the study's
   * result (once another is better one never is again, and a later decision names it).
   */
  private Decision withObsolete(Decision decision, List<FrozenTrial> trials, DecisionLog log,
      StudyView study, FrozenTrial trial) {
    Map<Integer, List<Entry>> byMember = new HashMap<>();
    java.util.Set<Integer> named = new java.util.HashSet<>();
    java.util.Set<Integer> inUse = new java.util.HashSet<>();
    decision.segment().parent().ifPresent(inUse::add);
    for (FrozenTrial t : trials) {
      if (t.number() == trial.number()) {
        continue;
      }
      log.segmentOf(t).ifPresent(s -> {
        byMember.computeIfAbsent(s.member(), m -> new ArrayList<>()).add(new Entry(t, s));
        // a trial that failed or was pruned may have died before deleting what it named: those
        // are named again, and deleting twice does no harm
        if (t.state() == TrialState.COMPLETE || !t.isFinished()) {
          named.addAll(s.obsolete());
        }
        if (!t.isFinished()) {
          s.parent().ifPresent(inUse::add);
        }
      });
    }
    Map<Integer, FrozenTrial> byNumber = new HashMap<>();
    trials.forEach(t -> byNumber.put(t.number(), t));
    for (FrozenTrial t : byNumber.values()) {
      // a retry waiting to run will start from the parent of the trial it repeats
      FrozenTrial failed = t.isFinished() ? null : lastAttempt(t, byNumber);
      if (failed != null) {
        log.segmentOf(failed).flatMap(s -> s.parent().isPresent()
            ? java.util.Optional.of(s.parent().getAsInt()) : java.util.Optional.empty())
            .ifPresent(inUse::add);
      }
    }
    if (byMember.size() < config.populationSize()) {
      return decision;
    }
    // the study's result: the best trial, and the best feasible one in a constrained study
    StudyDirection direction = study.direction();
    List<FrozenTrial> complete = byMember.values().stream().flatMap(List::stream)
        .map(Entry::trial).filter(t -> t.state() == TrialState.COMPLETE).toList();
    Comparator<FrozenTrial> better = Comparator.comparingDouble((FrozenTrial t) ->
        direction.toMinimized(t.value())).thenComparingInt(FrozenTrial::number);
    complete.stream().min(better).ifPresent(best -> inUse.add(best.number()));
    Feasibility.filter(complete).stream().min(better).ifPresent(best -> inUse.add(best.number()));
    int low = decision.segment().index();
    for (Map.Entry<Integer, List<Entry>> e : byMember.entrySet()) {
      if (e.getKey() != decision.segment().member()) {
        low = Math.min(low, e.getValue().stream().max(Entry.BY_AGE).orElseThrow()
            .segment().index());
      }
    }
    List<Integer> obsolete = new ArrayList<>();
    for (List<Entry> entries : byMember.values()) {
      int upTo = low;
      Entry anchor = entries.stream().filter(x -> x.trial().state() == TrialState.COMPLETE
          && x.segment().index() <= upTo).max(Entry.BY_AGE).orElse(null);
      if (anchor == null) {
        continue;
      }
      for (Entry x : entries) {
        int n = x.trial().number();
        if (x.trial().state() == TrialState.COMPLETE && Entry.BY_AGE.compare(x, anchor) < 0
            && !named.contains(n) && !inUse.contains(n)) {
          obsolete.add(n);
        }
      }
    }
    if (obsolete.isEmpty()) {
      return decision;
    }
    obsolete.sort(null);
    Segment s = decision.segment();
    return new Decision(new Segment(s.member(), s.index(), s.parent(), s.exploited(), obsolete),
        decision.parent());
  }

  /** The attempt a retry repeats ({@link RetryFailedTrialCallback}), or {@code null}. */
  private static FrozenTrial lastAttempt(FrozenTrial trial, Map<Integer, FrozenTrial> byNumber) {
    List<Integer> attempts = RetryFailedTrialCallback.retryHistory(trial);
    return attempts.isEmpty() ? null : byNumber.get(attempts.get(attempts.size() - 1));
  }

  private static Decision exploit(int member, int next, Entry parent) {
    return new Decision(new Segment(member, next, OptionalInt.of(parent.trial().number()), true),
        parent.trial());
  }

  /**
   * Each member's latest complete segment up to interval {@code upTo}, best first (ties by
   * member).
   */
  private static List<Entry> ranked(Map<Integer, List<Entry>> byMember, int upTo,
      StudyDirection direction) {
    List<Entry> scored = new ArrayList<>();
    for (List<Entry> entries : byMember.values()) {
      entries.stream()
          .filter(e -> e.trial().state() == TrialState.COMPLETE && e.segment().index() <= upTo)
          .max(Entry.BY_AGE).ifPresent(scored::add);
    }
    scored.sort(Comparator.comparingDouble((Entry e) -> direction.toMinimized(e.trial().value()))
        .thenComparingInt(e -> e.segment().member()));
    return scored;
  }

  /** Members per quantile among {@code n} ranked: Ray's rule, at most half, 0 for fewer than 2. */
  private int quantile(int n) {
    if (n < 2) {
      return 0;
    }
    int q = (int) Math.ceil(n * config.quantileFraction());
    return Math.min(q, n / 2);
  }

  /** Uniform choices for one trial, from the seed and the trial's number. */
  private record Choice(long seed, int number) {
    <T> T of(List<T> items) {
      return items.get(TrialSeeds.random(seed, number, "pbt:parent").nextInt(items.size()));
    }
  }

  @Override
  public String toString() {
    return "PopulationBasedSampler(" + config + ")";
  }
}
