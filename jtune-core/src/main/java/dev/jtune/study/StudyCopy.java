package dev.jtune.study;

import dev.jtune.storage.Storage;
import dev.jtune.storage.StudyId;
import dev.jtune.storage.StudyNotFoundException;
import dev.jtune.storage.StudyRecord;
import dev.jtune.storage.TrialTemplate;
import dev.jtune.trial.FrozenTrial;
import java.util.List;
import java.util.Objects;

/**
 * Copies a study from one storage to another, as Optuna's {@code copy_study}: the directions, the
 * study's user and system attributes (its metric names, a study file's configuration), and every
 * trial in number order with its state, values, parameters, reported values, attributes (stored
 * constraint values included) and start and end times, so the copy numbers its trials as the
 * original does. The usual use: a study begun on a SQLite file moves to PostgreSQL for many
 * workers, or is kept as a backup. Running trials are copied as running (their workers write to
 * the original), waiting ones as waiting.
 */
public final class StudyCopy {
  /**
   * System attribute of a copy: {@code {"from": NAME, "finished": false}} while the trials are
   * written, {@code true} once all are; a copy whose process was killed keeps {@code false}
   * ({@link #interrupted}).
   */
  public static final String COPY_ATTR = "jtune:copy";

  private StudyCopy() {}

  /** Whether a study's system attributes mark it as a copy whose writing never finished. */
  public static boolean interrupted(java.util.Map<String, Object> studySystemAttrs) {
    return studySystemAttrs.get(COPY_ATTR) instanceof java.util.Map<?, ?> m
        && Boolean.FALSE.equals(m.get("finished"));
  }

  /**
   * Copies study {@code fromName} of {@code from} into {@code to} as {@code toName} and opens the
   * copy (with the default sampler and no pruner, as {@link Study#load}). The original is only
   * read. When a write to {@code to} fails, the partial copy is deleted before the exception
   * propagates; a copy whose process is killed stays marked unfinished ({@link #COPY_ATTR}).
   *
   * @throws StudyNotFoundException naming the study and listing the known ones if {@code from}
   *     has no study of that name
   * @throws dev.jtune.storage.DuplicateStudyException if {@code to} has a study named
   *     {@code toName} already
   */
  public static Study copy(String fromName, Storage from, Storage to, String toName) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    StudyId source = from.findStudy(fromName).orElseThrow(() -> new StudyNotFoundException(
        "no study named '" + fromName + "' to copy; the storage has "
            + from.studies().stream().map(StudyRecord::name).toList()));
    StudyRecord study = from.study(source);
    List<FrozenTrial> trials = from.trials(source);
    StudyId target = to.createStudy(toName, study.directions());
    try {
      to.setStudySystemAttr(target, COPY_ATTR, java.util.Map.of("from", fromName,
          "finished", false));
      study.userAttrs().forEach((k, v) -> to.setStudyUserAttr(target, k, v));
      study.systemAttrs().forEach((k, v) -> {
        if (!k.equals(COPY_ATTR)) {
          to.setStudySystemAttr(target, k, v);
        }
      });
      for (FrozenTrial t : trials) {
        to.createTrial(target, TrialTemplate.of(t));   // Study.addTrials, before the study opens
      }
      to.setStudySystemAttr(target, COPY_ATTR, java.util.Map.of("from", fromName,
          "finished", true));
    } catch (RuntimeException e) {
      try {
        to.deleteStudy(target);
      } catch (RuntimeException alsoFailed) {
        e.addSuppressed(alsoFailed);
      }
      throw e;
    }
    return Study.load(toName, to);
  }
}
