package dev.jtune.nn.tuner;

import dev.jtune.nn.train.FitResult;
import dev.jtune.nn.train.TrainingObjective;
import dev.jtune.study.Study;
import dev.jtune.trial.FrozenTrial;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The refit that follows a cross-validated search (scikit-learn's {@code refit=True}): the best
 * trial's configuration trained on every row ({@link TrainingObjective#refit}), its weights in
 * {@code <project>/trial_<number>/refit.params}, recorded in the study user attribute
 * {@value #ATTR} so that any later process finds it. One refit per project: made for the current
 * best trial when it has none (or its file is gone), replaced when another trial becomes best.
 */
final class BestRefit {

  /**
   * The study user attribute that records the refit: {@code trial} (its number), {@code weights}
   * (the file, relative to the project folder), {@code epochs} and {@code rows}.
   */
  static final String ATTR = "jtune_nn_refit";
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
    study.setUserAttr(ATTR, Map.of("trial", best.number(),
        "weights", ProjectStorage.recorded(projectDir, file),
        "epochs", fit.history().size(), "rows", objective.refitRows()));
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
          + " rows for " + m.get("epochs") + " epochs (cross-validation)\n";
    }
    return "";
  }
}
