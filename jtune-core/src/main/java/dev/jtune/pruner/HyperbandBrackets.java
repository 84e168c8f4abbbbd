package dev.jtune.pruner;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Hyperband's brackets for a minimum resource {@code r}, maximum resource {@code R} and reduction
 * factor {@code eta}: {@code n = s_max + 1} brackets where {@code s_max} is the largest {@code s}
 * with {@code r * eta^s <= R} (Optuna computes {@code floor(log_eta(R / r))} in floating point, which
 * can fall one short at exact powers, e.g. {@code R / r = 243, eta = 3}). Bracket {@code b} gets
 * {@code ceil(n * eta^s / (s + 1))} shares of the trials, {@code s = n - 1 - b} (the paper's number of
 * configurations per bracket, as a ratio); a trial's bracket is {@code crc32(studyName + "_" +
 * number) mod total shares}, walked through the brackets in order, as Optuna assigns them for the
 * same {@code r}, {@code R} and {@code eta}.
 *
 * @param budgets the shares of brackets {@code 0 .. n-1}
 */
record HyperbandBrackets(List<Integer> budgets) {

  HyperbandBrackets {
    budgets = List.copyOf(budgets);
  }

  /** The brackets for the given resources. */
  static HyperbandBrackets of(int minResource, int maxResource, int reductionFactor) {
    int sMax = 0;
    long resource = minResource;
    while (resource * reductionFactor <= maxResource) {
      resource *= reductionFactor;
      sMax++;
    }
    int count = sMax + 1;
    List<Integer> budgets = new ArrayList<>(count);
    for (int bracket = 0; bracket < count; bracket++) {
      int s = count - 1 - bracket;
      double share = count * Math.pow(reductionFactor, s) / (s + 1);
      budgets.add((int) Math.ceil(share));
    }
    return new HyperbandBrackets(budgets);
  }

  /** The number of brackets. */
  int count() {
    return budgets.size();
  }

  /** The sum of the brackets' shares. */
  long total() {
    long total = 0;
    for (int b : budgets) {
      total += b;
    }
    return total;
  }

  /** The bracket of trial {@code number} of the study named {@code studyName}. */
  int bracketOf(String studyName, int number) {
    CRC32 crc = new CRC32();
    crc.update((studyName + "_" + number).getBytes(StandardCharsets.UTF_8));
    long n = crc.getValue() % total();
    for (int bracket = 0; bracket < budgets.size(); bracket++) {
      n -= budgets.get(bracket);
      if (n < 0) {
        return bracket;
      }
    }
    throw new AssertionError("crc32 mod total always falls in a bracket");
  }
}
