package dev.jtune.study;

import dev.jtune.storage.StudyId;
import dev.jtune.storage.TrialId;
import dev.jtune.trial.FrozenTrial;
import dev.jtune.trial.TrialState;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * A study view that shows each of {@code base}'s trials as {@code shown} maps it ({@code null}:
 * hidden) and forwards everything else, writes included; see {@link StudyView#mapped}.
 */
record MappedStudyView(StudyView base, UnaryOperator<FrozenTrial> shown) implements StudyView {

  @Override
  public StudyId id() {
    return base.id();
  }

  @Override
  public String name() {
    return base.name();
  }

  @Override
  public Object cacheKey() {
    return base.cacheKey();
  }

  @Override
  public List<StudyDirection> directions() {
    return base.directions();
  }

  /**
   * The mapped trials in the given states. All of {@code base}'s trials are read, because the
   * mapping may change a trial's state.
   */
  @Override
  public List<FrozenTrial> trials(Set<TrialState> states) {
    List<FrozenTrial> out = new ArrayList<>();
    for (FrozenTrial stored : base.trials()) {
      FrozenTrial seen = shown.apply(stored);
      if (seen != null && states.contains(seen.state())) {
        out.add(seen);
      }
    }
    return out;
  }

  @Override
  public List<FrozenTrial> trials() {
    return trials(EnumSet.allOf(TrialState.class));
  }

  @Override
  public Map<String, Object> userAttrs() {
    return base.userAttrs();
  }

  @Override
  public Map<String, Object> systemAttrs() {
    return base.systemAttrs();
  }

  @Override
  public void setTrialSystemAttr(TrialId trial, String key, Object value) {
    base.setTrialSystemAttr(trial, key, value);
  }

  @Override
  public Object claimSystemAttr(String key, Object value) {
    return base.claimSystemAttr(key, value);
  }
}
