package dev.jtune.cli;

import dev.jtune.cli.config.ConditionalSpace;
import dev.jtune.cli.config.Overrides;
import dev.jtune.cli.config.StudyConfig;
import dev.jtune.cli.config.StudyConfigParser;
import dev.jtune.cli.config.YamlSource;
import dev.jtune.storage.Storage;
import dev.jtune.study.Study;
import dev.jtune.trial.Trial;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code jtune ask}: starts a trial of a study for a shell script and prints its number and
 * parameters as one JSON line: {@code {"study": "s", "trial": 3, "params": {"lr": 0.01}}}. The
 * space and sampler come from the study's stored configuration, or from {@code --config FILE}
 * (which also creates the study and stores the configuration). Finish it with {@code jtune tell}.
 */
@Command(name = "ask", mixinStandardHelpOptions = true,
    description = {"Start a trial and print its number and parameters as JSON.",
        "Finish it with: jtune tell --storage URL --study NAME --trial N --value V"})
final class AskCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  StorageOptions storage;

  @Option(names = "--study", required = true, paramLabel = "NAME", description = "The study.")
  String study;

  @Option(names = "--config", paramLabel = "FILE", description = "A study file giving the space "
      + "and sampler; creates the study if needed.")
  Path config;

  @Override
  public Integer call() {
    String url = StorageUrls.normalize(storage.url);
    Overrides overrides = new Overrides(study, null, url, null, null, null, null, null, null, null);
    StudyConfig c = config == null ? null
        : StudyConfigParser.standard(config.toAbsolutePath().getParent())   // as run reads it
            .parse(overrides.apply(YamlSource.load(config)));
    try (Storage s = StorageUrls.open(url, config != null)) {
      if (c == null) {
        c = WorkerCommand.storedConfig(s, url, study, overrides);
      } else {
        c = StudyRunner.withStoredSeed(c, s, false);   // one seeded sequence over every ask
      }
      ConditionalSpace space = c.space();
      if (space.isEmpty()) {
        // the objective (a class, a builtin, a training section) suggests its own parameters
        // while it runs: an asked trial would hand out nothing and stay RUNNING; refused before
        // anything is stored
        throw new CliException(ExitCode.CONFIG, "study '" + study + "' declares no space: its "
            + "objective defines the parameters as it runs, so there is nothing to ask; run it "
            + "with jtune run or jtune worker");
      }
      Study st = StudyRunner.open(c, s, url);   // a file that cannot resume the study: exit 3
      if (config != null) {
        StudyRunner.studyAttrs(c, null).forEach((key, value) -> s.setStudySystemAttr(st.id(), key,
            value));
      }
      String done = nothingToAsk(s, st, c);
      if (done != null) {
        throw new CliException(ExitCode.DONE, "study '" + study + "' " + done
            + "; no trial was asked");
      }
      Trial trial = st.ask();
      Map<String, Object> params;
      try {
        params = space.suggest(trial);
      } catch (RuntimeException e) {
        // the trial must not stay RUNNING with no one to tell it (asked trials have no heartbeat)
        dev.jtune.storage.TrialId asked = s.trials(st.id()).stream()
            .filter(t -> t.number() == trial.number()).findFirst().orElseThrow().id();
        s.setTrialSystemAttr(asked, dev.jtune.trial.FrozenTrial.FAIL_REASON,
            "jtune ask could not suggest its parameters: " + e.getMessage());
        s.setTrialState(asked, dev.jtune.trial.TrialState.FAIL, java.util.List.of());
        throw new CliException(ExitCode.CONFIG, "trial " + trial.number() + " of study '" + study
            + "' could not be given parameters and is failed: " + e.getMessage(), e);
      }
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("study", study);
      m.put("trial", trial.number());
      m.put("params", params);
      // a population member's interval: where the script's training starts (the parent trial's
      // checkpoint, if any) and which checkpoints it may delete
      dev.jtune.sampler.pbt.Segment.of(trial.systemAttrs()).ifPresent(seg -> {
        Map<String, Object> segment = new LinkedHashMap<>();
        segment.put("member", seg.member());
        segment.put("interval", seg.index());
        segment.put("parent", seg.parent().isPresent() ? seg.parent().getAsInt() : null);
        segment.put("exploited", seg.exploited());
        segment.put("obsolete", seg.obsolete());
        m.put("segment", segment);
      });
      spec.commandLine().getOut().println(Json.line(m));
      spec.commandLine().getOut().flush();
    }
    return ExitCode.OK.code();
  }

  /**
   * Why the study has nothing to ask, or null: its budget of finished trials (the file's
   * {@code budget.trials}, over every run, worker and script) is reached, or its sampler has
   * nothing left to propose (a grid whose points are all handed out) and no enqueued trial waits,
   * or its terminator ({@code budget.terminate}) finds it done. Asking then would add a trial
   * beyond the budget, or one that fails.
   */
  private static String nothingToAsk(Storage s, Study st, StudyConfig c) {
    int finished = s.trialCount(st.id(), java.util.EnumSet.of(
        dev.jtune.trial.TrialState.COMPLETE, dev.jtune.trial.TrialState.PRUNED));
    if (finished >= c.trials()) {
      return "has its budget of " + c.trials() + " finished trials (" + finished + ")";
    }
    boolean waiting = s.trialCount(st.id(),
        java.util.EnumSet.of(dev.jtune.trial.TrialState.WAITING)) > 0;
    if (!waiting && st.sampler().isExhausted(st.view())) {
      return "has handed out every point its sampler has (" + st.sampler() + ")";
    }
    if (c.terminator().isPresent() && !waiting) {
      return terminated(s, st, c.terminator().get(), finished);
    }
    return null;
  }

  /** The study attribute keeping the last verdict of asks: {complete, terminate, why}. */
  static final String VERDICT_ATTR = "jtune:terminator";

  /**
   * Why the terminator finds the study done, or null. A costly verdict (a GP fit, seconds in a
   * large study) is kept with the study and made again, as the run's callback does, once the
   * study has grown by 2% past 100 trials: a script's loop asks once per trial.
   */
  private static String terminated(Storage s, Study st, dev.jtune.terminator.Terminator t,
      int finished) {
    if (s.study(st.id()).systemAttrs().get(VERDICT_ATTR) instanceof Map<?, ?> kept
        && kept.get("complete") instanceof Number n
        && !t.worthJudgingAgain(n.intValue(), finished)) {
      return Boolean.TRUE.equals(kept.get("terminate")) ? String.valueOf(kept.get("why")) : null;
    }
    // a study whose best trial lacks the scores cannot be judged: the runs warn, and it runs on
    return t.judgeIfPossible(st.trials(), st.direction()).map(verdict -> {
      String why = "is done by its budget.terminate: " + t.explain(verdict);
      s.setStudySystemAttr(st.id(), VERDICT_ATTR, Map.of("complete", finished,
          "terminate", verdict.terminate(), "why", why));
      return verdict.terminate() ? why : null;
    }).orElse(null);
  }
}
