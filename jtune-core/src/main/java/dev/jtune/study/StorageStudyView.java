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

  /** The storage object and the id: a sampler shared by studies of two storages keeps them apart. */
  @Override
  public Object cacheKey() {
    return new StudyCacheKey(storage, id);
  }

  /** Equal for the same storage object (by identity) and study id. */
  private record StudyCacheKey(Storage storage, StudyId id) {
    @Override
    public boolean equals(Object o) {
      return o instanceof StudyCacheKey k && k.storage == storage && k.id.equals(id);
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(storage) * 31 + id.hashCode();
    }
  }

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
}
