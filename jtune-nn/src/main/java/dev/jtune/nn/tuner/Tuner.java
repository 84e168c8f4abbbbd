package dev.jtune.nn.tuner;

import ai.djl.nn.Block;
import dev.jtune.importance.ImportanceException;
import dev.jtune.importance.ParamImportances;
import dev.jtune.nn.data.LabeledData;
import dev.jtune.nn.data.Split;
import dev.jtune.nn.model.FixedTrial;
import dev.jtune.nn.model.HyperModel;
import dev.jtune.nn.model.Task;
import dev.jtune.nn.train.FitResult;
import dev.jtune.nn.train.ScheduleReplay;
import dev.jtune.nn.train.TrainedNetwork;
import dev.jtune.nn.train.TrainingObjective;
import dev.jtune.sampler.pbt.PopulationBasedSampler;
import dev.jtune.pruner.HyperbandConfig;
import dev.jtune.pruner.Pruner;
import dev.jtune.sampler.gp.GpSampler;
import dev.jtune.storage.RetryFailedTrialCallback;
import dev.jtune.storage.Storage;
import dev.jtune.study.OptimizeOptions;
import dev.jtune.study.Study;
import dev.jtune.study.StudyDirection;
import dev.jtune.trial.FrozenTrial;
import dev.jtune.trial.Trial;
import dev.jtune.trial.TrialState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keras Tuner's workflow on a jtune {@link Study}:
 *
 * <pre>{@code
 * Tuner tuner = Tuner.builder()
 *     .hyperModel(MlpHyperModel.seedExample())
 *     .objective("val_accuracy")            // direction follows the metric
 *     .maxTrials(10)
 *     .directory(Path.of("tuning")).projectName("seed")
 *     .sampler(new RandomSampler(42))        // random search; TPE, GP, a pruner for Hyperband...
 *     .build();
 * tuner.search(train, 10, 0.2);              // epochs, validation split (the last 20%)
 * Map<String, Object> best = tuner.bestHyperparameters(1).get(0);
 * try (TrainedNetwork model = tuner.bestModels(1).get(0)) { model.evaluate(test); }
 * System.out.println(tuner.resultsSummary());
 * }</pre>
 *
 * <p>Each trial builds the hypermodel's network, trains it for {@code epochs} epochs reporting
 * each epoch's validation metric (so the study's pruner can stop it), and scores it by its best
 * epoch. Each completed trial's best-epoch weights are written to
 * {@code <directory>/<projectName>/trial_<number>/weights.params} (its path relative to the
 * project folder kept in the trial's user attribute {@code weights}, so a project folder can be
 * moved or renamed); {@link #bestModels(int)} rebuilds networks from the stored
 * parameters and loads those files. A cross-validated search then retrains its best trial on all
 * the rows (scikit-learn's {@code refit=True}; see {@link #searchCrossValidated}), and
 * {@code bestModels} returns that network for it. {@code maxTrials} counts the study's finished trials, so a
 * search continues a study instead of starting over: the study lives in the SQLite file
 * {@code <directory>/<projectName>/study.db}, so running the same project again (after it
 * finished or after the process was killed) resumes it, unless {@code overwrite(true)}. A trial
 * that was running when its process died is failed by the first search that starts, or starts a
 * trial, once the trial's heartbeat is a minute old, and its parameters run again, once
 * ({@link TunerBuilder#heartbeat}); the retry takes its place in the count of {@code maxTrials}.
 * A search that ends sooner leaves it RUNNING (and says so in the log).
 *
 * <p>A trial that throws is recorded FAIL with its reason and the search goes on, until
 * {@link TunerBuilder#maxConsecutiveFailedTrials} trials in a row have failed (default 3, as in
 * Keras Tuner): the search then stops and throws {@link SearchFailedException}, as it does when
 * every trial it ran failed.
 *
 * <p>Close the tuner to close its database (try-with-resources); networks from
 * {@link #bestModels(int)} stay usable. Thread-safety: one search at a time per tuner; {@code jobs}
 * trials train in parallel within it.
 */
public final class Tuner implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Tuner.class);
  /** The study user attribute that records the task, so a later process can rebuild networks. */
  static final String TASK_ATTR = ProjectTask.ATTR;

  private final TunerBuilder config;
  private final Study study;
  private final Storage storage;
  private final Path projectDir;
  private final BestRefit refit;
  private final FailureWatch failures;
  /** Ends the search when the configured terminator says so. */
  private final SearchTermination termination;
  private volatile Task task;
  private volatile boolean closed;
  /** Whether a search of this tuner runs (its stop rule applies to nothing else). */
  private volatile boolean searching;

  Tuner(TunerBuilder config) {
    this.config = config;
    Path base = config.directory.toAbsolutePath().normalize();
    this.projectDir = base.resolve(config.projectName).normalize();
    if (!base.equals(projectDir.getParent())) {
      // projectName refuses such names; this guards the deletion below whatever the file system
      throw new IllegalArgumentException("project " + config.projectName + " resolves to "
          + projectDir + ", which is not a folder directly under " + base);
    }
    try {
      if (config.overwrite && Files.exists(projectDir)) {
        deleteTree(projectDir);
      }
      Files.createDirectories(projectDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create project directory " + projectDir, e);
    }
    this.storage = ProjectStorage.open(projectDir, config.heartbeatInterval,
        config.heartbeatGrace);
    this.failures = new FailureWatch(config.maxConsecutiveFailedTrials);
    this.termination = new SearchTermination(config.terminator);
    try {
      String name = ProjectStorage.studyName(storage, config.projectName);
      ProjectStorage.refuseAnotherDirection(storage, name, config);
      this.study = termination.addTo(Study.builder().name(name).storage(storage)
          .directions(config.directions().toArray(StudyDirection[]::new))
          .sampler(config.sampler).pruner(config.pruner)
          .callback(failures).callback(this::stopAtMaxTrials).loadIfExists(true)).build();
      TunerObjectives.nameMetrics(study, config);
    } catch (RuntimeException e) {
      close();
      throw e;
    }
    this.refit = new BestRefit(study, projectDir);
    try {
      this.task = ProjectTask.read(study, config.projectName);
    } catch (RuntimeException e) {
      close();   // a stored task this version cannot read: the storage is not left open
      throw e;
    }
    try {
      ProjectTask.refuseAnotherObjective(study, config);
    } catch (IllegalArgumentException e) {
      close();
      throw e;
    }
  }

  /**
   * Starts configuring a tuner (random search unless a sampler is set; a pruner adds early
   * stopping).
   */
  public static TunerBuilder builder() {
    return new TunerBuilder();
  }

  /** Keras Tuner's {@code RandomSearch}: random sampling seeded with the builder's seed. */
  public static TunerBuilder randomSearch() {
    return builder();
  }

  /**
   * Keras Tuner's {@code BayesianOptimization}: Gaussian-process Bayesian optimization
   * ({@link GpSampler}, Matérn-5/2 kernel, log expected improvement) seeded with the builder's
   * seed.
   */
  public static TunerBuilder bayesianOptimization() {
    TunerBuilder b = builder();
    b.defaultSampler = GpSampler::new;
    return b;
  }

  /**
   * Keras Tuner's {@code Hyperband(max_epochs, factor=3)}: random configurations whose training is
   * cut short by a Hyperband pruner (minimum 1 epoch, maximum {@code maxEpochs}, reduction factor
   * 3), every epoch's validation metric being reported; {@code search} must then train for
   * {@code maxEpochs} epochs, and a cross-validated search for {@code k · epochs = maxEpochs}
   * (another number is refused: the brackets were sized for it; so is any search whose steps do
   * not match a pruner with a fixed {@link Pruner#maxResource()}). The sampler can still be
   * changed (TPE with Hyperband is BOHB-like).
   */
  public static TunerBuilder hyperband(int maxEpochs) {
    if (maxEpochs < 2) {
      throw new IllegalArgumentException("Hyperband needs maxEpochs >= 2 to stop a trial before "
          + "its last epoch, got maxEpochs=" + maxEpochs);
    }
    return builder().pruner(Pruner.hyperband(HyperbandConfig.of(1, maxEpochs)));
  }

  /**
   * Ray Tune's {@code PopulationBasedTraining}: {@code populationSize} networks train side by side
   * ({@link PopulationBasedSampler}, its defaults, seeded with the builder's seed), each trial one
   * member's interval of {@code epochs} (the {@code search}'s), after which the bottom quarter
   * copies the weights and optimizer state of the top quarter and explores their real-valued
   * parameters (the learning rate, say); the others go on. {@code maxTrials} is then the
   * population times the intervals each member trains. The checkpoints live in the project's
   * {@code checkpoints} folder (those no member can start from again are deleted as the search
   * goes), so a search resumed after a crash goes on where the members stood. {@code jobs} must
   * not exceed the population; a cross-validated search is refused (a member is one network).
   * Parameters other than real-valued ones are the network's shape, which a copy keeps: to explore
   * others (a dropout given as choices, say), set a {@link PopulationBasedSampler} whose
   * {@link dev.jtune.sampler.pbt.PopulationBasedConfig#mutable} names them.
   */
  public static TunerBuilder populationBasedTraining(int populationSize) {
    if (populationSize < 2) {
      throw new IllegalArgumentException("populationSize=" + populationSize + " must be >= 2");
    }
    TunerBuilder b = builder();
    b.defaultSampler = seed -> new PopulationBasedSampler(populationSize, seed);
    return b;
  }

  /**
   * Ray Tune's {@code PB2}, population-based bandits: {@link #populationBasedTraining} whose
   * members, when they copy a better one, choose the explored parameters where a Gaussian process
   * fit to every interval's improvement puts the highest upper confidence bound
   * ({@link dev.jtune.sampler.pbt.PopulationBasedConfig.Exploration#BANDIT}) instead of
   * perturbing them at random; it needs fewer members (the paper's case is 4). Everything else is
   * as there.
   */
  public static TunerBuilder populationBasedBandits(int populationSize) {
    TunerBuilder b = populationBasedTraining(populationSize);
    b.defaultSampler = seed -> new PopulationBasedSampler(
        dev.jtune.sampler.pbt.PopulationBasedConfig.defaults().withPopulationSize(populationSize)
            .withSeed(seed)
            .withExploration(dev.jtune.sampler.pbt.PopulationBasedConfig.Exploration.BANDIT));
    return b;
  }

  /** The study behind the tuner (for export, plots, custom queries). */
  public Study study() {
    return study;
  }

  /** {@code <directory>/<projectName>}. */
  public Path projectDirectory() {
    return projectDir;
  }

  /**
   * Keras's {@code search(x, y, epochs, validation_split)}: the last {@code validationSplit} of
   * {@code train}'s rows (in their order) judge each trial, the rest train it.
   */
  public void search(LabeledData train, int epochs, double validationSplit) {
    train.requireTrainable("training");   // rows named in the caller's data, before any trial
    Split split = Split.lastFraction(train, validationSplit);
    search(split.train(), split.held(), epochs);
  }

  /** Searches with an explicit validation set. */
  public void search(LabeledData train, LabeledData validation, int epochs) {
    run(TrainingObjective.holdout(config.hyperModel, train, validation, epochs, config.metric,
        config.seed));
  }

  /**
   * Searches scoring each trial by the mean over {@code k} stratified folds of {@code data}, then
   * retrains the best trial's configuration on all of {@code data} for the rounded mean of its
   * folds' best epochs ({@link TrainingObjective#refit}), as scikit-learn's
   * {@code GridSearchCV(refit=True)} does: a fold's network saw only {@code (k-1)/k} of the rows.
   * The refit's weights go to {@code trial_<number>/refit.params} and the study user attribute
   * {@value BestRefit#ATTR}; {@link #bestModels(int)} returns them for that trial (the other trials'
   * networks are their first fold's). A search that leaves the best trial unchanged, resumed
   * or not, does not refit again; one that finds the refit missing (its process died during it,
   * or the file is gone) makes it, even with no trial left to run. A refit that fails (a step
   * memory limit the larger data set exceeds, say) is logged as a warning and the search's results
   * stay as they are.
   */
  public void searchCrossValidated(LabeledData data, int k, int epochs) {
    data.requireTrainable("training");
    run(TrainingObjective.crossValidated(config.hyperModel, data, k, epochs, config.metric,
        config.seed));
  }

  private void run(TrainingObjective given) {
    if (closed) {
      given.close();
      requireOpen();
    }
    TrainingObjective scored;
    try {
      termination.requireScores(given.crossValidated(), config.executionsPerTrial);
      TunerObjectives.requireSupported(config);
      // a score the task does not compute is refused here, before the project records it
      scored = TunerObjectives.scored(given, config);
    } catch (IllegalArgumentException e) {
      given.close();
      throw e;
    }
    TrainingObjective objective = PopulationSearch.objective(config,
        PrunerSteps.objective(config, scored.withExecutions(config.executionsPerTrial)),
        projectDir);
    PrunerSteps.requireSized(config, objective);
    Task stored = ProjectTask.read(study, config.projectName);
    if (stored != null && !stored.equals(objective.task())) {
      objective.close();
      throw new IllegalArgumentException("project '" + config.projectName + "' was searched on "
          + stored + ", but this search's data is " + objective.task() + ": its trials' "
          + "networks would not load for this data. Use another projectName, or overwrite(true) "
          + "to start the project afresh");
    }
    task = objective.task();
    PrunerSteps.requireSameSteps(study, TASK_ATTR, objective, config.projectName);
    // epochs per trial, all folds and executions, whichever steps its reports are at
    int trained = objective.foldReports() ? objective.epochs() * objective.stepsPerTrial()
        : objective.stepsPerTrial();
    int steps = ProjectTask.steps(study, trained);
    if (steps != trained) {
      // Keras Tuner does not check this either; the values still rank, but unevenly trained
      LOG.warn("project {} was searched with trials of {} epoch(s) (all folds), this search "
          + "trains {}: its trials' values compare networks trained for different lengths",
          config.projectName, steps, trained);
    }
    study.setUserAttr(TASK_ATTR, Map.of("kind", task.kind().name(),
        "input_shape", Arrays.stream(task.inputShape()).boxed().toList(),
        "classes", task.classes(), "objective", config.metric.label(),
        "scores", config.objectiveLabels().subList(1, config.objectiveLabels().size()),
        "steps", trained, "epochs", objective.epochs(), "fold_reports", objective.foldReports()));
    // trials cut off by a dead process whose heartbeat is already stale: failed, and their
    // parameters enqueued again, before counting what is left to do
    storage.heartbeat().ifPresent(h -> h.failStaleTrials(study.id()));
    if (termination.alreadyDone(study, config.projectName)) {
      objective.close();
      return;
    }
    try (objective) {
      searching = true;
      // a trial with a live heartbeat holds its place: another search of this project runs it,
      // or a process that died within the grace, whose trial is then failed and retried; rounds
      // repeat while places are left (such a retry takes a round's place twice) and trials finish
      for (int before = -1, finished = finishedTrials(); finished > before;
          before = finished, finished = finishedTrials()) {
        int live = storage.heartbeat().map(h -> h.liveTrials(study.id()).size()).orElse(0);
        int remaining = config.maxTrials - finished - live;
        if (remaining <= 0 || Thread.currentThread().isInterrupted()) {
          if (before < 0) {
            LOG.info("project {} already has {} finished and {} running trials (maxTrials={}): "
                + "nothing to do", config.projectName, finished, live, config.maxTrials);
          }
          break;
        }
        failures.reset();
        TunerObjectives.optimize(study, objective.withWeightsSink(this::saveWeights), config,
            OptimizeOptions.trials(remaining).withJobs(config.jobs)
                .withHistory(config.parallelHistory));
        failures.check(config.projectName);
        if (termination.ended()) {
          break;
        }
      }
    } finally {
      searching = false;
    }
    // after close(): the folds' native copies are freed before the refit makes one of all rows
    if (objective.crossValidated()) {
      List<FrozenTrial> best = bestTrials(1);
      if (best.isEmpty()) {
        LOG.warn("project {}: no trial completed, so there is nothing to refit",
            config.projectName);
      } else {
        refit.ensure(objective, best.get(0));
      }
    }
    List<FrozenTrial> running = study.trials(TrialState.RUNNING);
    if (!running.isEmpty()) {
      LOG.info("project {}: trial(s) {} still RUNNING; if their process died, a search started "
          + "once their heartbeat is older than {} fails them and runs their parameters again",
          config.projectName, running.stream().map(FrozenTrial::number).toList(),
          config.heartbeatGrace);
    }
  }

  /**
   * Trials that count toward {@code maxTrials}: COMPLETE, PRUNED and FAIL, except failed trials
   * that were enqueued again (a retry of a trial cut off by a dead process replaces it).
   */
  private int finishedTrials() {
    return finishedTrials(study);
  }

  private static int finishedTrials(Study study) {
    List<FrozenTrial> finished = study.trials(TrialState.COMPLETE, TrialState.PRUNED,
        TrialState.FAIL);
    java.util.Set<Integer> retried = new java.util.HashSet<>();
    for (FrozenTrial t : study.trials()) {
      retried.addAll(RetryFailedTrialCallback.retryHistory(t));
    }
    return (int) finished.stream().filter(t -> !retried.contains(t.number())).count();
  }

  /**
   * Ends this process's search once the project has {@code maxTrials} finished trials, counting
   * those of other searches of the project running meanwhile (each computed its remaining trials
   * when it started).
   */
  private void stopAtMaxTrials(Study s, FrozenTrial finished) {
    if (searching && finishedTrials(s) >= config.maxTrials) {
      s.stop();
    }
  }

  private void saveWeights(Trial trial, Task fitted, FitResult fit) {
    Path file = ProjectStorage.writeTrialFile(projectDir, trial.number(), "weights.params",
        fit.weights());
    trial.setUserAttr("weights", ProjectStorage.recorded(projectDir, file));
  }

  /**
   * The {@code n} best COMPLETE trials, best first (ties: lower number first); with several
   * objectives ({@link TunerBuilder#objectives}), the Pareto front's trials, best first by the
   * first objective.
   */
  public List<FrozenTrial> bestTrials(int n) {
    requireOpen();
    if (n < 0) {
      throw new IllegalArgumentException("n=" + n + " must be >= 0");
    }
    return TunerObjectives.best(study, config, n);
  }

  /**
   * The hyperparameters the search has met, as Keras Tuner's {@code search_space_summary()} lists
   * them: each name with its range or choices and how many trials drew it (a conditional one, such
   * as an optimizer's momentum, only some). A {@link HyperModel} declares its hyperparameters as it
   * builds a trial's network, so a project before its first trial has none to list; a
   * hyperparameter whose range changed between runs is listed with each range it had.
   */
  public String searchSpaceSummary() {
    requireOpen();
    return SearchSpaceSummary.of(study.trials());
  }

  /** The hyperparameters of the {@code n} best trials, best first. */
  public List<Map<String, Object>> bestHyperparameters(int n) {
    return bestTrials(n).stream().map(FrozenTrial::params).toList();
  }

  /**
   * The networks of the {@code n} best trials, rebuilt from their parameters and loaded with their
   * saved best-epoch weights (for the trial refitted after a cross-validated search, the refit's),
   * best first (with several objectives, the Pareto front's, at most its size); fewer when
   * fewer trials completed, none before a search. The caller closes them.
   *
   * @throws IllegalStateException if trials completed but the project stores no task (input
   *     shape, classes) to build their networks for, or a trial cannot be rebuilt or loaded
   */
  public List<TrainedNetwork> bestModels(int n) {
    List<FrozenTrial> best = bestTrials(n);
    if (best.isEmpty()) {
      return List.of();   // n = 0, or nothing completed yet (as Keras Tuner before a search)
    }
    Task known = task;
    if (known == null) {
      throw new IllegalStateException("bestModels needs a search first: the task (input shape, "
          + "classes) comes from the search's data, and project " + config.projectName
          + " has none stored");
    }
    List<TrainedNetwork> models = new ArrayList<>();
    try {
      for (FrozenTrial t : best) {
        Path refitted = refit.weightsOf(t);
        Object file = refitted != null ? refitted : t.userAttrs().get("weights");
        if (file == null) {
          throw new IllegalStateException("trial " + t.number() + " has no saved weights");
        }
        models.add(network(t, ProjectStorage.resolve(projectDir, file.toString()), known));
      }
    } catch (RuntimeException e) {
      models.forEach(TrainedNetwork::close);
      throw e;
    }
    return models;
  }

  /** {@code t}'s network, rebuilt by the hypermodel and loaded from {@code file}. */
  private TrainedNetwork network(FrozenTrial t, Path file, Task known) {
    Block block;
    try {
      block = config.hyperModel.build(new FixedTrial(t.params(), t.number()), known);
    } catch (RuntimeException e) {
      throw new IllegalStateException("trial " + t.number() + " (params " + t.params()
          + ") cannot be rebuilt by this tuner's hypermodel: " + e.getMessage()
          + "; was the search space changed since the search?", e);
    }
    try {
      return TrainedNetwork.load(block, known, file);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("trial " + t.number() + ": " + e.getMessage()
          + "; was the hypermodel changed since the search?", e);
    }
  }

  /**
   * After a population-based search ({@link #populationBasedTraining},
   * {@link #populationBasedBandits}): the hyperparameters the best trial's network was trained
   * with, interval by interval along its lineage, such as a learning rate the population lowered
   * as training went on ({@link ScheduleReplay#perEpoch} gives it epoch by epoch).
   *
   * @throws IllegalStateException if no trial completed, or the best one is no population member's
   */
  public ScheduleReplay bestSchedule() {
    return refit.schedule(requireBest(), ProjectTask.epochs(study, 1));
  }

  private FrozenTrial requireBest() {
    return bestTrials(1).stream().findFirst().orElseThrow(() -> new IllegalStateException(
        "project " + config.projectName + " has no complete trial"));
  }

  /**
   * Trains the best trial again on {@code data}, typically the training and validation rows
   * together (Keras Tuner's advice to retrain on the entire data set; scikit-learn's
   * {@code refit}): after a population-based search the {@link #bestSchedule()} afresh, as Ray
   * Tune's {@code PopulationBasedTrainingReplay}, one network with no copying; after another
   * search the trial's configuration for its best epoch count (the folds' mean when
   * cross-validated). See {@link Refit}. The weights go to the trial's folder; from then on
   * {@link #bestModels(int)} returns them for that trial, in later processes too, until another
   * refit replaces them.
   *
   * @return the refitted network, which the caller closes
   * @throws IllegalStateException if no trial completed
   * @throws IllegalArgumentException if {@code data} do not fit the project's task
   */
  public TrainedNetwork refitBest(LabeledData data) {
    FrozenTrial best = requireBest();
    data.requireTrainable("training");
    if (!Task.of(data).equals(task)) {
      throw new IllegalArgumentException("project '" + config.projectName + "' was searched on "
          + task + ", but these data are " + Task.of(data));
    }
    return network(best, refit.refitOn(best, data, config.hyperModel, config.metric, config.seed,
        ProjectTask.epochs(study, 1)), task);
  }

  /** Keras Tuner's {@code results_summary()}: the study summary with the best 10 trials. */
  public String resultsSummary() {
    return resultsSummary(10);
  }

  /**
   * The summary with the best {@code top} trials, followed by the hyperparameters' importances
   * ({@link #paramImportances()}) once two complete trials differ in their score.
   */
  public String resultsSummary(int top) {
    requireOpen();
    String importances;
    try {
      importances = "\n" + paramImportances().format();
    } catch (ImportanceException e) {
      importances = "";
    }
    return "Results summary\nResults in " + projectDir + "\n" + TunerObjectives.line(config)
        + refit.summaryLine(bestTrials(1).stream().findFirst()) + study.summary(top)
        + importances;
  }

  /**
   * Which hyperparameters mattered: each one's share of the variation of the objective over the
   * project's complete trials (fANOVA, {@link ParamImportances#of}). Hyperparameters that only some
   * trials have (an optimizer's momentum) are left out; use
   * {@link dev.jtune.importance.ImportanceEvaluator#evaluate(List, List,
   * dev.jtune.importance.ImportanceTarget)} on {@code study().trials()} to ask about them.
   *
   * @throws ImportanceException with fewer than two complete trials, or when all score the same
   */
  public ParamImportances paramImportances() {
    requireOpen();
    return TunerObjectives.importances(study, config);
  }

  /** The hypermodel being tuned. */
  public HyperModel hyperModel() {
    return config.hyperModel;
  }

  /**
   * Closes the study's database; the networks {@link #bestModels} returned stay usable. Later
   * calls of {@code search}, {@code best*} and {@code resultsSummary} are refused.
   */
  @Override
  public void close() {
    closed = true;
    storage.close();
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException("tuner of project " + config.projectName + " is closed");
    }
  }

  private static void deleteTree(Path root) throws IOException {
    try (var paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
