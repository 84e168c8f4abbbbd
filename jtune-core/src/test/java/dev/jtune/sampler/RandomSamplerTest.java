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

  /**
   * A define-by-run Sobol' trial that already has as many parameters as the direction-number table
   * has dimensions draws the next one at random (before: ArrayIndexOutOfBoundsException).
   */
  @Test
  void sobolPastItsDirectionTableDrawsAtRandom() {
    java.util.Map<String, Double> params = new java.util.LinkedHashMap<>();
    java.util.Map<String, dev.jtune.space.Distribution> distributions =
        new java.util.LinkedHashMap<>();
    for (int i = 0; i < SobolSequence.MAX_DIMENSIONS; i++) {
      params.put("p" + i, 0.5);
      distributions.put("p" + i, dev.jtune.space.FloatDistribution.uniform(0, 1));
    }
    Study s = Study.builder().sampler(new SobolSampler(3)).build();
    FrozenTrial trial = new FrozenTrial(new dev.jtune.storage.TrialId(1), 0,
        dev.jtune.trial.TrialState.RUNNING, java.util.List.of(), params, distributions,
        new java.util.TreeMap<>(), java.util.Map.of(), java.util.Map.of(), java.time.Instant.now(),
        null);
    double next = new SobolSampler(3).sampleIndependent(s.view(), trial, "next",
        dev.jtune.space.FloatDistribution.uniform(0, 1));
    assertThat(next).isEqualTo(new RandomSampler(3).sampleIndependent(s.view(), trial, "next",
        dev.jtune.space.FloatDistribution.uniform(0, 1)));      // the seeded random fallback
  }
}
