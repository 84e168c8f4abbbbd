package dev.jtune.sampler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jtune.study.Study;
import dev.jtune.trial.FrozenTrial;
import org.junit.jupiter.api.Test;

class RandomSamplerTest {

  /**
   * Names with the same {@code String.hashCode()} and length draw independently: before, their
   * streams were seeded from the hash alone, so "Aa" and "BB" (or "lr0" and "n40") were equal in
   * every trial.
   */
  @Test
  void namesWithEqualHashCodesDrawIndependently() {
    assertThat("Aa".hashCode()).isEqualTo("BB".hashCode());
    assertThat("lr0".hashCode()).isEqualTo("n40".hashCode());
    Study s = Study.builder().sampler(new RandomSampler(7)).build();
    s.optimize(t -> t.suggestFloat("Aa", 0, 1) + t.suggestFloat("BB", 0, 1)
        + t.suggestFloat("lr0", 0, 1) + t.suggestFloat("n40", 0, 1), 5);
    for (FrozenTrial t : s.trials()) {
      assertThat(t.params().get("Aa")).isNotEqualTo(t.params().get("BB"));
      assertThat(t.params().get("lr0")).isNotEqualTo(t.params().get("n40"));
    }
  }
}
