package dev.jtune.pruner;

import dev.jtune.study.StudyDirection;
import dev.jtune.study.StudyView;
import dev.jtune.trial.FrozenTrial;
import java.util.ArrayList;
import java.util.List;

/*
 * Optuna's PatientPruner: with the trial's values in step order, the trial has stagnated when the
 * best of its last patience + 1 values is worse than the best of the earlier ones by more than
 * minDelta (NaNs ignored; a side with only NaNs never counts as stagnation; see PatientConfig).
 * Then it is pruned, or, when it wraps another pruner, that pruner decides. Otherwise it is kept
 * and the wrapped pruner is not asked (so its bookkeeping, e.g. ASHA rungs, is only recorded for
 * stagnating trials, as in Optuna). The sampler's view is the wrapped pruner's.
 */
final class PatientPruner implements Pruner {
  private final Pruner wrapped;
  private final PatientConfig config;

  PatientPruner(Pruner wrapped, PatientConfig config) {
    this.wrapped = wrapped;
    this.config = java.util.Objects.requireNonNull(config, "config");
  }

  @Override
  public PruneDecision prune(StudyView study, FrozenTrial trial) {
    List<Double> values = new ArrayList<>(trial.intermediateValues().values());
    // in long arithmetic: a patience of Integer.MAX_VALUE ("never") must not overflow
    if (values.size() <= config.patience() + 1L) {
      return PruneDecision.keep(values.size() + " value(s) reported, patience "
          + config.patience() + " needs more than " + (config.patience() + 1L));
    }
    StudyDirection direction = study.direction();
    int split = values.size() - config.patience() - 1;
    double before = best(values.subList(0, split), direction);
    double after = best(values.subList(split, values.size()), direction);
    int step = trial.intermediateValues().lastKey();
    boolean stagnated = direction == StudyDirection.MINIMIZE
        ? before + config.minDelta() < after
        : before - config.minDelta() > after;
    String comparison = "step " + step + ": best of the last " + (config.patience() + 1)
        + " value(s) " + after + " vs best before " + before + " (minDelta " + config.minDelta()
        + ")";
    if (!stagnated) {
      return PruneDecision.keep(comparison + ": not worse by more than minDelta");
    }
    if (wrapped == null) {
      return PruneDecision.prune(comparison + ": worse by more than minDelta");
    }
    PruneDecision inner = wrapped.prune(study, trial);
    return new PruneDecision(inner.prune(), comparison + ": worse by more than minDelta; then "
        + inner.reason(), inner.trialAttrs());
  }

  @Override
  public boolean needsOneDirection() {
    return true;
  }

  @Override
  public java.util.OptionalInt maxResource() {
    return wrapped == null ? java.util.OptionalInt.empty() : wrapped.maxResource();
  }

  private static double best(List<Double> values, StudyDirection direction) {
    double best = Double.NaN;
    for (double v : values) {
      if (!Double.isNaN(v) && (Double.isNaN(best) || direction.isBetter(v, best))) {
        best = v;
      }
    }
    return best;
  }

  /** Only through the pruner it wraps: patience looks at the trial's own reports. */
  @Override
  public boolean readsHistory() {
    return wrapped != null && wrapped.readsHistory();
  }

  @Override
  public boolean comparesInstances() {
    return wrapped != null && wrapped.comparesInstances();
  }

  @Override
  public boolean narrowsSamplerView() {
    return wrapped != null && wrapped.narrowsSamplerView();
  }

  @Override
  public StudyView samplerView(StudyView study, FrozenTrial trial) {
    return wrapped == null ? study : wrapped.samplerView(study, trial);
  }

  @Override
  public String toString() {
    return "PatientPruner(patience=" + config.patience() + ", minDelta=" + config.minDelta()
        + (wrapped == null ? "" : ", wrapped=" + wrapped) + ")";
  }
}
