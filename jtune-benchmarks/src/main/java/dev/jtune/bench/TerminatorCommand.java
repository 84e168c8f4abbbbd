package dev.jtune.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.jtune.space.FloatDistribution;
import dev.jtune.storage.TrialTemplate;
import dev.jtune.study.Study;
import dev.jtune.study.StudyDirection;
import dev.jtune.terminator.CrossValidationError;
import dev.jtune.terminator.ErrorEvaluator;
import dev.jtune.terminator.ImprovementEvaluator;
import dev.jtune.trial.FrozenTrial;
import dev.jtune.trial.TrialState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code terminator} benchmark: jtune's terminator evaluators on the trials that
 * {@code peers/optuna_terminator.py} ran and judged with Optuna's (the same trials for both):
 * the regret bound and the cross-validation error at each checked trial count, where each tool
 * would have stopped, the true regret of the best trial there (the objective is known), and the
 * time of one regret-bound evaluation. One JSON object on stdout.
 */
@Command(name = "terminator", mixinStandardHelpOptions = true,
    description = "Evaluates jtune's terminator on the trials optuna_terminator.py wrote.")
final class TerminatorCommand implements Callable<Integer> {
  private static final FloatDistribution X = FloatDistribution.uniform(-2, 2);
  private static final FloatDistribution Y = FloatDistribution.logUniform(1e-3, 1);

  @Option(names = "--json", required = true, paramLabel = "FILE",
      description = "the file optuna_terminator.py wrote")
  Path file;

  @Override
  public Integer call() throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    JsonNode root = mapper.readTree(file.toFile());
    List<Map<String, Object>> runs = new ArrayList<>();
    for (JsonNode run : root.get("runs")) {
      runs.add(evaluate(run));
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("env", BenchEnvironment.current());
    out.put("optuna", root.get("optuna").asText());
    out.put("file", file.toString());
    out.put("runs", runs);
    System.out.println(mapper.copy().enable(SerializationFeature.INDENT_OUTPUT)
        .writeValueAsString(out));
    return 0;
  }

  private static Map<String, Object> evaluate(JsonNode run) {
    List<JsonNode> trials = new ArrayList<>();
    run.get("trials").forEach(trials::add);
    List<Map<String, Object>> checks = new ArrayList<>();
    Integer jtuneStop = null;
    Integer optunaStop = null;
    for (JsonNode check : run.get("optuna")) {
      int n = check.get("n").asInt();
      List<FrozenTrial> prefix = frozen(trials.subList(0, n));
      ImprovementEvaluator bound = ImprovementEvaluator.regretBound(0.5, 20,
          run.get("seed").asLong());
      long t0 = System.nanoTime();
      double jtune = bound.evaluate(prefix, StudyDirection.MAXIMIZE);
      double seconds = (System.nanoTime() - t0) / 1e9;
      double error = ErrorEvaluator.crossValidation().evaluate(prefix, StudyDirection.MAXIMIZE);
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("n", n);
      c.put("jtune_bound", jtune);
      c.put("optuna_bound", check.get("bound").asDouble());
      c.put("jtune_error", error);
      c.put("optuna_error", check.get("error").asDouble());
      c.put("jtune_seconds", seconds);
      c.put("optuna_seconds", check.get("seconds").asDouble());
      c.put("true_regret", trueRegret(trials.subList(0, n)));
      checks.add(c);
      if (jtuneStop == null && jtune < error) {
        jtuneStop = n;
      }
      if (optunaStop == null && check.get("bound").asDouble() < check.get("error").asDouble()) {
        optunaStop = n;
      }
    }
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("seed", run.get("seed").asInt());
    r.put("noise", run.get("noise").asDouble());
    r.put("jtune_stop", jtuneStop);
    r.put("optuna_stop", optunaStop);
    r.put("checks", checks);
    return r;
  }

  /** The trials as a study of jtune's would hold them, fold scores included. */
  private static List<FrozenTrial> frozen(List<JsonNode> trials) {
    Study study = Study.builder().direction(StudyDirection.MAXIMIZE).build();
    for (JsonNode t : trials) {
      List<Double> scores = new ArrayList<>();
      t.get("scores").forEach(s -> scores.add(s.asDouble()));
      study.storage().createTrial(study.id(), new TrialTemplate(TrialState.COMPLETE,
          List.of(t.get("value").asDouble()),
          Map.of("x", t.get("x").asDouble(), "y", t.get("y").asDouble()),
          Map.of("x", X, "y", Y), new java.util.TreeMap<>(),
          Map.of(CrossValidationError.SCORES, scores), Map.of()));
    }
    return study.trials();
  }

  /** How far the best trial (by its noisy value) is from the objective's maximum, 0. */
  private static double trueRegret(List<JsonNode> trials) {
    JsonNode best = trials.stream().max(java.util.Comparator.comparingDouble(
        (JsonNode t) -> t.get("value").asDouble())).orElseThrow();
    double x = best.get("x").asDouble();
    double y = best.get("y").asDouble();
    return (x - 0.5) * (x - 0.5) + Math.pow(Math.log10(y) + 1, 2);
  }
}
