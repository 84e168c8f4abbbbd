package dev.jtune.pruner;

import dev.jtune.storage.StudyId;
import dev.jtune.study.StudyDirection;
import dev.jtune.study.StudyView;
import dev.jtune.trial.FrozenTrial;
import dev.jtune.trial.TrialState;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A study as one Hyperband bracket sees it: only the trials assigned to that bracket. */
record BracketStudyView(StudyView study, HyperbandBrackets brackets, int bracket)
    implements StudyView {

  @Override
  public StudyId id() {
    return study.id();
  }

  @Override
  public String name() {
    return study.name();
  }

  @Override
  public List<StudyDirection> directions() {
    return study.directions();
  }

  @Override
  public List<FrozenTrial> trials(Set<TrialState> states) {
    return inBracket(study.trials(states));
  }

  @Override
  public List<FrozenTrial> trials() {
    return inBracket(study.trials());
  }

  private List<FrozenTrial> inBracket(List<FrozenTrial> trials) {
    return trials.stream()
        .filter(t -> brackets.bracketOf(study.name(), t.number()) == bracket).toList();
  }

  @Override
  public Map<String, Object> userAttrs() {
    return study.userAttrs();
  }

  @Override
  public Map<String, Object> systemAttrs() {
    return study.systemAttrs();
  }
}
