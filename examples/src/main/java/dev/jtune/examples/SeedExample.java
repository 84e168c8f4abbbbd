package dev.jtune.examples;

import dev.jtune.dashboard.StudyReport;
import dev.jtune.nn.data.LabeledData;
import dev.jtune.nn.data.Split;
import dev.jtune.nn.data.Splitter;
import dev.jtune.nn.data.SyntheticClassification;
import dev.jtune.nn.model.MlpHyperModel;
import dev.jtune.nn.train.Metric;
import dev.jtune.nn.train.TrainedNetwork;
import dev.jtune.nn.tuner.Tuner;
import dev.jtune.sampler.RandomSampler;
import java.nio.file.Path;
import java.util.Map;

/**
 * The seed's Keras Tuner example, in Java. The Python original:
 *
 * <pre>
 * X, y = make_classification(n_samples=1000, n_features=20, n_classes=2, random_state=42)
 * X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=42)
 * def build_model(hp):   # units, layers, learning rate, optimizer
 *     ...
 * tuner = kt.RandomSearch(build_model, objective="val_accuracy", max_trials=10,
 *                         directory="my_dir", project_name="seed")
 * tuner.search(X_train, y_train, epochs=10, validation_split=0.2)
 * best_model = tuner.get_best_models(1)[0]
 * best_model.evaluate(X_test, y_test)
 * </pre>
 *
 * <p>Arguments (all optional): {@code trials epochs directory}. Prints the results summary, the
 * best hyperparameters and the best model's test accuracy.
 */
public final class SeedExample {

  private SeedExample() {}

  /** Runs the example; returns the best model's test accuracy. */
  public static double run(int trials, int epochs, Path directory) {
    // make_classification(n_samples=1000, n_features=20, n_classes=2, random_state=42)
    LabeledData data = SyntheticClassification.of(1000, 20, 2, 42).generate();
    // train_test_split(test_size=0.2, random_state=42)
    Split split = Splitter.shuffled(42).trainTest(data, 0.2);

    // build_model(hp): 1-3 Dense(units in 32..256, relu) layers, a sigmoid output, the optimizer
    // among SGD/Adam/RMSprop with a log-uniform learning rate, and the batch size
    MlpHyperModel hyperModel = MlpHyperModel.seedExample();

    try (Tuner tuner = Tuner.builder()
        .hyperModel(hyperModel)
        .objective("val_accuracy")
        .maxTrials(trials)
        .directory(directory)
        .projectName("seed")
        .overwrite(true)
        .sampler(new RandomSampler(42))
        .seed(42)
        .build()) {
      tuner.search(split.train(), epochs, 0.2);

      System.out.println(tuner.resultsSummary(3));
      StudyReport.write(tuner.study(), tuner.projectDirectory().resolve("report.html"));
      Map<String, Object> best = tuner.bestHyperparameters(1).get(0);
      System.out.println("best hyperparameters: " + best);
      try (TrainedNetwork model = tuner.bestModels(1).get(0)) {
        double accuracy = model.evaluate(split.held()).get(Metric.ACCURACY);
        System.out.printf("best model: test accuracy %.3f on %d samples%n", accuracy,
            split.held().rows());
        return accuracy;
      }
    }
  }

  public static void main(String[] args) {
    int trials = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    Path directory = Path.of(args.length > 2 ? args[2] : "my_dir");
    run(trials, epochs, directory);
  }
}
