package dev.jtune.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.jtune.storage.Storage;
import dev.jtune.storage.StudyId;
import dev.jtune.study.StudyDirection;
import dev.jtune.trial.FrozenTrial;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import dev.jtune.storage.jdbc.Durability;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code parallel} benchmark, the counterpart of {@code optuna_parallel.py}: for each sampler
 * and worker count N, a fresh study on the database, N separate JVM worker processes
 * ({@link ParallelWorker}) that connect and load it, then wait on a barrier; each then runs its
 * share of the trials with the objective returning the sum of squares of 5 floats at once.
 * Throughput is trials / (last worker's end - barrier release). The study is then read back and
 * checked exactly as the peer checks it (trial count, states, unique dense numbers, unique ids, the
 * workers' {@code (number, value)} pairs equal to what is stored) and deleted. One JSON line per
 * configuration, with the peer's fields plus {@code storage}, {@code storage_url} and {@code env}.
 */
@Command(name = "parallel",
    mixinStandardHelpOptions = true,
    description = {"Throughput of N worker processes sharing one study, as optuna_parallel.py "
        + "measures it.",
        "",
        "PostgreSQL is the peers' database: run `bash pg_setup.sh start` in a copy of "
            + "shared/peers first."})
final class ParallelCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--workers", arity = "1..*", defaultValue = "1,2,4,8", split = ",",
      paramLabel = "N", description = "Worker process counts (default: ${DEFAULT-VALUE}).")
  List<Integer> workers;

  @Option(names = "--samplers", arity = "1..*", defaultValue = "random", split = ",",
      paramLabel = "NAME", description = "Samplers: random, sobol (default: ${DEFAULT-VALUE}).")
  List<String> samplers;

  @Option(names = "--n-trials", defaultValue = "2000",
      description = "Trials per study, split among the workers (default: ${DEFAULT-VALUE}).")
  int trials;

  @Option(names = "--seed", defaultValue = "0", description = "Seed; worker i adds 1000*i "
      + "(default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--storage", defaultValue = "postgres", paramLabel = "NAME",
      description = "postgres or sqlite (default: ${DEFAULT-VALUE}).")
  String storage;

  @Option(names = "--durability", defaultValue = "FINISHED_TRIALS", paramLabel = "MODE",
      description = "Which commits wait for the disk: FULL, FINISHED_TRIALS, ASYNC "
          + "(default: ${DEFAULT-VALUE}).")
  Durability durability = Durability.FINISHED_TRIALS;

  @Option(names = "--pg-url", paramLabel = "JDBC_URL",
      description = "The PostgreSQL database (default: " + StorageRegistry.DEFAULT_PG_URL + ").")
  String pgUrl = StorageRegistry.DEFAULT_PG_URL;

  @Option(names = "--sqlite-path", paramLabel = "FILE",
      description = "The SQLite file for --storage sqlite (default: a file in java.io.tmpdir).")
  String sqlitePath = StorageRegistry.DEFAULT_SQLITE_PATH;

  /**
   * The JVM options the {@code jtune} launcher gives {@code jtune worker} processes (its
   * {@code worker_defaults}; a test keeps the two in step): worker processes are measured as jtune
   * starts them.
   */
  static final String LAUNCHER_WORKER_JVM_OPTIONS =
      "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:CICompilerCount=1 -Xss512k";

  @Option(names = "--worker-jvm-args", paramLabel = "ARGS",
      defaultValue = LAUNCHER_WORKER_JVM_OPTIONS,
      description = "JVM options of the worker processes (default: the jtune launcher's for "
          + "'jtune worker', \"${DEFAULT-VALUE}\"; \"\" for the JVM's defaults).")
  String workerJvmOptions = LAUNCHER_WORKER_JVM_OPTIONS;

  List<String> workerJvmArgs() {
    return Arrays.stream(workerJvmOptions.trim().split("\\s+"))
        .filter(s -> !s.isEmpty()).toList();
  }

  @Override
  public Integer call() throws Exception {
    if (!storage.equals("postgres") && !storage.equals("sqlite")) {
      throw new ParameterException(spec.commandLine(),
          "--storage must be postgres or sqlite, got '" + storage + "'");
    }
    for (String s : samplers) {
      SamplerRegistry.forOverhead().check(s);
    }
    StorageRegistry.Kind kind = StorageRegistry.defaults(sqlitePath, pgUrl, durability).get(storage);
    ObjectMapper json = new ObjectMapper()
        .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    for (String sampler : samplers) {
      for (int n : workers) {
        Map<String, Object> result = runConfig(kind, sampler, n);
        result.put("env", BenchEnvironment.current());
        out.println(json.writeValueAsString(result));
        out.flush();
        err.printf(Locale.ROOT, "parallel: %s/%s %d workers: %.1f trials/s, checks ok=%s%n",
            sampler, storage, n, (Double) result.get("trials_per_s"),
            ((Map<?, ?>) result.get("checks")).get("ok"));
        err.flush();
      }
    }
    return 0;
  }

  private Map<String, Object> runConfig(StorageRegistry.Kind kind, String sampler, int n)
      throws Exception {
    String studyName = StorageRegistry.STUDY_PREFIX + "parallel-" + sampler + "-" + n + "-"
        + ProcessHandle.current().pid() + "-" + System.currentTimeMillis();
    try (Storage storage = kind.factory().get()) {
      StudyId study = storage.createStudy(studyName, List.of(StudyDirection.MINIMIZE));
      List<Process> procs = new ArrayList<>();
      List<BufferedReader> readers = new ArrayList<>();
      String java = ProcessHandle.current().info().command().orElse("java");
      for (int i = 0; i < n; i++) {
        int share = trials / n + (i < trials % n ? 1 : 0);
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(workerJvmArgs());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"),
            ParallelWorker.class.getName(), String.valueOf(i), kind.url(), studyName, sampler,
            String.valueOf(share), String.valueOf(seed), durability.name()));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
        procs.add(p);
        readers.add(new BufferedReader(
            new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)));
      }
      for (BufferedReader r : readers) {
        String line = r.readLine();
        if (!"ready".equals(line)) {
          throw new IllegalStateException("a worker did not get ready; it said: " + line);
        }
      }
      double release = System.currentTimeMillis() / 1000.0;
      for (Process p : procs) {
        OutputStream in = p.getOutputStream();
        in.write("go\n".getBytes(StandardCharsets.UTF_8));
        in.flush();
      }
      List<Map<String, Object>> reports = new ArrayList<>();
      ObjectMapper plain = new ObjectMapper();
      for (int i = 0; i < n; i++) {
        String line = readers.get(i).readLine();
        @SuppressWarnings("unchecked")
        Map<String, Object> report = plain.readValue(line, Map.class);
        reports.add(report);
        procs.get(i).waitFor(1, TimeUnit.MINUTES);
      }
      double wall = reports.stream().mapToDouble(r -> ((Number) r.get("end")).doubleValue())
          .max().orElseThrow() - release;
      Map<String, Object> checks = checks(storage, study, reports);
      storage.deleteStudy(study);

      Map<String, Object> result = new LinkedHashMap<>();
      result.put("sampler", "jtune-" + sampler);
      result.put("workers", n);
      result.put("n_trials", trials);
      result.put("wall_s", wall);
      result.put("trials_per_s", trials / wall);
      List<Map<String, Object>> perWorker = new ArrayList<>();
      for (Map<String, Object> r : reports) {
        Map<String, Object> w = new LinkedHashMap<>();
        w.put("worker", r.get("worker"));
        w.put("n_run", r.get("n_run"));
        w.put("busy_s", ((Number) r.get("end")).doubleValue()
            - ((Number) r.get("start")).doubleValue());
        perWorker.add(w);
      }
      result.put("per_worker", perWorker);
      result.put("checks", checks);
      result.put("storage", kind.name());
      result.put("storage_url", kind.url());
      result.put("durability", durability.name());
      result.put("worker_jvm_args", workerJvmArgs());
      return result;
    }
  }

  private Map<String, Object> checks(Storage storage, StudyId study,
      List<Map<String, Object>> reports) throws IOException {
    List<FrozenTrial> stored = storage.trials(study);
    Map<String, Integer> states = new LinkedHashMap<>();
    Map<Integer, Double> values = new HashMap<>();
    List<Integer> numbers = new ArrayList<>();
    for (FrozenTrial t : stored) {
      states.merge(t.state().name(), 1, Integer::sum);
      numbers.add(t.number());
      values.put(t.number(), t.values().isEmpty() ? null : t.value());
    }
    Map<Integer, Double> seen = new HashMap<>();
    int duplicates = 0;
    int calls = 0;
    List<String> errors = new ArrayList<>();
    for (Map<String, Object> r : reports) {
      calls += ((Number) r.get("n_run")).intValue();
      if (r.get("error") != null) {
        errors.add((String) r.get("error"));
      }
      for (Object o : (List<?>) r.get("seen")) {
        List<?> pair = (List<?>) o;
        if (seen.put(((Number) pair.get(0)).intValue(), ((Number) pair.get(1)).doubleValue())
            != null) {
          duplicates++;
        }
      }
    }
    List<Integer> sorted = numbers.stream().sorted().toList();
    Map<String, Object> checks = new LinkedHashMap<>();
    checks.put("n_trials_stored", stored.size());
    checks.put("expected", trials);
    checks.put("states", states);
    checks.put("numbers_unique", new HashSet<>(numbers).size() == numbers.size());
    checks.put("numbers_are_0_to_n_minus_1",
        sorted.equals(java.util.stream.IntStream.range(0, trials).boxed().toList()));
    checks.put("trial_ids_unique",
        stored.stream().map(FrozenTrial::id).distinct().count() == stored.size());
    checks.put("objective_calls", calls);
    checks.put("duplicate_numbers_seen_by_workers", duplicates);
    checks.put("worker_values_match_storage", seen.equals(values));
    checks.put("worker_errors", errors);
    checks.put("ok", stored.size() == trials && (Boolean) checks.get("numbers_unique")
        && (Boolean) checks.get("numbers_are_0_to_n_minus_1")
        && (Boolean) checks.get("trial_ids_unique") && calls == trials && duplicates == 0
        && seen.equals(values) && states.getOrDefault("COMPLETE", 0) == trials
        && errors.isEmpty());
    return checks;
  }
}
