package dev.jtune.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jtune.sampler.RandomSampler;
import dev.jtune.sampler.Sampler;
import dev.jtune.sampler.gp.GpSampler;
import dev.jtune.sampler.nsga.NsgaIIConfig;
import dev.jtune.sampler.nsga.NsgaIISampler;
import dev.jtune.sampler.tpe.TpeSampler;
import dev.jtune.study.Hypervolume;
import dev.jtune.study.OptimizeOptions;
import dev.jtune.study.Study;
import dev.jtune.trial.FrozenTrial;
import dev.jtune.trial.TrialState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The {@code pareto} benchmark: NSGA-II, multi-objective TPE, the GP's ParEGO (and random search,
 * for scale) on ZDT1-3 and DTLZ2, with
 * the hypervolume of the trials so far at checkpoints and the time per trial, one JSON line per
 * (sampler, problem, seed). {@code peers/optuna_pareto.py} prints the same for Optuna 3.1.
 */
@Command(name = "pareto", mixinStandardHelpOptions = true,
    description = {"Samplers of several objectives (NSGA-II, MOTPE, the GP's ParEGO, the default) "
        + "on ZDT1, ZDT2, ZDT3 and DTLZ2: hypervolume at checkpoints and seconds per trial "
        + "(peers/optuna_pareto.py prints the same for Optuna 3.1)."})
final class ParetoCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--problems", split = ",", defaultValue = "zdt1,zdt2,zdt3,dtlz2",
      description = "default ${DEFAULT-VALUE}")
  List<String> problems;

  @Option(names = "--samplers", split = ",", defaultValue = "nsga2",
      description = "nsga2, tpe, gp, auto, random (default ${DEFAULT-VALUE})")
  List<String> samplers;

  @Option(names = "--seeds", defaultValue = "10", description = "seeds 0 .. N-1")
  int seeds;

  @Option(names = "--trials", defaultValue = "1000")
  int trials;

  @Option(names = "--checkpoints", split = ",", defaultValue = "200,500,1000")
  List<Integer> checkpoints;

  @Override
  public Integer call() throws Exception {
    ObjectMapper json = new ObjectMapper();
    for (String sampler : samplers) {
      for (ParetoProblem problem : ParetoProblem.parse(problems)) {
        for (int seed = 0; seed < seeds; seed++) {
          Study study = Study.builder().name(problem + "-" + seed)
              .directions(problem.directions()).sampler(sampler(sampler, seed)).build();
          long start = System.nanoTime();
          study.optimizeMulti(problem::evaluate, OptimizeOptions.trials(trials));
          double seconds = (System.nanoTime() - start) / 1e9;
          Map<String, Object> line = new LinkedHashMap<>();
          line.put("tool", "jtune");
          line.put("sampler", sampler);
          line.put("problem", problem.name().toLowerCase(java.util.Locale.ROOT));
          line.put("seed", seed);
          line.put("trials", trials);
          line.put("seconds_per_trial", seconds / trials);
          line.put("hypervolume", hypervolumes(study.trials(), problem.reference()));
          spec.commandLine().getOut().println(json.writeValueAsString(line));
          spec.commandLine().getOut().flush();
        }
      }
    }
    return 0;
  }

  private static Sampler sampler(String name, long seed) {
    return switch (name) {
      case "nsga2" -> new NsgaIISampler(NsgaIIConfig.defaults().withSeed(seed));
      case "tpe" -> new TpeSampler(seed);
      case "gp" -> new GpSampler(seed);   // ParEGO for several objectives
      case "auto" -> new dev.jtune.sampler.auto.AutoSampler(seed);
      case "random" -> new RandomSampler(seed);
      default -> throw new IllegalArgumentException("unknown sampler " + name
          + "; nsga2, tpe, gp, auto or random");
    };
  }

  /** The hypervolume of the first {@code c} trials, by checkpoint. */
  private Map<String, Double> hypervolumes(List<FrozenTrial> trials, double[] reference) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (int c : checkpoints) {
      List<double[]> points = new ArrayList<>();
      for (FrozenTrial t : trials.subList(0, Math.min(c, trials.size()))) {
        if (t.state() == TrialState.COMPLETE) {
          points.add(t.values().stream().mapToDouble(Double::doubleValue).toArray());
        }
      }
      out.put(String.valueOf(c), Hypervolume.of(points, reference));
    }
    return out;
  }
}
