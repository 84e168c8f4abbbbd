package dev.jtune.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jtune.nn.TorchRuntime;
import dev.jtune.nn.data.CsvFormat;
import dev.jtune.nn.data.CsvLoader;
import dev.jtune.nn.data.LabeledData;
import dev.jtune.nn.data.Split;
import dev.jtune.nn.data.SyntheticClassification;
import dev.jtune.nn.model.Activation;
import dev.jtune.nn.model.MlpHyperModel;
import dev.jtune.nn.model.Task;
import dev.jtune.nn.optim.OptimizerSpec;
import dev.jtune.nn.train.FitLoop;
import dev.jtune.nn.train.Metric;
import dev.jtune.nn.train.TrainingPlan;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The cost of one seed-example trial with the configuration held fixed, the counterpart of
 * {@code scripts/seed_fit_cost.py}: the seed MLP (layers of 256 ReLU units, Adam 1e-3) trained for
 * 10 epochs on the 640 fitting rows and judged on the 160 validation rows after each epoch, for
 * batch sizes 16 and 64 and 1 or 3 layers. The {@code seed} benchmark compares whole studies,
 * whose two samplers pick different configurations (batch 16 costs about four times batch 64);
 * this compares the tools on the same ones. Milliseconds per fit, the median of {@code --fits}
 * fits after {@code --warmup} rounds of every configuration.
 */
@Command(name = "seed-fits", mixinStandardHelpOptions = true,
    description = "One seed-example trial's fit per fixed configuration, as seed_fit_cost.py "
        + "measures it.")
final class SeedFitsCommand implements Callable<Integer> {

  @Option(names = "--csv", description = "the data as seed_example.py sees it (seed_split.py)")
  Path csv;

  @Option(names = "--fits", defaultValue = "5", description = "fits per configuration")
  int fits;

  @Option(names = "--warmup", defaultValue = "1", description = "untimed rounds first")
  int warmup;

  @Override
  public Integer call() throws Exception {
    TorchRuntime.engine();
    LabeledData train = csv != null
        ? new CsvLoader(CsvFormat.classes("label")).load(csv).data().slice(0, 800)
        : SyntheticClassification.of(800, 20, 2, 42).generate();
    Split fitVal = Split.lastFraction(train, 0.2);
    Task task = Task.of(train);
    Map<String, Object> msPerFit = new LinkedHashMap<>();
    for (int round = 0; round <= warmup; round++) {
      for (int batch : new int[] {16, 64}) {
        for (int layers : new int[] {1, 3}) {
          int[] widths = new int[layers];
          Arrays.fill(widths, 256);
          double[] ms = new double[fits];
          for (int f = 0; f < fits; f++) {
            long start = System.nanoTime();
            new FitLoop(task, TrainingPlan.of(OptimizerSpec.Adam.of(1e-3), batch), 10,
                Metric.ACCURACY, f).fit(MlpHyperModel.network(task, widths, Activation.RELU, 0,
                false), fitVal.train(), fitVal.held(), List.of());
            ms[f] = (System.nanoTime() - start) / 1e6;
          }
          Arrays.sort(ms);
          msPerFit.put("batch" + batch + "_layers" + layers, ms[fits / 2]);
        }
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("tool", "jtune");
    out.put("ms_per_fit", msPerFit);
    out.put("fits", fits);
    out.put("env", BenchEnvironment.current());
    System.out.println(new ObjectMapper().writeValueAsString(out));
    return 0;
  }
}
