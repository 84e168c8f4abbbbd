package dev.jtune.pruner;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HyperbandBracketsTest {

  @Test
  void bracketCountsAndSharesMatchHandComputedCases() {
    // r=1, R=100, eta=3: 3^4=81 <= 100 < 243, so 5 brackets; shares ceil(5 * 3^s / (s + 1)),
    // s = 4..0: 81, ceil(33.75)=34, 15, ceil(7.5)=8, 5 (Optuna's docstring example, and what
    // Optuna 3.1 computes).
    HyperbandBrackets b = HyperbandBrackets.of(1, 100, 3);
    assertThat(b.count()).isEqualTo(5);
    assertThat(b.budgets()).containsExactly(81, 34, 15, 8, 5);
    assertThat(b.total()).isEqualTo(143);
    // r=1, R=27, eta=3: 4 brackets, 27, ceil(4*9/3)=12, ceil(4*3/2)=6, 4.
    assertThat(HyperbandBrackets.of(1, 27, 3).budgets()).containsExactly(27, 12, 6, 4);
    // r=2, R=64, eta=2: 64/2 = 2^5, 6 brackets: 32, ceil(19.2)=20, 12, 8, 6, 6.
    assertThat(HyperbandBrackets.of(2, 64, 2).budgets()).containsExactly(32, 20, 12, 8, 6, 6);
    // r=R: one bracket.
    assertThat(HyperbandBrackets.of(5, 5, 3).budgets()).containsExactly(1);
  }

  @Test
  void exactPowersCountEveryBracket() {
    // Optuna's floor(log(243, 3)) + 1 gives 5 because log(243, 3) = 4.999999999999999 in floating
    // point; 1 * 3^5 = 243 <= 243, so there are 6.
    assertThat(HyperbandBrackets.of(1, 243, 3).count()).isEqualTo(6);
  }

  @Test
  void trialsGoToTheBracketsOptunaAssigns() {
    // Optuna 3.1, HyperbandPruner(1, 100, 3), study "hyperband-known", trials 0..19.
    HyperbandBrackets b = HyperbandBrackets.of(1, 100, 3);
    List<Integer> brackets = new ArrayList<>();
    for (int n = 0; n < 20; n++) {
      brackets.add(b.bracketOf("hyperband-known", n));
    }
    assertThat(brackets).containsExactly(1, 3, 0, 2, 0, 0, 4, 0, 0, 0, 0, 0, 0, 3, 2, 1, 2, 0, 3, 1);
  }

  @Test
  void bracketSizesFollowTheShares() {
    HyperbandBrackets b = HyperbandBrackets.of(1, 100, 3);
    int[] counts = new int[b.count()];
    int n = 14_300;
    for (int i = 0; i < n; i++) {
      counts[b.bracketOf("shares", i)]++;
    }
    for (int bracket = 0; bracket < b.count(); bracket++) {
      double expected = (double) n * b.budgets().get(bracket) / b.total();
      assertThat((double) counts[bracket]).as("bracket %d", bracket)
          .isBetween(expected * 0.85, expected * 1.15);
    }
  }
}
