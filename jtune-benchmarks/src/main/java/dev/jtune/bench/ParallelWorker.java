package dev.jtune.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jtune.storage.jdbc.Durability;
import dev.jtune.storage.jdbc.JdbcStorage;
import dev.jtune.storage.jdbc.JdbcStorageConfig;
import dev.jtune.study.Study;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One worker process of the {@code parallel} benchmark (started by {@link ParallelCommand}, as
 * {@code optuna_parallel.py} starts its workers): connects, loads the study, prints {@code ready},
 * waits for a line on stdin (the barrier), runs its share of trials, and prints one JSON report
 * with the peer's fields {@code worker, start, end, n_run, seen, error} (times in epoch seconds).
 *
 * <pre>ParallelWorker index jdbcUrl study sampler trials seed durability</pre>
 */
public final class ParallelWorker {
  private ParallelWorker() {}

  public static void main(String[] args) throws Exception {
    if (System.getProperty(BenchCommand.LOG_LEVEL_PROPERTY) == null) {
      System.setProperty(BenchCommand.LOG_LEVEL_PROPERTY, "warn");
    }
    int index = Integer.parseInt(args[0]);
    String url = args[1];
    String studyName = args[2];
    String sampler = args[3];
    int trials = Integer.parseInt(args[4]);
    long seed = Long.parseLong(args[5]);
    Durability durability = Durability.valueOf(args[6]);
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    List<List<Object>> seen = new ArrayList<>();
    Map<String, Object> report = new LinkedHashMap<>();
    try (JdbcStorage storage = JdbcStorage.open(JdbcStorageConfig.of(url).withPoolSize(2)
        .withDurability(durability))) {
      Study study = Study.builder().name(studyName).storage(storage)
          .sampler(SamplerRegistry.forOverhead().create(sampler, seed + 1000L * index)).load();
      out.println("ready");
      new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      double start = System.currentTimeMillis() / 1000.0;
      String error = null;
      try {
        study.optimize(trial -> {
          double v = 0;
          for (int i = 0; i < 5; i++) {
            double x = trial.suggestFloat("x" + i, -5.0, 5.0);
            v += x * x;
          }
          seen.add(List.of(trial.number(), v));
          return v;
        }, trials);
      } catch (RuntimeException e) {
        error = e.toString();
      }
      double end = System.currentTimeMillis() / 1000.0;
      report.put("worker", index);
      report.put("start", start);
      report.put("end", end);
      report.put("n_run", seen.size());
      report.put("seen", seen);
      report.put("error", error);
    }
    out.println(new ObjectMapper().writeValueAsString(report));
    System.exit(0);
  }
}
