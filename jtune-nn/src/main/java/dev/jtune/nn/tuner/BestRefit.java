package dev.jtune.nn.tuner;

import dev.jtune.nn.data.LabeledData;
import dev.jtune.nn.model.HyperModel;
import dev.jtune.nn.train.FitResult;
import dev.jtune.nn.train.Metric;
import dev.jtune.nn.train.Refit;
import dev.jtune.nn.train.ScheduleReplay;
import dev.jtune.nn.train.TrainingObjective;
import dev.jtune.sampler.pbt.Lineage;
import dev.jtune.sampler.pbt.Segment;
import dev.jtune.study.Study;
import dev.jtune.trial.FrozenTrial;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A project's refit of its best trial, recorded in the study user attribute {@value #ATTR} so
 * that any later process finds it; one per project. Either the refit that follows a
 * cross-validated search (scikit-learn's {@code refit=True}): the best trial's configuration
 * trained on every row ({@link TrainingObjective#refit}), in
 * {@code <project>/trial_<number>/refit.params}, made for the current best trial when it has none
 * (or its file is gone) and replaced when another trial becomes best. Or, asked for after a
 * search, the best trial refitted on the rows given ({@link Refit#of}): a population member's
 * hyperparameter schedule trained afresh ({@link ScheduleReplay}), in
 * {@code trial_<number>/schedule_refit.params}, or another trial's configuration for its best
 * epoch count, in {@code refit.params}.
 */
final class BestRefit {

  /**
   * The study user attribute that records the refit: {@code trial} (its number), {@code weights}
   * (the file, relative to the project folder), {@code epochs}, {@code rows} and {@code kind}
   * ({@value #FOLDS}, {@value #SCHEDULE} or {@value #EPOCHS}; absent in earlier projects: folds).
   */
  static final String ATTR = "jtune_nn_refit";
  static final String FOLDS = "cross-validation";
  static final String SCHEDULE = "schedule";
  static final String EPOCHS = "best-epochs";
  private static final Logger LOG = LoggerFactory.getLogger(BestRefit.class);

  private final Study study;
  private final Path projectDir;

  BestRefit(Study study, Path projectDir) {
    this.study = study;
    this.projectDir = projectDir;
  }

  /**
   * Makes the refit of {@code best} unless it exists. A refit that fails (a step-memory limit the
   * larger data set exceeds, say) is a WARN log line, and nothing is recorded.
   */
  void ensure(TrainingObjective objective, FrozenTrial best) {
    if (weightsOf(best) != null) {
      return;
    }
    if (best.userAttrs().get("fold_best_epochs") == null) {
      LOG.warn("project {}: trial {} has no fold_best_epochs; its refit trains for its first "
          + "fold's best epoch, else the search's {} epochs", study.name(), best.number(),
          objective.epochs());
    }
    LOG.info("project {}: refitting trial {} on all {} rows", study.name(), best.number(),
        objective.refitRows());
    FitResult fit;
    try {
      fit = objective.refit(best);
    } catch (RuntimeException e) {
      LOG.warn("project {}: the refit of trial {} on all {} rows failed ({}); bestModels returns "
          + "its first fold's network", study.name(), best.number(), objective.refitRows(),
          e.toString());
      return;
    }
    Path file = ProjectStorage.writeTrialFile(projectDir, best.number(), "refit.params",
        fit.weights());
    record(best, file, fit, objective.refitRows(), FOLDS);
  }

  private void record(FrozenTrial best, Path file, FitResult fit, int rows, String kind) {
    study.setUserAttr(ATTR, Map.of("trial", best.number(),
        "weights", ProjectStorage.recorded(projectDir, file),
        "epochs", fit.history().size(), "rows", rows, "kind", kind));
  }

  /**
   * The hyperparameter schedule that trained {@code best}'s network, from its lineage in the
   * study; intervals of unknown length count {@code intervalEpochs}.
   *
   * @throws IllegalStateException if {@code best} is no population member's interval
   * @throws IllegalArgumentException if its lineage is cut short (see {@link ScheduleReplay#of})
   */
  ScheduleReplay schedule(FrozenTrial best, int intervalEpochs) {
    Lineage lineage = Lineage.of(best, study.trials()).orElseThrow(() ->
        new IllegalStateException("trial " + best.number() + " of project " + study.name()
            + " is no population member's interval: a schedule comes from a population-based "
            + "search (Tuner.populationBasedTraining or populationBasedBandits)"));
    return ScheduleReplay.of(lineage, intervalEpochs);
  }

  /**
   * Refits {@code best} on {@code data} ({@link Refit#of}: a population member's schedule, else its
   * configuration for its best epoch count) and records it as the project's refit.
   *
   * @param epochs the epochs of an interval or a trial where the trial does not record them
   * @return the file of the refit's weights
   */
  Path refitOn(FrozenTrial best, LabeledData data, HyperModel model, Metric metric, long seed,
      int epochs) {
    boolean member = Segment.of(best.systemAttrs()).isPresent();
    LOG.info("project {}: refitting trial {} ({}) on {} rows", study.name(), best.number(),
        member ? "its population schedule" : "its configuration", data.rows());
    FitResult fit = Refit.of(model, metric, seed, best, study.trials(), epochs, data);
    Path file = ProjectStorage.writeTrialFile(projectDir, best.number(),
        member ? "schedule_refit.params" : "refit.params", fit.weights());
    record(best, file, fit, data.rows(), member ? SCHEDULE : EPOCHS);
    return file;
  }

  /** The refit weights of {@code trial}, or {@code null} if it has none. */
  Path weightsOf(FrozenTrial trial) {
    if (study.userAttrs().get(ATTR) instanceof Map<?, ?> m
        && m.get("trial") instanceof Number n && n.intValue() == trial.number()
        && m.get("weights") != null) {
      Path file = ProjectStorage.resolve(projectDir, m.get("weights").toString());
      return Files.exists(file) ? file : null;
    }
    return null;
  }

  /**
   * A line for the results summary, or {@code ""} when no refit was made; it says so when the
   * refitted trial is no longer {@code best} (a later search found a better one).
   */
  String summaryLine(java.util.Optional<FrozenTrial> best) {
    if (study.userAttrs().get(ATTR) instanceof Map<?, ?> m) {
      boolean stale = best.isPresent() && m.get("trial") instanceof Number n
          && n.intValue() != best.get().number();
      return "Refit: trial " + m.get("trial") + " retrained on all " + m.get("rows")
          + " rows for " + m.get("epochs") + " epochs ("
          + (SCHEDULE.equals(m.get("kind")) ? "its population schedule"
              : EPOCHS.equals(m.get("kind")) ? "its best epoch count" : FOLDS) + ")"
          + (stale ? "; trial " + best.get().number() + " is best now, without a refit" : "")
          + "\n";
    }
    return "";
  }
}
