package dev.jtune.cli;

import dev.jtune.importance.ImportanceEvaluator;
import dev.jtune.importance.ImportanceException;
import dev.jtune.importance.ImportanceTarget;
import dev.jtune.importance.ParamImportances;
import dev.jtune.storage.Storage;
import dev.jtune.storage.StudyId;
import dev.jtune.storage.StudyRecord;
import dev.jtune.study.MetricNames;
import dev.jtune.study.Study;
import dev.jtune.trial.FrozenTrial;
import dev.jtune.trial.TrialState;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code jtune studies importance}: which parameters mattered, learned from the study's complete
 * trials (fANOVA, mean decrease impurity or PED-ANOVA, as Optuna's {@code get_param_importances}).
 */
@Command(name = "importance", mixinStandardHelpOptions = true,
    description = {"Which parameters mattered: each one's share of the variation of the objective,"
        + " learned from the complete trials (fANOVA over a random forest, Optuna 3's and 4's"
        + " default; --method ped-anova for Optuna 5's)."
        + " Exit 5 with fewer than two complete trials or a value that never varies."})
final class ImportanceCommand extends StudiesCommand.OneStudy {
  static final int SUMMARY_LIMIT = 20_000;

  /** The evaluators the command offers, by their {@code --method} names. */
  static final List<String> METHODS = List.of("fanova", "mdi", "ped-anova");

  @Option(names = "--method", defaultValue = "fanova", paramLabel = "METHOD",
      description = "fanova; mdi (mean decrease impurity: faster, favours parameters with many"
          + " values); or ped-anova (how the best trials' values differ from the others', no"
          + " model: fast, and judges conditional parameters too); default ${DEFAULT-VALUE}.")
  String method;

  @Option(names = "--quantile", paramLabel = "Q",
      description = "ped-anova: the share of trials that are the best (default 0.1).")
  Double quantile;

  @Option(names = "--params", split = ",", paramLabel = "NAME",
      description = "Only these parameters (default: every parameter all complete trials share;"
          + " with ped-anova, every parameter any has).")
  List<String> params;

  @Option(names = "--objective", paramLabel = "INDEX",
      description = "Which objective of a multi-objective study, from 0.")
  Integer objective;

  @Option(names = "--duration",
      description = "Explain the trials' running time instead of their value: which parameters"
          + " make trials slow.")
  boolean duration;

  @Option(names = "--seed", defaultValue = "0", description = "The forest's seed (default 0).")
  long seed;

  @Option(names = "--json", description = "One JSON object.")
  boolean json;

  @Override
  void run(Storage s, StudyId id) {
    StudyRecord r = s.study(id);
    ImportanceTarget target = target(r);
    ImportanceEvaluator evaluator = evaluator(r);
    ParamImportances result;
    try {
      result = evaluator.evaluate(s.trials(id), params == null ? List.of() : params, target);
    } catch (ImportanceException e) {
      throw new CliException(ExitCode.NOT_FOUND, "study '" + r.name() + "': " + e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new CliException(ExitCode.USAGE, "study '" + r.name() + "': " + e.getMessage());
    }
    if (json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("study", r.name());
      m.put("method", result.method());
      m.put("target", result.target());
      m.put("trials", result.trials());
      m.put("skipped", result.skipped());
      m.put("importances", result.importances());
      out().println(Json.line(m));
    } else {
      out().print(result.format());
    }
  }

  /**
   * The importances a run's summary ends with, one per objective (a study of several objectives
   * gets one per objective, named by its metric names when it has them): for a study with at
   * least two complete trials that differ, and at most {@value #SUMMARY_LIMIT} of them (beyond,
   * the fit takes seconds and {@code jtune studies importance} is the way); otherwise none. An
   * objective whose importances cannot be had (its values all alike) is left out.
   */
  static List<ParamImportances> forSummary(Study study) {
    List<FrozenTrial> trials = study.trials();
    long complete = trials.stream().filter(t -> t.state() == TrialState.COMPLETE).count();
    if (complete < 2 || complete > SUMMARY_LIMIT) {
      return List.of();
    }
    int objectives = study.directions().size();
    List<String> names = MetricNames.labels(study.systemAttrs(), objectives);
    List<ParamImportances> out = new java.util.ArrayList<>();
    for (int i = 0; i < objectives; i++) {
      ImportanceTarget target = objectives == 1 ? ImportanceTarget.value()
          : ImportanceTarget.objective(i, names.get(i));
      try {
        ParamImportances result = ImportanceEvaluator.fanova().evaluate(trials, List.of(), target);
        if (!result.importances().isEmpty()) {
          out.add(result);
        }
      } catch (ImportanceException e) {
        // this objective has nothing to explain (one value, or no shared parameter)
      }
    }
    return out;
  }

  private ImportanceEvaluator evaluator(StudyRecord r) {
    if (quantile != null && !method.equals("ped-anova")) {
      throw new CliException(ExitCode.USAGE, "--quantile applies to --method ped-anova, not "
          + method);
    }
    switch (method) {
      case "fanova":
        return ImportanceEvaluator.fanova().withSeed(seed);
      case "mdi":
        return ImportanceEvaluator.meanDecreaseImpurity().withSeed(seed);
      case "ped-anova":
        double q = quantile == null ? 0.1 : quantile;
        if (!(q > 0 && q < 1)) {
          throw new CliException(ExitCode.USAGE, "--quantile " + q + " must be in (0, 1):"
              + " the share of trials that are the best");
        }
        // the best trials: by the objective's direction; the shortest for --duration
        return ImportanceEvaluator.pedAnova().withQuantiles(q, 1.0).withDirection(duration
            ? dev.jtune.study.StudyDirection.MINIMIZE
            : r.directions().get(objective == null ? 0 : objective));
      default:
        throw new CliException(ExitCode.USAGE, "--method " + method + " is not one of " + METHODS);
    }
  }

  private ImportanceTarget target(StudyRecord r) {
    if (duration) {
      if (objective != null) {
        throw new CliException(ExitCode.USAGE, "--duration and --objective exclude each other:"
            + " the running time is one target, an objective another");
      }
      return ImportanceTarget.duration();
    }
    int objectives = r.directions().size();
    if (objective == null) {
      if (objectives > 1) {
        throw new CliException(ExitCode.USAGE, "study '" + r.name() + "' has " + objectives
            + " objectives; choose one with --objective 0.." + (objectives - 1));
      }
      return ImportanceTarget.value();
    }
    if (objective < 0 || objective >= objectives) {
      throw new CliException(ExitCode.USAGE, "--objective " + objective + " is not an objective of"
          + " study '" + r.name() + "' (it has " + objectives + ": 0.." + (objectives - 1) + ")");
    }
    return objectives == 1 ? ImportanceTarget.value() : ImportanceTarget.objective(objective,
        MetricNames.labels(r.systemAttrs(), objectives).get(objective));
  }
}
