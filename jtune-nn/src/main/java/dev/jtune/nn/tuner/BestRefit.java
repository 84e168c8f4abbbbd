package dev.jtune.nn.tuner;

import dev.jtune.nn.data.LabeledData;
import dev.jtune.nn.model.HyperModel;
import dev.jtune.nn.train.FitResult;
import dev.jtune.nn.train.Metric;
import dev.jtune.nn.train.ScheduleReplay;
import dev.jtune.nn.train.TrainingObjective;
import dev.jtune.sampler.pbt.Lineage;
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
 * population-based search, the best trial's hyperparameter schedule trained afresh on the rows
 * given ({@link ScheduleReplay}), in {@code trial_<number>/schedule_refit.params}.
 */
final class BestRefit {

  /**
   * The study user attribute that records the refit: {@code trial} (its number), {@code weights}
   * (the file, relative to the project folder), {@code epochs}, {@code rows} and {@code kind}
   * ({@value #FOLDS} or {@value #SCHEDULE}; absent in projects from before schedules: folds).
   */
  static final String ATTR = "jtune_nn_refit";
  static final String FOLDS = "cross-validation";
  static final String SCHEDULE = "schedule";
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
      LOG.warn("project {}: trial {} has no fold_best_epochs; its refit trains for the search's "
          + "{} epochs", study.name(), best.number(), objective.epochs());
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
   * Trains {@code best}'s {@code schedule} afresh on {@code data} (judged on those rows, the last
   * epoch's weights kept), and records it as the project's refit.
   *
   * @return the refit's weights
   */
  byte[] refitSchedule(FrozenTrial best, ScheduleReplay schedule, HyperModel model, Metric metric,
      long seed, LabeledData data) {
    LOG.info("project {}: training trial {}'s schedule of {} interval(s), {} epochs, afresh on {} "
        + "rows", study.name(), best.number(), schedule.intervals().size(), schedule.epochs(),
        data.rows());
    FitResult fit = schedule.train(model, metric, seed, data, null);
    Path file = ProjectStorage.writeTrialFile(projectDir, best.number(),
        "schedule_refit.params", fit.weights());
    record(best, file, fit, data.rows(), SCHEDULE);
    return fit.weights();
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

  /** A line for the results summary, or {@code ""} when no refit was made. */
  String summaryLine() {
    if (study.userAttrs().get(ATTR) instanceof Map<?, ?> m) {
      return "Refit: trial " + m.get("trial") + " retrained on all " + m.get("rows")
          + " rows for " + m.get("epochs") + " epochs ("
          + (SCHEDULE.equals(m.get("kind")) ? "its population schedule" : FOLDS) + ")\n";
    }
    return "";
  }
}
