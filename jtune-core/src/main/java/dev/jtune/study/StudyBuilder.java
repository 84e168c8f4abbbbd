package dev.jtune.study;

import dev.jtune.pruner.Pruner;
import dev.jtune.sampler.auto.AutoSampler;
import dev.jtune.sampler.Constraints;
import dev.jtune.sampler.Sampler;
import dev.jtune.storage.DuplicateStudyException;
import dev.jtune.storage.InMemoryStorage;
import dev.jtune.storage.Storage;
import dev.jtune.storage.StudyId;
import dev.jtune.storage.StudyNotFoundException;
import dev.jtune.storage.StudyRecord;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Builds a {@link Study}: creates it in its storage, or opens it when it exists and
 * {@link #loadIfExists(boolean)} is set. Each setter validates its argument at once.
 *
 * <p>Defaults: a generated name ({@code study-<uuid>}), one MINIMIZE direction, an unseeded
 * {@link AutoSampler} (GP, then TPE: chosen from the benchmark evidence), {@link Pruner#none()}, a
 * fresh {@link InMemoryStorage}, no constraints (unless the sampler has some), no callbacks.
 */
public final class StudyBuilder {
  String name;
  List<StudyDirection> directions;
  Sampler sampler;
  Pruner pruner = Pruner.none();
  Storage storage;
  boolean loadIfExists;
  Constraints constraints;
  final List<StudyCallback> callbacks = new ArrayList<>();

  StudyBuilder() {}

  /** The study's unique name in its storage. */
  public StudyBuilder name(String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a study name must be non-blank, got '" + name + "'");
    }
    this.name = name;
    return this;
  }

  /** A single objective to minimize or maximize. */
  public StudyBuilder direction(StudyDirection direction) {
    return directions(Objects.requireNonNull(direction, "direction"));
  }

  /** One direction per objective value, for multi-objective studies. */
  public StudyBuilder directions(StudyDirection... directions) {
    if (directions.length == 0) {
      throw new IllegalArgumentException("a study needs at least one direction, got none");
    }
    if (Arrays.asList(directions).contains(null)) {
      throw new IllegalArgumentException("directions must not contain null, got "
          + Arrays.toString(directions));
    }
    this.directions = List.copyOf(Arrays.asList(directions));
    return this;
  }

  /** How parameters are chosen. */
  public StudyBuilder sampler(Sampler sampler) {
    this.sampler = Objects.requireNonNull(sampler, "sampler");
    return this;
  }

  /** Which trials stop early. */
  public StudyBuilder pruner(Pruner pruner) {
    this.pruner = Objects.requireNonNull(pruner, "pruner");
    return this;
  }

  /**
   * The trials' constraints (Optuna's {@code constraints_func}): asked once when a trial finishes
   * COMPLETE or PRUNED, and stored with it. Samplers then prefer feasible trials, and
   * {@link Study#bestTrial()}, {@link Study#bestTrials()} and the summaries keep to them; see
   * {@link Constraints}. Without this, a sampler given constraints of its own
   * ({@link Sampler#constraints()}) supplies them.
   */
  public StudyBuilder constraints(Constraints constraints) {
    this.constraints = Objects.requireNonNull(constraints, "constraints");
    return this;
  }

  /** Where the study lives. */
  public StudyBuilder storage(Storage storage) {
    this.storage = Objects.requireNonNull(storage, "storage");
    return this;
  }

  /** Whether {@link #build()} opens an existing study of the same name instead of failing. */
  public StudyBuilder loadIfExists(boolean loadIfExists) {
    this.loadIfExists = loadIfExists;
    return this;
  }

  /** Adds a callback run after each trial of {@code optimize}. */
  public StudyBuilder callback(StudyCallback callback) {
    callbacks.add(Objects.requireNonNull(callback, "callback"));
    return this;
  }

  /**
   * Creates the study, or opens it if it exists and {@code loadIfExists} is set.
   *
   * @throws DuplicateStudyException if it exists and {@code loadIfExists} is not set
   * @throws IllegalArgumentException if an existing study's directions differ from those given,
   *     or the pruner compares by one direction ({@link Pruner#needsOneDirection()}) and the study
   *     has several
   */
  public Study build() {
    return resolved().buildResolved();
  }

  /**
   * A copy with the defaults filled in: a second build or load of this builder gets a fresh name,
   * storage and sampler of its own, as a second {@code create_study()} does.
   */
  private StudyBuilder resolved() {
    StudyBuilder b = new StudyBuilder();
    b.name = name != null ? name : "study-" + UUID.randomUUID();
    b.directions = directions;
    b.sampler = sampler != null ? sampler : new AutoSampler();
    b.pruner = pruner;
    b.storage = storage != null ? storage : new InMemoryStorage();
    b.loadIfExists = loadIfExists;
    b.constraints = constraints != null ? constraints : b.sampler.constraints();
    b.callbacks.addAll(callbacks);
    return b;
  }

  private Study buildResolved() {
    Optional<StudyId> existing = storage.findStudy(name);
    if (existing.isPresent()) {
      if (!loadIfExists) {
        throw new DuplicateStudyException(name);
      }
      return open(existing.get());
    }
    List<StudyDirection> wanted = directions == null ? List.of(StudyDirection.MINIMIZE) : directions;
    requirePrunerFits(wanted);
    try {
      return new Study(this, storage.createStudy(name, wanted), wanted);
    } catch (DuplicateStudyException e) {
      if (!loadIfExists) {
        throw e;
      }
      return open(storage.findStudy(name).orElseThrow(() -> e));
    }
  }

  /**
   * Opens an existing study.
   *
   * @throws StudyNotFoundException naming the study and the storage's studies if there is none
   */
  public Study load() {
    Objects.requireNonNull(name, "name: a study to load needs a name");
    if (storage == null) {
      throw new IllegalArgumentException("study '" + name + "' cannot be loaded without a storage");
    }
    StudyBuilder b = resolved();
    StudyId id = storage.findStudy(name).orElseThrow(() -> new StudyNotFoundException(
        "no study named '" + name + "'; the storage has "
            + storage.studies().stream().map(StudyRecord::name).toList()));
    return b.open(id);
  }

  private Study open(StudyId id) {
    List<StudyDirection> stored = storage.study(id).directions();
    if (directions != null && !directions.equals(stored)) {
      throw new IllegalArgumentException("study '" + name + "' exists with directions " + stored
          + ", not " + directions);
    }
    requirePrunerFits(stored);
    return new Study(this, id, stored);
  }

  private void requirePrunerFits(List<StudyDirection> studyDirections) {
    if (studyDirections.size() > 1 && pruner.needsOneDirection()) {
      throw new IllegalArgumentException("pruner " + pruner + " compares values by one direction;"
          + " study '" + name + "' has " + studyDirections.size() + " " + studyDirections
          + " (prune a multi-objective study with a pruner of your own, or none)");
    }
  }
}
