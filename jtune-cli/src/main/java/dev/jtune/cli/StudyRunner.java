package dev.jtune.cli;

import dev.jtune.cli.config.ConfigValue;
import dev.jtune.cli.config.ConstraintBound;
import dev.jtune.cli.config.ObjectiveSpec;
import dev.jtune.cli.config.StudyConfig;
import dev.jtune.cli.config.StudyConfigParser;
import dev.jtune.cli.config.TrainingSpec;
import dev.jtune.cli.config.YamlSource;
import dev.jtune.cli.train.DataFingerprint;
import dev.jtune.cli.train.TrainingSpecAdapter;
import dev.jtune.importance.ParamImportances;
import dev.jtune.space.CategoricalDistribution;
import dev.jtune.space.Distribution;
import dev.jtune.space.FloatDistribution;
import dev.jtune.space.IntDistribution;
import dev.jtune.storage.Storage;
import dev.jtune.storage.StudyId;
import dev.jtune.study.MultiObjective;
import dev.jtune.study.OptimizeOptions;
import dev.jtune.study.Study;
import dev.jtune.study.StudyBuilder;
import dev.jtune.study.StudyCallback;
import dev.jtune.study.StudyDirection;
import dev.jtune.trial.FrozenTrial;
import dev.jtune.trial.TrialState;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a validated {@link StudyConfig} on an open storage: creates or resumes the study, stores its
 * configuration (so workers can join), runs trials until the study's budget of finished trials is
 * reached (counting every process), the time is up, or Ctrl-C; then prints the summary.
 */
final class StudyRunner {
  private static final Logger LOG = LoggerFactory.getLogger(StudyRunner.class);
  private final PrintWriter out;
  private final PrintWriter err;
  private final OutputMode mode;
  private final int top;
  private final boolean handleSignals;

  StudyRunner(PrintWriter out, PrintWriter err, OutputMode mode, int top, boolean handleSignals) {
    this.out = out;
    this.err = err;
    this.mode = mode;
    this.top = CliException.nonNegative("--top", top);
    this.handleSignals = handleSignals;
  }

  /**
   * Runs the study.
   *
   * @param inner the objective ({@code StudyConfigParser.objective(config)}, built before the
   *     storage was opened); closed at the end of the run if it is {@link AutoCloseable} (a
   *     training objective's native data)
   * @param overwrite delete an existing study of the same name first
   * @param studyAttrs system attributes stored with the study as soon as it is created or opened,
   *     before any trial runs, so that a worker joining meanwhile or a run resumed after a crash
   *     finds them (run and demo store the configuration and a training study's data digest;
   *     workers store nothing)
   */
  ExitCode run(StudyConfig config, MultiObjective inner, Storage storage, String url,
      boolean overwrite, Map<String, ?> studyAttrs) {
    if (overwrite) {
      storage.findStudy(config.name()).ifPresent(id -> {
        StorageOptions.refuseDeletingWhileRunning(storage, id, config.name());
        storage.deleteStudy(id);
      });
    }
    Optional<StudyId> stored = storage.findStudy(config.name());
    boolean existed = stored.isPresent();
    int budget = config.trials();
    int doneBefore = stored
        .map(id -> storage.trialCount(id, EnumSet.of(TrialState.COMPLETE, TrialState.PRUNED)))
        .orElse(0);
    int failedBefore = stored.map(id -> storage.trialCount(id, EnumSet.of(TrialState.FAIL)))
        .orElse(0);
    RunningTrials running = new RunningTrials();
    ProgressCallback progress = new ProgressCallback(out, mode, budget, doneBefore);
    StudyCallback budgetStop = (s, t) -> {
      if (finished(s) >= budget) {
        s.stop();
      }
    };
    dev.jtune.terminator.TerminatorCallback terminator = config.terminator()
        .map(dev.jtune.terminator.TerminatorCallback::new).orElse(null);
    Study study = terminator == null ? open(config, storage, url, running, progress, budgetStop)
        : open(config, storage, url, running, progress, budgetStop, terminator);
    if (existed && studyAttrs.containsKey(RunCommand.CONFIG_ATTR)) {
      noteChangedConstraints(config, storage.study(study.id()).systemAttrs());
    }
    studyAttrs.forEach((key, value) -> storage.setStudySystemAttr(study.id(), key, value));
    int remaining = budget - doneBefore;
    header(config, url, existed, doneBefore, remaining);
    if (remaining <= 0) {
      footer(study, url, false);
      return ExitCode.OK;
    }
    if (config.terminator().isPresent()) {
      // a study its terminator already finds done (a resumed run, a worker joining late) trains
      // nothing: the callback judges only after a trial, which would train one per thread
      dev.jtune.terminator.Terminator t = config.terminator().get();
      var done = t.judgeIfPossible(study.trials(), study.direction())
          .filter(dev.jtune.terminator.Terminator.Verdict::terminate);
      if (done.isPresent()) {
        terminated(done.get(), t);
        footer(study, url, false);
        return ExitCode.OK;
      }
    }
    MultiObjective objective = trial -> {
      running.started(trial.number());
      return inner.evaluate(trial);
    };
    boolean interrupted;
    try (Interrupts interrupts = Interrupts.install(study, running, err, handleSignals);
        AutoCloseable closesObjective = () -> closeIfCloseable(inner)) {
      interrupted = optimizeToBudget(study, objective, config, interrupts, terminator);
    } catch (RuntimeException e) {
      throw e;
    } catch (Error e) {
      // a trial's objective threw an Error (a class missing from the classpath, out of memory):
      // the run stops, as optimize does, but the user gets the summary and one line, not a trace
      progress.finish();
      footer(study, url, false);
      throw new CliException(ExitCode.FAILURE, "a trial's objective threw " + e
          + "; the run stopped, and the finished trials are stored", e);
    } catch (Exception e) {
      throw new IllegalStateException("closing the objective failed: " + e.getMessage(), e);
    }
    progress.finish();
    if (terminator != null && terminator.lastVerdict() != null
        && terminator.lastVerdict().terminate()) {
      terminated(terminator.lastVerdict(), config.terminator().orElseThrow());
    }
    footer(study, url, interrupted);
    int failedNow = storage.trialCount(study.id(), EnumSet.of(TrialState.FAIL)) - failedBefore;
    if (!interrupted && failedNow > 0 && finished(study) == doneBefore) {
      // a script checks the exit code: a run in which nothing finished is not a success
      throw new CliException(ExitCode.FAILURE, "every trial of this run failed (" + failedNow
          + "); the WARN lines above give each reason");
    }
    return interrupted ? ExitCode.INTERRUPTED : ExitCode.OK;
  }

  /**
   * Runs trials until the study has its budget of finished (complete or pruned) trials: a failed
   * trial does not count towards it, so each round of {@code optimize} runs as many trials as are
   * still missing, for as long as the study gained a finished trial during the previous round
   * (from this process or another: a process alone whose trials all fail stops after one round)
   * and the time budget lasts. Ends early on Ctrl-C (also between rounds), when the sampler has
   * nothing left, when the time is up, or when the file's terminator ({@code budget.terminate})
   * finds the study done.
   *
   * @return whether the run was interrupted
   */
  private boolean optimizeToBudget(Study study, MultiObjective objective, StudyConfig config,
      Interrupts interrupts, dev.jtune.terminator.TerminatorCallback terminator) {
    long deadline = config.timeout().map(t -> System.nanoTime() + t.toNanos())
        .orElse(Long.MAX_VALUE);
    while (true) {
      if (interrupts.interrupted()) {
        return true;   // Ctrl-C between two rounds: start no other
      }
      int before = finished(study);
      int missing = config.trials() - before;
      long left = deadline - System.nanoTime();
      if (missing <= 0 || left <= 0) {
        return false;
      }
      study.optimizeMulti(objective, new OptimizeOptions(missing, deadline == Long.MAX_VALUE ? null
          : java.time.Duration.ofNanos(left), config.jobs(), false, config.parallelHistory()));
      if (interrupts.interrupted()) {
        return true;
      }
      int after = finished(study);
      if (after == before || after >= config.trials()) {
        return false;
      }
      if (terminator != null && terminator.lastVerdict() != null
          && terminator.lastVerdict().terminate()) {
        return false;   // the terminator found the study done (and said so)
      }
      LOG.info("study '{}' has {} of its {} finished trials (failed ones do not count); running "
          + "{} more", study.name(), after, config.trials(), config.trials() - after);
    }
  }

  /**
   * {@code config} with the sampler seed its stored study already has, where {@code config}'s was
   * drawn because the file gives none ({@link StudyConfigParser#withStoredSeed}): without it each
   * resumed run or {@code ask --config} drew another seed and stored it over the first, so a
   * seeded sequence (Sobol') restarted in another order. Unchanged when overwriting.
   */
  static StudyConfig withStoredSeed(StudyConfig config, Storage storage, boolean overwrite) {
    if (overwrite) {
      return config;
    }
    return storage.findStudy(config.name())
        .map(id -> storage.study(id).systemAttrs().get(RunCommand.CONFIG_ATTR))
        .filter(String.class::isInstance)
        .map(yaml -> StudyConfigParser.standard().withStoredSeed(config, (String) yaml))
        .orElse(config);
  }

  /**
   * Creates the study {@code config} describes, or loads it if stored, after checking that the
   * stored one can be resumed with this configuration: the same directions, and parameters of the
   * same kinds ({@link #requireSameKinds}); nothing is written before the checks pass.
   *
   * @throws CliException with {@link ExitCode#CONFIG} naming the clash
   */
  static Study open(StudyConfig config, Storage storage, String url, StudyCallback... callbacks) {
    storage.findStudy(config.name()).ifPresent(id -> {
      requireSameKinds(config, storage, id, url);
      requireSameTraining(config, storage, id, url);
    });
    try {
      StudyBuilder builder = Study.builder().name(config.name())
          .directions(config.directions().toArray(StudyDirection[]::new))
          .sampler(config.sampler()).pruner(config.pruner()).storage(storage).loadIfExists(true);
      if (config.constraintsFunction() != null) {
        builder.constraints(config.constraintsFunction());
      }
      for (StudyCallback callback : callbacks) {
        builder.callback(callback);
      }
      return builder.build();
    } catch (IllegalArgumentException e) {
      throw new CliException(ExitCode.CONFIG, "study '" + config.name() + "' in "
          + StorageUrls.shown(url) + " cannot be resumed with this configuration: "
          + e.getMessage() + " (start it afresh with jtune run or demo --overwrite, or use another name)", e);
    }
  }

  /**
   * Refuses to resume a training study with another metric or another kind of model than its
   * stored configuration names: its trials' values would not compare (accuracy beside AUC), or
   * its parameters would belong to another network. (A study file has no declared space for
   * {@link #requireSameKinds} to compare.)
   */
  private static void requireSameTraining(StudyConfig config, Storage storage, StudyId id,
      String url) {
    if (!(config.objective() instanceof ObjectiveSpec.Training now)
        || !(storage.study(id).systemAttrs().get(RunCommand.CONFIG_ATTR) instanceof String yaml)) {
      return;
    }
    ConfigValue.Mapping stored;
    try {
      stored = YamlSource.parse(yaml, "stored configuration");
    } catch (RuntimeException unreadable) {
      return; // the worker's parse reports it
    }
    // a stored file without an objective had the default metric of its data (compared below)
    String storedDefault = now.spec().data() instanceof TrainingSpec.DataSpec.Csv csv
        && csv.regression() ? "loss" : "accuracy";
    List<String> storedScores = new ArrayList<>();
    if (stored.entries().get("objective") instanceof ConfigValue.Mapping o
        && o.entries().get("metrics") instanceof ConfigValue.Sequence list) {
      list.items().forEach(i -> storedScores.add(i instanceof ConfigValue.Scalar s ? s.text()
          : String.valueOf(i)));
    } else {
      storedScores.add(text(stored, "objective", "metric").orElse(storedDefault));
    }
    List<String> scores = new ArrayList<>();
    for (String named : storedScores) {
      try {
        // as the parser reads it (any case, val_ prefix, acc): "Accuracy" is val_accuracy
        scores.add(dev.jtune.nn.train.Score.parse(named).label());
      } catch (IllegalArgumentException unknown) {
        scores.add(named);
      }
    }
    String metric = scores.size() == 1 ? scores.get(0).replaceFirst("^val_", "")
        : scores.toString();
    List<String> nowScores = now.spec().scoreLabels();
    String nowMetric = nowScores.size() == 1 ? now.spec().metric() : nowScores.toString();
    String model = stored.entries().get("model") instanceof ConfigValue.Mapping m
        ? String.join(", ", m.entries().keySet()) : "";
    String nowModel = now.spec().model() instanceof TrainingSpec.ModelSpec.Cnn ? "cnn" : "mlp";
    String clash = !metric.equals(nowMetric)
        ? "metric " + nowMetric + " here but " + metric + " in the stored configuration"
        : !model.isEmpty() && !model.equals(nowModel)
            ? "model " + nowModel + " here but " + model + " in the stored configuration" : null;
    if (clash == null) {
      // other data, another network's ranges or other training settings: the old trials' values
      // would rank beside values of another problem, and the best trial might not be rebuildable
      List<String> changed = new ArrayList<>();
      for (String section : List.of("data", "model", "training")) {
        if (!CanonicalConfig.ofSearch(stored.entries().get(section))
            .equals(CanonicalConfig.ofSearch(config.source().entries().get(section)))) {
          changed.add(section);
        }
      }
      if (!changed.isEmpty()) {
        clash = "its " + String.join(", ", changed) + " section" + (changed.size() > 1 ? "s" : "")
            + " differ" + (changed.size() > 1 ? "" : "s") + " from the stored configuration";
      }
    }
    boolean foldsStored = comparesInstances(stored);
    if (clash == null && foldsStored != config.pruner().comparesInstances()
        && storage.trials(id).stream().anyMatch(t -> !t.intermediateValues().isEmpty())) {
      // a fold's score at step f beside an epoch's value at step f: either pruner misreads them
      clash = "its trials reported " + (foldsStored ? "each fold's score (a pruner that "
          + "compares folds)" : "each epoch's value") + ", but pruner " + config.pruner()
          + " reads " + (foldsStored ? "epochs" : "fold scores");
    }
    if (clash != null) {
      throw new CliException(ExitCode.CONFIG, "study '" + config.name() + "' in "
          + StorageUrls.shown(url) + " cannot be resumed with this configuration: " + clash
          + " (start it afresh with jtune run or demo --overwrite, or use another name)");
    }
  }

  /** Whether the stored configuration's pruner compares folds (an unreadable one: no). */
  private static boolean comparesInstances(ConfigValue.Mapping stored) {
    if (!(stored.entries().get("pruner") instanceof ConfigValue.Mapping pruner)) {
      return false;
    }
    try {
      return dev.jtune.cli.config.PrunerRegistry.standard().create(pruner, "pruner")
          .comparesInstances();
    } catch (RuntimeException unreadable) {
      return false;
    }
  }

  /**
   * Refuses to resume a training study whose stored data digest differs from {@code digest}, the
   * data bound now (the data file changed, or this jtune version makes or splits the data
   * otherwise), unless it is about to be overwritten; also refuses the changed sections
   * {@link #requireSameTraining} names, the plainer reason when there is one. A study stored
   * without a digest (begun before jtune stored one) passes. Nothing is written.
   *
   * @throws CliException with {@link ExitCode#CONFIG} naming both digests
   */
  static void requireSameData(Storage storage, StudyConfig config, String url, String digest,
      boolean overwrite) {
    Optional<StudyId> existing = storage.findStudy(config.name());
    if (overwrite || existing.isEmpty()) {
      return;
    }
    requireSameTraining(config, storage, existing.get(), url);
    DataFingerprint.stored(storage, existing.get()).ifPresent(stored -> {
      if (!stored.equals(digest)) {
        throw new CliException(ExitCode.CONFIG, "study '" + config.name() + "' in "
            + StorageUrls.shown(url) + " cannot be resumed: its trials were judged on other "
            + "data than this run's (the data file changed, or this jtune version makes or "
            + "splits the data otherwise; digest " + stored.substring(0, 12) + " stored, "
            + digest.substring(0, 12) + " now). Start it afresh with --overwrite, or use "
            + "another name");
      }
    });
  }

  /**
   * The system attributes run and demo store with a study: its configuration, its objectives'
   * names when it has them ({@link dev.jtune.study.MetricNames}), and for a training study the
   * digest of its data.
   */
  static Map<String, Object> studyAttrs(StudyConfig config, TrainingSpecAdapter.Bound bound) {
    Map<String, Object> attrs = new LinkedHashMap<>();
    attrs.put(RunCommand.CONFIG_ATTR, config.toYaml());
    if (!config.metricNames().isEmpty()) {
      attrs.put(dev.jtune.study.MetricNames.ATTR, config.metricNames());
    }
    if (bound != null) {
      attrs.put(DataFingerprint.ATTR, DataFingerprint.of(bound));
    }
    return attrs;
  }

  /** A section's content without positions or quoting, keys in order: equal when the YAML is. */
  private static java.util.Optional<String> text(ConfigValue.Mapping root, String section,
      String key) {
    return root.entries().get(section) instanceof ConfigValue.Mapping m
        && m.entries().get(key) instanceof ConfigValue.Scalar v && !v.isNull()
        ? java.util.Optional.of(v.text()) : java.util.Optional.empty();
  }

  /**
   * Refuses to resume a study whose stored trials have a declared parameter of another kind
   * (float, int, categorical), another scale (log or not) or, for a categorical, other choices:
   * Optuna refuses the same ({@code check_distribution_compatibility}), and
   * the study would mix values no sampler can compare. A changed range of the same kind is
   * allowed, as in Optuna.
   */
  private static void requireSameKinds(StudyConfig config, Storage storage, StudyId id,
      String url) {
    Map<String, Distribution> declared = new LinkedHashMap<>();
    config.space().params().forEach(p -> declared.put(p.name(), p.distribution()));
    if (declared.isEmpty()) {
      return;
    }
    for (FrozenTrial t : storage.trials(id)) {
      for (Map.Entry<String, Distribution> e : t.distributions().entrySet()) {
        Distribution now = declared.get(e.getKey());
        Distribution before = e.getValue();
        boolean clash = now != null && (now.getClass() != before.getClass()
            || (now instanceof CategoricalDistribution c && !c.equals(before))
            || (now instanceof FloatDistribution f && f.log() != ((FloatDistribution) before).log())
            || (now instanceof IntDistribution i && i.log() != ((IntDistribution) before).log()));
        if (clash) {
          throw new CliException(ExitCode.CONFIG, "study '" + config.name() + "' in "
          + StorageUrls.shown(url)
              + " cannot be resumed with this configuration: parameter '" + e.getKey()
              + "' is " + now.describe() + " here but " + before.describe() + " in trial "
              + t.number()
              + " (start it afresh with jtune run or demo --overwrite, or use another name)");
        }
      }
    }
  }

  /** Closes the objective if it holds resources (try-with-resources adds a failure as suppressed). */
  static void closeIfCloseable(MultiObjective objective) throws Exception {
    if (objective instanceof AutoCloseable closeable) {
      closeable.close();
    }
  }

  /**
   * The {@code constraints} entries of the study file stored with the study
   * ({@link RunCommand#CONFIG_ATTR}), as written (an empty list when it declares none); empty when
   * the study has no stored configuration or it cannot be read.
   */
  static Optional<List<String>> storedConstraints(
      java.util.Map<String, Object> studySystemAttrs) {
    if (!(studySystemAttrs.get(RunCommand.CONFIG_ATTR) instanceof String yaml)) {
      return Optional.empty();
    }
    try {
      ConfigValue c = YamlSource.parse(yaml, "stored configuration").entries().get("constraints");
      if (c instanceof ConfigValue.Sequence seq) {
        return Optional.of(seq.items().stream().map(i -> i instanceof ConfigValue.Scalar sc
            ? sc.text() : String.valueOf(i)).toList());
      }
      return Optional.of(c instanceof ConfigValue.Scalar one ? List.of(one.text()) : List.of());
    } catch (RuntimeException unreadable) {
      return Optional.empty();
    }
  }


  /**
   * A note on the error stream when a resumed study's constraints differ from those its stored
   * configuration had: the trials finished before keep the values of the old constraints.
   */
  private void noteChangedConstraints(StudyConfig config, java.util.Map<String, Object> stored) {
    List<ConstraintBound> before = new ArrayList<>();
    Optional<List<String>> declared = storedConstraints(stored);
    if (declared.isEmpty()) {
      return; // no configuration to compare with (Study warns about trials without values)
    }
    for (String text : declared.get()) {
      try {
        before.add(ConstraintBound.parse(text));
      } catch (IllegalArgumentException unreadable) {
        return; // an earlier run refused it; nothing to compare
      }
    }
    if (!before.equals(config.constraints())) {
      err.println("jtune: study '" + config.name() + "' had the constraints " + before
          + " and now has " + config.constraints() + "; the trials finished before keep the "
          + "values of the old ones, and those without values count as infeasible");
      err.flush();
    }
  }

  static int finished(Study study) {
    return study.storage().trialCount(study.id(), EnumSet.of(TrialState.COMPLETE,
        TrialState.PRUNED));
  }

  private void header(StudyConfig c, String url, boolean existed, int done, int remaining) {
    if (mode == OutputMode.QUIET) {
      return;
    }
    if (mode == OutputMode.JSON) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("event", "start");
      m.put("study", c.name());
      m.put("storage", StorageUrls.shown(url));
      m.put("resumed", existed);
      m.put("finished_before", done);
      m.put("budget", c.trials());
      m.put("jobs", c.jobs());
      m.put("parallel_history", c.parallelHistory().name().toLowerCase(Locale.ROOT));
      out.println(Json.line(m));
    } else {
      out.printf("%s study '%s' in %s: %d of %d trials finished; %s%n",
          existed ? "Resuming" : "Created", c.name(), StorageUrls.shown(url), done, c.trials(),
          remaining <= 0 ? "the budget is spent (--trials N on run or demo raises it)"
              : "running up to " + remaining + " with " + c.sampler() + ", " + c.jobs()
                  + " thread(s)" + (c.jobs() > 1 ? " (" + c.parallelHistory().name()
                      .toLowerCase(Locale.ROOT) + " history)" : "") + c.timeout().map(t -> ", for at most " + t.toString()
                      .substring(2).toLowerCase(Locale.ROOT)).orElse("")
                  + c.terminator().map(t -> ", stopping early when " + t).orElse(""));
    }
    out.flush();
  }

  /** Says that the terminator ended the run, and why. */
  private void terminated(dev.jtune.terminator.Terminator.Verdict v,
      dev.jtune.terminator.Terminator terminator) {
    if (mode == OutputMode.QUIET) {
      return;
    }
    if (mode == OutputMode.JSON) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("event", "terminated");
      m.put("complete_trials", v.completeTrials());
      m.put("improvement", v.improvement());
      m.put("error", v.error());
      out.println(Json.line(m));
    } else {
      out.println("Stopped before the budget (budget.terminate): " + terminator.explain(v));
    }
    out.flush();
  }

  private void footer(Study study, String url, boolean interrupted) {
    if (mode == OutputMode.QUIET) {
      return;
    }
    if (mode == OutputMode.JSON) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("event", "end");
      m.put("study", study.name());
      m.put("interrupted", interrupted);
      StudiesCommand.counts(study.trials()).forEach((s, n) -> m.put(s.name().toLowerCase(Locale.ROOT), n));
      m.put("best", study.directions().size() == 1
          ? study.findBestTrial().map(Json::trial).orElse(null) : null);
      if (study.directions().size() > 1) {
        m.put("best_trials", study.bestTrials().stream().map(Json::trial).toList());
      }
      List<ParamImportances> importances = ImportanceCommand.forSummary(study);
      if (study.directions().size() == 1) {
        m.put("importances", importances.isEmpty() ? null : importances.get(0).importances());
      } else {
        // one map per objective, by its name (the metric name, or values_0, values_1, ...)
        Map<String, Object> byObjective = new LinkedHashMap<>();
        importances.forEach(i -> byObjective.put(i.target(), i.importances()));
        m.put("importances", byObjective.isEmpty() ? null : byObjective);
      }
      out.println(Json.line(m));
    } else {
      out.println();
      out.print(study.summary(top));
      ImportanceCommand.forSummary(study).forEach(i -> out.print("\n" + i.format()));
      String storageWord = ShellWords.quote(StorageUrls.shown(url));
      out.println("\nCharts: jtune studies report --storage " + storageWord + " --study "
          + ShellWords.quote(study.name()) + " -o report.html, or jtune dashboard --storage "
          + storageWord);
      if (interrupted) {
        out.println("Interrupted: finished trials are stored; run the same command again to "
            + "resume.");
      }
    }
    out.flush();
  }

}
