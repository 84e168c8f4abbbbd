package dev.jtune.sampler.pbt;

import dev.jtune.study.StudyView;
import dev.jtune.trial.FrozenTrial;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The population's decisions in the order they were made, kept as study system attributes
 * {@code pbt:decision:0}, {@code pbt:decision:1}, ...: each a {@link Segment}'s attributes and the
 * number of the trial it was decided for.
 *
 * <p>A decision is made on what the log and the trials say, then {@link #append appended} by
 * claiming the slot after the last one read ({@link StudyView#claimSystemAttr}). Of two workers
 * that read the same log, only one gets that slot; the other reads again and decides anew. So every
 * decision saw every earlier one (a member taken, a checkpoint still needed) and trial states no
 * older than theirs, whichever threads and processes made them, even where a worker died between
 * its decision and storing the segment with its trial.
 *
 * @param next the first free slot
 * @param byTrial each trial's segment, as decided
 */
record DecisionLog(int next, Map<Integer, Segment> byTrial) {
  /** Prefix of the study system attributes that hold the log, followed by the slot. */
  static final String PREFIX = PopulationBasedSampler.DECISION_LOG_PREFIX;
  /** Key, in a slot's value, of the trial the segment was decided for. */
  static final String TRIAL = "pbt:trial";

  DecisionLog {
    byTrial = Map.copyOf(byTrial);
  }

  /** The log stored in a study's system attributes (empty for a study that has none). */
  static DecisionLog read(Map<String, Object> studyAttrs) {
    Map<Integer, Segment> segments = new HashMap<>();
    int next = 0;
    Map<Integer, Integer> slotOfTrial = new HashMap<>();
    for (Map.Entry<String, Object> e : studyAttrs.entrySet()) {
      if (!e.getKey().startsWith(PREFIX)) {
        continue;
      }
      int slot;
      try {
        slot = Integer.parseInt(e.getKey().substring(PREFIX.length()));
      } catch (NumberFormatException notASlot) {
        continue;
      }
      // a slot taken is taken, whatever it holds: a value that is no decision (set by hand, or
      // by another version) is skipped, and the next decision claims the slot after it
      next = Math.max(next, slot + 1);
      if (!(e.getValue() instanceof Map<?, ?> value) || !(value.get(TRIAL) instanceof Number n)) {
        continue;
      }
      Optional<Segment> segment;
      try {
        @SuppressWarnings("unchecked")
        Map<String, Object> attrs = (Map<String, Object>) value;
        segment = Segment.of(attrs);
      } catch (RuntimeException notASegment) {
        continue;
      }
      int trial = n.intValue();
      if (segment.isPresent() && slot >= slotOfTrial.getOrDefault(trial, -1)) {
        slotOfTrial.put(trial, slot);
        segments.put(trial, segment.get());
      }
    }
    return new DecisionLog(next, segments);
  }

  /**
   * The trial's segment: as decided in the log, or as stored with the trial (a study that
   * population-based training began before the log existed).
   */
  Optional<Segment> segmentOf(FrozenTrial trial) {
    Segment logged = byTrial.get(trial.number());
    return logged != null ? Optional.of(logged) : Segment.of(trial.systemAttrs());
  }

  /**
   * Claims slot {@link #next} for the trial's segment.
   *
   * @return whether the slot is the trial's: {@code false} when another worker took it since this
   *     log was read (read it again and decide anew)
   */
  boolean append(StudyView study, int trial, Segment segment) {
    Map<String, Object> value = new LinkedHashMap<>(segment.attrs());
    value.put(TRIAL, trial);
    Object held = study.claimSystemAttr(PREFIX + next, value);
    return held instanceof Map<?, ?> m && m.get(TRIAL) instanceof Number n && n.intValue() == trial;
  }
}
