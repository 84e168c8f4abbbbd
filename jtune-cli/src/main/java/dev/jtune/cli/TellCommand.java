package dev.jtune.cli;

import dev.jtune.storage.Storage;
import dev.jtune.storage.StudyId;
import dev.jtune.trial.FrozenTrial;
import dev.jtune.trial.TrialState;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code jtune tell}: finishes a trial started by {@code jtune ask} with its value (COMPLETE), or
 * as PRUNED or FAIL. A finished trial cannot be told again (exit 2).
 */
@Command(name = "tell", mixinStandardHelpOptions = true,
    description = "Finish a trial started by 'jtune ask': --value V, or --state pruned|fail.")
final class TellCommand implements Callable<Integer> {
  enum State { COMPLETE, PRUNED, FAIL }

  @Spec
  CommandSpec spec;

  @Mixin
  StorageOptions storage;

  @Option(names = "--study", required = true, paramLabel = "NAME", description = "The study.")
  String study;

  @Option(names = "--trial", required = true, paramLabel = "N", description = "The trial number "
      + "'jtune ask' printed.")
  int number;

  @Option(names = "--value", split = ",", paramLabel = "V", converter = ObjectiveValue.class,
      description = "The objective value (one per direction, comma-separated; nan, inf and -inf "
          + "as Python and awk print them).")
  List<Double> values;

  /**
   * A number as Java reads it, or NaN and the infinities as other programs print them
   * ({@code nan}, {@code inf}, {@code -inf}, {@code infinity}, any case), so that a script can pass
   * on what Python or awk printed.
   */
  static final class ObjectiveValue implements picocli.CommandLine.ITypeConverter<Double> {
    @Override
    public Double convert(String text) {
      String t = text.trim().toLowerCase(java.util.Locale.ROOT);
      return switch (t) {
        case "nan", "+nan", "-nan" -> Double.NaN;
        case "inf", "+inf", "infinity", "+infinity" -> Double.POSITIVE_INFINITY;
        case "-inf", "-infinity" -> Double.NEGATIVE_INFINITY;
        default -> {
          try {
            yield Double.valueOf(text.trim());
          } catch (NumberFormatException e) {
            throw new picocli.CommandLine.TypeConversionException("'" + text + "' is not a "
                + "number (nan, inf and -inf are accepted)");
          }
        }
      };
    }
  }

  @Option(names = "--constraints", split = ",", paramLabel = "C", converter = ObjectiveValue.class,
      description = "The trial's constraint values (comma-separated; each at most 0 where its "
          + "constraint holds, as Optuna's constraints_func returns them): stored with a "
          + "complete or pruned trial, and the best trial and the samplers keep to feasible ones.")
  List<Double> constraints;

  @Option(names = "--state", defaultValue = "complete", description = "complete (needs --value), "
      + "pruned or fail (default ${DEFAULT-VALUE}).")
  State state;

  @Override
  public Integer call() {
    try (Storage s = StorageUrls.open(storage.url, false)) {
      StudyId id = StorageOptions.find(s, storage.url, study);
      FrozenTrial trial = s.trials(id).stream().filter(t -> t.number() == number).findFirst()
          .orElseThrow(() -> new CliException(ExitCode.NOT_FOUND, "study '" + study
              + "' has no trial " + number));
      if (trial.isFinished()) {
        throw new CliException(ExitCode.USAGE, "trial " + number + " of study '" + study
            + "' is already " + trial.state() + "; a finished trial cannot change");
      }
      if (trial.state() != TrialState.RUNNING) {
        // as Optuna: an enqueued trial has not run, so it has no result to tell
        throw new CliException(ExitCode.USAGE, "trial " + number + " of study '" + study
            + "' is " + trial.state() + " (enqueued, not started); only a RUNNING trial can be "
            + "told");
      }
      List<Double> v = values == null ? List.of() : values;
      int directions = s.study(id).directions().size();
      if (state == State.COMPLETE && v.size() != directions) {
        throw new CliException(ExitCode.USAGE, "study '" + study + "' has " + directions
            + " direction(s); --value needs " + directions + " number(s), got " + v);
      }
      if (state == State.FAIL && !v.isEmpty()) {
        throw new CliException(ExitCode.USAGE, "a failed trial takes no --value");
      }
      if (state == State.PRUNED && !v.isEmpty() && v.size() != directions) {
        throw new CliException(ExitCode.USAGE, "a pruned trial takes no value or " + directions);
      }
      if (state == State.PRUNED && v.isEmpty() && directions == 1
          && !trial.intermediateValues().isEmpty()) {
        // as Optuna and jtune's own optimize: a pruned trial keeps its last reported value
        double last = trial.intermediateValues().get(
            java.util.Collections.max(trial.intermediateValues().keySet()));
        v = Double.isNaN(last) ? List.of() : List.of(last);   // a NaN report: pruned, no value
      }
      if (constraints != null) {
        if (state == State.FAIL) {
          throw new CliException(ExitCode.USAGE, "a failed trial takes no --constraints");
        }
        if (constraints.stream().anyMatch(c -> c.isNaN())) {
          throw new CliException(ExitCode.USAGE, "--constraints " + constraints + " contains "
              + "NaN; give a number per constraint (at most 0 where it holds)");
        }
      }
      boolean nan = state == State.COMPLETE && v.stream().anyMatch(x -> x.isNaN());
      List<String> declared = StudyRunner.storedConstraints(s.study(id).systemAttrs())
          .orElse(List.of());
      if (constraints == null && state == State.COMPLETE && !nan && !declared.isEmpty()) {
        // told without them, the trial would count as infeasible (or, while no trial has values,
        // the study as unconstrained): the bounds of its file would be lost without a word. A
        // trial that ends FAIL (a NaN value) or PRUNED needs none, as in 'jtune run'.
        throw new CliException(ExitCode.USAGE, "study '" + study + "' has constraints "
            + declared + " (its configuration); give trial " + number + "'s values with "
            + "--constraints C,... in that order, each at most 0 where its bound holds (for "
            + "'cost >= 3': 3 - cost; for 'size <= 20': size - 20)");
      }
      if (constraints != null && !declared.isEmpty() && constraints.size() != declared.size()) {
        throw new CliException(ExitCode.USAGE, "--constraints " + constraints + " has "
            + constraints.size() + " value(s), but study '" + study + "' has "
            + declared.size() + " constraint(s) " + declared);
      }
      TrialState target = TrialState.valueOf(state.name());
      if (state == State.FAIL) {
        s.setTrialSystemAttr(trial.id(), FrozenTrial.FAIL_REASON, "told FAIL by jtune tell");
      } else if (nan) {
        // Optuna's tell does the same: a NaN objective is a failed trial, not a usage error that
        // would leave it RUNNING for ever (an asked trial has no heartbeat to time it out)
        s.setTrialSystemAttr(trial.id(), FrozenTrial.FAIL_REASON,
            "jtune tell gave the value(s) " + v + "; NaN is not an objective value");
        spec.commandLine().getErr().println("jtune: trial " + number + " failed: its value "
            + v + " is NaN");
        target = TrialState.FAIL;
        v = List.of();
      }
      if (constraints != null && target != TrialState.FAIL) {
        // as Optuna: stored for a COMPLETE or PRUNED trial only, before its state
        s.setTrialSystemAttr(trial.id(), FrozenTrial.CONSTRAINTS, List.copyOf(constraints));
      }
      if (constraints == null && target != TrialState.FAIL && dev.jtune.study.Feasibility
          .constrained(s.trials(id, java.util.EnumSet.of(TrialState.COMPLETE, TrialState.PRUNED)))) {
        spec.commandLine().getErr().println("jtune: study '" + study + "' is constrained (its "
            + "trials carry constraint values) and trial " + number + " is told without "
            + "--constraints: it counts as infeasible");
      }
      if (!s.setTrialState(trial.id(), target, v)) {
        throw new CliException(ExitCode.USAGE, "trial " + number + " changed state meanwhile");
      }
      spec.commandLine().getOut().println("trial " + number + " of study '" + study + "': "
          + target + (v.isEmpty() ? "" : " " + (v.size() == 1 ? v.get(0) : v)));
      spec.commandLine().getOut().flush();
    }
    return ExitCode.OK.code();
  }
}
