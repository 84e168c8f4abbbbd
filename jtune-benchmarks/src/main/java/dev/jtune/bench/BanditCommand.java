package dev.jtune.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jtune.sampler.gp.TimeVaryingUcb;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code pb2} benchmark: jtune's PB2 explore step ({@link TimeVaryingUcb}) on the synthetic
 * population histories that {@code peers/ray_pb2_explore.py} wrote and gave to Ray's
 * {@code _select_config} (the same histories for both). Each history's improvement is a known
 * quadratic, so a choice's regret is its squared distance from the optimum. Prints, per history
 * length: the median regret of Ray's choices, jtune's and a uniform random point's, jtune's wins,
 * and the median seconds per choice of each (jtune's timed on a second pass, after the JIT's
 * warm-up).
 */
@Command(name = "pb2", mixinStandardHelpOptions = true,
    description = "jtune's PB2 explore step on the histories ray_pb2_explore.py wrote.")
final class BanditCommand implements Callable<Integer> {

  @Option(names = "--json", required = true, paramLabel = "FILE",
      description = "the file ray_pb2_explore.py wrote")
  Path file;

  /** One history's choices. */
  private record Row(double ray, double jtune, double random, double raySeconds,
      double jtuneSeconds) {}

  @Override
  public Integer call() throws Exception {
    JsonNode runs = new ObjectMapper().readTree(file.toFile());
    for (JsonNode run : runs) {   // warm-up
      choose(run);
    }
    Map<Integer, List<Row>> byLength = new TreeMap<>();
    for (JsonNode run : runs) {
      long t0 = System.nanoTime();
      double[] choice = choose(run);
      double seconds = (System.nanoTime() - t0) / 1e9;
      double[] optimum = numbers(run.get("optimum"));
      SplittableRandom rng = new SplittableRandom(run.get("seed").asLong());
      double[] random = new double[optimum.length];
      Arrays.setAll(random, k -> rng.nextDouble());
      JsonNode ray = run.get("ray");
      byLength.computeIfAbsent(run.get("intervals").asInt(), k -> new ArrayList<>())
          .add(new Row(ray.get("regret").asDouble(), regret(choice, optimum),
              regret(random, optimum), ray.get("seconds").asDouble(), seconds));
    }
    System.out.println("| intervals | observations | Ray regret | jtune regret | random regret "
        + "| jtune better | Ray s | jtune s |");
    System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|");
    int members = runs.get(0).get("members").asInt();
    for (Map.Entry<Integer, List<Row>> e : byLength.entrySet()) {
      List<Row> rows = e.getValue();
      long wins = rows.stream().filter(r -> r.jtune() < r.ray()).count();
      System.out.printf("| %d | %d | %.3f | %.3f | %.3f | %d of %d | %.4f | %.4f |%n",
          e.getKey(), e.getKey() * members,
          OverheadCommand.median(rows.stream().map(Row::ray).toList()),
          OverheadCommand.median(rows.stream().map(Row::jtune).toList()),
          OverheadCommand.median(rows.stream().map(Row::random).toList()), wins, rows.size(),
          OverheadCommand.median(rows.stream().map(Row::raySeconds).toList()),
          OverheadCommand.median(rows.stream().map(Row::jtuneSeconds).toList()));
    }
    return 0;
  }

  private static double[] choose(JsonNode run) {
    List<TimeVaryingUcb.Observation> observed = new ArrayList<>();
    for (JsonNode h : run.get("history")) {
      observed.add(new TimeVaryingUcb.Observation(new TimeVaryingUcb.Point(h.get("time").asInt(),
          h.get("start").asDouble(), numbers(h.get("x"))), h.get("gain").asDouble()));
    }
    JsonNode query = run.get("query");
    return TimeVaryingUcb.suggest(observed, List.of(), query.get("time").asInt(),
        query.get("start").asDouble(), run.get("optimum").size(),
        new SplittableRandom(run.get("seed").asLong())).orElseThrow();
  }

  private static double[] numbers(JsonNode array) {
    double[] out = new double[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = array.get(i).asDouble();
    }
    return out;
  }

  private static double regret(double[] x, double[] optimum) {
    double s = 0;
    for (int k = 0; k < x.length; k++) {
      s += (x[k] - optimum[k]) * (x[k] - optimum[k]);
    }
    return s;
  }
}
