package dev.jtune.sampler.gp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jtune.study.Study;
import dev.jtune.study.StudyDirection;
import dev.jtune.trial.FrozenTrial;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutputWarpingTest {

  private static List<Double> proposals(boolean warp) {
    Study study = Study.builder().name("warp").direction(StudyDirection.MAXIMIZE)
        .sampler(new GpSampler(GpConfig.defaults().withSeed(3).withStartupTrials(8)
            .withWarpOutputs(warp))).build();
    // A sharp peak among flat values: the long tail the warp pulls in.
    study.optimize(t -> {
      double x = t.suggestFloat("x", 0, 1);
      double y = t.suggestFloat("y", 0, 1);
      return Math.exp(8 * (x + y));
    }, 14);
    return study.trials().stream().skip(8).map(FrozenTrial::params)
        .map(p -> (Double) p.get("x")).toList();
  }

  @Test
  void theWarpChangesTheModelAndTheDefaultWarps() {
    assertThat(GpConfig.defaults().warpOutputs()).isTrue();
    assertThat(proposals(true)).isNotEqualTo(proposals(false));
  }
}
