package dev.jtune.pruner;

import dev.jtune.study.StudyDirection;
import dev.jtune.study.StudyView;
import dev.jtune.trial.FrozenTrial;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/*
 * Asynchronous successive halving (ASHA): Li et al., "A System for Massively Parallel Hyperparameter
 * Tuning" (MLSys 2020), in Optuna's form, which cannot pause and resume trials. Rung k ends at step
 * r * eta^(s + k) (r: min resource, eta: reduction factor, s: min early-stopping rate). When a trial
 * reports at or past the end of its current rung, its latest value is recorded as the trial's system
 * attribute "completed_rung_<k>" and compared with every value recorded at rung k by any trial
 * (finished or not): it is promoted if it is among the best floor(n / eta) of those n values (the
 * best one while n < eta), pruned otherwise. A report that passes several rung ends at once is
 * judged at each in turn.
 *
 * Without a max resource (Optuna's behaviour), a rung ending at a trial's last step still judges it,
 * so a trial can be pruned after its final report; with one, rungs ending at or past it judge
 * nothing, as in the paper, whose top rung is the maximum resource.
 *
 * Deviations from the paper: a trial is judged when it reaches a rung, against the values recorded
 * there so far (no waiting, no resumption). The automatic min resource is max(1, lastStep / 100) of
 * the lowest-numbered COMPLETE trial (see {@code FirstComplete}; Optuna takes the largest last step
 * of the COMPLETE trials when its first decision is made and caches it); this keeps decisions a
 * function of stored data.
 *
 * Invariant: rung bookkeeping lives only in trial system attributes, which the study writes from
 * PruneDecision.trialAttrs(); this class holds no state beyond its configuration.
 */
final class SuccessiveHalvingPruner implements Pruner {
  /** Prefix of the system attribute holding the value with which a trial completed a rung. */
  static final String RUNG_KEY_PREFIX = "completed_rung_";

  private final SuccessiveHalvingConfig config;

  SuccessiveHalvingPruner(SuccessiveHalvingConfig config) {
    this.config = java.util.Objects.requireNonNull(config, "config");
  }

  @Override
  public java.util.OptionalInt maxResource() {
    return config.maxResource();
  }

  @Override
  public PruneDecision prune(StudyView study, FrozenTrial trial) {
    if (trial.intermediateValues().isEmpty()) {
      return PruneDecision.keep("nothing reported yet");
    }
    Optional<Integer> minResource = config.minResource().isPresent()
        ? Optional.of(config.minResource().getAsInt())
        : FirstComplete.lastStep(study).map(SuccessiveHalvingPruner::estimateMinResource);
    if (minResource.isEmpty()) {
      return PruneDecision.keep("the automatic minimum resource is not known until a trial "
          + "completes");
    }
    return decide(study, trial, minResource.get(), config.minEarlyStoppingRate(), "");
  }

  /** Optuna's heuristic: a hundredth of the steps a complete trial ran, at least 1. */
  static int estimateMinResource(int lastStep) {
    return Math.max(lastStep / 100, 1);
  }

  /** The step at which rung {@code rung} ends, or {@code Long.MAX_VALUE} if it overflows. */
  static long rungEnd(int minResource, int reductionFactor, int rate, int rung) {
    long end = minResource;
    for (int i = 0; i < rate + rung; i++) {
      if (end > Integer.MAX_VALUE) {
        return Long.MAX_VALUE;
      }
      end *= reductionFactor;
    }
    return end;
  }

  /** The first rung the trial has not completed: the number of its "completed_rung_k" keys. */
  static int currentRung(FrozenTrial trial) {
    int rung = 0;
    while (trial.systemAttrs().containsKey(RUNG_KEY_PREFIX + rung)) {
      rung++;
    }
    return rung;
  }

  /**
   * Whether {@code value} is promoted among {@code competing} (which includes it): among the best
   * {@code floor(n / eta)}, or the best one while {@code n < eta}.
   */
  static boolean isPromotable(double value, List<Double> competing, int reductionFactor,
      StudyDirection direction) {
    return !direction.isBetter(promotionBar(competing, reductionFactor, direction), value);
  }

  /** The worst value still promoted among {@code competing}. */
  static double promotionBar(List<Double> competing, int reductionFactor,
      StudyDirection direction) {
    List<Double> sorted = new ArrayList<>(competing);
    Collections.sort(sorted);
    int index = Math.max(competing.size() / reductionFactor - 1, 0);
    return direction == StudyDirection.MAXIMIZE ? sorted.get(sorted.size() - 1 - index)
        : sorted.get(index);
  }

  /** Runs the rungs from the trial's current one; {@code context} prefixes the reasons. */
  PruneDecision decide(StudyView study, FrozenTrial trial, int minResource, int rate,
      String context) {
    int step = trial.intermediateValues().lastKey();
    double value = trial.intermediateValues().get(step);
    int eta = config.reductionFactor();
    int rung = currentRung(trial);
    Map<String, Object> attrs = new LinkedHashMap<>();
    List<FrozenTrial> others = null;
    String promoted = "";
    while (true) {
      long end = rungEnd(minResource, eta, rate, rung);
      if (config.maxResource().isPresent() && end >= config.maxResource().getAsInt()) {
        return PruneDecision.keep(context + promoted + "no rung before the maximum resource "
            + config.maxResource().getAsInt() + ", now at step " + step).withTrialAttrs(attrs);
      }
      if (step < end) {
        return PruneDecision.keep(context + promoted + "rung " + rung + " ends at step " + end
            + ", now at step " + step).withTrialAttrs(attrs);
      }
      String where = context + "rung " + rung + " (ends at step " + end + "), step " + step;
      if (Double.isNaN(value)) {
        return PruneDecision.prune(where + ": value is NaN").withTrialAttrs(attrs);
      }
      if (others == null) {
        others = study.trials().stream().filter(t -> !t.id().equals(trial.id())).toList();
      }
      String key = RUNG_KEY_PREFIX + rung;
      attrs.put(key, value);
      List<Double> competing = new ArrayList<>();
      for (FrozenTrial t : others) {
        Double recorded = recordedValue(t.systemAttrs().get(key));
        if (recorded != null && !recorded.isNaN()) {
          competing.add(recorded);
        }
      }
      competing.add(value);
      if (competing.size() <= config.bootstrapCount()) {
        return PruneDecision.prune(where + ": " + competing.size() + " value(s) recorded at this"
            + " rung, not more than bootstrapCount=" + config.bootstrapCount())
            .withTrialAttrs(attrs);
      }
      StudyDirection direction = study.direction();
      double bar = promotionBar(competing, eta, direction);
      int promotedCount = Math.max(competing.size() / eta, 1);
      String comparison = where + ": value " + value + " vs the best " + promotedCount + " of "
          + competing.size() + " value(s) recorded at this rung (1/" + eta + "; promotion needs "
          + (direction == StudyDirection.MINIMIZE ? "<= " : ">= ") + bar + ")";
      if (!isPromotable(value, competing, eta, direction)) {
        return PruneDecision.prune(comparison).withTrialAttrs(attrs);
      }
      promoted = "promoted at rung " + rung + " with " + value + "; ";
      rung++;
    }
  }

  /** A recorded rung value: a number, or the text of an infinity after a JSON round trip. */
  private static Double recordedValue(Object stored) {
    if (stored instanceof Number n) {
      return n.doubleValue();
    }
    if (stored instanceof String s) {
      try {
        return Double.parseDouble(s);
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  @Override
  public String toString() {
    return "SuccessiveHalvingPruner(minResource="
        + (config.minResource().isPresent() ? config.minResource().getAsInt() : "auto")
        + (config.maxResource().isPresent() ? ", maxResource=" + config.maxResource().getAsInt()
            : "")
        + ", reductionFactor=" + config.reductionFactor() + ", minEarlyStoppingRate="
        + config.minEarlyStoppingRate() + ", bootstrapCount=" + config.bootstrapCount() + ")";
  }

  @Override
  public boolean needsOneDirection() {
    return true;
  }
}
