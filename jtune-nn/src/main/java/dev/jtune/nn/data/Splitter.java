package dev.jtune.nn.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seeded splits of a data set: train/test, train/validation/test and k folds. With
 * {@code stratify} (classification only) every part keeps the class proportions of the whole, up to
 * rounding, and held-out parts leave every class at least one row for training (a rare class's
 * rounding share goes to the other classes); otherwise rows are shuffled and cut. The same seed
 * and data give the same split. A stratified part with fewer rows than there are classes, or
 * held-out parts the classes cannot fill that way, is an error, and k folds of a class with fewer
 * than k rows log a warning (scikit-learn's rules).
 *
 * @param seed the seed of the shuffles
 * @param stratify keep class proportions in every part (ignored for regression data)
 */
public record Splitter(long seed, boolean stratify) {
  private static final Logger LOG = LoggerFactory.getLogger(Splitter.class);

  /** A stratified splitter. */
  public static Splitter stratified(long seed) {
    return new Splitter(seed, true);
  }

  /** A splitter that shuffles and cuts, ignoring classes. */
  public static Splitter shuffled(long seed) {
    return new Splitter(seed, false);
  }

  /**
   * Holds out {@code ceil(testFraction * rows)} rows, both sides in a random order. The ceiling is
   * scikit-learn's, taken of the exact product: scikit-learn takes it of the floating-point one,
   * so where that lands just above a whole number it holds out one row more (0.07 of 100 rows:
   * 7 here, 8 there).
   */
  public Split trainTest(LabeledData data, double testFraction) {
    int[][] parts = cut(data, new double[] {testFraction}, new SplittableRandom(seed));
    return new Split(data.rows(parts[0]), data.rows(parts[1]));
  }

  /** Train, validation and test parts: {@code first} is train, then validation and test. */
  public List<LabeledData> trainValidationTest(LabeledData data, double validationFraction,
      double testFraction) {
    int[][] parts = cut(data, new double[] {validationFraction, testFraction},
        new SplittableRandom(seed));
    return List.of(data.rows(parts[0]), data.rows(parts[1]), data.rows(parts[2]));
  }

  /**
   * {@code k} folds: split {@code i} holds out fold {@code i} and trains on the others. Every row is
   * held out exactly once; fold sizes differ by at most one (per class, when stratified); each part
   * keeps the data's row order, as scikit-learn's folds do.
   */
  public List<Split> kFold(LabeledData data, int k) {
    if (k < 2 || k > data.rows()) {
      throw new IllegalArgumentException("k=" + k + " must be in [2, rows=" + data.rows() + "]");
    }
    if (stratifies(data)) {
      int[] counts = data.classCounts();
      if (java.util.Arrays.stream(counts).filter(n -> n > 0).allMatch(n -> n < k)) {
        // as scikit-learn's StratifiedKFold: no class fills the folds, so none is stratified
        throw new IllegalArgumentException("k=" + k + " stratified folds need a class with at "
            + "least k rows; the class counts are " + java.util.Arrays.toString(counts));
      }
      for (int c = 0; c < counts.length; c++) {
        if (counts[c] > 0 && counts[c] < k) {
          LOG.warn("class {} has {} rows, fewer than k={} folds: {} folds hold none of it "
              + "(scikit-learn warns the same)", c, counts[c], k, k - counts[c]);
        }
      }
    }
    int[] order = orderedForFolds(data, new SplittableRandom(seed));
    List<List<Integer>> folds = new ArrayList<>();
    for (int f = 0; f < k; f++) {
      folds.add(new ArrayList<>());
    }
    for (int p = 0; p < order.length; p++) {
      folds.get(p % k).add(order[p]);
    }
    List<Split> splits = new ArrayList<>();
    for (int f = 0; f < k; f++) {
      List<Integer> train = new ArrayList<>();
      for (int g = 0; g < k; g++) {
        if (g != f) {
          train.addAll(folds.get(g));
        }
      }
      // each part in the data's own row order, as scikit-learn's folds are: dealt from
      // class-grouped rows, a part's last rows were the last class's (a validation_split of it
      // would hold one class)
      int[] trainRows = ints(train);
      int[] heldRows = ints(folds.get(f));
      java.util.Arrays.sort(trainRows);
      java.util.Arrays.sort(heldRows);
      splits.add(new Split(data.rows(trainRows), data.rows(heldRows)));
    }
    return splits;
  }

  private boolean stratifies(LabeledData data) {
    return stratify && data.isClassification();
  }

  /** Rows grouped by class (each group shuffled) when stratifying, else one shuffled group. */
  private List<int[]> groups(LabeledData data, SplittableRandom rng) {
    List<int[]> groups = new ArrayList<>();
    if (!stratifies(data)) {
      groups.add(Permutations.shuffled(data.rows(), rng));
      return groups;
    }
    int[] counts = data.classCounts();
    int[][] byClass = new int[counts.length][];
    int[] filled = new int[counts.length];
    for (int c = 0; c < counts.length; c++) {
      byClass[c] = new int[counts[c]];
    }
    for (int i = 0; i < data.rows(); i++) {
      int c = data.classOf(i);
      byClass[c][filled[c]++] = i;
    }
    for (int[] g : byClass) {
      Permutations.shuffle(g, rng);
      groups.add(g);
    }
    return groups;
  }

  private int[] orderedForFolds(LabeledData data, SplittableRandom rng) {
    int[] order = new int[data.rows()];
    int p = 0;
    for (int[] g : groups(data, rng)) {
      System.arraycopy(g, 0, order, p, g.length);
      p += g.length;
    }
    return order;
  }

  /**
   * Part 0 gets the rest, part {@code j+1} gets {@code ceil(fractions[j] * rows)} rows, shared among
   * classes by largest remainder when stratifying.
   */
  private int[][] cut(LabeledData data, double[] fractions, SplittableRandom rng) {
    int n = data.rows();
    double total = 0;
    for (double f : fractions) {
      if (!(f > 0 && f < 1)) {
        throw new IllegalArgumentException("fraction=" + f + " must be in (0, 1)");
      }
      total += f;
    }
    if (total >= 1) {
      throw new IllegalArgumentException("held-out fractions sum to " + total + ", must be < 1");
    }
    List<int[]> groups = groups(data, rng);
    int parts = fractions.length + 1;
    List<List<Integer>> out = new ArrayList<>();
    for (int p = 0; p < parts; p++) {
      out.add(new ArrayList<>());
    }
    int[][] quota = new int[groups.size()][parts];
    // rows each group can still give to held-out parts; one row of every class stays for training
    int[] spare = new int[groups.size()];
    for (int g = 0; g < groups.size(); g++) {
      spare[g] = groups.size() == 1 ? groups.get(g).length : Math.max(0, groups.get(g).length - 1);
    }
    for (int j = 0; j < fractions.length; j++) {
      int wanted = (int) Math.ceil(fractions[j] * n - 1e-9);
      int[] share = largestRemainder(groups, wanted, n, spare, rng);
      if (share == null) {
        throw new IllegalArgumentException("fractions " + Arrays.toString(fractions)
            + " hold out more of " + n + " rows than "
            + (groups.size() > 1 ? "the classes can give while keeping one row of each class "
                + "for training" : "can be given while keeping one row for training")
            + " (part " + (j + 1) + " wants " + wanted + ")");
      }
      for (int g = 0; g < groups.size(); g++) {
        quota[g][j + 1] = share[g];
        spare[g] -= share[g];
      }
    }
    for (int g = 0; g < groups.size(); g++) {
      int[] rows = groups.get(g);
      int p = 0;
      for (int j = 1; j < parts; j++) {
        for (int q = 0; q < quota[g][j]; q++) {
          out.get(j).add(rows[p++]);
        }
      }
      while (p < rows.length) {
        out.get(0).add(rows[p++]);
      }
    }
    int present = (int) groups.stream().filter(g -> g.length > 0).count();
    int[][] result = new int[parts][];
    for (int p = 0; p < parts; p++) {
      result[p] = ints(out.get(p));
      Permutations.shuffle(result[p], rng);
      if (result[p].length == 0) {
        throw new IllegalArgumentException("fractions leave part " + p + " of " + n
            + " rows empty");
      }
      if (stratifies(data) && result[p].length < present) {
        throw new IllegalArgumentException("stratified part " + p + " gets " + result[p].length
            + " of " + n + " rows, fewer than the " + present + " classes it must hold "
            + "(fractions " + Arrays.toString(fractions) + ")");
      }
    }
    return result;
  }

  /**
   * {@code wanted} rows shared among groups in proportion to their sizes by largest remainder, no
   * group given more than its {@code spare} rows (what a capped group cannot take goes to the
   * others, largest remainder first, equal remainders in an order drawn from {@code rng}, as
   * scikit-learn breaks them at random); {@code null} when the groups cannot give {@code wanted}.
   */
  private static int[] largestRemainder(List<int[]> groups, int wanted, int n, int[] spare,
      java.util.random.RandomGenerator rng) {
    int[] share = new int[groups.size()];
    double[] remainder = new double[groups.size()];
    int given = 0;
    for (int g = 0; g < groups.size(); g++) {
      double exact = (double) wanted * groups.get(g).length / n;
      share[g] = Math.min((int) Math.floor(exact), spare[g]);
      remainder[g] = exact - share[g];
      given += share[g];
    }
    // drawn only when remainders tie, so that a split without ties keeps its rows across versions
    int[] order = ties(remainder, share, spare) ? Permutations.shuffled(groups.size(), rng)
        : java.util.stream.IntStream.range(0, groups.size()).toArray();
    while (given < wanted) {
      int best = -1;
      for (int g : order) {
        if (share[g] < spare[g] && (best < 0 || remainder[g] > remainder[best])) {
          best = g;
        }
      }
      if (best < 0) {
        return null;
      }
      share[best]++;
      remainder[best] -= 1;
      given++;
    }
    return share;
  }

  /** Whether two groups that could still take a row have equal remainders. */
  private static boolean ties(double[] remainder, int[] share, int[] spare) {
    java.util.Set<Double> seen = new java.util.HashSet<>();
    for (int g = 0; g < remainder.length; g++) {
      if (share[g] < spare[g] && !seen.add(remainder[g])) {
        return true;
      }
    }
    return false;
  }

  private static int[] ints(List<Integer> list) {
    return list.stream().mapToInt(Integer::intValue).toArray();
  }
}
