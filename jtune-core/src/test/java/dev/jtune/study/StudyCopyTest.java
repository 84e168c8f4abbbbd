package dev.jtune.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jtune.sampler.RandomSampler;
import dev.jtune.storage.DuplicateStudyException;
import dev.jtune.storage.InMemoryStorage;
import dev.jtune.storage.StudyNotFoundException;
import dev.jtune.trial.FrozenTrial;
import dev.jtune.trial.TrialPrunedException;
import dev.jtune.trial.TrialState;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link StudyCopy}: a study moved to another storage reads as the original. */
class StudyCopyTest {

  @Test
  void theCopyHoldsEveryTrialAndAttributeOfTheOriginal() {
    InMemoryStorage from = new InMemoryStorage();
    Study original = Study.builder().name("o").storage(from).directions(StudyDirection.MAXIMIZE)
        .sampler(new RandomSampler(1)).constraints(t -> new double[] {0.5 - t.value()}).build();
    original.setMetricNames("accuracy");
    original.setUserAttr("owner", Map.of("team", "ml"));
    original.optimize(t -> {
      double x = t.suggestFloat("x", 0, 1);
      t.suggestCategorical("opt", List.of("adam", "sgd"));
      t.report(0, x / 2);
      t.setUserAttr("note", "trial " + t.number());
      if (t.number() == 2) {
        throw new TrialPrunedException("by hand");
      }
      if (t.number() == 3) {
        throw new IllegalStateException("boom");
      }
      return x;
    }, 8);
    original.enqueueTrial(Map.of("x", 0.25));

    InMemoryStorage to = new InMemoryStorage();
    Study copy = StudyCopy.copy("o", from, to, "c");
    assertThat(copy.name()).isEqualTo("c");
    assertThat(copy.directions()).containsExactly(StudyDirection.MAXIMIZE);
    assertThat(copy.userAttrs()).isEqualTo(original.userAttrs());
    // the copy's attributes are the original's, and a mark of where it came from
    Map<String, Object> marked = new java.util.HashMap<>(original.systemAttrs());
    marked.put(StudyCopy.COPY_ATTR, Map.of("from", "o", "finished", true));
    assertThat(copy.systemAttrs()).isEqualTo(marked);
    assertThat(StudyCopy.interrupted(copy.systemAttrs())).isFalse();
    assertThat(StudyCopy.interrupted(Map.of(StudyCopy.COPY_ATTR,
        Map.of("from", "o", "finished", false)))).isTrue();
    assertThat(copy.metricNames()).contains(List.of("accuracy"));
    List<FrozenTrial> a = original.trials();
    List<FrozenTrial> b = copy.trials();
    assertThat(b).hasSize(9);
    for (int i = 0; i < a.size(); i++) {
      FrozenTrial x = a.get(i);
      FrozenTrial y = b.get(i);
      assertThat(y.number()).isEqualTo(x.number());
      assertThat(y.state()).isEqualTo(x.state());
      assertThat(y.values()).isEqualTo(x.values());
      assertThat(y.params()).isEqualTo(x.params());
      assertThat(y.distributions()).isEqualTo(x.distributions());
      assertThat(y.intermediateValues()).isEqualTo(x.intermediateValues());
      assertThat(y.userAttrs()).isEqualTo(x.userAttrs());
      assertThat(y.systemAttrs()).isEqualTo(x.systemAttrs());
      assertThat(y.started()).isEqualTo(x.started());
      assertThat(y.completed()).isEqualTo(x.completed());
    }
    assertThat(b.get(3).state()).isEqualTo(TrialState.FAIL);
    assertThat(b.get(8).state()).isEqualTo(TrialState.WAITING);
    // the best trial, feasibility included, is the same
    assertThat(copy.bestTrial().number()).isEqualTo(original.bestTrial().number());
    // the copy goes on: the enqueued trial is claimed first, then new numbers follow
    copy.optimize(t -> t.suggestFloat("x", 0, 1), 2);
    assertThat(copy.trials().get(8).params()).containsEntry("x", 0.25);
    assertThat(copy.trials()).hasSize(10);
    assertThat(original.trials()).hasSize(9);
  }

  @Test
  void addTrialsWarmStartsAStudyWithAnothersTrials() {
    Study earlier = Study.builder().sampler(new RandomSampler(3)).build();
    earlier.optimize(t -> Math.pow(t.suggestFloat("x", -1, 1), 2), 6);
    Study next = Study.builder().sampler(new RandomSampler(4)).build();
    next.optimize(t -> Math.pow(t.suggestFloat("x", -1, 1), 2), 2);
    List<FrozenTrial> added = next.addTrials(earlier.trials());
    assertThat(added).extracting(FrozenTrial::number).containsExactly(2, 3, 4, 5, 6, 7);
    assertThat(added).extracting(FrozenTrial::params)
        .isEqualTo(earlier.trials().stream().map(FrozenTrial::params).toList());
    assertThat(added).extracting(FrozenTrial::completed)
        .isEqualTo(earlier.trials().stream().map(FrozenTrial::completed).toList());
    Study two = Study.builder().directions(StudyDirection.MINIMIZE, StudyDirection.MINIMIZE)
        .build();
    assertThatThrownBy(() -> two.addTrials(earlier.trials()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aMissingSourceOrATakenNameIsRefusedAndNothingIsWritten() {
    InMemoryStorage from = new InMemoryStorage();
    Study.builder().name("o").storage(from).build().optimize(t -> t.suggestFloat("x", 0, 1), 2);
    InMemoryStorage to = new InMemoryStorage();
    assertThatThrownBy(() -> StudyCopy.copy("nope", from, to, "c"))
        .isInstanceOf(StudyNotFoundException.class).hasMessageContaining("'nope'")
        .hasMessageContaining("[o]");
    Study.builder().name("c").storage(to).build();
    assertThatThrownBy(() -> StudyCopy.copy("o", from, to, "c"))
        .isInstanceOf(DuplicateStudyException.class);
    assertThat(to.trials(to.findStudy("c").orElseThrow())).isEmpty();
  }
}
