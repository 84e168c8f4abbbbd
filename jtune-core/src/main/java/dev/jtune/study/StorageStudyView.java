package dev.jtune.study;

import dev.jtune.storage.Storage;
import dev.jtune.internal.JsonLike;
import dev.jtune.storage.StudyId;
import dev.jtune.storage.TrialId;
import dev.jtune.trial.FrozenTrial;
import dev.jtune.trial.TrialState;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A {@link StudyView} that reads through to a storage; name and directions never change. */
record StorageStudyView(Storage storage, StudyId id, String name, List<StudyDirection> directions)
    implements StudyView {

  /** Serial numbers of the storage objects seen, weakly held (a closed storage may go). */
  private static final Map<Storage, Long> SERIALS =
      java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());
  private static final java.util.concurrent.atomic.AtomicLong NEXT_SERIAL =
      new java.util.concurrent.atomic.AtomicLong();

  /**
   * The storage object's serial number and the id: a sampler shared by studies of two storages
   * keeps them apart, and its caches hold no reference to a storage.
   */
  @Override
  public Object cacheKey() {
    long serial = SERIALS.computeIfAbsent(storage, s -> NEXT_SERIAL.incrementAndGet());
    return new StudyCacheKey(serial, id);
  }

  /** A study of one storage object. */
  private record StudyCacheKey(long storageSerial, StudyId id) {}

  @Override
  public List<FrozenTrial> trials(Set<TrialState> states) {
    return storage.trials(id, states);
  }

  @Override
  public List<FrozenTrial> trials() {
    return storage.trials(id);
  }

  @Override
  public Map<String, Object> userAttrs() {
    return storage.study(id).userAttrs();
  }

  @Override
  public Map<String, Object> systemAttrs() {
    return storage.study(id).systemAttrs();
  }

  @Override
  public void setTrialSystemAttr(TrialId trial, String key, Object value) {
    storage.setTrialSystemAttr(trial, key, JsonLike.copyOf(key, value));
  }

  @Override
  public Object claimSystemAttr(String key, Object value) {
    return storage.claimStudySystemAttr(id, key, JsonLike.copyOf(key, value));
  }
}
