package dev.jtune.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jtune.importance.ImportanceEvaluator;
import dev.jtune.importance.ImportanceTarget;
import dev.jtune.importance.ParamImportances;
import dev.jtune.space.CategoricalDistribution;
import dev.jtune.space.Distribution;
import dev.jtune.space.FloatDistribution;
import dev.jtune.space.IntDistribution;
import dev.jtune.storage.TrialTemplate;
import dev.jtune.study.Study;
import dev.jtune.trial.TrialState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The {@code importance} benchmark: how long jtune's parameter importances take, and what they say,
 * on the trials {@code peers/optuna_importance.py} wrote and evaluated with Optuna 3.1
 * (the same trials for both tools).
 */
@Command(name = "importance", mixinStandardHelpOptions = true,
    description = {"Times fANOVA, mean-decrease-impurity and PED-ANOVA importances on the trials that "
        + "peers/optuna_importance.py wrote (importance_N.csv), with its field names."})
final class ImportanceCommand implements Callable<Integer> {
  private static final List<String> CHOICES = List.of("a", "b", "c", "d", "e");

  @Spec
  CommandSpec spec;

  @Option(names = "--csv", required = true, split = ",", paramLabel = "FILE",
      description = "importance_N.csv files written by optuna_importance.py")
  List<Path> files;

  @Option(names = "--methods", split = ",", defaultValue = "fanova,mdi",
      description = "fanova, mdi, ped-anova (default ${DEFAULT-VALUE})")
  List<String> methods;

  @Option(names = "--repeats", defaultValue = "3", description = "timed evaluations (median kept)")
  int repeats;

  @Override
  public Integer call() throws IOException {
    ObjectMapper json = new ObjectMapper();
    for (Path file : files) {
      Study study = read(file);
      int n = study.trials().size();
      for (String method : methods) {
        ImportanceEvaluator evaluator = switch (method) {
          case "fanova" -> ImportanceEvaluator.fanova();
          case "mdi" -> ImportanceEvaluator.meanDecreaseImpurity();
          case "ped-anova" -> ImportanceEvaluator.pedAnova();
          default -> throw new IllegalArgumentException("unknown method " + method
              + "; fanova, mdi or ped-anova");
        };
        List<Double> seconds = new ArrayList<>();
        ParamImportances result = null;
        for (int r = 0; r < repeats; r++) {
          long start = System.nanoTime();
          result = evaluator.evaluate(study.trials(), List.of(), ImportanceTarget.value());
          seconds.add((System.nanoTime() - start) / 1e9);
        }
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("tool", "jtune");
        line.put("method", method);
        line.put("trials", n);
        line.put("seconds_median", seconds.stream().sorted().toList().get(seconds.size() / 2));
        line.put("seconds", seconds);
        line.put("importances", result.importances());
        spec.commandLine().getOut().println(json.writeValueAsString(line));
        spec.commandLine().getOut().flush();
      }
    }
    return 0;
  }

  /** The trials of one CSV file as a study in memory. */
  static Study read(Path file) throws IOException {
    Map<String, Distribution> dists = new LinkedHashMap<>();
    for (int i = 0; i < 8; i++) {
      dists.put("f" + i, FloatDistribution.uniform(0, 1));
    }
    dists.put("c", CategoricalDistribution.of(CHOICES.toArray()));
    dists.put("n", new IntDistribution(1, 100, true, 1));
    Study study = Study.builder().build();
    List<String> lines = Files.readAllLines(file);
    for (String row : lines.subList(1, lines.size())) {
      String[] cells = row.split(",");
      Map<String, Double> params = new LinkedHashMap<>();
      for (int i = 0; i < 8; i++) {
        params.put("f" + i, Double.parseDouble(cells[i]));
      }
      params.put("c", (double) CHOICES.indexOf(cells[8]));
      params.put("n", Double.parseDouble(cells[9]));
      study.addTrial(new TrialTemplate(TrialState.COMPLETE, List.of(Double.parseDouble(cells[10])),
          params, dists, new TreeMap<>(), Map.of(), Map.of()));
    }
    return study;
  }
}
