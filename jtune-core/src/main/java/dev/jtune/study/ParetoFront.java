package dev.jtune.study;

import dev.jtune.trial.FrozenTrial;
import java.util.ArrayList;
import java.util.List;

/** The non-dominated trials of a set, by their values and the study's directions. */
final class ParetoFront {
  private ParetoFront() {}

  static List<FrozenTrial> of(List<FrozenTrial> trials, List<StudyDirection> directions) {
    List<FrozenTrial> front = new ArrayList<>();
    for (FrozenTrial candidate : trials) {
      boolean dominated = false;
      for (FrozenTrial other : trials) {
        if (other != candidate && dominates(other, candidate, directions)) {
          dominated = true;
          break;
        }
      }
      if (!dominated) {
        front.add(candidate);
      }
    }
    return List.copyOf(front);
  }

  /** Whether {@code a} is at least as good as {@code b} in every objective and better in one. */
  static boolean dominates(FrozenTrial a, FrozenTrial b, List<StudyDirection> directions) {
    boolean better = false;
    for (int i = 0; i < directions.size(); i++) {
      double x = directions.get(i).toMinimized(a.values().get(i));
      double y = directions.get(i).toMinimized(b.values().get(i));
      if (x > y) {
        return false;
      }
      if (x < y) {
        better = true;
      }
    }
    return better;
  }
}
