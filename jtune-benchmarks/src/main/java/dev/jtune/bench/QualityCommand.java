package dev.jtune.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.jtune.bench.problems.ProblemSuite;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code quality} benchmark: simple regret of jtune's samplers on the problem suite, the
 * counterpart of {@code optuna_quality.py run} with the same options, defaults (budget 100, levy10
 * 200, checkpoints 10/25/50/100/200, seeds 0-9), resumable {@code --out} file and output lines (see
 * {@link QualityResult}); sampler names get the prefix {@code jtune-}. Feed the file to
 * {@code optuna_quality.py summarize optuna.jsonl jtune.jsonl --rank-samplers ...}.
 */
@Command(name = "quality",
    mixinStandardHelpOptions = true,
    description = {"Sampler quality on the problems.py suite, as optuna_quality.py run measures it.",
        "",
        "One JSON line per problem x sampler x seed on stdout (and appended to --out, whose runs "
            + "are skipped when run again)."})
final class QualityCommand implements Callable<Integer> {
  static final String SAMPLER_PREFIX = "jtune-";

  @Spec
  CommandSpec spec;

  @Option(names = "--problems", arity = "1..*", split = ",", paramLabel = "NAME",
      description = "Problems (default: all of the suite).")
  List<String> problems;

  @Option(names = "--samplers", arity = "1..*", split = ",", paramLabel = "NAME",
      description = "Samplers (default: every registered one).")
  List<String> samplers;

  @Option(names = "--seeds", arity = "1..*", split = ",", paramLabel = "SEED",
      defaultValue = "0,1,2,3,4,5,6,7,8,9", description = "Seeds (default: ${DEFAULT-VALUE}).")
  List<Long> seeds;

  @Option(names = "--budget", defaultValue = "100",
      description = "Trials per run (default: ${DEFAULT-VALUE}).")
  int budget;

  /** The peer's {@code DEFAULT_BUDGET_OVERRIDE}; {@code --budget-override} adds to it. */
  private static final Map<String, Integer> DEFAULT_BUDGET_OVERRIDE = Map.of("levy10", 200);

  @Option(names = "--budget-override", arity = "0..*", split = ",", paramLabel = "PROBLEM=N",
      description = "Per-problem budgets, added to levy10=200 as in the peer.")
  List<String> budgetOverrides;

  @Option(names = "--checkpoints", arity = "1..*", split = ",", paramLabel = "N",
      defaultValue = "10,25,50,100,200", description = "Trial counts (default: ${DEFAULT-VALUE}).")
  List<Integer> checkpoints;

  @Option(names = "--out", description = "JSONL file to append to (resumable).")
  Path out;

  @Option(names = "--jobs", defaultValue = "1",
      description = "Runs in parallel threads (timings get noisier; default: ${DEFAULT-VALUE}).")
  int jobs;

  @Option(names = "--workers", defaultValue = "1",
      description = "Trials of one run in parallel threads, under the reproducible parallel "
          + "history (results do not depend on timing); runs with more than one are labelled "
          + "jtune-NAME-wN (default: ${DEFAULT-VALUE}).")
  int workers;

  @Option(names = "--quiet", description = "Do not echo the JSON lines on stdout.")
  boolean quiet;

  private final SamplerRegistry registry = SamplerRegistry.forQuality();

  /** One run: {@code sampler} is its label, {@code registered} the sampler's registered name. */
  private record Job(String problem, String sampler, long seed, int budget, String registered) {
    RunKey key() {
      return new RunKey(problem, sampler, seed, budget);
    }
  }

  /** What identifies a run in the output file. */
  private record RunKey(String problem, String sampler, long seed, int budget) {}

  @Override
  public Integer call() throws IOException, InterruptedException {
    if (problems == null) {
      problems = new ArrayList<>(ProblemSuite.all().keySet());
    }
    if (samplers == null) {
      samplers = new ArrayList<>(registry.names());
    }
    Map<String, Integer> budgets = validate();
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ObjectMapper json = new ObjectMapper()
        .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
    Set<RunKey> done = done(json);
    List<Job> jobsToRun = new ArrayList<>();
    for (String p : problems) {
      int b = budgets.getOrDefault(p, budget);
      for (String s : samplers) {
        for (long seed : seeds) {
          Job job = new Job(p, SAMPLER_PREFIX + s + (workers > 1 ? "-w" + workers : ""), seed, b,
              s);
          if (!done.contains(job.key())) {
            jobsToRun.add(job);
          }
        }
      }
    }
    err.printf("{\"event\": \"start\", \"n_jobs\": %d, \"skipped\": %d}%n", jobsToRun.size(),
        done.size());
    err.flush();
    String version = BenchEnvironment.current().jtuneVersion();
    ExecutorService pool = Executors.newFixedThreadPool(jobs);
    long t0 = System.nanoTime();
    try (Writer file = out == null ? Writer.nullWriter() : Files.newBufferedWriter(out,
        StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
      ExecutorCompletionService<QualityResult> completion = new ExecutorCompletionService<>(pool);
      for (Job job : jobsToRun) {
        completion.submit(() -> QualityRun.run(ProblemSuite.get(job.problem()), job.sampler(),
            registry.create(job.registered(), job.seed()), job.seed(), job.budget(), workers,
            checkpoints, version));
      }
      for (int i = 1; i <= jobsToRun.size(); i++) {
        QualityResult r;
        try {
          r = completion.take().get();
        } catch (ExecutionException e) {
          throw new IllegalStateException("a quality run failed: " + e.getCause(), e.getCause());
        }
        String line = json.writeValueAsString(r);
        file.write(line + "\n");
        file.flush();
        if (!quiet) {
          stdout.println(line);
          stdout.flush();
        }
        err.printf(Locale.ROOT, "{\"event\": \"done\", \"i\": %d, \"n\": %d, \"problem\": \"%s\", "
                + "\"sampler\": \"%s\", \"seed\": %d, \"wall_s\": %.3f, \"elapsed_s\": %.1f}%n",
            i, jobsToRun.size(), r.problem(), r.sampler(), r.seed(), r.wallS(),
            (System.nanoTime() - t0) / 1e9);
        err.flush();
      }
    } finally {
      pool.shutdownNow();
    }
    return 0;
  }

  private Map<String, Integer> validate() {
    List<String> problemsFound = new ArrayList<>();
    Map<String, Integer> budgets = new LinkedHashMap<>(DEFAULT_BUDGET_OVERRIDE);
    for (String kv : budgetOverrides == null ? List.<String>of() : budgetOverrides) {
      String[] parts = kv.split("=");
      try {
        if (parts.length != 2) {
          throw new NumberFormatException();
        }
        ProblemSuite.get(parts[0]);
        budgets.put(parts[0], Integer.parseInt(parts[1]));
      } catch (NumberFormatException e) {
        problemsFound.add("--budget-override wants PROBLEM=N, got '" + kv + "'");
      } catch (IllegalArgumentException e) {
        problemsFound.add(e.getMessage());
      }
    }
    for (String p : problems) {
      try {
        ProblemSuite.get(p);
      } catch (IllegalArgumentException e) {
        problemsFound.add(e.getMessage());
      }
    }
    for (String s : samplers) {
      try {
        registry.check(s);
      } catch (IllegalArgumentException e) {
        problemsFound.add(e.getMessage());
      }
    }
    if (budget < 1) {
      problemsFound.add("--budget must be >= 1, got " + budget);
    }
    budgets.forEach((p, b) -> {
      if (b < 1) {
        problemsFound.add("--budget-override " + p + " must be >= 1, got " + b);
      }
    });
    checkpoints.stream().filter(c -> c < 1)
        .forEach(c -> problemsFound.add("--checkpoints must be >= 1, got " + c));
    if (jobs < 1) {
      problemsFound.add("--jobs must be >= 1, got " + jobs);
    }
    if (workers < 1) {
      problemsFound.add("--workers must be >= 1, got " + workers);
    }
    if (!problemsFound.isEmpty()) {
      throw new ParameterException(spec.commandLine(), String.join("; ", problemsFound));
    }
    return budgets;
  }

  private Set<RunKey> done(ObjectMapper json) throws IOException {
    Set<RunKey> done = new HashSet<>();
    if (out == null || !Files.exists(out)) {
      return done;
    }
    for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
      if (line.isBlank()) {
        continue;
      }
      try {
        JsonNode r = json.readTree(line);
        done.add(new RunKey(r.get("problem").asText(), r.get("sampler").asText(),
            r.get("seed").asLong(), r.get("budget").asInt()));
      } catch (IOException | NullPointerException e) {
        throw new UncheckedIOException(new IOException(
            "cannot read a run from " + out + ": " + line, e));
      }
    }
    return done;
  }
}
