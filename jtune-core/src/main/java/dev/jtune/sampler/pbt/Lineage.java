package dev.jtune.sampler.pbt;

import dev.jtune.trial.FrozenTrial;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * The chain of trials a population member's network went through up to one trial: each trial's
 * {@link Segment#parent()}, back to the first interval of the member it descends from. Its
 * parameters over the chain are the schedule population-based training found (the learning rate
 * per interval, say).
 *
 * @param trials oldest first, ending with the trial asked about
 */
public record Lineage(List<FrozenTrial> trials) {

  public Lineage {
    trials = List.copyOf(trials);
    if (trials.isEmpty()) {
      throw new IllegalArgumentException("a lineage has at least one trial");
    }
  }

  /**
   * The lineage of {@code last} among {@code study}'s trials; empty when {@code last} is no
   * population member's interval. A parent missing from {@code study} ends the chain there.
   */
  public static Optional<Lineage> of(FrozenTrial last, List<FrozenTrial> study) {
    if (Segment.of(last.systemAttrs()).isEmpty()) {
      return Optional.empty();
    }
    Map<Integer, FrozenTrial> byNumber = new HashMap<>();
    study.forEach(t -> byNumber.put(t.number(), t));
    List<FrozenTrial> chain = new ArrayList<>();
    for (FrozenTrial t = last; t != null && chain.size() <= byNumber.size(); ) {
      chain.add(0, t);
      var parent = Segment.of(t.systemAttrs()).map(Segment::parent).orElse(
          java.util.OptionalInt.empty());
      t = parent.isPresent() ? byNumber.get(parent.getAsInt()) : null;
    }
    return Optional.of(new Lineage(chain));
  }

  /** The values of parameter {@code name} along the chain (an absent one as {@code null}). */
  public List<Object> values(String name) {
    List<Object> out = new ArrayList<>();
    trials.forEach(t -> out.add(t.params().get(name)));
    return out;
  }

  /**
   * One line: each trial's number, "copies #P" where it took another member's network, and the
   * parameters that changed from the trial before (all of the first's), for at most
   * {@code steps} trials (the first and the last ones, an ellipsis between).
   */
  public String describe(int steps) {
    if (steps < 2) {
      throw new IllegalArgumentException("steps=" + steps + " must be >= 2");
    }
    StringJoiner out = new StringJoiner(" -> ");
    int head = trials.size() <= steps ? trials.size() : 1;
    for (int i = 0; i < trials.size(); i++) {
      if (i == head && head < trials.size() - (steps - 1)) {
        out.add("...");
        i = trials.size() - (steps - 1);
      }
      out.add(step(i));
    }
    return out.toString();
  }

  private String step(int i) {
    FrozenTrial t = trials.get(i);
    StringBuilder s = new StringBuilder("#").append(t.number());
    Segment segment = Segment.of(t.systemAttrs()).orElseThrow();
    if (segment.exploited()) {
      s.append(" (copies #").append(segment.parent().getAsInt()).append(')');
    }
    StringJoiner changed = new StringJoiner(", ");
    t.params().forEach((name, value) -> {
      if (i == 0 || !Objects.equals(value, trials.get(i - 1).params().get(name))) {
        changed.add(name + "=" + (value instanceof Double d ? String.format("%.3g", d) : value));
      }
    });
    if (changed.length() > 0) {
      s.append(' ').append(changed);
    }
    return s.toString();
  }
}
