package dev.jtune.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jtune.sampler.Sampler;
import dev.jtune.sampler.cmaes.CmaEsSampler;
import dev.jtune.study.OptimizeOptions;
import dev.jtune.study.Study;
import dev.jtune.study.StudyDirection;
import dev.jtune.trial.FrozenTrial;
import dev.jtune.trial.TrialState;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CmaEsSamplerTest extends SamplerContract {
  @Override
  protected Sampler newSampler(long seed) {
    return new CmaEsSampler(seed);
  }


  @Test
  void workersOnFourThreadsShareOneSearchThroughSystemAttributes() {
    Study study = Study.builder().name("cma-parallel").direction(StudyDirection.MINIMIZE)
        .sampler(new CmaEsSampler(8)).build();
    study.optimize(t -> {
      double a = t.suggestFloat("a", -3, 3);
      double b = t.suggestFloat("b", -3, 3);
      return (a - 1) * (a - 1) + (b + 2) * (b + 2);
    }, OptimizeOptions.trials(300).withJobs(4));
    List<FrozenTrial> trials = study.trials(TrialState.COMPLETE);
    Set<Integer> generations = new HashSet<>();
    for (FrozenTrial t : trials) {
      // trials started before the first one finished (at most one per job) knew no search space
      // yet and were sampled independently; every later one belongs to the CMA-ES search
      if (t.number() < 4 && !t.systemAttrs().containsKey(CmaEsSampler.X)) {
        continue;
      }
      assertThat(t.systemAttrs()).as("trial %d", t.number()).containsKeys(CmaEsSampler.RESTART, CmaEsSampler.GENERATION,
          CmaEsSampler.X);
      generations.add(((Number) t.systemAttrs().get(CmaEsSampler.GENERATION)).intValue());
    }
    assertThat(generations.size()).isGreaterThan(20);
    assertThat(study.bestValue()).isLessThan(1e-4);
  }
}
