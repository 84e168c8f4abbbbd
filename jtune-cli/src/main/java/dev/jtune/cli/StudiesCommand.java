package dev.jtune.cli;

import dev.jtune.storage.Storage;
import dev.jtune.storage.StudyId;
import dev.jtune.storage.StudyRecord;
import dev.jtune.study.Feasibility;
import dev.jtune.study.Study;
import dev.jtune.study.StudyCopy;
import dev.jtune.study.StudyDirection;
import dev.jtune.study.StudySummary;
import dev.jtune.study.TrialExport;
import dev.jtune.trial.FrozenTrial;
import dev.jtune.trial.TrialState;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code jtune studies ...}: list, show, trials, best, importance, report, export and delete studies
 * in any storage.
 */
@Command(name = "studies", mixinStandardHelpOptions = true,
    description = "List, inspect, export and delete the studies of a storage.",
    subcommands = {StudiesCommand.ListStudies.class, StudiesCommand.Show.class,
        StudiesCommand.Trials.class, StudiesCommand.Best.class, ImportanceCommand.class,
        ReportCommand.class, StudiesCommand.Export.class, StudiesCommand.Copy.class,
        StudiesCommand.Delete.class})
final class StudiesCommand implements Runnable {
  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(),
        "a subcommand is needed: list, show, trials, best, importance, report, export or delete");
  }

  /**
   * A whole number below 10^15 in full ({@code 4020003}: parameter counts stay exact), anything
   * else in six significant digits without trailing zeros ({@code 0.94}, {@code 1.5e-07}),
   * whatever the default locale.
   */
  static String format(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return v == 0 && 1 / v < 0 ? "-0" : Long.toString((long) v);
    }
    String text = String.format(java.util.Locale.ROOT, "%.6g", v);
    int exponent = text.indexOf('e');
    String mantissa = exponent < 0 ? text : text.substring(0, exponent);
    if (mantissa.contains(".")) {
      mantissa = mantissa.replaceAll("0+$", "").replaceAll("\\.$", "");
    }
    return exponent < 0 ? mantissa : mantissa + text.substring(exponent);
  }

  static String value(FrozenTrial t) {
    if (t.values().isEmpty()) {
      return "-";
    }
    return t.values().size() == 1 ? format(t.values().get(0))
        : t.values().stream().map(StudiesCommand::format).toList().toString();
  }

  static Map<TrialState, Integer> counts(List<FrozenTrial> trials) {
    Map<TrialState, Integer> counts = new EnumMap<>(TrialState.class);
    for (TrialState s : TrialState.values()) {
      counts.put(s, 0);
    }
    trials.forEach(t -> counts.merge(t.state(), 1, Integer::sum));
    return counts;
  }

  static Optional<FrozenTrial> best(List<StudyDirection> directions, List<FrozenTrial> trials) {
    // in a constrained study, the best feasible trial (as Study.bestTrial)
    if (directions.size() != 1) {
      return Optional.empty();
    }
    boolean max = directions.get(0) == StudyDirection.MAXIMIZE;
    FrozenTrial best = null;
    List<FrozenTrial> complete = trials.stream()
        .filter(t -> t.state() == TrialState.COMPLETE && !Double.isNaN(t.value())).toList();
    for (FrozenTrial t : Feasibility.filter(complete)) {
      if (best == null || (max ? t.value() > best.value() : t.value() < best.value())) {
        best = t;
      }
    }
    return Optional.ofNullable(best);
  }

  /** Base of the subcommands: the storage options, the output flags and the printer. */
  abstract static class Sub implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    StorageOptions storage;

    PrintWriter out() {
      return spec.commandLine().getOut();
    }

    @Override
    public Integer call() {
      try (Storage s = StorageUrls.open(storage.url, false)) {
        run(s);
      }
      out().flush();
      return ExitCode.OK.code();
    }

    abstract void run(Storage s);
  }

  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "One line per study: name, directions, trial counts, best value.")
  static final class ListStudies extends Sub {
    @Option(names = "--json", description = "One JSON object per study.")
    boolean json;

    @Override
    void run(Storage s) {
      TextTable table = new TextTable("study", "direction", "trials", "complete", "pruned", "failed",
          "running", "best");
      for (StudyRecord r : s.studies()) {
        List<FrozenTrial> trials = s.trials(r.id());
        Map<TrialState, Integer> c = counts(trials);
        Optional<FrozenTrial> best = best(r.directions(), trials);
        if (json) {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("study", r.name());
          m.put("directions", r.directions().stream().map(Enum::name).toList());
          m.put("trials", trials.size());
          c.forEach((state, n) -> m.put(state.name().toLowerCase(Locale.ROOT), n));
          m.put("best_value", best.map(FrozenTrial::value).orElse(null));
          out().println(Json.line(m));
        } else {
          table.row(r.name(), r.directions().stream().map(d -> d.name().toLowerCase(Locale.ROOT)).toList()
                  .toString().replaceAll("[\\[\\]]", ""), trials.size(), c.get(TrialState.COMPLETE),
              c.get(TrialState.PRUNED), c.get(TrialState.FAIL), c.get(TrialState.RUNNING),
              best.map(StudiesCommand::value).orElse("-"));
        }
      }
      if (!json) {
        out().print(table);
      }
    }
  }

  /** A subcommand about one study. */
  abstract static class OneStudy extends Sub {
    @Option(names = "--study", required = true, paramLabel = "NAME", description = "The study.")
    String study;

    @Override
    void run(Storage s) {
      run(s, StorageOptions.find(s, storage.url, study));
    }

    abstract void run(Storage s, StudyId id);
  }

  @Command(name = "show", mixinStandardHelpOptions = true,
      description = "The study's directions, counts, attributes, best trial and top trials.")
  static final class Show extends OneStudy {
    @Option(names = "--top", defaultValue = "10", description = "Trials in the table "
        + "(default ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--json", description = "One JSON object.")
    boolean json;

    @Override
    void run(Storage s, StudyId id) {
      CliException.nonNegative("--top", top);
      StudyRecord r = s.study(id);
      List<FrozenTrial> trials = s.trials(id);
      if (json) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("study", r.name());
        m.put("directions", r.directions().stream().map(Enum::name).toList());
        // what each value measures, when the study names its objectives (else null)
        m.put("metric_names", dev.jtune.study.MetricNames.stored(r.systemAttrs(),
            r.directions().size()).orElse(null));
        Map<String, Object> counts = new LinkedHashMap<>();
        counts(trials).forEach((state, n) -> counts.put(state.name().toLowerCase(Locale.ROOT), n));
        m.put("counts", counts);
        List<FrozenTrial> complete = trials.stream()
            .filter(t -> t.state() == TrialState.COMPLETE).toList();
        // how many complete trials meet the constraints (null: an unconstrained study)
        m.put("feasible", Feasibility.constrained(complete)
            ? Feasibility.filter(complete).size() : null);
        m.put("best", best(r.directions(), trials).map(Json::trial).orElse(null));
        if (r.directions().size() > 1) {
          // several objectives have no one best trial: the Pareto front's numbers instead
          m.put("best_trials", Study.load(r.name(), s).bestTrials().stream()
              .map(FrozenTrial::number).toList());
        }
        m.put("user_attrs", r.userAttrs());
        Map<String, Object> system = new LinkedHashMap<>(r.systemAttrs());
        system.computeIfPresent(RunCommand.CONFIG_ATTR,   // as an earlier jtune may have stored it
            (k, v) -> StorageUrls.shown(v.toString()));
        // a population's decision log holds one entry per trial: counted, not listed (each
        // trial's segment is in its own attributes, `studies trials --json`)
        String log = dev.jtune.sampler.pbt.PopulationBasedSampler.DECISION_LOG_PREFIX;
        long decisions = system.keySet().stream().filter(k -> k.startsWith(log)).count();
        if (decisions > 0) {
          system.keySet().removeIf(k -> k.startsWith(log));
          system.put("pbt:decisions", decisions);
        }
        m.put("system_attrs", system);
        out().println(Json.line(m));
        return;
      }
      // without sampler and pruner lines: a loaded study has defaults, not the ones it ran with
      out().print(StudySummary.format(Study.load(r.name(), s), top, false));
      Object config = r.systemAttrs().get(RunCommand.CONFIG_ATTR);
      if (config != null) {
        out().println("stored configuration (jtune worker can join): "
            + StorageUrls.shown(config.toString().strip()));
      }
      if (!r.userAttrs().isEmpty()) {
        out().println("user attributes: " + r.userAttrs());
      }
    }
  }

  @Command(name = "trials", mixinStandardHelpOptions = true,
      description = "The study's trials: number, state, value, duration, parameters.")
  static final class Trials extends OneStudy {
    @Option(names = "--state", split = ",", paramLabel = "STATE",
        description = "Only these states: ${COMPLETION-CANDIDATES}.")
    List<TrialState> states;

    @Option(names = "--json", description = "One JSON object per trial.")
    boolean json;

    @Override
    void run(Storage s, StudyId id) {
      List<FrozenTrial> trials = s.trials(id, states == null || states.isEmpty()
          ? EnumSet.allOf(TrialState.class) : EnumSet.copyOf(states));
      TextTable table = new TextTable("number", "state", "value", "duration", "params");
      for (FrozenTrial t : trials) {
        if (json) {
          out().println(Json.line(Json.trial(t)));
        } else {
          table.row(t.number(), t.state(), value(t),
              t.duration().map(d -> String.format("%.2fs", d.toMillis() / 1000.0)).orElse("-"),
              t.params());
        }
      }
      if (!json) {
        out().print(table);
      }
    }
  }

  @Command(name = "best", mixinStandardHelpOptions = true,
      description = "The best trial: its number, value and parameters (exit 5 if none is complete).")
  static final class Best extends OneStudy {
    @Option(names = "--json", description = "One JSON object.")
    boolean json;

    @Override
    void run(Storage s, StudyId id) {
      StudyRecord r = s.study(id);
      List<FrozenTrial> trials = s.trials(id, EnumSet.of(TrialState.COMPLETE));
      List<FrozenTrial> best = r.directions().size() == 1
          ? best(r.directions(), trials).map(List::of).orElse(List.of())
          : Study.load(r.name(), s).bestTrials();
      if (best.isEmpty()) {
        throw new CliException(ExitCode.NOT_FOUND, "study '" + r.name() + "' has "
            + (trials.isEmpty() ? "no complete trial yet" : trials.size() + " complete "
                + "trial(s), but none meets its constraints"));
      }
      for (FrozenTrial t : best) {
        if (json) {
          out().println(Json.line(Json.trial(t)));
        } else {
          out().println("trial " + t.number() + "  value " + value(t) + "  params "
              + TextTable.oneLine(String.valueOf(t.params())));
        }
      }
    }
  }

  @Command(name = "export", mixinStandardHelpOptions = true,
      description = "Writes the trials as CSV or JSON (columns after Optuna's trials_dataframe: "
          + "number, state, values, times, duration_s, params_*, user_attrs_*, reason).")
  static final class Export extends OneStudy {
    enum Format { CSV, JSON }

    @Option(names = "--format", defaultValue = "csv",
        description = "csv or json (default ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
        description = "Write to this file (atomically) instead of standard output.")
    Path output;

    @Override
    void run(Storage s, StudyId id) {
      StudyRecord r = s.study(id);
      List<FrozenTrial> trials = s.trials(id);
      StringWriter text = new StringWriter();
      try {
        if (format == Format.CSV) {
          TrialExport.writeCsv(r.directions(), trials, text);
        } else {
          TrialExport.writeJson(r.name(), r.directions(), trials, text);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      if (output == null) {
        out().print(text);
        return;
      }
      OutputFile.check(output, storage.url, "the export");
      Study study = Study.load(r.name(), s);
      try {
        if (format == Format.CSV) {
          TrialExport.writeCsv(study, output);
        } else {
          TrialExport.writeJson(study, output);
        }
      } catch (UncheckedIOException e) {
        throw new CliException(ExitCode.FAILURE, "cannot write " + output + ": "
            + e.getCause().getMessage(), e);
      }
      spec.commandLine().getErr().println("wrote " + trials.size() + " trials to " + output);
      spec.commandLine().getErr().flush();
    }
  }

  @Command(name = "copy", mixinStandardHelpOptions = true,
      description = "Copies a study with all its trials into another storage (Optuna's "
          + "copy_study), e.g. from a SQLite file to PostgreSQL for many workers.")
  static final class Copy extends OneStudy {
    @Option(names = "--to-storage", required = true, paramLabel = "URL",
        description = "Where the copy goes (created if it is a new SQLite file).")
    String toStorage;

    @Option(names = "--to-study", paramLabel = "NAME",
        description = "The copy's name (default: the study's).")
    String toStudy;

    @Override
    void run(Storage s, StudyId id) {
      String name = toStudy != null ? toStudy : study;
      if (toStudy != null && toStudy.isBlank()) {
        throw new CliException(ExitCode.USAGE, "--to-study must not be blank");
      }
      try (Storage to = StorageUrls.open(toStorage, true)) {
        java.util.Optional<StudyId> existing = to.findStudy(name);
        if (existing.isPresent()) {
          boolean broken = StudyCopy.interrupted(to.study(existing.get()).systemAttrs());
          throw new CliException(ExitCode.USAGE, StorageUrls.shown(toStorage) + " has a study "
              + "named '" + name + "' already" + (broken ? " (an earlier copy that was "
              + "interrupted: it lacks trials); delete it (jtune studies delete --yes) and copy "
              + "again" : "; pick another with --to-study, or delete it first (jtune studies "
              + "delete)"));
        }
        Study copy = StudyCopy.copy(study, s, to, name);
        int running = copy.trials(TrialState.RUNNING).size();
        out().println("copied study '" + study + "' (" + copy.trials().size() + " trials) from "
            + StorageUrls.shown(storage.url) + " to " + StorageUrls.shown(toStorage)
            + (name.equals(study) ? "" : " as '" + name + "'")
            + (running > 0 ? "; " + running + " trial(s) were running and are copied as "
                + "running (their workers write to the original)" : ""));
      }
    }
  }

  @Command(name = "delete", mixinStandardHelpOptions = true,
      description = "Deletes a study and all its trials (needs --yes).")
  static final class Delete extends OneStudy {
    @Option(names = "--yes", description = "Confirm the deletion.")
    boolean yes;

    @Override
    void run(Storage s, StudyId id) {
      if (!yes) {
        throw new CliException(ExitCode.USAGE, "deleting study '" + study + "' and its "
            + s.trials(id).size() + " trials cannot be undone; add --yes to confirm");
      }
      StorageOptions.refuseDeletingWhileRunning(s, id, study);
      int n = s.trials(id).size();
      s.deleteStudy(id);
      out().println("deleted study '" + study + "' (" + n + " trials)");
    }
  }
}
