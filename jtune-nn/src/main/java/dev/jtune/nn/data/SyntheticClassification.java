package dev.jtune.nn.data;

import java.util.SplittableRandom;

/**
 * A seeded random classification problem, the algorithm of scikit-learn's
 * {@code make_classification} (after Guyon, "Design of experiments for the NIPS 2003 variable
 * selection benchmark", the Madelon generator):
 *
 * <ol>
 *   <li>{@code classes x clustersPerClass} clusters get distinct vertices of the hypercube
 *       {@code {-classSep, +classSep}^informative} as centroids, chosen as scikit-learn chooses
 *       them ({@code sample_without_replacement} over the vertices' binary indices, the first
 *       coordinate the most significant bit): when the clusters take nearly every vertex
 *       (at least 99 %), cluster {@code k} gets vertex {@code k}, in binary order, so that with
 *       the defaults (2 informative features, 2 classes of 2 clusters) each class's clusters
 *       differ in one coordinate and the classes are linearly separable; between 1 % and 99 %, a
 *       random permutation's first vertices; below, distinct random vertices. Samples are spread
 *       over clusters as evenly as possible, and cluster {@code k} has class {@code k mod classes}.
 *   <li>Each cluster's informative features are standard normal, multiplied by a random matrix with
 *       entries uniform on {@code [-1, 1]} (covariance), then shifted to the centroid.
 *   <li>{@code redundant} features are random linear combinations (uniform {@code [-1, 1]}
 *       weights) of the informative ones; {@code repeated} features copy random informative or
 *       redundant ones; the rest are standard normal noise.
 *   <li>A fraction {@code flipY} of the samples get a uniformly random class.
 *   <li>Samples are shuffled, then the feature columns.
 * </ol>
 *
 * <p>Deviation: the random numbers come from {@link SplittableRandom}, not NumPy's Mersenne
 * Twister, so a seed gives a problem of the same law as scikit-learn's for that seed, not the same
 * numbers; {@code shift} is 0 and {@code scale} 1, scikit-learn's defaults.
 *
 * @param samples number of samples, at least 1
 * @param features total number of features
 * @param informative features that carry the class
 * @param redundant linear combinations of informative features
 * @param repeated copies of informative or redundant features
 * @param classes number of classes, at least 2
 * @param clustersPerClass Gaussian clusters per class; {@code classes * clustersPerClass <= 2^informative}
 * @param classSep half the edge of the hypercube: larger separates the classes more
 * @param flipY fraction of labels replaced by a random class
 * @param seed the seed: equal specs give equal data
 */
public record SyntheticClassification(int samples, int features, int informative, int redundant,
    int repeated, int classes, int clustersPerClass, double classSep, double flipY, long seed) {

  public SyntheticClassification {
    if (samples < 1) {
      throw new IllegalArgumentException("samples=" + samples + " must be >= 1");
    }
    if (informative < 1 || redundant < 0 || repeated < 0) {
      throw new IllegalArgumentException("informative=" + informative + " must be >= 1, redundant="
          + redundant + " and repeated=" + repeated + " >= 0");
    }
    if (informative + redundant + repeated > features) {
      throw new IllegalArgumentException("informative=" + informative + " + redundant=" + redundant
          + " + repeated=" + repeated + " exceeds features=" + features);
    }
    if (classes < 2 || clustersPerClass < 1) {
      throw new IllegalArgumentException("classes=" + classes + " must be >= 2 and clustersPerClass="
          + clustersPerClass + " >= 1");
    }
    if (informative < 31 && (long) classes * clustersPerClass > (1L << informative)) {
      throw new IllegalArgumentException("classes=" + classes + " x clustersPerClass="
          + clustersPerClass + " must be <= 2^informative=" + (1L << informative));
    }
    if (!(classSep > 0 && classSep < Double.POSITIVE_INFINITY) || !(flipY >= 0 && flipY <= 1)) {
      throw new IllegalArgumentException("classSep=" + classSep + " must be > 0 and flipY=" + flipY
          + " in [0, 1] (classSep finite)");
    }
  }

  /**
   * scikit-learn's defaults for the given size: 2 informative, 2 redundant, 0 repeated features,
   * 2 clusters per class, class separation 1, 1% flipped labels; except where those cannot be
   * placed: with more than 2 classes the informative features grow to the fewest whose cube has a
   * corner per cluster ({@code 2^informative >= 2·classes}), and the redundant ones shrink to the
   * features left (so 3 features take 2 informative and 1 redundant).
   *
   * @throws IllegalArgumentException when {@code features} is fewer than the informative features
   *     the classes need, naming both
   */
  public static SyntheticClassification of(int samples, int features, int classes, long seed) {
    int informative = 2;
    while (informative < 62 && (1L << informative) < 2L * classes) {
      informative++;
    }
    if (informative > features) {
      throw new IllegalArgumentException(classes + " classes need " + informative
          + " informative features (2 clusters per class on the corners of a " + informative
          + "-dimensional cube, as make_classification places them), but features=" + features
          + "; raise features to " + informative + " or lower classes");
    }
    int redundant = Math.max(0, Math.min(2, features - informative));
    return new SyntheticClassification(samples, features, informative, redundant, 0, classes, 2,
        1.0, 0.01, seed);
  }

  /** A copy with another number of informative, redundant and repeated features. */
  public SyntheticClassification withFeatures(int informative, int redundant, int repeated) {
    return new SyntheticClassification(samples, features, informative, redundant, repeated, classes,
        clustersPerClass, classSep, flipY, seed);
  }

  /** A copy with another class separation, clusters per class and label-flip fraction. */
  public SyntheticClassification withDifficulty(double classSep, int clustersPerClass,
      double flipY) {
    return new SyntheticClassification(samples, features, informative, redundant, repeated, classes,
        clustersPerClass, classSep, flipY, seed);
  }

  /** Draws the data set. */
  public LabeledData generate() {
    SplittableRandom rng = new SplittableRandom(seed);
    int clusters = classes * clustersPerClass;
    int[] perCluster = new int[clusters];
    int assigned = 0;
    for (int k = 0; k < clusters; k++) {
      perCluster[k] = samples / classes / clustersPerClass;
      assigned += perCluster[k];
    }
    for (int i = 0; i < samples - assigned; i++) {
      perCluster[i % clusters]++;
    }
    double[][] x = new double[samples][features];
    int[] y = new int[samples];
    double[][] centroids = hypercubeVertices(clusters, rng);
    for (double[] row : x) {
      for (int j = 0; j < informative; j++) {
        row[j] = rng.nextGaussian();
      }
    }
    int stop = 0;
    for (int k = 0; k < clusters; k++) {
      int start = stop;
      stop += perCluster[k];
      double[][] a = uniformMatrix(informative, informative, rng);
      for (int i = start; i < stop; i++) {
        y[i] = k % classes;
        double[] mixed = new double[informative];
        for (int c = 0; c < informative; c++) {
          double s = 0;
          for (int r = 0; r < informative; r++) {
            s += x[i][r] * a[r][c];
          }
          mixed[c] = s + centroids[k][c];
        }
        System.arraycopy(mixed, 0, x[i], 0, informative);
      }
    }
    if (redundant > 0) {
      double[][] b = uniformMatrix(informative, redundant, rng);
      for (double[] row : x) {
        for (int c = 0; c < redundant; c++) {
          double s = 0;
          for (int r = 0; r < informative; r++) {
            s += row[r] * b[r][c];
          }
          row[informative + c] = s;
        }
      }
    }
    int useful = informative + redundant;
    for (int c = 0; c < repeated; c++) {
      int source = (int) ((useful - 1) * rng.nextDouble() + 0.5);
      for (double[] row : x) {
        row[useful + c] = row[source];
      }
    }
    for (double[] row : x) {
      for (int j = useful + repeated; j < features; j++) {
        row[j] = rng.nextGaussian();
      }
    }
    boolean[] flip = new boolean[samples];
    for (int i = 0; i < samples; i++) {
      flip[i] = rng.nextDouble() < flipY;
    }
    for (int i = 0; i < samples; i++) {
      if (flip[i]) {
        y[i] = rng.nextInt(classes);
      }
    }
    int[] rowOrder = Permutations.shuffled(samples, rng);
    int[] columnOrder = Permutations.shuffled(features, rng);
    float[] flat = new float[samples * features];
    float[] labels = new float[samples];
    for (int i = 0; i < samples; i++) {
      double[] row = x[rowOrder[i]];
      for (int j = 0; j < features; j++) {
        flat[i * features + j] = (float) row[columnOrder[j]];
      }
      labels[i] = y[rowOrder[i]];
    }
    return LabeledData.table(flat, features, labels, classes);
  }

  /**
   * {@code count} distinct vertices of {@code {-classSep, classSep}^informative}, as scikit-learn's
   * {@code _generate_hypercube}: the last (up to) 30 coordinates are the bits of indices drawn by
   * {@link #withoutReplacement}, most significant first; coordinates before them (beyond 30
   * informative features) are random bits.
   */
  private double[][] hypercubeVertices(int count, SplittableRandom rng) {
    int indexed = Math.min(informative, 30);
    int free = informative - indexed;
    double[][] vertices = new double[count][informative];
    for (double[] v : vertices) {
      for (int j = 0; j < free; j++) {
        v[j] = rng.nextBoolean() ? classSep : -classSep;
      }
    }
    int[] indices = withoutReplacement(1 << indexed, count, rng);
    for (int k = 0; k < count; k++) {
      for (int j = 0; j < indexed; j++) {
        boolean high = (indices[k] >>> (indexed - 1 - j) & 1) == 1;
        vertices[k][free + j] = high ? classSep : -classSep;
      }
    }
    return vertices;
  }

  /**
   * {@code count} distinct integers of {@code [0, population)} by scikit-learn's
   * {@code sample_without_replacement(method="auto")}: for a ratio {@code count / population}
   * of at least 0.99 reservoir sampling (which keeps {@code 0 .. count-1} in order when
   * {@code count == population}), strictly between 0.01 and 0.99 the first {@code count} of a
   * random permutation, else draws repeated until unseen.
   */
  static int[] withoutReplacement(int population, int count, SplittableRandom rng) {
    double ratio = (double) count / population;
    int[] out = new int[count];
    if (ratio > 0.01 && ratio < 0.99) {
      int[] order = Permutations.shuffled(population, rng);
      System.arraycopy(order, 0, out, 0, count);
    } else if (ratio < 0.2) {
      java.util.Set<Integer> seen = new java.util.HashSet<>();
      for (int k = 0; k < count; ) {
        int v = rng.nextInt(population);
        if (seen.add(v)) {
          out[k++] = v;
        }
      }
    } else {
      for (int k = 0; k < count; k++) {
        out[k] = k;
      }
      for (int i = count; i < population; i++) {
        int j = rng.nextInt(i + 1);
        if (j < count) {
          out[j] = i;
        }
      }
    }
    return out;
  }

  private static double[][] uniformMatrix(int rows, int cols, SplittableRandom rng) {
    double[][] m = new double[rows][cols];
    for (double[] row : m) {
      for (int c = 0; c < cols; c++) {
        row[c] = 2 * rng.nextDouble() - 1;
      }
    }
    return m;
  }
}
