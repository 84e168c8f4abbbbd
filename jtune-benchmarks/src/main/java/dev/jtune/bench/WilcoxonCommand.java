package dev.jtune.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jtune.pruner.Pruner;
import dev.jtune.pruner.WilcoxonConfig;
import dev.jtune.sampler.RandomSampler;
import dev.jtune.study.Study;
import dev.jtune.study.StudyDirection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code wilcoxon} benchmark: the Wilcoxon pruner on Optuna's documentation example, as
 * {@code peers/optuna_wilcoxon.py} runs it: the mean loss {@code (x - c)^2} over instances
 * {@code c} evenly spaced in [-1, 1], random search on x in [-1, 1], each trial evaluating the
 * instances in its own shuffled order, reporting each loss at the instance's id and returning the
 * mean so far when pruned. Per seed, with and without the pruner: instance evaluations, the best
 * trial's true mean loss over every instance, pruned trials and seconds; one JSON line per run.
 */
@Command(name = "wilcoxon", mixinStandardHelpOptions = true,
    description = "The Wilcoxon pruner on a mean over instances, with and without pruning.")
final class WilcoxonCommand implements Callable<Integer> {

  @Option(names = "--seeds", split = ",", defaultValue = "0,1,2,3,4,5,6,7,8,9")
  List<Long> seeds;

  @Option(names = "--trials", defaultValue = "100")
  int trials;

  @Option(names = "--instances", defaultValue = "100")
  int instances;

  @Option(names = "--p", defaultValue = "0.1", description = "the pruner's p threshold")
  double p;

  @Override
  public Integer call() throws Exception {
    ObjectMapper json = new ObjectMapper();
    for (long seed : seeds) {
      for (boolean pruned : new boolean[] {false, true}) {
        System.out.println(json.writeValueAsString(run(seed, pruned)));
      }
    }
    return 0;
  }

  private Map<String, Object> run(long seed, boolean pruned) {
    double[] c = new double[instances];
    for (int i = 0; i < instances; i++) {
      c[i] = -1 + 2.0 * i / (instances - 1);
    }
    SplittableRandom rng = new SplittableRandom(seed);
    long[] evaluations = new long[1];
    Study study = Study.builder().name("wilcoxon").direction(StudyDirection.MINIMIZE)
        .sampler(new RandomSampler(seed))
        .pruner(pruned ? Pruner.wilcoxon(WilcoxonConfig.defaults().withPThreshold(p))
            : Pruner.none()).build();
    long started = System.nanoTime();
    study.optimize(trial -> {
      double x = trial.suggestFloat("x", -1, 1);
      List<Integer> order = new ArrayList<>();
      for (int i = 0; i < instances; i++) {
        order.add(i);
      }
      Collections.shuffle(order, new java.util.Random(rng.nextLong()));
      double sum = 0;
      int n = 0;
      for (int i : order) {
        double loss = (x - c[i]) * (x - c[i]);
        sum += loss;
        n++;
        evaluations[0]++;
        trial.report(i, loss);
        if (pruned && trial.shouldPrune()) {
          break;
        }
      }
      return sum / n;
    }, trials);
    double seconds = (System.nanoTime() - started) / 1e9;
    double x = (double) study.bestParams().get("x");
    double truth = 0;
    for (double ci : c) {
      truth += (x - ci) * (x - ci) / instances;
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("tool", "jtune");
    out.put("pruner", pruned ? "wilcoxon" : "none");
    out.put("seed", seed);
    out.put("evaluations", evaluations[0]);
    out.put("best_true", truth);
    out.put("seconds", Math.round(seconds * 1000) / 1000.0);
    out.put("pruned_trials", study.trials().stream()
        .filter(t -> t.intermediateValues().size() < instances).count());
    return out;
  }
}
