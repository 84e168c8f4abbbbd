package dev.jtune.pruner;

import dev.jtune.study.StudyView;
import dev.jtune.trial.FrozenTrial;
import java.util.Optional;
import java.util.OptionalInt;

/*
 * Hyperband: Li et al., "Hyperband: A Novel Bandit-Based Approach to Hyperparameter Optimization"
 * (JMLR 2018), in Optuna's asynchronous form: each trial belongs to one bracket b (HyperbandBrackets:
 * a hash of the study name and trial number, weighted by the paper's bracket sizes), and bracket b
 * runs asynchronous successive halving with min early-stopping rate b over the trials of bracket b
 * only. samplerView narrows the sampler's history to the trial's bracket too, so that TPE with this
 * pruner behaves like BOHB (Falkner et al., ICML 2018), which fits one model per budget.
 *
 * With an automatic max resource (the lowest-numbered COMPLETE trial's last step, see
 * {@code FirstComplete}; Optuna adds 1, counting
 * steps from 0), nothing is pruned and samplers see the whole study until a trial completes. Rungs
 * that end at or past the max resource judge nothing (ASHA's top rung is the maximum resource),
 * where Optuna's brackets may still prune a trial at its final report.
 *
 * Invariant: no state beyond the configuration; brackets are a function of the study name, the
 * trial number and the (stored) resources.
 */
final class HyperbandPruner implements Pruner {
  private final HyperbandConfig config;

  HyperbandPruner(HyperbandConfig config) {
    this.config = java.util.Objects.requireNonNull(config, "config");
  }

  @Override
  public OptionalInt maxResource() {
    return config.maxResource();
  }

  /** The maximum resource: configured, or the lowest-numbered COMPLETE trial's last step. */
  Optional<Integer> maxResource(StudyView study) {
    OptionalInt max = config.maxResource();
    return max.isPresent() ? Optional.of(max.getAsInt())
        : FirstComplete.lastStep(study).map(step -> Math.max(step, config.minResource()));
  }

  /** The brackets, once the maximum resource is known. */
  Optional<HyperbandBrackets> brackets(StudyView study) {
    return maxResource(study).map(r ->
        HyperbandBrackets.of(config.minResource(), r, config.reductionFactor()));
  }

  @Override
  public PruneDecision prune(StudyView study, FrozenTrial trial) {
    if (trial.intermediateValues().isEmpty()) {
      return PruneDecision.keep("nothing reported yet");
    }
    Optional<Integer> maxResource = maxResource(study);
    if (maxResource.isEmpty()) {
      return PruneDecision.keep("the automatic maximum resource is not known until a trial "
          + "completes");
    }
    int max = maxResource.get();
    HyperbandBrackets b = HyperbandBrackets.of(config.minResource(), max, config.reductionFactor());
    int bracket = b.bracketOf(study.name(), trial.number());
    SuccessiveHalvingPruner halving = new SuccessiveHalvingPruner(new SuccessiveHalvingConfig(
        OptionalInt.of(config.minResource()), OptionalInt.of(max), config.reductionFactor(),
        bracket, config.bootstrapCount()));
    return halving.decide(inBracket(study, b, bracket), trial, config.minResource(),
        bracket, "bracket " + bracket + " of " + b.count() + ", ");
  }

  @Override
  public boolean narrowsSamplerView() {
    return true;
  }

  @Override
  public StudyView samplerView(StudyView study, FrozenTrial trial) {
    Optional<HyperbandBrackets> brackets = brackets(study);
    if (brackets.isEmpty()) {
      return study;
    }
    HyperbandBrackets b = brackets.get();
    return inBracket(study, b, b.bracketOf(study.name(), trial.number()));
  }

  @Override
  public String toString() {
    return "HyperbandPruner(minResource=" + config.minResource() + ", maxResource="
        + (config.maxResource().isPresent() ? config.maxResource().getAsInt() : "auto")
        + ", reductionFactor=" + config.reductionFactor() + ", bootstrapCount="
        + config.bootstrapCount() + ")";
  }

  /** The study as one bracket sees it: only the trials assigned to that bracket. */
  private static StudyView inBracket(StudyView study, HyperbandBrackets brackets, int bracket) {
    return StudyView.mapped(study,
        t -> brackets.bracketOf(study.name(), t.number()) == bracket ? t : null);
  }

  @Override
  public boolean needsOneDirection() {
    return true;
  }
}
