package dev.jtune.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jtune.sampler.Constraints;
import dev.jtune.sampler.RandomSampler;
import dev.jtune.sampler.Sampler;
import dev.jtune.sampler.auto.AutoSampler;
import dev.jtune.sampler.gp.GpConfig;
import dev.jtune.sampler.gp.GpSampler;
import dev.jtune.sampler.nsga.NsgaIIConfig;
import dev.jtune.sampler.nsga.NsgaIISampler;
import dev.jtune.sampler.tpe.TpeConfig;
import dev.jtune.sampler.tpe.TpeSampler;
import dev.jtune.study.Feasibility;
import dev.jtune.study.Hypervolume;
import dev.jtune.study.OptimizeOptions;
import dev.jtune.study.Study;
import dev.jtune.trial.FrozenTrial;
import dev.jtune.trial.TrialState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The {@code constrained} benchmark: the samplers that take constraints (the GP, TPE, the default,
 * NSGA-II for two objectives) and random search on the problems of {@link ConstrainedProblem}, one
 * JSON line per (sampler, problem, seed) with, at each checkpoint, the best feasible value (one
 * objective; {@code null} while no trial is feasible) or the hypervolume of the feasible trials
 * (two objectives), and the number of feasible trials; and the milliseconds per trial over the
 * whole study (the objectives cost microseconds, so this is the sampler's overhead; the JVM's
 * start is not counted, its warm-up is, in the first runs). Every study gets the constraints
 * function, so that feasibility is stored with each trial, random search's included.
 * {@code peers/optuna_constrained.py} prints the same for Optuna 3.1.
 */
@Command(name = "constrained", mixinStandardHelpOptions = true,
    description = {"Samplers with constraints (the GP, TPE, the default, NSGA-II) and random "
        + "search on Gardner et al. 2014, Gramacy et al. 2016's toy problem, Optuna's "
        + "quadratic_constraint example and BNH: best feasible value or feasible hypervolume at "
        + "checkpoints, feasible trials and milliseconds per trial "
        + "(peers/optuna_constrained.py prints the same for Optuna 3.1)."})
final class ConstrainedCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--problems", split = ",", defaultValue = "gardner,gramacy,quadratic,bnh",
      description = "default ${DEFAULT-VALUE}")
  List<String> problems;

  @Option(names = "--samplers", split = ",", defaultValue = "gp,tpe,auto,random,nsga2",
      description = "gp, tpe, auto, random, nsga2 (nsga2 on problems of two objectives only; "
          + "default ${DEFAULT-VALUE})")
  List<String> samplers;

  @Option(names = "--seeds", defaultValue = "10", description = "seeds 0 .. N-1")
  int seeds;

  @Option(names = "--trials", defaultValue = "100")
  int trials;

  @Option(names = "--checkpoints", split = ",", defaultValue = "25,50,100")
  List<Integer> checkpoints;

  @Override
  public Integer call() throws Exception {
    ObjectMapper json = new ObjectMapper();
    List<ConstrainedProblem> parsed = ConstrainedProblem.parse(problems);
    for (String sampler : samplers) {
      sampler(sampler, 0, t -> new double[0]);   // a typo fails before any study runs
    }
    for (String sampler : samplers) {
      for (ConstrainedProblem problem : parsed) {
        if (sampler.equals("nsga2") && problem.objectives() == 1) {
          continue;   // two generations of 50 in 100 trials say nothing of one objective
        }
        for (int seed = 0; seed < seeds; seed++) {
          Constraints constraints = problem::constraints;
          Study study = Study.builder().name(problem + "-" + seed)
              .directions(problem.directions()).sampler(sampler(sampler, seed, constraints))
              .constraints(constraints).build();
          long start = System.nanoTime();
          if (problem.objectives() == 1) {
            study.optimize(t -> problem.evaluate(t)[0], OptimizeOptions.trials(trials));
          } else {
            study.optimizeMulti(problem::evaluate, OptimizeOptions.trials(trials));
          }
          double millis = (System.nanoTime() - start) / 1e6;
          List<FrozenTrial> done = study.trials();
          Map<String, Object> line = new LinkedHashMap<>();
          line.put("tool", "jtune");
          line.put("sampler", sampler);
          line.put("problem", problem.name().toLowerCase(Locale.ROOT));
          line.put("seed", seed);
          line.put("trials", trials);
          line.put("ms_per_trial", millis / trials);
          line.put(problem.objectives() == 1 ? "best" : "hypervolume", atCheckpoints(done,
              problem));
          line.put("feasible", feasibleCounts(done));
          spec.commandLine().getOut().println(json.writeValueAsString(line));
          spec.commandLine().getOut().flush();
        }
      }
    }
    return 0;
  }

  /** A seeded sampler that takes {@code constraints} where it can (random search cannot). */
  static Sampler sampler(String name, long seed, Constraints constraints) {
    return switch (name) {
      case "gp" -> new GpSampler(GpConfig.defaults().withSeed(seed), constraints);
      case "tpe" -> new TpeSampler(TpeConfig.defaults().withSeed(seed), constraints);
      case "auto" -> new AutoSampler(seed, AutoSampler.DEFAULT_GP_TRIALS, constraints);
      case "random" -> new RandomSampler(seed);
      case "nsga2" -> new NsgaIISampler(
          NsgaIIConfig.defaults().withSeed(seed).withConstraints(constraints));
      default -> throw new IllegalArgumentException("unknown sampler " + name
          + "; gp, tpe, auto, random or nsga2");
    };
  }

  /** The complete, feasible trials among the first {@code c}. */
  private static List<FrozenTrial> feasible(List<FrozenTrial> trials, int c) {
    List<FrozenTrial> out = new ArrayList<>();
    for (FrozenTrial t : trials.subList(0, Math.min(c, trials.size()))) {
      if (t.state() == TrialState.COMPLETE && Feasibility.feasible(t)) {
        out.add(t);
      }
    }
    return out;
  }

  /**
   * By checkpoint: the least feasible value ({@code null} while there is none) for one objective,
   * the hypervolume of the feasible trials for two.
   */
  private Map<String, Double> atCheckpoints(List<FrozenTrial> trials,
      ConstrainedProblem problem) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (int c : checkpoints) {
      List<FrozenTrial> feasible = feasible(trials, c);
      if (problem.objectives() == 1) {
        OptionalDouble best = feasible.stream().mapToDouble(FrozenTrial::value).min();
        out.put(String.valueOf(c), best.isPresent() ? Double.valueOf(best.getAsDouble()) : null);
      } else {
        List<double[]> points = new ArrayList<>();
        for (FrozenTrial t : feasible) {
          points.add(t.values().stream().mapToDouble(Double::doubleValue).toArray());
        }
        out.put(String.valueOf(c), Hypervolume.of(points, problem.reference()));
      }
    }
    return out;
  }

  /** The number of feasible trials among the first {@code c}, by checkpoint. */
  private Map<String, Integer> feasibleCounts(List<FrozenTrial> trials) {
    Map<String, Integer> out = new LinkedHashMap<>();
    for (int c : checkpoints) {
      out.put(String.valueOf(c), feasible(trials, c).size());
    }
    return out;
  }
}
