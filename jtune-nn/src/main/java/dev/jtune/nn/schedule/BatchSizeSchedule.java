package dev.jtune.nn.schedule;

/**
 * The batch size per epoch: {@code initial}, multiplied by {@code growth} every {@code everyEpochs}
 * epochs, never above {@code max} ("don't decay the learning rate, increase the batch size",
 * Smith et al. 2018). {@code growth = 1} is a constant batch size.
 *
 * @param initial the batch size of epoch 1
 * @param growth the factor applied every {@code everyEpochs} epochs, at least 1
 * @param everyEpochs epochs between increases, at least 1
 * @param max the largest batch size
 */
public record BatchSizeSchedule(int initial, double growth, int everyEpochs, int max) {

  public BatchSizeSchedule {
    if (initial < 1 || max < initial) {
      throw new IllegalArgumentException("need 1 <= initial=" + initial + " <= max=" + max);
    }
    if (!(growth >= 1) || everyEpochs < 1) {
      throw new IllegalArgumentException("growth=" + growth + " must be >= 1 and everyEpochs="
          + everyEpochs + " >= 1");
    }
  }

  /** The same batch size every epoch. */
  public static BatchSizeSchedule constant(int size) {
    return new BatchSizeSchedule(size, 1, 1, size);
  }

  /** The batch size of epoch {@code epoch} (from 1). */
  public int sizeAt(int epoch) {
    if (epoch < 1) {
      throw new IllegalArgumentException("epoch=" + epoch + " must be >= 1");
    }
    double size = initial * Math.pow(growth, (epoch - 1) / everyEpochs);
    return (int) Math.min(max, Math.round(size));
  }

  /** The updates a fit of {@code epochs} epochs over {@code rows} rows makes (last batch kept). */
  public int totalSteps(int rows, int epochs) {
    return totalSteps(rows, epochs, false);
  }

  /**
   * The updates a fit of {@code epochs} epochs over {@code rows} rows makes; see
   * {@link #batchesPerEpoch(int, int, boolean)} for {@code foldSingleRow}.
   */
  public int totalSteps(int rows, int epochs, boolean foldSingleRow) {
    int steps = 0;
    for (int e = 1; e <= epochs; e++) {
      steps += batchesPerEpoch(rows, Math.min(sizeAt(e), rows), foldSingleRow);
    }
    return steps;
  }

  /**
   * The batches of one epoch over {@code rows} rows in batches of {@code batch}: the last, smaller
   * batch is kept, except that with {@code foldSingleRow} a last batch of one row joins the batch
   * before it (batch normalization cannot train on one row: PyTorch refuses it, and its variance
   * would be 0).
   */
  public static int batchesPerEpoch(int rows, int batch, boolean foldSingleRow) {
    int batches = (rows + batch - 1) / batch;
    return foldSingleRow && batches > 1 && rows % batch == 1 ? batches - 1 : batches;
  }
}
