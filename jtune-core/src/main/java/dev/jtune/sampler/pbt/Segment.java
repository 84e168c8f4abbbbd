package dev.jtune.sampler.pbt;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What a trial of a population-based study is: one interval of one member's training. The sampler
 * stores it with the trial as system attributes ({@value #MEMBER}, {@value #INDEX},
 * {@value #PARENT}, {@value #EXPLOITED}), so an objective in any process reads it back with
 * {@link #of(Map)} from {@link dev.jtune.trial.Trial#systemAttrs()}.
 *
 * <p>The objective's part of the contract: a segment with a {@link #parent()} starts from the
 * state (weights, optimizer state, epochs trained) that the parent trial left when it ended, and
 * trains for one more interval; one without starts afresh. It returns the metric at the end of its
 * interval (not the best along it: the members are ranked by where they are now), and keeps its
 * own end state for the trials that will start from it.
 *
 * @param member the member, {@code 0 .. populationSize - 1}
 * @param index the member's interval, from 0
 * @param parent the number of the trial whose end state this one starts from: the member's own
 *     previous interval, or a better member's after an exploit; empty for a fresh start
 * @param exploited whether the parent is another member's (or the member's own restarted after a
 *     failure), and the parameters were explored from the parent's
 * @param obsolete trials whose end states no later trial can start from any more (found when this
 *     trial's segment was decided, and not named by an earlier trial): their checkpoints may be
 *     deleted
 */
public record Segment(int member, int index, OptionalInt parent, boolean exploited,
    List<Integer> obsolete) {

  /** System attribute: the member a trial trains. */
  public static final String MEMBER = "pbt:member";
  /** System attribute: the member's interval the trial trains, from 0. */
  public static final String INDEX = "pbt:segment";
  /** System attribute: the trial whose end state this one starts from (absent for none). */
  public static final String PARENT = "pbt:parent";
  /** System attribute: whether the trial copied another member. */
  public static final String EXPLOITED = "pbt:exploited";
  /** System attribute: the trials whose checkpoints are no longer needed. */
  public static final String OBSOLETE = "pbt:obsolete";

  /** A segment that makes no checkpoint obsolete. */
  public Segment(int member, int index, OptionalInt parent, boolean exploited) {
    this(member, index, parent, exploited, List.of());
  }

  public Segment {
    if (member < 0 || index < 0) {
      throw new IllegalArgumentException("member=" + member + " and index=" + index
          + " must be >= 0");
    }
    if (exploited && parent.isEmpty()) {
      throw new IllegalArgumentException("an exploiting segment needs a parent");
    }
    obsolete = List.copyOf(obsolete);
  }

  /** The segment stored in these system attributes, if they hold one. */
  public static Optional<Segment> of(Map<String, Object> systemAttrs) {
    if (!(systemAttrs.get(MEMBER) instanceof Number member)
        || !(systemAttrs.get(INDEX) instanceof Number index)) {
      return Optional.empty();
    }
    OptionalInt parent = systemAttrs.get(PARENT) instanceof Number p
        ? OptionalInt.of(p.intValue()) : OptionalInt.empty();
    List<Integer> obsolete = new ArrayList<>();
    if (systemAttrs.get(OBSOLETE) instanceof List<?> list) {
      list.forEach(n -> obsolete.add(((Number) n).intValue()));
    }
    return Optional.of(new Segment(member.intValue(), index.intValue(), parent,
        Boolean.TRUE.equals(systemAttrs.get(EXPLOITED)), obsolete));
  }

  /**
   * The system attributes that store this segment, {@value #MEMBER} and {@value #INDEX} last:
   * written in this order, a reader in another process that sees the segment ({@link #of} needs
   * those two) sees all of it.
   */
  public Map<String, Object> attrs() {
    Map<String, Object> out = new LinkedHashMap<>();
    parent.ifPresent(p -> out.put(PARENT, p));
    out.put(EXPLOITED, exploited);
    if (!obsolete.isEmpty()) {
      out.put(OBSOLETE, obsolete);
    }
    out.put(MEMBER, member);
    out.put(INDEX, index);
    return out;
  }
}
