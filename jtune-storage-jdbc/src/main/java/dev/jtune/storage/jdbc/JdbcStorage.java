package dev.jtune.storage.jdbc;

import dev.jtune.space.Distribution;
import dev.jtune.storage.HeartbeatSupport;
import dev.jtune.storage.Storage;
import dev.jtune.storage.StudyId;
import dev.jtune.storage.StudyRecord;
import dev.jtune.storage.TrialId;
import dev.jtune.storage.TrialTemplate;
import dev.jtune.study.StudyDirection;
import dev.jtune.trial.FrozenTrial;
import dev.jtune.trial.TrialState;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apiguardian.api.API;

/**
 * A {@link Storage} in a relational database: a SQLite file ({@code jdbc:sqlite:path}, the embedded
 * default; several processes on one machine may share the file) or PostgreSQL
 * ({@code jdbc:postgresql://host:port/db}, many processes on many machines). The tables are those
 * of Optuna's RDB storage, schema version 12, so Optuna itself can open a study jtune wrote and jtune
 * can continue a study Optuna wrote.
 *
 * <p>Concurrency: thread-safe, and safe for many processes on one database. Trial numbers are
 * allocated under a lock on the study's row; state changes are compare-and-set; transient failures
 * (serialization failures, deadlocks, busy files, dropped connections, a restarting server) are
 * retried with exponential backoff and logged. Finished trials are cached per study, so reading a
 * study's history costs O(trials created or running since the last read).
 *
 * <p>Errors name the database URL. A unique-name clash is a {@code DuplicateStudyException}, an
 * unreachable or failing database a {@code StorageException} with the cause kept; a write that
 * fails changes nothing.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class JdbcStorage implements Storage {

  private final JdbcStorageConfig config;
  private final Database db;
  private final Clock clock;
  private final SchemaRevision revision;
  private final StudyDao studies;
  private final TrialDao trials;
  private final TrialReader reader;
  private final Map<Long, List<StudyDirection>> directions = new ConcurrentHashMap<>();
  private final Map<Long, TrialCache> caches = new ConcurrentHashMap<>();
  private final Map<Long, FrozenTrial> finishedById = new ConcurrentHashMap<>();
  private final Optional<HeartbeatSupport> heartbeat;
  private final OwnedTrials owned = new OwnedTrials();
  private final TrialWriter writer;

  private JdbcStorage(JdbcStorageConfig config, Clock clock) {
    this.config = config;
    this.clock = clock;
    this.db = new Database(config);
    try {
      this.revision = Schema.ensure(db, config.newSchemaRevision(), config.createSchema());
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
    this.studies = new StudyDao(db.dialect());
    this.trials = new TrialDao(db.dialect());
    this.reader = new TrialReader(db.dialect());
    this.writer = new TrialWriter(db, studies, trials, reader, owned, this::directions, clock,
        config.heartbeatEnabled());
    this.heartbeat = config.heartbeatEnabled()
        ? Optional.of(new JdbcHeartbeat(this, db, trials, reader, config, owned)) : Optional.empty();
  }

  /**
   * Opens (and, if empty, creates) the database at a URL with the default configuration.
   *
   * @throws IllegalArgumentException if the URL is neither SQLite nor PostgreSQL
   * @throws dev.jtune.storage.StorageException naming the URL if the database cannot be reached or
   *     holds a schema jtune does not know
   */
  public static JdbcStorage open(String url) {
    return open(JdbcStorageConfig.of(url));
  }

  /** Opens (and, if empty, creates) the database of a configuration; see {@link #open(String)}. */
  public static JdbcStorage open(JdbcStorageConfig config) {
    return new JdbcStorage(config, Clock.systemUTC());
  }

  /** The configuration this storage was opened with. */
  public JdbcStorageConfig config() {
    return config;
  }

  /** The schema revision of the open database. */
  public SchemaRevision schemaRevision() {
    return revision;
  }

  @Override
  public StudyId createStudy(String name, List<StudyDirection> directions) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a study name must be non-blank, got '" + name + "'");
    }
    if (directions == null || directions.isEmpty()) {
      throw new IllegalArgumentException("study '" + name + "' needs at least one direction");
    }
    List<StudyDirection> copy = List.copyOf(directions);
    StudyId id = db.durableOnce("creating study '" + name + "'",
        (c, attempt) -> studies.create(c, name, copy));
    this.directions.put(id.value(), copy);
    return id;
  }

  @Override
  public Optional<StudyId> findStudy(String name) {
    return db.read("finding study '" + name + "'", (c, attempt) -> studies.find(c, name));
  }

  @Override
  public StudyRecord study(StudyId study) {
    List<StudyRecord> found = db.read("reading " + study,
        (c, attempt) -> studies.records(c, Optional.of(study)));
    if (found.isEmpty()) {
      throw StudyDao.notFound(study);
    }
    return found.get(0);
  }

  @Override
  public List<StudyRecord> studies() {
    return List.copyOf(db.read("listing studies",
        (c, attempt) -> studies.records(c, Optional.empty())));
  }

  @Override
  public void deleteStudy(StudyId study) {
    db.durableOnce("deleting " + study, (c, attempt) -> {
      studies.delete(c, study);
      return null;
    });
    directions.remove(study.value());
    caches.remove(study.value());
    finishedById.clear();
    owned.clear();
  }

  @Override
  public void setStudyUserAttr(StudyId study, String key, Object value) {
    String json = AttributeValues.json(key, value);
    db.durable("setting user attribute '" + key + "' of " + study, (c, attempt) -> {
      studies.setAttr(c, study, true, key, json);
      return null;
    });
  }

  @Override
  public void setStudySystemAttr(StudyId study, String key, Object value) {
    String json = AttributeValues.json(key, value);
    db.durable("setting system attribute '" + key + "' of " + study, (c, attempt) -> {
      studies.setAttr(c, study, false, key, json);
      return null;
    });
  }

  /**
   * One transaction that inserts the attribute if absent and reads back what is stored, so a
   * retry after a commit whose reply was lost finds its own value and reports it, as the contract
   * wants.
   */
  @Override
  public Object claimStudySystemAttr(StudyId study, String key, Object value) {
    String json = AttributeValues.json(key, value);
    String stored = db.durable("claiming system attribute '" + key + "' of " + study,
        (c, attempt) -> studies.claimSystemAttr(c, study, key, json));
    return JsonCodec.read(stored);
  }

  @Override
  public FrozenTrial createTrial(StudyId study, TrialTemplate template) {
    return writer.create(study, normalize(template));
  }

  @Override
  public Optional<FrozenTrial> claimWaitingTrial(StudyId study) {
    return writer.claim(study);
  }

  @Override
  public void setTrialParam(
      TrialId trial, String name, double internalValue, Distribution distribution) {
    Objects.requireNonNull(distribution, "distribution");
    if (!distribution.contains(internalValue)) {
      throw new IllegalArgumentException("parameter '" + name + "': internal value " + internalValue
          + " is not in " + distribution.describe());
    }
    writer.param(trial, name, internalValue, distribution);
  }

  @Override
  public boolean setTrialState(TrialId trial, TrialState state, List<Double> values) {
    Objects.requireNonNull(state, "state");
    List<Double> copy = List.copyOf(values);
    FrozenTrial finished = writer.finishOwned(trial, state, copy);
    if (finished != null) {
      finishedById.put(trial.value(), finished);
      return true;
    }
    return writer.state(trial, state, copy);
  }

  @Override
  public void setTrialIntermediateValue(TrialId trial, int step, double value) {
    writer.intermediate(trial, step, value);
  }

  @Override
  public void setTrialUserAttr(TrialId trial, String key, Object value) {
    writer.attr(trial, true, key, value);
  }

  @Override
  public void setTrialSystemAttr(TrialId trial, String key, Object value) {
    writer.attr(trial, false, key, value);
  }

  @Override
  public FrozenTrial trial(TrialId trial) {
    FrozenTrial cached = finishedById.get(trial.value());
    if (cached != null) {
      return cached;
    }
    OwnedTrials.Owned mine = owned.get(trial.value());
    if (mine != null) {
      return mine.trial();
    }
    List<FrozenTrial> found = db.read("reading " + trial,
        (c, attempt) -> reader.read(c, TrialReader.Selection.ofTrial(trial.value())));
    if (found.isEmpty()) {
      throw new dev.jtune.storage.StudyNotFoundException("no trial with id " + trial.value());
    }
    FrozenTrial t = found.get(0);
    if (t.isFinished()) {
      finishedById.put(trial.value(), t);
    }
    return t;
  }

  @Override
  public List<FrozenTrial> trials(StudyId study, Set<TrialState> states) {
    List<FrozenTrial> all = db.read("reading the trials of " + study, (c, attempt) -> {
      while (true) {
        directions(c, study); // reports an unknown study
        try {
          return caches.computeIfAbsent(study.value(), id -> new TrialCache(id, reader))
              .refresh(c);
        } catch (TrialCache.Stale stale) {
          // another process deleted the study (and may have made a new one under its id): forget
          // what this storage cached of it and read it afresh; a fresh cache holds no sentinel,
          // so the second pass cannot be stale
          caches.remove(study.value());
          directions.remove(study.value());
          finishedById.clear();
        }
      }
    });
    List<FrozenTrial> out = new ArrayList<>(all.size());
    for (FrozenTrial t : all) {
      if (states.contains(t.state())) {
        out.add(t);
      }
    }
    return out;
  }

  /**
   * Heartbeats and failover, present when the configuration turns heartbeats on
   * ({@link JdbcStorageConfig#withHeartbeat}).
   */
  @Override
  public Optional<HeartbeatSupport> heartbeat() {
    return heartbeat;
  }

  /** How many trial rows this storage has read from the database (for tests of the cache). */
  long trialRowsRead() {
    return reader.trialRowsRead();
  }

  @Override
  public void close() {
    db.close();
  }

  @Override
  public String toString() {
    return "JdbcStorage[" + config.displayUrl() + "]";
  }

  private List<StudyDirection> directions(java.sql.Connection c, StudyId study)
      throws java.sql.SQLException {
    List<StudyDirection> known = directions.get(study.value());
    if (known == null) {
      known = studies.directions(c, study);
      directions.put(study.value(), known);
    }
    return known;
  }

  private static TrialTemplate normalize(TrialTemplate t) {
    return new TrialTemplate(t.state(), t.values(), t.internalParams(), storedDistributions(t),
        t.intermediateValues(), normalizeAttrs(t.userAttrs()), normalizeAttrs(t.systemAttrs()),
        micros(t.started()), micros(t.completed()));
  }

  /** A template's time as the database keeps it (microseconds), so the trial returned is the one read. */
  private static java.time.Instant micros(java.time.Instant t) {
    return t == null ? null : t.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
  }

  private static Map<String, Distribution> storedDistributions(TrialTemplate t) {
    Map<String, Distribution> out = new LinkedHashMap<>();
    t.distributions().forEach((k, d) -> out.put(k, DistributionJson.read(DistributionJson.write(d))));
    return out;
  }

  private static Map<String, Object> normalizeAttrs(Map<String, Object> attrs) {
    Map<String, Object> out = new LinkedHashMap<>();
    attrs.forEach((k, v) -> out.put(AttributeValues.requireKey(k), AttributeValues.normalize(k, v)));
    return out;
  }

}
