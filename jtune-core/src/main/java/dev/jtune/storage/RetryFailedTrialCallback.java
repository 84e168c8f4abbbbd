package dev.jtune.storage;

import dev.jtune.trial.FrozenTrial;
import dev.jtune.trial.TrialState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Re-enqueues a stale trial with the same parameters, as Optuna's
 * {@code RetryFailedTrialCallback} does: the new WAITING trial fixes every parameter the failed one
 * had and every value it was enqueued with, suggested or not yet (system attribute
 * {@link FrozenTrial#FIXED_PARAMS}), copies its user attributes, and records
 * its lineage in the system attributes {@code failed_trial} (the number of the first trial of the
 * chain) and {@code retry_history} (the numbers of every earlier attempt, oldest first). A trial
 * that was already retried {@code maxRetries} times is not enqueued again.
 *
 * @param maxRetries the most retries of one original trial; {@code null}-free, {@code >= 0}
 */
public record RetryFailedTrialCallback(int maxRetries) implements FailedTrialCallback {
  /** System attribute: the number of the original trial this one retries. */
  public static final String FAILED_TRIAL = "failed_trial";
  /** System attribute: numbers of the earlier attempts, oldest first. */
  public static final String RETRY_HISTORY = "retry_history";

  public RetryFailedTrialCallback {
    if (maxRetries < 0) {
      throw new IllegalArgumentException("maxRetries must be >= 0, got maxRetries=" + maxRetries);
    }
  }

  @Override
  public void afterStaleTrialFailed(Storage storage, StudyId study, FrozenTrial failed) {
    List<Integer> history = new ArrayList<>(retryHistory(failed));
    if (history.size() >= maxRetries) {
      return;
    }
    history.add(failed.number());
    Map<String, Object> system = new LinkedHashMap<>();
    // the values the dead trial was enqueued with, also those it had not suggested yet, and the
    // ones it had (Optuna's callback keeps both)
    Map<String, Object> fixed = new LinkedHashMap<>();
    if (failed.systemAttrs().get(FrozenTrial.FIXED_PARAMS) instanceof Map<?, ?> enqueued) {
      enqueued.forEach((name, value) -> fixed.put(name.toString(), value));
    }
    fixed.putAll(failed.params());
    system.put(FrozenTrial.FIXED_PARAMS, fixed);
    system.put(FAILED_TRIAL, history.get(0));
    system.put(RETRY_HISTORY, history);
    storage.createTrial(study, new TrialTemplate(TrialState.WAITING, List.of(), Map.of(),
        Map.of(), new TreeMap<>(), failed.userAttrs(), system));
  }

  /** The number of the original trial a retry repeats, if the trial is a retry. */
  public static Optional<Integer> retriedTrialNumber(FrozenTrial trial) {
    return trial.systemAttrs().get(FAILED_TRIAL) instanceof Number n
        ? Optional.of(n.intValue()) : Optional.empty();
  }

  /** The numbers of the earlier attempts of a retry, oldest first; empty for an original trial. */
  public static List<Integer> retryHistory(FrozenTrial trial) {
    List<Integer> out = new ArrayList<>();
    if (trial.systemAttrs().get(RETRY_HISTORY) instanceof List<?> list) {
      for (Object o : list) {
        out.add(((Number) o).intValue());
      }
    }
    return out;
  }
}
