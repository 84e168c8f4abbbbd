package dev.jtune.bench;

import dev.jtune.trial.Trial;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A family of synthetic learning curves, standing in for training a network (no training happens):
 * the validation loss of a configuration after {@code t} epochs is
 * {@code a + (l0 - a) * exp(-k t) + noise}, with {@code l0 = 2.3} (ten balanced classes), an
 * asymptote {@code a} and a rate {@code k} that depend on the hyperparameters, and Gaussian noise of
 * standard deviation {@link #NOISE} per epoch. The shape is that of a real tuning problem:
 *
 * <ul>
 *   <li>each optimizer has its best learning rate ({@code 1e-3} Adam, {@code 2e-2} momentum,
 *       {@code 1e-1} SGD); a rate above it converges faster to a worse asymptote, one below it
 *       converges slowly, so early and final rankings differ (curves cross);
 *   <li>a learning rate more than a decade above the best diverges: its loss climbs from the first
 *       epoch and is NaN from epoch 5 on;
 *   <li>width, dropout and batch size move the asymptote (best near 256 units, dropout 0.3,
 *       batch 64) and the batch size moves the rate.
 * </ul>
 *
 * Noise is a function of {@code (seed, trial number, epoch)}, so a run is reproducible.
 */
final class LearningCurves {
  /** The loss before training: log(10). */
  static final double INITIAL_LOSS = 2.3;
  /** Standard deviation of the per-epoch noise. */
  static final double NOISE = 0.01;
  /** The smallest noise-free final loss any configuration reaches (the asymptote's floor). */
  static final double FLOOR = 0.08;

  private static final List<String> OPTIMIZERS = List.of("sgd", "momentum", "adam");
  private static final List<Integer> BATCHES = List.of(32, 64, 128, 256);

  /** One configuration's hyperparameters. */
  record Config(double lr, int width, double dropout, String optimizer, int batch) {

    /** log10 of the learning rate's distance from the optimizer's best one. */
    double lrOffset() {
      double best = switch (optimizer) {
        case "adam" -> -3.0;
        case "momentum" -> -1.7;
        default -> -1.0;
      };
      return Math.log10(lr) - best;
    }

    boolean diverges() {
      return lrOffset() > 1.0;
    }

    double asymptote() {
      double u = lrOffset();
      double widthTerm = Math.log(width / 256.0) / Math.log(2);
      double batchTerm = Math.abs(Math.log(batch / 64.0) / Math.log(2));
      return FLOOR + 0.05 * u * u + 0.01 * widthTerm * widthTerm
          + 0.4 * (dropout - 0.3) * (dropout - 0.3) + 0.01 * batchTerm;
    }

    double rate() {
      double k = 0.15 * Math.pow(10, 0.25 * lrOffset()) * Math.pow(64.0 / batch, 0.3);
      return optimizer.equals("adam") ? 1.3 * k : k;
    }

    /** The loss after {@code epoch} epochs without noise; NaN once a diverging run blew up. */
    double trueLoss(int epoch) {
      if (diverges()) {
        return epoch >= 5 ? Double.NaN : INITIAL_LOSS * (1 + 0.2 * epoch);
      }
      double a = asymptote();
      return a + (INITIAL_LOSS - a) * Math.exp(-rate() * epoch);
    }
  }

  private final long seed;

  LearningCurves(long seed) {
    this.seed = seed;
  }

  /** Suggests a configuration; the search space of the benchmark. */
  static Config suggest(Trial trial) {
    return new Config(
        trial.suggestFloat("lr", 1e-4, 1.0, true),
        trial.suggestInt("width", 16, 1024, true),
        trial.suggestFloat("dropout", 0.0, 0.8),
        trial.suggestCategorical("optimizer", OPTIMIZERS),
        trial.suggestCategorical("batch", BATCHES));
  }

  /** The observed validation loss of trial {@code number} after {@code epoch} epochs. */
  double observed(Config config, int number, int epoch) {
    double clean = config.trueLoss(epoch);
    long key = seed * 0x9E3779B97F4A7C15L ^ ((long) number << 20) ^ epoch;
    return clean + NOISE * new SplittableRandom(key).nextGaussian();
  }
}
