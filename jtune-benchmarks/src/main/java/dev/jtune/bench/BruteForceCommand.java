package dev.jtune.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jtune.sampler.BruteForceSampler;
import dev.jtune.study.OptimizeOptions;
import dev.jtune.study.Study;
import dev.jtune.study.StudyDirection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code brute-force} benchmark, as {@code peers/optuna_brute_force.py} runs Optuna's: three
 * integers a, b, c in [0, n), c only when a is even, objective a + b + c, in memory, until the
 * sampler has tried every combination. One JSON line per seed: trials run, distinct combinations,
 * seconds.
 */
@Command(name = "brute-force", mixinStandardHelpOptions = true,
    description = "The brute-force sampler over a conditional space until it is exhausted.")
final class BruteForceCommand implements Callable<Integer> {

  @Option(names = "--n", defaultValue = "10")
  int n;

  @Option(names = "--seeds", split = ",", defaultValue = "0,1,2")
  List<Long> seeds;

  @Option(names = "--jobs", defaultValue = "1")
  int jobs;

  @Override
  public Integer call() throws Exception {
    ObjectMapper json = new ObjectMapper();
    for (long seed : seeds) {
      Study study = Study.builder().name("brute").direction(StudyDirection.MINIMIZE)
          .sampler(new BruteForceSampler(seed)).build();
      long started = System.nanoTime();
      study.optimize(trial -> {
        int a = trial.suggestInt("a", 0, n - 1);
        int b = trial.suggestInt("b", 0, n - 1);
        int c = a % 2 == 0 ? trial.suggestInt("c", 0, n - 1) : 0;
        return a + b + c;
      }, OptimizeOptions.trials(10 * n * n * n).withJobs(jobs));
      double seconds = (System.nanoTime() - started) / 1e9;
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("tool", "jtune");
      out.put("seed", seed);
      out.put("jobs", jobs);
      out.put("trials", study.trials().size());
      out.put("distinct", new HashSet<>(study.trials().stream().map(t -> t.params()).toList())
          .size());
      out.put("seconds", Math.round(seconds * 100) / 100.0);
      System.out.println(json.writeValueAsString(out));
    }
    return 0;
  }
}
