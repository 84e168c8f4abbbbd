package dev.jtune.cli;

import dev.jtune.storage.Storage;
import dev.jtune.storage.StudyId;
import dev.jtune.study.Study;
import dev.jtune.study.StudyCallback;
import dev.jtune.trial.FrozenTrial;
import dev.jtune.trial.TrialState;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The trials this process is running (numbers added when the objective starts, removed after the
 * trial's outcome is recorded), so that an interrupt can fail exactly those and no other worker's.
 * Thread-safe.
 */
final class RunningTrials implements StudyCallback {
  private final Set<Integer> numbers = ConcurrentHashMap.newKeySet();

  void started(int number) {
    numbers.add(number);
  }

  @Override
  public void afterTrial(Study study, FrozenTrial trial) {
    numbers.remove(trial.number());
  }

  int size() {
    return numbers.size();
  }

  /**
   * Marks this process's still-running trials FAIL with the reason, best effort (a trial another
   * thread finishes meanwhile stays as that thread recorded it).
   *
   * @return how many trials were failed
   */
  int failAll(Storage storage, StudyId study, String reason) {
    int failed = 0;
    if (numbers.isEmpty()) {
      return 0;
    }
    for (FrozenTrial t : storage.trials(study, EnumSet.of(TrialState.RUNNING))) {
      if (!numbers.contains(t.number())) {
        continue;
      }
      try {
        storage.setTrialSystemAttr(t.id(), FrozenTrial.FAIL_REASON, reason);
        if (storage.setTrialState(t.id(), TrialState.FAIL, java.util.List.of())) {
          failed++;
        }
      } catch (RuntimeException e) {
        // finished by its worker meanwhile, or the storage is going away: nothing more to do
      }
      numbers.remove(t.number());
    }
    return failed;
  }
}
