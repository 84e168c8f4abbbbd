package dev.jtune.sampler.gp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jtune.space.SearchSpace;
import dev.jtune.study.Study;
import dev.jtune.study.StudyDirection;
import dev.jtune.trial.FrozenTrial;
import dev.jtune.trial.TrialState;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConditionsTest {
  @Test
  void learnsWhatAConditionalParameterDependsOn() {
    Study study = Study.builder().name("c").direction(StudyDirection.MINIMIZE)
        .sampler(new dev.jtune.sampler.RandomSampler(1)).build();
    study.optimize(t -> {
      String optimizer = t.suggestCategorical("optimizer", List.of("sgd", "adam", "rms"));
      int layers = t.suggestInt("layers", 1, 4);
      double v = layers;
      if (!optimizer.equals("adam")) {
        v += t.suggestFloat("momentum", 0, 1);
      }
      if (layers >= 3) {
        v += t.suggestInt("units_2", 8, 64);
      }
      if (t.number() % 2 == 0) {
        v += t.suggestFloat("noise", 0, 1); // present for no reason the other parameters give
      }
      return v;
    }, 40);
    List<FrozenTrial> trials = study.trials(TrialState.COMPLETE);
    SearchSpace joint = GpSampler.jointSpace(trials);
    Conditions conditions = Conditions.infer(joint, trials);
    assertThat(conditions.parents())
        .containsEntry("momentum", "optimizer").containsEntry("units_2", "layers")
        .doesNotContainKey("noise");
    assertThat(conditions.activeValues().get("momentum")).isEqualTo(Set.of(0.0, 2.0));
    assertThat(conditions.activeValues().get("units_2")).isEqualTo(Set.of(3.0, 4.0));
    assertThat(Conditions.modelled(joint, trials).names())
        .containsExactlyInAnyOrder("optimizer", "layers", "momentum", "units_2");
  }

  @Test
  void theGpTunesAParameterThatOnlyTheBestChoiceHas() {
    // the mixed problem of the benchmark suite in miniature: kind "b" is a trap at 0.3; kind "c"
    // reaches 0 only with its own beta at 0.7
    Map<String, Double> offset = Map.of("a", 1.0, "b", 0.3, "c", 0.0);
    Study study = Study.builder().name("m").direction(StudyDirection.MINIMIZE)
        .sampler(new GpSampler(GpConfig.defaults().withSeed(2))).build();
    study.optimize(t -> {
      double x = t.suggestFloat("x", -5, 5);
      String kind = t.suggestCategorical("kind", List.of("a", "b", "c"));
      double f = offset.get(kind) + 0.25 * (x - 1) * (x - 1);
      if (kind.equals("c")) {
        double beta = t.suggestFloat("beta", 0, 1);
        f += 2 * (beta - 0.7) * (beta - 0.7);
      }
      return f;
    }, 60);
    assertThat(study.bestTrial().param("kind")).isEqualTo("c");
    assertThat(study.bestValue()).isLessThan(0.01);
  }
}
