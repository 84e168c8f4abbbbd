package dev.jtune.nn.data;

/**
 * Scales features to mean 0 and standard deviation 1 with statistics fitted on one data set (the
 * training split only, so that validation and test rows leak nothing) and applied to any other.
 * A constant feature is centred but not scaled. Features whose {@code mask} entry is {@code false}
 * (one-hot columns, say) are left alone.
 */
public final class Standardizer {

  private final double[] mean;
  private final double[] scale;

  private Standardizer(double[] mean, double[] scale) {
    this.mean = mean;
    this.scale = scale;
  }

  /** Fits on every feature of {@code train}. */
  public static Standardizer fit(LabeledData train) {
    boolean[] all = new boolean[train.sampleSize()];
    java.util.Arrays.fill(all, true);
    return fit(train, all);
  }

  /** Fits on the features where {@code mask} is true; the others pass through unchanged. */
  public static Standardizer fit(LabeledData train, boolean[] mask) {
    int w = train.sampleSize();
    if (mask.length != w) {
      throw new IllegalArgumentException("mask has " + mask.length + " entries for " + w
          + " features");
    }
    if (train.rows() == 0) {
      throw new IllegalArgumentException("cannot fit a standardizer on 0 rows");
    }
    double[] mean = new double[w];
    double[] scale = new double[w];
    float[] x = train.features();
    for (int i = 0; i < train.rows(); i++) {
      for (int j = 0; j < w; j++) {
        if (mask[j] && !Float.isFinite(x[i * w + j])) {
          // one would make the whole column's mean, and so every standardized value, NaN
          throw new IllegalArgumentException("cannot standardize feature " + j + ": row " + i
              + " holds " + x[i * w + j]);
        }
        mean[j] += x[i * w + j];
      }
    }
    for (int j = 0; j < w; j++) {
      mean[j] /= train.rows();
    }
    for (int i = 0; i < train.rows(); i++) {
      for (int j = 0; j < w; j++) {
        double d = x[i * w + j] - mean[j];
        scale[j] += d * d;
      }
    }
    for (int j = 0; j < w; j++) {
      double sd = Math.sqrt(scale[j] / train.rows());
      if (!mask[j]) {
        mean[j] = 0;
        scale[j] = 1;
      } else {
        scale[j] = sd > 0 ? sd : 1;
      }
    }
    return new Standardizer(mean, scale);
  }

  /** The fitted means (0 where masked out). */
  public double[] mean() {
    return mean.clone();
  }

  /** The fitted standard deviations (1 where masked out or constant). */
  public double[] scale() {
    return scale.clone();
  }

  /** A standardized copy of {@code data}, which must have as many features as the fitted set. */
  public LabeledData apply(LabeledData data) {
    int w = data.sampleSize();
    if (w != mean.length) {
      throw new IllegalArgumentException("data has " + w + " features, the standardizer was fitted"
          + " on " + mean.length);
    }
    float[] x = data.features().clone();
    for (int i = 0; i < data.rows(); i++) {
      for (int j = 0; j < w; j++) {
        x[i * w + j] = (float) ((x[i * w + j] - mean[j]) / scale[j]);
      }
    }
    return new LabeledData(x, data.rows(), data.sampleShape(), data.labels(), data.classes());
  }
}
