package dev.jtune.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jtune.sampler.Sampler;
import dev.jtune.sampler.auto.AutoSampler;
import dev.jtune.sampler.gp.GpSampler;
import dev.jtune.sampler.tpe.TpeSampler;
import dev.jtune.study.Study;
import dev.jtune.trial.FrozenTrial;
import java.util.List;
import org.junit.jupiter.api.Test;

class AutoSamplerTest extends SamplerContract {
  @Override
  protected Sampler newSampler(long seed) {
    return new AutoSampler(seed, 30);
  }


  @Override
  protected int trials() {
    return 60;
  }

  private static List<java.util.Map<String, Object>> params(Sampler sampler, int trials) {
    Study study = Study.builder().sampler(sampler).build();
    study.optimize(trial -> {
      double x = trial.suggestFloat("x", -5, 5);
      double y = trial.suggestFloat("y", -5, 5);
      return (x - 1) * (x - 1) + (y + 2) * (y + 2);
    }, trials);
    return study.trials().stream().map(FrozenTrial::params).toList();
  }

  @Test
  void servesTrialsBelowTheSwitchWithTheGpAndTheRestWithTpe() {
    assertThat(params(new AutoSampler(4, 1_000), 25)).isEqualTo(params(new GpSampler(4), 25));
    assertThat(params(new AutoSampler(4, 0), 25)).isEqualTo(params(new TpeSampler(4), 25));
  }

  private static List<FrozenTrial> twoObjectiveTrials(Sampler sampler, int trials) {
    Study study = Study.builder().directions(dev.jtune.study.StudyDirection.MINIMIZE,
        dev.jtune.study.StudyDirection.MINIMIZE).sampler(sampler).build();
    study.optimizeMulti(trial -> {
      double x = trial.suggestFloat("x", 0, 1);
      double y = trial.suggestFloat("y", 0, 1);
      return new double[] {x + y * y, 1 - x + y};
    }, dev.jtune.study.OptimizeOptions.trials(trials));
    return study.trials();
  }

  private static List<java.util.Map<String, Object>> twoObjectives(Sampler sampler, int trials) {
    return twoObjectiveTrials(sampler, trials).stream().map(FrozenTrial::params).toList();
  }

  /** Several objectives take the same road: the GP (ParEGO, past its startup), then TPE (MOTPE). */
  @Test
  void servesStudiesOfSeveralObjectivesLikewise() {
    List<FrozenTrial> gp = twoObjectiveTrials(new AutoSampler(5, 1_000), 30);
    assertThat(gp.stream().map(FrozenTrial::params).toList())
        .isEqualTo(twoObjectives(new GpSampler(5), 30));
    assertThat(gp.subList(20, 30)).allMatch(t -> t.systemAttrs()
        .containsKey(GpSampler.RELATIVE_PARAMS));
    assertThat(twoObjectives(new AutoSampler(5, 0), 30))
        .isEqualTo(twoObjectives(new TpeSampler(5), 30));
  }

  @Test
  void isTheDefaultSampler() {
    assertThat(Study.builder().build().sampler()).isInstanceOf(AutoSampler.class);
    assertThatThrownBy(() -> new AutoSampler(1, -1)).hasMessageContaining("gpTrials=-1");
  }
}
